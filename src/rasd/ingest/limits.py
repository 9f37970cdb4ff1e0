"""Input limits checked before a parser sees the input: nesting depth, line length, field size.

The parsers behind the readers are recursive (``json`` raises RecursionError near a thousand
levels and takes the process down with it inside a generator; libxml2 silently cuts a page
at 256 levels and returns no text). Each check here runs in linear time over input already
bounded by ``max_bytes``, and raises :class:`~rasd.ingest.decode.InputError` naming the
limit, so one bad item becomes one error record.
"""
from __future__ import annotations

import re
from typing import IO, Iterable, Iterator, Optional, Union

from .decode import InputError

MAX_JSON_DEPTH = 64       # an article record is 1-3 levels deep; 64 leaves room for wrappers
MAX_HTML_DEPTH = 512      # real news pages nest 20-60 levels; libxml2 gives up at 256 anyway
MAX_FIELD_CHARS = 4096    # id, title, outlet, url, published: metadata, not article text

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
# An HTML tag: group 1 is "/" for a closing tag, group 2 the name, group 3 "/" when self-closed.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr "
                  "basefont frame keygen".split())


def json_depth(text: str) -> int:
    """Deepest bracket nesting in JSON text, brackets inside strings ignored."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub('""', text))
    depth = deepest = 0
    for ch in brackets:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_json_depth(text: str, limit: int = MAX_JSON_DEPTH) -> None:
    depth = json_depth(text)
    if depth > limit:
        raise InputError("too_deep", f"JSON nested {depth} levels deep, over the limit of {limit}")


def html_depth(html: str) -> int:
    """Deepest element nesting, estimated from tags (void and self-closed tags do not nest)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        closing, name, selfclosed = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or selfclosed:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def check_html_depth(html: str, limit: int = MAX_HTML_DEPTH) -> None:
    depth = html_depth(html)
    if depth > limit:
        raise InputError("too_deep", f"HTML nested {depth} elements deep, over the limit of {limit}")


def check_fields(obj: dict, fields: tuple[str, ...], limit: int = MAX_FIELD_CHARS) -> None:
    """Metadata fields are short scalars: a list, an object or a megabyte title is refused."""
    for name in fields:
        value = obj.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise InputError("bad_record", f"field {name!r} must be a string, got {type(value).__name__}")
        if len(str(value)) > limit:
            raise InputError("too_large", f"field {name!r} is over {limit} characters")


Line = Union[str, bytes]


def bounded_lines(stream: Union[IO, Iterable[str]], limit: int) -> Iterator[tuple[int, Optional[Line]]]:
    """(line number, line) for each line of ``stream``; the line is None when it is longer
    than ``limit`` (characters for a text stream, bytes for a binary one). A long line is
    read through in ``limit``-sized pieces, so memory stays bounded on any input."""
    if not hasattr(stream, "readline"):  # a list of lines (a library caller): already in memory
        for n, line in enumerate(stream, 1):
            yield n, (line if len(line.rstrip("\n")) <= limit else None)
        return
    n = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        n += 1
        newline = "\n" if isinstance(line, str) else b"\n"
        ended = line.endswith(newline)
        if len(line) - ended <= limit:
            yield n, line
            continue
        while line and not line.endswith(newline):
            line = stream.readline(limit + 1)
        yield n, None
