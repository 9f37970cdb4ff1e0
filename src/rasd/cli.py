"""The `rasd` command line: one-call wrappers over :mod:`rasd.service` (see ../shared/spec/CONTRACT.md).

The CLI is an edge: it reads flags and the environment (through :mod:`rasd.config`), builds
one :class:`~rasd.settings.Settings`, and passes it down.
"""
from __future__ import annotations

import contextlib
import functools
import json
import sys

import click

from . import service
from .config import api_token, settings_from_env, sqlite_synchronous
from .ingest.decode import InputError
from .ingest.readers import load_meta, parse_published
from .model import ItemError
from .settings import DEFAULT_MAX_BYTES, GATES, PROFILES, Settings
from .cli_help import export_filters, finish
from .store import StoreError
from .store.exports import FORMATS
from .store.filters import FilterError

SYNC_CHOICES = ("normal", "full", "extra")


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def input_options(f):
    """The options every article-reading command takes; they arrive as ``settings`` and ``opts``."""
    options = [
        click.option("--meta", "meta", default=None, type=click.Path(exists=True, dir_okay=False),
                     help="CSV/TSV/JSONL sidecar with a 'file' column giving id, title, outlet, url, "
                          "published per input file."),
        click.option("--published", default=None, help="Publication date (ISO) for inputs that lack one."),
        click.option("--outlet", default=None, help="Outlet for inputs that do not name one."),
        click.option("--profile", type=click.Choice(PROFILES), default=None,
                     help="Models to use: fast (any CPU, default) or accurate (slower)."),
        click.option("--events-gate", type=click.Choice(GATES), default=None,
                     help="ASSAULT/PROTEST operating point: strict (default), broad or news."),
        click.option("--max-bytes", type=int, default=None,
                     help=f"Inputs larger than this are refused with an error record [default: {DEFAULT_MAX_BYTES}]."),
        click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Worker processes for the analysis (each loads the models once)."),
    ]
    for opt in reversed(options):
        f = opt(f)

    @functools.wraps(f)
    def wrapper(*args, meta=None, published=None, outlet=None, profile=None, events_gate=None,
                max_bytes=None, workers=1, **kwargs):
        try:
            settings = settings_from_env(profile=profile, events_gate=events_gate, max_bytes=max_bytes,
                                         workers=workers)
        except ValueError as e:
            raise click.UsageError(str(e)) from None
        opts = service.input_options(settings, _published(published), outlet, _meta(meta))
        return f(*args, settings=settings, opts=opts, **kwargs)
    return wrapper


def _published(value):
    try:
        return parse_published(value) and value
    except InputError as e:
        raise click.BadParameter(str(e), param_hint="--published") from None


def _meta(path):
    if not path:
        return None
    try:
        return load_meta(path)
    except (InputError, ValueError, OSError) as e:
        raise click.BadParameter(str(e), param_hint="--meta") from None


@contextlib.contextmanager
def _store(db: str, create: bool, synchronous: str | None = None):
    """The store at ``db``; a database that cannot be used is a one-line error and exit 1.
    Read commands pass ``create=False``: they never create a database."""
    try:
        store = service.open_store(db, create=create, synchronous=sqlite_synchronous(synchronous))
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    with store:
        yield store


def _synchronous_option(f):
    return click.option("--synchronous", type=click.Choice(SYNC_CHOICES), default=None,
                        help="SQLite durability: normal (default; a power cut may lose the last "
                             "commits) or full (fsync at every commit) [env: RASD_SQLITE_SYNCHRONOUS].")(f)


def _report(err: ItemError) -> None:
    click.echo(_dump({"error": err.error, "source": err.source, "message": err.message}), err=True)


@click.group()
@click.version_option(package_name="rasd")
def main():
    """rasd (رصد): offline Arabic conflict-news monitoring."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@input_options
def analyze(inputs, settings: Settings, opts):
    """Analyze each article on its own; one JSON Article per line."""
    failed = 0
    for item in service.analyze(inputs, settings, opts):
        if isinstance(item, ItemError):
            failed += 1
            _report(item)
        else:
            click.echo(_dump(item.to_json()))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@input_options
def stories(inputs, settings: Settings, opts):
    """Group articles into stories across outlets; one JSON object {"stories": [...]}."""
    errors: list[ItemError] = []
    found = service.stories(inputs, settings, opts, on_error=lambda e: (errors.append(e), _report(e)))
    click.echo(_dump({"stories": [st.to_json() for st in found]}))
    sys.exit(1 if errors else 0)


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--pairs", "pairs", default=None, help="JSONL of {id, a, b} pairs ('-' for stdin).")
@input_options
def compare(inputs, pairs, settings: Settings, opts):
    """Compare two articles (A B), or many pairs with --pairs FILE."""
    if pairs:
        if inputs:
            raise click.UsageError("give either A B or --pairs FILE, not both")
        stream = sys.stdin if pairs == "-" else open(pairs, encoding="utf-8")
        failed = 0
        for row in service.compare_pairs(stream, settings, opts):
            failed += "error" in row
            click.echo(_dump(row), err="error" in row)
        sys.exit(1 if failed else 0)
    if len(inputs) != 2:
        raise click.UsageError("compare takes exactly two inputs, A and B (or --pairs FILE)")
    click.echo(_dump(service.compare(inputs[0], inputs[1], settings, opts)))


@main.command("ner-tag")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--profile", type=click.Choice(PROFILES), default="fast", show_default=True)
def ner_tag(file, profile):
    """Tag pre-tokenized CoNLL text (token TAG lines); prints token PRED lines."""
    from .ner import tag_conll

    for line in tag_conll(file, profile=profile):
        click.echo(line)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
@_synchronous_option
@click.option("--engine", type=click.Choice(("local", "ray")), default="local", show_default=True,
              help="local: --workers processes here; ray: Ray tasks (a local Ray with --workers CPUs, "
                   "or the cluster at --ray-address).")
@click.option("--ray-address", default=None,
              help="A running Ray cluster (auto, HOST:6379, ray://HOST:10001); default: start a local one.")
@input_options
def ingest(inputs, db, synchronous, engine, ray_address, settings: Settings, opts):
    """Analyze and store articles idempotently, then update stories; prints a summary."""
    from .parallel import BuildMismatch, engine as make_engine

    with _store(db, create=True, synchronous=synchronous) as store:
        try:
            analyzer = make_engine(engine, settings, ray_address)
        except (ValueError, RuntimeError) as e:
            raise click.UsageError(str(e)) from None
        try:
            with analyzer or contextlib.nullcontext():
                # Results arrive a partition at a time: each is stored as one batch, and the
                # story embeddings the workers computed are written after their articles.
                report = service.ingest(inputs, store, settings, opts, on_error=_report, analyzer=analyzer,
                                        write_batch=getattr(analyzer, "partition_size", 1),
                                        on_stored=getattr(analyzer, "stored", None))
        except BuildMismatch as e:
            raise click.ClickException(str(e)) from None
    click.echo(_dump(report.to_json()))
    sys.exit(1 if report.errors else 0)


@main.command()
@click.argument("feeds", nargs=-1)
@click.option("--feeds", "feed_list", default=None, type=click.Path(exists=True, dir_okay=False),
              help="OPML file, or one feed URL a line.")
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
@click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron); exit 1 if anything failed.")
@click.option("--interval", type=click.FloatRange(min=1), default=900, show_default=True,
              help="Seconds between two runs over the feeds (without --once).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20, show_default=True,
              help="Seconds to wait for a server to connect or answer.")
@click.option("--tries", type=click.IntRange(1, 10), default=3, show_default=True,
              help="Attempts per URL on a timeout, a dropped connection, a 429 or a 5xx (back-off doubles).")
@click.option("--politeness", type=click.FloatRange(min=0), default=1, show_default=True,
              help="Seconds between two requests to one host (robots.txt Crawl-delay wins when longer).")
@_synchronous_option
@input_options
def watch(feeds, feed_list, db, once, interval, timeout, tries, politeness, synchronous, settings: Settings, opts):
    """Poll RSS/Atom feeds and store the articles they link; one JSON report per run.
    SIGTERM or Ctrl-C stops after the page in hand, keeping everything fetched."""
    from .watch import BadURL, FeedError, FetchOptions, canonical_url, read_feed_list

    try:
        urls = [canonical_url(u) for u in feeds] + (read_feed_list(feed_list) if feed_list else [])
    except (BadURL, FeedError) as e:
        raise click.BadParameter(str(e)) from None
    if not urls:
        raise click.UsageError("give feed URLs or --feeds FILE")
    fetch = FetchOptions(timeout=timeout, tries=tries, politeness=politeness, max_bytes=settings.max_bytes)
    with _store(db, create=True, synchronous=synchronous) as store:
        total = service.watch(list(dict.fromkeys(urls)), store, settings, opts, once=once, interval=interval,
                              fetch=fetch, on_error=_report, on_run=lambda r: click.echo(_dump(r.to_json())))
    sys.exit(1 if once and total.errors else 0)


@main.command()
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the latest N articles and stories.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (totals, articles, stories) instead of text.")
def summary(db, limit, as_json):
    """A readable digest of a database: articles, actors, events, quotes, stories."""
    with _store(db, create=False) as store:
        out = service.summary(store, limit=limit, as_json=as_json)
    click.echo(_dump(out) if as_json else out)


@main.command()
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
@click.option("--format", "fmt", type=click.Choice(tuple(FORMATS)), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-")
@export_filters
def export(db, fmt, output, layer, filters):
    """Export the database, or the articles and events the filters select: jsonl, stories,
    acled-csv, plover-jsonl, geojson or events-csv. Names may be English or Arabic."""
    with _store(db, create=False) as store:
        try:
            service.export(store, fmt, output, layer=layer, **filters)
        except FilterError as e:  # an unknown name: the message lists the closest known ones
            raise click.UsageError(str(e)) from None


@main.command()
@click.argument("query")
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
@click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
def search(query, db, limit, offset):
    """Full-text search of a database (Arabic spelling folded); one JSON object."""
    with _store(db, create=False) as store:
        click.echo(_dump(service.search(store, query, limit=limit, offset=offset)))


@main.command()
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", default=None,
              help="Bearer token that POST /articles requires (default: $RASD_API_TOKEN).")
@click.option("--profile", type=click.Choice(PROFILES), default=None, help="Models for POST /articles.")
@click.option("--create", is_flag=True, help="Create the database when it does not exist (to fill it "
                                               "over POST /articles); without it a missing one is an error.")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="An origin allowed to read the API from a browser (repeatable); default: none (CORS off).")
@_synchronous_option
def serve(db, host, port, token, profile, create, cors_origins, synchronous):
    """REST API and web dashboard over a database."""
    import uvicorn

    from .api import create_app

    settings = settings_from_env(profile=profile)
    try:
        app = create_app(db, token=api_token(token), settings=settings, create=create,
                         cors_origins=cors_origins, synchronous=sqlite_synchronous(synchronous))
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    uvicorn.run(app, host=host, port=port)


finish(main)  # examples under every --help; article-reading commands refuse other files

if __name__ == "__main__":
    main()
