"""Reading article inputs: .txt, .html/.htm, .jsonl/.json, directories and stdin.

:func:`read_inputs` yields an :class:`~rasd.model.Article` for every good item and an
:class:`~rasd.model.ItemError` for every bad one, and never stops the batch for one item.
"""
from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from ..model import Article, ItemError
from .clean import clean_field, clean_text, title_of
from .decode import InputError, arabic_ratio, decode, letter_count
from .limits import MAX_HTML_DEPTH, MAX_JSON_DEPTH, bounded_lines, check_fields, check_html_depth, check_json_depth

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
Item = Union[Article, ItemError]


@dataclass(frozen=True)
class IngestOptions:
    """Metadata defaults and limits for one batch."""

    published: Optional[str] = None
    outlet: Optional[str] = None
    max_bytes: int = DEFAULT_MAX_BYTES
    min_arabic: float = 0.5
    min_letters: int = 3
    max_json_depth: int = MAX_JSON_DEPTH
    max_html_depth: int = MAX_HTML_DEPTH
    # A JSONL line holds one record: its text (max_bytes) plus JSON escapes and metadata.
    max_line_bytes: Optional[int] = None
    # Per-file metadata from a sidecar (--meta): file name -> {id, title, outlet, url, published}.
    meta: Optional[dict] = None

    @property
    def line_limit(self) -> int:
        return self.max_line_bytes or 2 * self.max_bytes + 65536

    def meta_for(self, path: Path) -> dict:
        """Sidecar metadata for one file, looked up by path, then by file name."""
        if not self.meta:
            return {}
        return self.meta.get(str(path)) or self.meta.get(path.name) or {}


META_FIELDS = ("id", "title", "outlet", "url", "published")


def load_meta(path: str) -> dict:
    """Read a metadata sidecar: CSV/TSV with a ``file`` column, or JSONL objects with ``file``.

    Plain-text articles carry no outlet or date; the sidecar supplies them per file, so a
    folder of .txt files can be ingested with its real publication dates.
    """
    import csv

    p = Path(path)
    text = p.read_text(encoding="utf-8-sig")
    if p.suffix.lower() in (".jsonl", ".json"):
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(text.splitlines(), delimiter="\t" if p.suffix.lower() == ".tsv" else ","))
    out = {}
    for n, row in enumerate(rows, 1):
        if not row.get("file"):
            raise InputError("bad_meta", f"{path}: row {n} has no 'file'")
        values = {k: (row.get(k) or None) for k in META_FIELDS}
        parse_published(values["published"])  # refuse a bad date up front
        out[row["file"]] = values
    return out


def parse_published(value) -> Optional[str]:
    """ISO date or datetime (or a date object) to YYYY-MM-DD; raises InputError otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise InputError("bad_published", f"published {value!r} is not an ISO date") from None


def make_article(raw_text: str, opts: IngestOptions, *, source: str, id=None, title=None,
                 outlet=None, url=None, published=None, html: bool = False) -> Article:
    """Clean ``raw_text`` and build an Article; raises InputError when it is not usable."""
    if html:
        check_html_depth(raw_text, opts.max_html_depth)
        raw_text, html_title = _html_to_text(raw_text)
        title = title or html_title
    text = clean_text(raw_text)
    if not text.strip():
        raise InputError("empty", "no text left after cleaning")
    letters = letter_count(text)
    if letters < opts.min_letters:
        raise InputError("too_short", f"{letters} letter(s): too short to be an article")
    ratio = arabic_ratio(text)
    if ratio < opts.min_arabic:
        raise InputError("not_arabic", f"only {ratio:.0%} of the letters are Arabic")
    field = lambda v: clean_field(str(v)) if v not in (None, "") else None  # noqa: E731
    return Article.create(
        text, id=field(id), title=field(title) or title_of(text),
        outlet=field(outlet) or opts.outlet, url=field(url),
        published=parse_published(published) or parse_published(opts.published),
        source=source)


def _html_to_text(html: str) -> tuple[str, Optional[str]]:
    """Main text and title of an HTML page via trafilatura."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    return text, (meta.title if meta is not None and meta.title else None)


def _regular_size(path: Path) -> int:
    """Size of a regular file; a FIFO or device would block or never end, so it is refused."""
    try:
        st = path.stat()
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError("unreadable", "symbolic link loop") from None
        raise
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not_a_file", "not a regular file (a pipe, socket or device)")
    return st.st_size


def _read_bytes(path: Path, opts: IngestOptions) -> str:
    size = _regular_size(path)
    if size == 0:
        raise InputError("empty", "the file is empty")
    if size > opts.max_bytes:
        raise InputError("too_large", f"{size} bytes is over the limit of {opts.max_bytes} bytes")
    with open(path, "rb") as f:
        data = f.read(opts.max_bytes + 1)  # the file may grow after stat
    if len(data) > opts.max_bytes:
        raise InputError("too_large", f"over the limit of {opts.max_bytes} bytes")
    text, _ = decode(data)
    return text


def article_from_record(obj, opts: IngestOptions, source: str) -> Article:
    """One Article from a JSON object {text | html, id?, title?, outlet?, url?, published?}."""
    if not isinstance(obj, dict):
        raise InputError("bad_record", f"expected a JSON object, got {type(obj).__name__}")
    check_fields(obj, META_FIELDS)
    body, is_html = obj.get("text"), False
    if not body and obj.get("html"):
        body, is_html = obj["html"], True
    if not isinstance(body, str) or not body.strip():
        raise InputError("empty", "the record has no 'text' or 'html'")
    if len(body.encode("utf-8", "surrogatepass")) > opts.max_bytes:
        raise InputError("too_large", f"the record's text is over {opts.max_bytes} bytes")
    return make_article(body, opts, source=source, id=obj.get("id"), title=obj.get("title"),
                        outlet=obj.get("outlet"), url=obj.get("url"),
                        published=obj.get("published"), html=is_html)


def _record(line, opts: IngestOptions, where: str) -> Item:
    """One JSONL line (text, or bytes from a streamed file) to an Article or an error."""
    try:
        if isinstance(line, bytes):
            line = line.decode("utf-8")
        check_json_depth(line, opts.max_json_depth)
        return article_from_record(json.loads(line), opts, where)
    except UnicodeDecodeError as e:
        return ItemError(where, "encoding", f"a streamed JSONL line must be UTF-8: {e.reason} at byte {e.start}")
    except json.JSONDecodeError as e:
        return ItemError(where, "invalid_json", f"invalid JSON: {e.msg} at column {e.colno}")
    except InputError as e:
        return ItemError(where, e.kind, str(e))
    except Exception as e:  # a reader bug on one line: that line's error record, the batch goes on
        return ItemError(where, "read_failed", f"{type(e).__name__}: {e}")


def _records(stream: IO, opts: IngestOptions, source: str) -> Iterator[Item]:
    """Items from a JSONL stream; a bad line is one error, a line over the limit too."""
    for n, line in bounded_lines(stream, opts.line_limit):
        where = f"{source}:{n}"
        if line is None:
            yield ItemError(where, "line_too_long", f"line over the limit of {opts.line_limit}")
        elif line.strip():
            yield _record(line.removeprefix(b"\xef\xbb\xbf") if n == 1 and isinstance(line, bytes) else line, opts, where)


def _json_file(path: Path, opts: IngestOptions) -> Iterator[Item]:
    """The records of a JSON or JSONL file; a file holding none is one error record."""
    found = False
    for item in _json_items(path, opts):
        found = True
        yield item
    if not found:
        raise InputError("empty", "the file holds no JSON records")


def _json_items(path: Path, opts: IngestOptions) -> Iterator[Item]:
    if path.suffix.lower() != ".json" and _regular_size(path) > opts.max_bytes:
        # A JSONL dump is bounded per line, not as a whole: stream it (UTF-8, as JSON is).
        with open(path, "rb") as f:
            yield from _records(f, opts, str(path))
        return
    text = _read_bytes(path, opts)
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped[:1] in "[{":
        check_json_depth(text, opts.max_json_depth)
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None  # maybe it is JSONL with a .json name
        if data is not None:
            if isinstance(data, dict) and isinstance(data.get("articles"), list):
                data = data["articles"]
            items = data if isinstance(data, list) else [data]
            for i, obj in enumerate(items):
                where = f"{path}[{i}]" if isinstance(data, list) else str(path)
                try:
                    yield article_from_record(obj, opts, where)
                except InputError as e:
                    yield ItemError(where, e.kind, str(e))
            return
    yield from _records(io.StringIO(text), opts, str(path))


def _walk(path: Path, opts: IngestOptions) -> Iterator[Item]:
    """Every article file under a directory, sorted; an unreadable folder is an error record."""
    failed: list[OSError] = []
    for root, dirs, files in os.walk(path, onerror=failed.append):
        while failed:
            e = failed.pop(0)
            yield ItemError(str(e.filename or root), "unreadable", e.strerror or str(e))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            # In a folder, only article formats: a README.md beside the articles is not one.
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES:
                yield from read_path(Path(root) / name, opts)
    for e in failed:
        yield ItemError(str(e.filename or path), "unreadable", e.strerror or str(e))


def _read_file(path: Path, opts: IngestOptions) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        yield from _json_file(path, opts)
    elif suffix in HTML_SUFFIXES:
        yield make_article(_read_bytes(path, opts), opts, source=str(path), html=True, **opts.meta_for(path))
    else:
        yield make_article(_read_bytes(path, opts), opts, source=str(path), **opts.meta_for(path))


def read_path(path: Path, opts: IngestOptions) -> Iterator[Item]:
    """Items from one file or directory (recursively, in sorted order)."""
    if path.is_dir():
        yield from _walk(path, opts)
        return
    if not os.path.lexists(path):
        yield ItemError(str(path), "not_found", "no such file or directory")
        return
    try:
        yield from _read_file(path, opts)
    except InputError as e:
        yield ItemError(str(path), e.kind, str(e))
    except OSError as e:
        yield ItemError(str(path), "unreadable", e.strerror or str(e))
    except Exception as e:  # a reader bug on one input: that input's error record, the batch goes on
        yield ItemError(str(path), "read_failed", f"{type(e).__name__}: {e}")


def read_inputs(inputs: Iterable[str], opts: IngestOptions = IngestOptions(), stdin=None) -> Iterator[Item]:
    """Every item of every input, in order; ``-`` reads JSONL from standard input."""
    for spec in inputs:
        if spec == "-":
            yield from _records(stdin if stdin is not None else sys.stdin, opts, "<stdin>")
        else:
            yield from read_path(Path(spec), opts)


def read_one(spec, opts: IngestOptions = IngestOptions()) -> Article:
    """Exactly one Article from an input (for ``compare``); raises InputError otherwise."""
    if isinstance(spec, dict):
        return article_from_record(spec, opts, "<pair>")
    items = list(read_inputs([spec], opts))
    arts = [i for i in items if isinstance(i, Article)]
    if len(arts) != 1:
        errs = "; ".join(f"{e.source}: {e.message}" for e in items if isinstance(e, ItemError))
        raise InputError("not_one_article", f"{spec} gave {len(arts)} articles {errs}".strip())
    return arts[0]
