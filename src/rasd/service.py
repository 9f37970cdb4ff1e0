"""The use cases of rasd: analyze, stories, ingest, compare, export, search.

Both adapters are one-call wrappers over this module: the click CLI (:mod:`rasd.cli`) and the
REST API (:mod:`rasd.api`). Every function takes the :class:`~rasd.settings.Settings` built at
the edge; pipelines come from the one per-process cache (:func:`rasd.pipeline.shared_pipeline`).
Errors in one input become :class:`~rasd.model.ItemError` records and the batch goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Iterable, Iterator, Optional

from .ingest.readers import IngestOptions, article_from_record, read_inputs
from .model import Article, ItemError, Story
from .pipeline import Item, shared_pipeline
from .settings import Settings
from .store import Store, open_store
from .store.exports import FORMATS
from .store.rows import input_hash

__all__ = ["FORMATS", "IngestReport", "analyze", "compare", "compare_pairs", "export", "ingest",
           "analyze_record", "store_record", "input_options", "open_store", "search", "stories"]


def input_options(settings: Settings, published: Optional[str] = None, outlet: Optional[str] = None,
                  meta: Optional[dict] = None) -> IngestOptions:
    """Reading options for one batch: the settings' limits plus the batch's metadata defaults."""
    return IngestOptions(published=published, outlet=outlet, max_bytes=settings.max_bytes,
                         min_arabic=settings.min_arabic, meta=meta or None)


def count_inputs(inputs: Iterable[str]) -> Optional[int]:
    """How many items the inputs hold, for a progress bar's total and ETA: a JSONL file's
    non-blank lines, one per other article file, a folder's article files; None for standard
    input or anything that cannot be counted without reading it whole (a JSON array)."""
    import os
    from pathlib import Path

    from .ingest.readers import ARTICLE_SUFFIXES

    def files(spec: str):
        p = Path(spec)
        if not p.is_dir():
            return [p]
        return [Path(r) / f for r, _, fs in os.walk(p) for f in fs
                if not f.startswith(".") and Path(f).suffix.lower() in ARTICLE_SUFFIXES]

    total = 0
    for spec in inputs:
        if spec == "-":
            return None
        for f in files(spec):
            suffix = f.suffix.lower()
            if suffix == ".json":
                return None
            if suffix in (".jsonl", ".ndjson"):
                try:
                    with open(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1  # its error record
            else:
                total += 1
    return total


def _analyzed(items: Iterable[Item], settings: Settings, progress: Optional[bool] = None,
              total: Optional[int] = None) -> Iterator[Item]:
    if settings.workers > 1:
        from .parallel import pipe_parallel
        from .pipeline import _progress

        return _counted(pipe_parallel(items, settings), _progress(progress, total))
    return shared_pipeline(settings).pipe(items, progress=progress, total=total)


def _counted(items: Iterator[Item], bar, close: bool = True) -> Iterator[Item]:
    for item in items:
        if bar is not None:
            bar.update(1)
        yield item
    if bar is not None and close:
        bar.close()


def analyze(inputs: Iterable[str], settings: Settings, opts: Optional[IngestOptions] = None,
            progress: Optional[bool] = None) -> Iterator[Item]:
    """Read and analyze every input: a stream of Articles and ItemErrors, in input order."""
    opts = opts or input_options(settings)
    inputs = list(inputs)
    total = count_inputs(inputs) if _wants_bar(progress) else None
    return _analyzed(read_inputs(inputs, opts), settings, progress, total)


def _wants_bar(progress: Optional[bool]) -> bool:
    import sys

    return bool(progress) if progress is not None else sys.stderr.isatty()


def stories(inputs: Iterable[str], settings: Settings, opts: Optional[IngestOptions] = None,
            on_error=None) -> list[Story]:
    """Analyze the inputs and group them into stories; ``on_error(ItemError)`` hears failures."""
    from .stories import build_stories

    arts = []
    for item in analyze(inputs, settings, opts):
        if isinstance(item, ItemError):
            if on_error:
                on_error(item)
        else:
            arts.append(item)
    return build_stories(arts, profile=settings.profile)


@dataclass
class IngestReport:
    """What one ingest did: articles added, unchanged (known work) and failed, and the stories."""

    added: int = 0
    unchanged: int = 0
    errors: int = 0
    error_records: list[ItemError] = field(default_factory=list)
    stories: Optional[object] = None  # rasd.stories.StoryUpdate

    def to_json(self) -> dict:
        out = {"added": self.added, "unchanged": self.unchanged, "errors": self.errors}
        if self.stories is not None:
            out["stories"] = self.stories.to_json()
        return out


def _unknown(items: Iterable[Item], store: Store, provenance: dict, report: IngestReport,
             bar=None) -> Iterator[Item]:
    """Items whose input is not stored yet as analyzed by this build (known work is skipped)."""
    for item in items:
        if isinstance(item, Article) and store.known_input(input_hash(item), provenance):
            report.unchanged += 1
            if bar is not None:
                bar.update(1)
            continue
        yield item


def ingest(inputs: Iterable[str], store: Store, settings: Settings, opts: Optional[IngestOptions] = None,
           on_error=None, progress: Optional[bool] = None, analyzer=None, items=None,
           write_batch: int = 1, on_stored=None) -> IngestReport:
    """Analyze and store the inputs idempotently, then update the stories.

    An input already stored by the same build (same input hash and provenance) is not
    analyzed again; a changed one is analyzed and replaces the stored version.
    ``analyzer(items) -> items`` replaces the local engine (``rasd.parallel.RayEngine``);
    ``items`` (Articles and ItemErrors already read, e.g. by ``rasd watch``) replaces reading
    ``inputs``; ``write_batch`` > 1 stores articles that many at a time (``Store.put_many``);
    ``on_stored(store, articles)`` hears each stored batch (an engine writes the story
    embeddings its workers computed)."""
    opts = opts or input_options(settings)
    report = IngestReport()
    provenance = settings.provenance()
    inputs = list(inputs)
    from .pipeline import _progress

    # One bar over every input item: a known one ticks when it is skipped, the others when
    # they come out analyzed (so the ETA holds with --workers too).
    bar = _progress(progress, count_inputs(inputs)) if _wants_bar(progress) else None
    fresh = _unknown(read_inputs(inputs, opts) if items is None else items, store, provenance, report, bar)
    analyzed = _analyzed(fresh, settings, False) if analyzer is None else analyzer(fresh)
    _write(_counted(analyzed, bar, close=False), store, provenance, report, on_error, write_batch, on_stored)
    if bar is not None:
        bar.close()
    report.stories = _update_stories(store, settings, progress)
    return report


def _write(items: Iterable[Item], store: Store, provenance: dict, report: IngestReport, on_error,
           batch: int, on_stored=None) -> None:
    """Store analyzed items: an error at once, articles ``batch`` at a time (one transaction
    each on PostgreSQL); pending articles go first, so rows land in input order."""
    pending: list[Article] = []

    def flush() -> None:
        written = [store.put(pending[0], provenance)] if len(pending) == 1 else store.put_many(pending, provenance)
        report.added += sum(written)
        report.unchanged += len(written) - sum(written)
        if on_stored:
            on_stored(store, list(pending))
        pending.clear()

    for item in items:
        if isinstance(item, Article):
            pending.append(item)
            if len(pending) >= batch:
                flush()
            continue
        if pending:
            flush()
        store.put_error(item)
        report.errors += 1
        report.error_records.append(item)
        if on_error:
            on_error(item)
    if pending:
        flush()


def _update_stories(store: Store, settings: Settings, progress: Optional[bool] = False):
    from .stories import update_store

    bar = None
    if _wants_bar(progress):
        from tqdm import tqdm
        import sys

        bar = tqdm(file=sys.stderr, total=1, unit="step", desc="rasd stories")
    try:
        # One story update at a time across every process writing to this store (a
        # PostgreSQL advisory lock): two at once would each cluster the same new articles.
        with store.exclusive("stories"):
            return update_store(store, profile=settings.profile)
    finally:
        if bar is not None:
            bar.update(1)
            bar.close()


def analyze_record(body: dict, settings: Settings, pipeline=None) -> Article:
    """Analyze one article object ({text | html, id?, title?, outlet?, url?, published?});
    raises InputError for an unusable body (the API answers 422) and StageError when a stage
    fails (500). ``pipeline`` replaces the shared one (tests)."""
    art = article_from_record(body, input_options(settings), "api")
    return (pipeline or shared_pipeline(settings))(art)


def store_record(store: Store, art: Article, settings: Settings) -> dict:
    """Store one analyzed article and update the stories when it was new or changed."""
    written = store.put(art, settings.provenance())
    out = {"id": art.id, "added": written, "events": len(art.events), "quotes": len(art.quotes)}
    if written:
        out["stories"] = _update_stories(store, settings).to_json()
    return out


def compare(a_spec, b_spec, settings: Settings, opts: Optional[IngestOptions] = None) -> dict:
    """How alike two inputs of one article each are, what they share, where they disagree."""
    from .stories.compare import compare_inputs

    return compare_inputs(a_spec, b_spec, opts or input_options(settings), settings)


def compare_pairs(stream: Iterable[str], settings: Settings, opts: Optional[IngestOptions] = None) -> Iterator[dict]:
    """One compare result per JSONL pair ``{"id", "a", "b"}``; a bad pair is an error row."""
    from .stories.compare import compare_pairs as pairs

    return pairs(stream, opts or input_options(settings), settings)


def watch(feeds: list[str], store: Store, settings: Settings, opts: Optional[IngestOptions] = None, **kwargs):
    """Poll RSS/Atom feeds and ingest the articles they link, once or every ``interval``
    seconds until SIGTERM / Ctrl-C (:func:`rasd.watch.runner.watch`); returns the totals."""
    from .watch import watch as run

    return run(feeds, store, settings, opts or input_options(settings), **kwargs)


def export(store: Store, fmt: str, out: IO[str], layer: str = "all", **filters) -> None:
    """Write the store to ``out`` in format ``fmt`` (one of :data:`FORMATS`); ``filters`` (those of
    every listing) keep the matching articles and events, ``layer`` picks a GeoJSON layer."""
    from .store.exports import export as write

    write(store, fmt, out, layer=layer, **filters)


def events_csv(store: Store, out: IO[str], limit: Optional[int] = None, offset: int = 0, **filters) -> None:
    """Write the events matching ``filters`` to ``out`` as CSV, one flat row per event."""
    from .store.exports import write_events_csv

    write_events_csv(store, out, limit=limit, offset=offset, **filters)


def suggest(store: Store, kind: str, q: str, limit: int = 10) -> list[dict]:
    """Names of ``kind`` (country, admin1, place, actor, outlet, event_type, status) starting
    with ``q``, English or Arabic, those in the store first: what a filter box offers."""
    return store.suggest(kind, q, limit)


def summary(store: Store, limit: Optional[int] = None, as_json: bool = False):
    """A digest of the store: the ``limit`` latest articles and stories (all when None), as
    text or, with ``as_json``, one JSON-ready object with the totals."""
    from .report import digest, digest_json

    total = store.count_articles()
    ids = store.article_ids(limit=limit, offset=max(0, total - limit)) if limit is not None else store.article_ids()
    arts, stories = store.get_many(ids), store.stories()
    stories = stories[-limit:] if limit is not None and limit < len(stories) else stories
    if not as_json:
        return digest(arts, stories)
    totals = {"articles": total, "events": store.count_events(), "stories": store.count_stories()}
    return digest_json(arts, stories, totals)


def search(store: Store, q: str, limit: int = 50, offset: int = 0, **filters) -> dict:
    """Articles matching the words of ``q`` (all must occur) and the filters, with snippets."""
    vals = {**filters, "q": q}
    total, items = store.count_articles(**vals), store.article_summaries(limit=limit, offset=offset, **vals)
    texts = store.texts([a["id"] for a in items])
    for a in items:
        a["snippet"] = snippet(texts.get(a["id"], ""), q)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def snippet(text: str, query: str, width: int = 90) -> dict:
    """The text around the first query word found (Arabic spelling folded), with the hit's
    offsets inside the snippet: ``{"text", "start", "end"}`` (start = end = 0 when none)."""
    import re

    from .store.rows import search_terms
    from .text import normalize

    folded = normalize(text)
    for term in search_terms(query):
        # A whole word, possibly behind clitics (و ب ل ك ف ال), as the index matches it.
        m = re.search(r"(?<!\w)(?:[وفبلك]?(?:ال|ل)?)" + re.escape(term) + r"(?!\w)", folded.text)
        if m:
            s, e = folded.span(m.start(), m.end())
            lo, hi = max(0, s - width), min(len(text), e + width)
            return {"text": text[lo:hi], "start": s - lo, "end": e - lo}
    return {"text": text[:2 * width], "start": 0, "end": 0}
