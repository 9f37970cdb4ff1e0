"""Reading article inputs: .txt, .html/.htm, .jsonl/.json, directories and stdin.

:func:`read_inputs` yields an :class:`~rasd.model.Article` for every good item and an
:class:`~rasd.model.ItemError` for every bad one, and never stops the batch for one item.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..model import Article, ItemError
from .clean import clean_text, title_of
from .decode import InputError, arabic_ratio, decode

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
    # Per-file metadata from a sidecar (--meta): file name -> {id, title, outlet, url, published}.
    meta: Optional[dict] = None

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
        raw_text, html_title = _html_to_text(raw_text)
        title = title or html_title
    text = clean_text(raw_text)
    if not text.strip():
        raise InputError("empty", "no text left after cleaning")
    ratio = arabic_ratio(text)
    if ratio < opts.min_arabic:
        raise InputError("not_arabic", f"only {ratio:.0%} of the letters are Arabic")
    return Article.create(
        text, id=str(id) if id not in (None, "") else None,
        title=title if title else title_of(text),
        outlet=outlet or opts.outlet, url=url,
        published=parse_published(published) or parse_published(opts.published),
        source=source)


def _html_to_text(html: str) -> tuple[str, Optional[str]]:
    """Main text and title of an HTML page via trafilatura."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    return text, (meta.title if meta is not None and meta.title else None)


def _read_bytes(path: Path, opts: IngestOptions) -> str:
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty", "the file is empty")
    if size > opts.max_bytes:
        raise InputError("too_large", f"{size} bytes is over the limit of {opts.max_bytes} bytes")
    text, _ = decode(path.read_bytes())
    return text


def article_from_record(obj, opts: IngestOptions, source: str) -> Article:
    """One Article from a JSON object {text | html, id?, title?, outlet?, url?, published?}."""
    if not isinstance(obj, dict):
        raise InputError("bad_record", f"expected a JSON object, got {type(obj).__name__}")
    body, is_html = obj.get("text"), False
    if not body and obj.get("html"):
        body, is_html = obj["html"], True
    if not isinstance(body, str) or not body.strip():
        raise InputError("empty", "the record has no 'text' or 'html'")
    if len(body.encode("utf-8")) > opts.max_bytes:
        raise InputError("too_large", f"the record's text is over {opts.max_bytes} bytes")
    return make_article(body, opts, source=source, id=obj.get("id"), title=obj.get("title"),
                        outlet=obj.get("outlet"), url=obj.get("url"),
                        published=obj.get("published"), html=is_html)


def _records(lines: Iterable[str], opts: IngestOptions, source: str) -> Iterator[Item]:
    """Items from JSONL lines; a bad line is one error."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            yield article_from_record(json.loads(line), opts, where)
        except json.JSONDecodeError as e:
            yield ItemError(where, "invalid_json", f"invalid JSON: {e.msg} at column {e.colno}")
        except InputError as e:
            yield ItemError(where, e.kind, str(e))


def _json_file(path: Path, opts: IngestOptions) -> Iterator[Item]:
    text = _read_bytes(path, opts)
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped[:1] in "[{":
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
    yield from _records(text.splitlines(), opts, str(path))


def read_path(path: Path, opts: IngestOptions) -> Iterator[Item]:
    """Items from one file or directory (recursively, in sorted order)."""
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                # In a folder, only article formats: a README.md beside the articles is not one.
                if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES:
                    yield from read_path(Path(root) / name, opts)
        return
    if not path.exists():
        yield ItemError(str(path), "not_found", "no such file or directory")
        return
    suffix = path.suffix.lower()
    try:
        if suffix in JSON_SUFFIXES:
            yield from _json_file(path, opts)
        elif suffix in HTML_SUFFIXES:
            yield make_article(_read_bytes(path, opts), opts, source=str(path), html=True, **opts.meta_for(path))
        else:
            yield make_article(_read_bytes(path, opts), opts, source=str(path), **opts.meta_for(path))
    except InputError as e:
        yield ItemError(str(path), e.kind, str(e))
    except OSError as e:
        yield ItemError(str(path), "unreadable", e.strerror or str(e))


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
