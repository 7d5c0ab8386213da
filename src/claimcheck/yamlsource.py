"""Reading a claim file's YAML into plain data that remembers where every key and value stood.

We use PyYAML's C composer (libyaml) for speed and build the values ourselves, so that:
every scalar stays the string that was written ("NO" is not False, "65.0" keeps its zero);
duplicate keys are errors, not silently overwritten; anchors and aliases are refused, which
rules out alias bombs; and nothing in the file is ever constructed into a Python object
other than str, list and dict. Positions are 1-based lines and columns.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from claimcheck import rules
from claimcheck.limits import MAX_FILE_BYTES
from claimcheck.limits import MAX_YAML_NODES as MAX_NODES

Path = tuple[str | int, ...]
"""Where a value sits in the document: keys and list indexes from the top."""

PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
"""The tags plain YAML gives its values; any other tag asks for something a claim file never needs."""


class Mark(NamedTuple):
    """A place in a file: 1-based line and column; ordered by line, then column.

    A named tuple rather than a dataclass: a file's records and figures make thousands of
    them, and a tuple is made faster (and its class at import without generating code).
    """

    line: int
    col: int


class YamlError(ValueError):
    """A claim file that is not a YAML document claimcheck can read."""

    def __init__(self, message: str, mark: Mark, code: str = rules.YAML_INVALID) -> None:
        self.message = message
        self.mark = mark
        self.code = code
        super().__init__(message)


class Document:
    """Plain data (dict, list, str or None) with the place of every value and key.

    Places are kept packed in one integer each (see :func:`_position`) and turned into a
    :class:`Mark` only when asked for: most are never needed, since a mark is wanted for
    records and problems only. An integer costs the collector nothing to track.
    """

    __slots__ = ("data", "errors", "keys", "quoted", "values")

    def __init__(
        self,
        data: Any,
        values: dict[Path, int],
        keys: dict[Path, int],
        errors: list[YamlError],
        quoted: frozenset[Path] = frozenset(),
    ) -> None:
        self.data = data
        self.values = values
        """The position of each value, by path."""
        self.keys = keys
        """The position of each mapping key, by the path of its value."""
        self.errors = errors
        """Problems that did not stop the reading, such as duplicate keys."""
        self.quoted = quoted
        """Paths of scalars written in quotes, whose text starts one column after their mark."""

    def mark(self, path: Path) -> Mark:
        """The place of the value at ``path``, or of its nearest enclosing value."""
        values = self.values
        position = values.get(path)
        while position is None and path:
            path = path[:-1]
            position = values.get(path)
        return Mark(1, 1) if position is None else _unpack(position)

    def text_mark(self, path: Path, offset: int) -> Mark:
        """The place of the character at ``offset`` in the one-line scalar at ``path``."""
        mark = self.mark(path)
        return Mark(mark.line, mark.col + offset + (1 if path in self.quoted else 0))

    def key_mark(self, path: Path) -> Mark:
        """The place of the key whose value is at ``path``."""
        position = self.keys.get(path)
        return self.mark(path) if position is None else _unpack(position)


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

    try:
        node = yaml.compose(text, Loader=_composer())
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


_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_SPECIAL_PLAIN_SCALARS = {
    "": _NULL_TAG,
    "~": _NULL_TAG,
    "null": _NULL_TAG,
    "Null": _NULL_TAG,
    "NULL": _NULL_TAG,
    "<<": _MERGE_TAG,
    "=": "tag:yaml.org,2002:value",
    "!": "tag:yaml.org,2002:yaml",
    "&": "tag:yaml.org,2002:yaml",
    "*": "tag:yaml.org,2002:yaml",
}
"""The plain scalars whose implicit tag matters here: nulls, the merge key, and the two tags
PyYAML gives '=' and '!', '&', '*' (which are refused, as any other tag is). Every other
plain scalar keeps its text, so whether YAML would read it as a number, a boolean or a date
makes no difference: all of those tags are in :data:`PLAIN_TAGS`."""


@functools.cache
def _composer() -> type[Any]:
    """PyYAML's C parser with a resolver that does only what claim files need.

    PyYAML's resolver tries a list of regular expressions on every plain scalar to find its
    implicit tag; claimcheck keeps every scalar as text and only asks whether it is null or
    the merge key, so one dictionary look-up does. Falls back to the pure-Python loader
    where PyYAML was built without libyaml.
    """
    import yaml

    parser: type[Any]
    try:
        from yaml._yaml import CParser as parser
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        parser = yaml.SafeLoader

    class Composer(parser, yaml.resolver.BaseResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            parser.__init__(self, stream)
            yaml.resolver.BaseResolver.__init__(self)

        def resolve(self, kind: type[Any], value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    return _SPECIAL_PLAIN_SCALARS.get(value, _STR_TAG)
                return _STR_TAG
            if kind is yaml.SequenceNode:
                return "tag:yaml.org,2002:seq"
            return "tag:yaml.org,2002:map"

    return Composer


class _Builder:
    def __init__(self) -> None:
        import yaml

        self.values: dict[Path, int] = {}
        self.keys: dict[Path, int] = {}
        self.seen: set[int] = set()
        self.errors: list[YamlError] = []
        self.quoted: list[Path] = []
        self.scalar, self.sequence, self.mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

    def build(self, node: Any, path: Path) -> Any:
        seen = self.seen
        if id(node) in seen:  # the composer shares an anchored node with its aliases
            raise YamlError("anchors and aliases are not allowed in claim files", _mark(node))
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise YamlError(f"file has more than {MAX_NODES:,} YAML values", _mark(node))
        self.values[path] = _position(node)
        tag = node.tag
        if tag not in PLAIN_TAGS:
            self.errors.append(YamlError(f"YAML tags such as {tag!r} are not allowed", _mark(node)))
        kind = type(node)
        if kind is self.scalar:
            style = node.style
            # A plain (unquoted) null, ~ or empty value is null; the C composer gives plain
            # scalars the style '' and the Python one None. A quoted "null" is the text.
            if not style and tag == _NULL_TAG:
                return None
            if style in {"'", '"'}:
                self.quoted.append(path)
            return node.value
        if kind is self.sequence:
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if kind is self.mapping:
            result: dict[str, Any] = {}
            keys = self.keys
            for key_node, value_node in node.value:
                if type(key_node) is not self.scalar:
                    raise YamlError("mapping keys must be plain words", _mark(key_node))
                if key_node.tag == _MERGE_TAG:
                    raise YamlError("merge keys ('<<') are not allowed in claim files", _mark(key_node))
                key = key_node.value
                key_path = (*path, key)
                if key in result:
                    first = _unpack(keys[key_path])
                    self.errors.append(
                        YamlError(f"duplicate key {key!r} (first at line {first.line})", _mark(key_node))
                    )
                    continue
                keys[key_path] = _position(key_node)
                result[key] = self.build(value_node, key_path)
            return result
        raise YamlError(f"unexpected YAML node {kind.__name__}", _mark(node))  # pragma: no cover


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


_LINE = 1 << 40
"""Packing a 0-based line and column into one integer: line * _LINE + column (no line of a
file within the size limit is that long)."""


def _position(node: Any) -> int:
    mark = node.start_mark
    position: int = mark.line * _LINE + mark.column
    return position


def _unpack(position: int) -> Mark:
    line, column = divmod(position, _LINE)
    return Mark(line + 1, column + 1)
