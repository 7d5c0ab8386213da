"""Reading a claim file's YAML into plain data that remembers where every key and value stood.

We use PyYAML's C composer (libyaml) for speed and build the values ourselves, so that:
every scalar stays the string that was written ("NO" is not False, "65.0" keeps its zero);
duplicate keys are errors, not silently overwritten; anchors and aliases are refused, which
rules out alias bombs; and nothing in the file is ever constructed into a Python object
other than str, list and dict. Positions are 1-based lines and columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimcheck import rules
from claimcheck.limits import MAX_FILE_BYTES
from claimcheck.limits import MAX_YAML_NODES as MAX_NODES

Path = tuple[str | int, ...]
"""Where a value sits in the document: keys and list indexes from the top."""

PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
"""The tags plain YAML gives its values; any other tag asks for something a claim file never needs."""


@dataclass(frozen=True, order=True)
class Mark:
    """A place in a file: 1-based line and column."""

    line: int
    col: int


class YamlError(ValueError):
    """A claim file that is not a YAML document claimcheck can read."""

    def __init__(self, message: str, mark: Mark, code: str = rules.YAML_INVALID) -> None:
        self.message = message
        self.mark = mark
        self.code = code
        super().__init__(message)


@dataclass(repr=False, eq=False)
class Document:
    """Plain data (dict, list, str or None) with the place of every value and key."""

    data: Any
    values: dict[Path, Mark]
    keys: dict[Path, Mark]
    errors: list[YamlError]
    """Problems that did not stop the reading, such as duplicate keys."""
    quoted: frozenset[Path] = frozenset()
    """Paths of scalars written in quotes, whose text starts one column after their mark."""

    def mark(self, path: Path) -> Mark:
        """The place of the value at ``path``, or of its nearest enclosing value."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Mark(1, 1))

    def text_mark(self, path: Path, offset: int) -> Mark:
        """The place of the character at ``offset`` in the one-line scalar at ``path``."""
        mark = self.mark(path)
        return Mark(mark.line, mark.col + offset + (1 if path in self.quoted else 0))

    def key_mark(self, path: Path) -> Mark:
        """The place of the key whose value is at ``path``."""
        return self.keys.get(path) or self.mark(path)


def decode(raw: bytes) -> str:
    """The text of a claim file, which must be UTF-8 (a byte-order mark is allowed)."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB", Mark(1, 1), rules.FILE_UNREADABLE
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise YamlError(
            "file is binary, not a YAML claim file (it holds a NUL byte)",
            Mark(line, 1),
            rules.FILE_UNREADABLE,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            f"file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be decoded)",
            Mark(line, col),
            rules.FILE_UNREADABLE,
        ) from None


def parse(text: str) -> Document:
    """Parse one YAML document into a :class:`Document`."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader_class)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        reason = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise YamlError(f"not valid YAML: {_one_line(reason)}", where) from None
    except yaml.reader.ReaderError as error:
        # A character YAML does not allow: its message names a position, not a line.
        character = error.character
        what = f"#x{character:04x}" if isinstance(character, int) else repr(character)
        raise YamlError(
            f"not valid YAML: unacceptable character {what}: {error.reason}", _place(text, error.position)
        ) from None
    except yaml.YAMLError as error:
        raise YamlError(f"not valid YAML: {_one_line(str(error))}", Mark(1, 1)) from None
    if node is None:
        raise YamlError("file is empty: expected a claim file with 'article' and 'claims'", Mark(1, 1))
    builder = _Builder()
    data = builder.build(node, ())
    return Document(data, builder.values, builder.keys, builder.errors, frozenset(builder.quoted))


class _Builder:
    def __init__(self) -> None:
        self.values: dict[Path, Mark] = {}
        self.keys: dict[Path, Mark] = {}
        self.seen: set[int] = set()
        self.errors: list[YamlError] = []
        self.quoted: list[Path] = []

    def build(self, node: Any, path: Path) -> Any:
        import yaml

        mark = _mark(node)
        if id(node) in self.seen:
            raise YamlError("anchors and aliases are not allowed in claim files", mark)
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise YamlError(f"file has more than {MAX_NODES:,} YAML values", mark)
        self.values[path] = mark
        if node.tag not in PLAIN_TAGS:
            self.errors.append(YamlError(f"YAML tags such as {node.tag!r} are not allowed", mark))
        if isinstance(node, yaml.ScalarNode):
            # A plain (unquoted) null, ~ or empty value is null; the C composer gives plain
            # scalars the style '' and the Python one None. A quoted "null" is the text.
            if node.tag == "tag:yaml.org,2002:null" and not node.style:
                return None
            if node.style in ("'", '"'):
                self.quoted.append(path)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlError("mapping keys must be plain words", _mark(key_node))
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlError("merge keys ('<<') are not allowed in claim files", _mark(key_node))
                key = key_node.value
                if key in result:
                    first = self.keys[(*path, key)]
                    self.errors.append(
                        YamlError(f"duplicate key {key!r} (first at line {first.line})", _mark(key_node))
                    )
                    continue
                self.keys[(*path, key)] = _mark(key_node)
                result[key] = self.build(value_node, (*path, key))
            return result
        raise YamlError(f"unexpected YAML node {type(node).__name__}", mark)  # pragma: no cover


def _one_line(text: str) -> str:
    """A message on one line: PyYAML's may run over two."""
    return " ".join(text.split())


def _place(text: str, position: int) -> Mark:
    """The line and column of a character offset in ``text``."""
    position = max(0, min(position, len(text)))
    line_start = text.rfind("\n", 0, position) + 1
    return Mark(text.count("\n", 0, position) + 1, position - line_start + 1)


def _mark(node: Any) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)
