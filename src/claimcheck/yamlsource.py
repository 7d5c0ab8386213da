"""Reading a claim file's YAML into plain data that remembers where every key and value stood.

We use PyYAML's C composer (libyaml) for speed and build the values ourselves, so that:
every scalar stays the string that was written ("NO" is not False, "65.0" keeps its zero);
duplicate keys are errors, not silently overwritten; anchors and aliases are refused, which
rules out alias bombs; and nothing in the file is ever constructed into a Python object
other than str, list and dict. Positions are 1-based lines and columns.
"""

from __future__ import annotations

import functools
import threading
from typing import Any, NamedTuple

from claimcheck import rules
from claimcheck.limits import MAX_FILE_BYTES, MAX_YAML_DEPTH
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


Position = int
"""A place packed in one integer: ``line * _LINE + column`` (both 0-based), plus :data:`_QUOTED`
for a scalar written in quotes. An integer costs the collector nothing to track, and most
places are never turned into a :class:`Mark`: only those of records and problems are."""

Places = tuple[Position, Any]
"""Where a mapping or a list and what it holds stand: its own position, and the positions of
its values (a dict by key, or a list by index). The positions of a mapping's keys are kept
apart (see :meth:`Document.key_position`)."""

KeyPlaces = dict[int, dict[str, Position]]
"""The positions of every mapping's keys, by the ``id()`` of the mapping."""


class Document:
    """Plain data (dict, list, str or None) with the place of every value and key.

    The places of what a mapping or a list holds are kept beside it, found by the identity of
    the dict or list (which the document keeps alive): reading the YAML makes no path for
    each value, and a record's fields find their places in one look-up.
    """

    __slots__ = ("_keys", "data", "errors", "places", "root", "text")

    def __init__(
        self,
        text: str,
        data: Any,
        root: Position,
        places: dict[int, Places],
        errors: list[YamlError],
        keys: KeyPlaces | None = None,
    ) -> None:
        self.text = text
        """The YAML the document was read from."""
        self.data = data
        self.root = root
        """The position of ``data``."""
        self.places = places
        """The :data:`Places` of every mapping and list in ``data``, by ``id()``."""
        self.errors = errors
        """Problems that did not stop the reading, such as duplicate keys."""
        self._keys = keys
        """The positions of the keys, or None until they are first asked for."""

    # places of values the caller holds --------------------------------------------------
    def position(self, container: Any) -> Position:
        """The position of a mapping or a list of this document's data."""
        return self.places[id(container)][0]

    def value_position(self, container: Any, key: str | int) -> Position:
        """The position of ``container[key]``, or of ``container`` when it holds no such value."""
        own, values = self.places[id(container)]
        if isinstance(values, dict):
            found = values.get(key)
            return own if found is None else found
        if type(key) is int and 0 <= key < len(values):
            return values[key]  # type: ignore[no-any-return]
        return own

    def key_position(self, container: Any, key: str) -> Position:
        """The position of the key ``key`` of a mapping (of the mapping when it has no such key)."""
        keys = self._keys
        if keys is None:
            keys = self._keys = _key_places(self)
        held = keys.get(id(container))  # a list holds no keys
        found = held.get(key) if held is not None else None
        return self.places[id(container)][0] if found is None else found

    # places by path from the top --------------------------------------------------------
    def mark(self, path: Path) -> Mark:
        """The place of the value at ``path``, or of its nearest enclosing value."""
        return position_mark(self._walk(path)[0])

    def text_mark(self, path: Path, offset: int) -> Mark:
        """The place of the character at ``offset`` in the one-line scalar at ``path``."""
        position, whole = self._walk(path)
        return text_mark(position if whole else position & ~_QUOTED, offset)

    def key_mark(self, path: Path) -> Mark:
        """The place of the key whose value is at ``path``."""
        if path:
            container, whole = self._find(path[:-1])
            key = path[-1]
            if whole and isinstance(container, dict) and key in container:
                return position_mark(self.key_position(container, key))  # type: ignore[arg-type]
        return self.mark(path)

    def _find(self, path: Path) -> tuple[Any, bool]:
        """The value at ``path``, or its nearest enclosing value; and whether it was found."""
        value = self.data
        for step in path:
            if not _holds(value, step):
                return value, False
            value = value[step]
        return value, True

    def _walk(self, path: Path) -> tuple[Position, bool]:
        """The position of the value at ``path`` or of its nearest enclosing value; and
        whether the whole path was found."""
        value, position = self.data, self.root
        for step in path:
            if not _holds(value, step):
                return position, False
            position = self.places[id(value)][1][step]
            value = value[step]
        return position, True


def _holds(value: Any, step: str | int) -> bool:
    """Whether ``value`` is a mapping with the key ``step`` or a list with the index ``step``."""
    if isinstance(value, dict):
        return type(step) is str and step in value
    return isinstance(value, list) and type(step) is int and 0 <= step < len(value)


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

    if len(text) >= _QUOTED:  # decode() refuses such a file first: places would not fit
        raise YamlError(
            f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB", Mark(1, 1), rules.FILE_UNREADABLE
        )
    node = None
    try:
        document = _read_events(text)
        if document is None:
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
    if document is not None:
        return document
    if node is None:
        raise YamlError("file is empty: expected a claim file with 'article' and 'claims'", Mark(1, 1))
    builder = _Builder()
    data, root = builder.build(node)
    return Document(text, data, root, builder.places, builder.errors, builder.keys)


_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
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

_MAX_EVENT_DEPTH = 100
"""Nesting past which the event reader leaves a file to the composer, whose reading decides
(a claim file nests five deep)."""


def _read_events(text: str) -> Document | None:  # noqa: PLR0915 - the handlers share the reading's state
    """The document read in one pass over libyaml's events, or None to leave it to the composer.

    Nearly every claim file is plain mappings, lists and scalars: for those, the values and
    their places are built straight from the parser's events, without the composer's tree of
    nodes, a resolver call for each of them, or a second walk; and without the places of the
    keys, which only problems ask for (see :func:`_key_places`). Anything unusual (an anchor
    or an alias, a key that is not a plain word, a merge key, a duplicate key, a second
    document, deep nesting, too many values, an empty file) returns None, and :func:`parse`
    composes the file and builds it with :class:`_Builder`, whose reading is the reference:
    the result is the same, only reached faster. A syntax error is raised as the composer
    would raise it, since the composer pulls the same events in the same order.

    libyaml's parser makes each event a Python object by calling the event class its module
    names: for a scalar, a Python ``__init__`` that sets seven attributes, a quarter of the
    reading's time. While this reads, under a lock, the module names the handlers below
    instead, which build the values from the event's parts as they come; it names its own
    classes again before this returns, whatever happens. The events they do not stand in for
    (the end of the document, an alias) come back as PyYAML's objects and end the loop. Were
    a PyYAML release to stop looking those names up, the first event would come back as an
    object too, and every file would go to the composer: still right, only slower (a test
    says so).
    """
    libyaml = _libyaml()
    if libyaml is None:  # pragma: no cover - PyYAML without libyaml
        return None
    module, parser, originals, document_start, document_end, stream_end = libyaml
    # While the handlers are named, another thread's PyYAML reading calls them too: they hand
    # it PyYAML's own event, so that neither reading sees the other's.
    get_ident = threading.get_ident
    reader = get_ident()
    scalar_event = originals["ScalarEvent"]
    mapping_start_event = originals["MappingStartEvent"]
    sequence_start_event = originals["SequenceStartEvent"]
    mapping_end_event = originals["MappingEndEvent"]
    sequence_end_event = originals["SequenceEndEvent"]
    special = _SPECIAL_PLAIN_SCALARS
    line = _LINE
    errors: list[YamlError] = []
    places: dict[int, Places] = {}
    top: list[Any] = []  # holds the document's one value, and its place
    top_places: list[Position] = []
    container: Any = top
    values: Any = top_places
    is_mapping = False
    key: str | None = None  # in a mapping, the key read whose value comes next
    stack: list[tuple[Any, Any, bool]] = []

    def scalar(anchor: Any, tag: Any, implicit: Any, value: str, start: Any, end: Any, style: Any) -> object:
        nonlocal key
        if get_ident() != reader:
            return scalar_event(anchor, tag, implicit, value, start, end, style)
        if anchor is not None:
            return _LEAVE
        if is_mapping and key is None:
            if tag is not None or value == "<<" or value in container:
                return _LEAVE  # a tagged or merge key; a duplicate key, whose message names the first's line
            key = value
            return None
        position = start.line * line + start.column
        if tag is None and (style or value not in special):
            # The common case: an untagged plain or quoted scalar that is text.
            if style in {'"', "'"}:
                position += _QUOTED
        else:
            value, position = _scalar(tag, implicit, value, style, position, errors)
        if is_mapping:
            container[key] = value
            values[key] = position
            key = None
        else:
            container.append(value)
            values.append(position)
        return None

    def collection_start(anchor: Any, tag: Any, start: Any, child: Any) -> object:
        nonlocal container, values, is_mapping, key
        if anchor is not None or (is_mapping and key is None) or len(stack) > _MAX_EVENT_DEPTH:
            return _LEAVE  # an anchor; a key that is a mapping or a list
        position = start.line * line + start.column
        if tag is not None and tag != "!" and tag not in PLAIN_TAGS:
            errors.append(_tag_error(tag, position))
        if is_mapping:
            container[key] = child
            values[key] = position
        else:
            container.append(child)
            values.append(position)
        stack.append((container, values, is_mapping))
        is_mapping = type(child) is dict
        container, values, key = child, {} if is_mapping else [], None
        places[id(child)] = (position, values)
        return None

    def mapping_start(anchor: Any, tag: Any, implicit: Any, start: Any, end: Any, flow: Any) -> object:
        if get_ident() != reader:
            return mapping_start_event(anchor, tag, implicit, start, end, flow)
        return collection_start(anchor, tag, start, {})

    def sequence_start(anchor: Any, tag: Any, implicit: Any, start: Any, end: Any, flow: Any) -> object:
        if get_ident() != reader:
            return sequence_start_event(anchor, tag, implicit, start, end, flow)
        return collection_start(anchor, tag, start, [])

    def collection_end() -> None:
        nonlocal container, values, is_mapping, key
        container, values, is_mapping = stack.pop()
        key = None

    def mapping_end(start: Any, end: Any) -> object:
        if get_ident() != reader:
            return mapping_end_event(start, end)
        collection_end()
        return None

    def sequence_end(start: Any, end: Any) -> object:
        if get_ident() != reader:
            return sequence_end_event(start, end)
        collection_end()
        return None

    names = vars(module)
    with _HANDLERS_IN_USE:
        try:
            names.update(
                ScalarEvent=scalar,
                MappingStartEvent=mapping_start,
                SequenceStartEvent=sequence_start,
                MappingEndEvent=mapping_end,
                SequenceEndEvent=sequence_end,
            )
            get = parser(text).get_event
            get()  # the start of the stream
            if type(get()) is not document_start:  # an empty stream
                return None
            event = get()
            while event is None:  # what the handlers return
                event = get()
        finally:
            names.update(originals)
    if type(event) is not document_end:
        return None  # a handler left the file to the composer; an alias
    if type(get()) is not stream_end:
        return None  # a second document: the composer says so
    if 1 + sum(len(held) for _, held in places.values()) > MAX_NODES:
        return None
    return Document(text, top[0], top_places[0], places, errors)


_LEAVE = object()
"""What an event handler returns to stop the reading and leave the file to the composer."""

_HANDLERS_IN_USE = threading.Lock()
"""Held while libyaml's module names our event handlers, which hold one reading's state. (A
process forked by another thread during a reading would start with the handlers named and
this held: claimcheck forks its workers from its main thread, which is not reading then.)"""


def _scalar(
    tag: str | None,
    implicit: tuple[bool, bool],
    value: str,
    style: str,
    position: Position,
    errors: list[YamlError],
) -> tuple[Any, Position]:
    """The value and position of a scalar that may be tagged, null or quoted; reports a refused tag."""
    if tag is None or tag == "!":
        tag = _SPECIAL_PLAIN_SCALARS.get(value, _STR_TAG) if implicit[0] else _STR_TAG
    if tag not in PLAIN_TAGS:
        errors.append(_tag_error(tag, position))
    if not style and tag == _NULL_TAG:
        return None, position
    if style in {"'", '"'}:
        position += _QUOTED
    return value, position


def _tag_error(tag: str, position: Position) -> YamlError:
    return YamlError(f"YAML tags such as {tag!r} are not allowed", position_mark(position))


_HANDLED_EVENTS = (
    "ScalarEvent",
    "MappingStartEvent",
    "SequenceStartEvent",
    "MappingEndEvent",
    "SequenceEndEvent",
)


@functools.cache
def _libyaml() -> tuple[Any, ...] | None:
    """libyaml's module, its parser, the event classes it names that the event reader's handlers
    stand in for, and the classes of the events it leaves; None where PyYAML has no libyaml."""
    import yaml

    try:
        from yaml import _yaml as module
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        return None
    # PyYAML's own classes, not what the module names now (a reading in another thread may
    # have named its handlers there).
    originals = {name: getattr(yaml.events, name) for name in _HANDLED_EVENTS}
    return (
        module,
        module.CParser,
        originals,
        yaml.DocumentStartEvent,
        yaml.DocumentEndEvent,
        yaml.StreamEndEvent,
    )


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
                return _SEQ_TAG
            return _MAP_TAG

    return Composer


class _Builder:
    """Plain data from the composer's nodes: the reading of every file the event reader leaves.

    Each node is built once: the composer shares an anchored node with its aliases, and a
    second visit is refused (which rules out alias bombs). Keys are not visited as values.
    """

    def __init__(self) -> None:
        import yaml

        self.places: dict[int, Places] = {}
        self.keys: KeyPlaces = {}
        self.seen: set[int] = set()
        self.errors: list[YamlError] = []
        self.scalar, self.sequence, self.mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

    def build(self, node: Any, depth: int = 0) -> tuple[Any, Position]:
        """The value of ``node``, ``depth`` lists and mappings deep, and its position."""
        if depth > MAX_YAML_DEPTH:
            raise YamlError("YAML is nested too deeply", Mark(1, 1))
        seen = self.seen
        if id(node) in seen:  # the composer shares an anchored node with its aliases
            raise YamlError("anchors and aliases are not allowed in claim files", _mark(node))
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise YamlError(f"file has more than {MAX_NODES:,} YAML values", _mark(node))
        position = _position(node)
        tag = node.tag
        if tag not in PLAIN_TAGS:
            self.errors.append(YamlError(f"YAML tags such as {tag!r} are not allowed", _mark(node)))
        kind = type(node)
        if kind is self.scalar:
            style = node.style
            # A plain (unquoted) null, ~ or empty value is null; the C composer gives plain
            # scalars the style '' and the Python one None. A quoted "null" is the text.
            if not style and tag == _NULL_TAG:
                return None, position
            if style in {"'", '"'}:
                position += _QUOTED
            return node.value, position
        if kind is self.sequence:
            items: list[Any] = []
            item_places: list[Position] = []
            self.places[id(items)] = (position, item_places)
            for item in node.value:
                value, place = self.build(item, depth + 1)
                items.append(value)
                item_places.append(place)
            return items, position
        if kind is self.mapping:
            result: dict[str, Any] = {}
            value_places: dict[str, Position] = {}
            keys: dict[str, Position] = {}
            self.places[id(result)] = (position, value_places)
            self.keys[id(result)] = keys
            for key_node, value_node in node.value:
                if type(key_node) is not self.scalar:
                    raise YamlError("mapping keys must be plain words", _mark(key_node))
                if key_node.tag == _MERGE_TAG:
                    raise YamlError("merge keys ('<<') are not allowed in claim files", _mark(key_node))
                key = key_node.value
                if key in result:
                    first = position_mark(keys[key])
                    self.errors.append(
                        YamlError(f"duplicate key {key!r} (first at line {first.line})", _mark(key_node))
                    )
                    continue
                keys[key] = _position(key_node)
                result[key], value_places[key] = self.build(value_node, depth + 1)
            return result, position
        raise YamlError(f"unexpected YAML node {kind.__name__}", _mark(node))  # pragma: no cover


def _key_places(document: Document) -> KeyPlaces:
    """The positions of the keys of every mapping of a document the event reader read.

    Only a problem asks where a key is (an unknown key, a bad unit's word), so the event
    reader does not keep them: the text is read again by the composer, which does, and its
    mappings are matched with the document's in the same walk over both (the same text gives
    the same values, in the same order).
    """
    import yaml

    builder = _Builder()
    theirs, _ = builder.build(yaml.compose(document.text, Loader=_composer()))
    found: KeyPlaces = {}
    pending = [(document.data, theirs)]
    while pending:
        ours, theirs = pending.pop()
        if isinstance(ours, dict):
            found[id(ours)] = builder.keys[id(theirs)]
            pending += ((value, theirs[key]) for key, value in ours.items())
        elif isinstance(ours, list):
            pending += zip(ours, theirs, strict=True)
    return found


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


_LINE_BITS = 24
_LINE = 1 << _LINE_BITS
"""Packing a 0-based line and column into one integer: line * _LINE + column. Both factors
are below 2**30, which Python multiplies without its general algorithm for large integers."""

_QUOTED = 1 << 23
"""Added to the position of a scalar written in quotes, whose text starts one column later.
No column comes near it: :func:`parse` refuses a text of that many characters (a claim file
within the size limit has at most 5 Mi)."""


def _position(node: Any) -> Position:
    mark = node.start_mark
    position: int = mark.line * _LINE + mark.column
    return position


def position_mark(position: Position) -> Mark:
    """The :class:`Mark` of a packed position."""
    # tuple.__new__ is what the named tuple's own __new__ calls, less a Python frame: a file
    # makes a hundred marks and more.
    return _new_tuple(Mark, ((position >> _LINE_BITS) + 1, (position & _COLUMN) + 1))


_COLUMN = _QUOTED - 1


_new_tuple = tuple.__new__


def text_mark(position: Position, offset: int) -> Mark:
    """The place of the character at ``offset`` in the one-line scalar at ``position``."""
    mark = position_mark(position)
    return Mark(mark.line, mark.col + offset + (1 if position & _QUOTED else 0))
