"""The `rasd` command line: a thin layer over the library (see ../shared/spec/CONTRACT.md)."""
from __future__ import annotations

import importlib
import json
import sys
from typing import Iterable

import click

from .ingest.readers import DEFAULT_MAX_BYTES, IngestOptions, read_inputs
from .model import Article, ItemError
from .pipeline import PROFILES, Pipeline


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _need(module: str, feature: str):
    """Import the module a command delegates to, or stop with 'not available yet'."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name and module.startswith(e.name) or e.name == module:
            raise click.ClickException(f"{feature} is not available yet in this version of rasd") from None
        raise


def input_options(f):
    """The options every article-reading command takes."""
    f = _meta_callback(f)
    f = click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Worker processes for the analysis (each loads the models once).")(f)
    f = click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
                     help="Inputs larger than this are refused with an error record.")(f)
    f = click.option("--profile", type=click.Choice(PROFILES), default="fast", show_default=True,
                     help="Models to use: fast (any CPU) or accurate (slower).")(f)
    f = click.option("--outlet", default=None, help="Outlet for inputs that do not name one.")(f)
    f = click.option("--published", default=None, help="Publication date (ISO) for inputs that lack one.")(f)
    f = click.option("--meta", "meta", default=None, type=click.Path(exists=True, dir_okay=False),
                     help="CSV/TSV/JSONL sidecar with a 'file' column giving id, title, outlet, url, "
                          "published per input file.")(f)
    return f


def _meta_callback(f):
    """Fold --meta into the other options, so commands keep one signature."""
    import functools

    @functools.wraps(f)
    def wrapper(*args, meta=None, **kwargs):
        _META.clear()
        if meta:
            from .ingest.decode import InputError
            from .ingest.readers import load_meta

            try:
                _META.update(load_meta(meta))
            except (InputError, ValueError, OSError) as e:
                raise click.BadParameter(str(e), param_hint="--meta") from None
        return f(*args, **kwargs)
    return wrapper


_META: dict = {}


def _opts(published, outlet, max_bytes) -> IngestOptions:
    if published:
        from .ingest.readers import parse_published
        from .ingest.decode import InputError

        try:
            parse_published(published)
        except InputError as e:
            raise click.BadParameter(str(e), param_hint="--published") from None
    return IngestOptions(published=published, outlet=outlet, max_bytes=max_bytes, meta=dict(_META) or None)


def _report(err: ItemError) -> None:
    click.echo(_dump({"error": err.error, "source": err.source, "message": err.message}), err=True)


def analyzed(inputs: Iterable[str], published, outlet, max_bytes, profile, workers: int = 1) -> Iterable:
    """Read and analyze every input, streaming Articles and ItemErrors."""
    items = read_inputs(inputs, _opts(published, outlet, max_bytes))
    if workers > 1:
        from .parallel import pipe_parallel

        return pipe_parallel(items, profile, workers)
    return Pipeline(profile).pipe(items)


@click.group()
@click.version_option(package_name="rasd")
def main():
    """rasd (رصد): offline Arabic conflict-news monitoring."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@input_options
def analyze(inputs, published, outlet, profile, max_bytes, workers):
    """Analyze each article on its own; one JSON Article per line."""
    failed = _each_article(analyzed(inputs, published, outlet, max_bytes, profile, workers),
                           lambda art: click.echo(_dump(art.to_json())))
    sys.exit(1 if failed else 0)


def _each_article(items, on_article) -> int:
    """Call ``on_article`` for each Article, report each error on stderr; returns the error count."""
    failed = 0
    for item in items:
        if isinstance(item, ItemError):
            failed += 1
            _report(item)
        else:
            on_article(item)
    return failed


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@input_options
def stories(inputs, published, outlet, profile, max_bytes, workers):
    """Group articles into stories across outlets; one JSON object {"stories": [...]}."""
    mod = _need("rasd.stories", "Story grouping")
    arts: list[Article] = []
    failed = _each_article(analyzed(inputs, published, outlet, max_bytes, profile, workers), arts.append)
    click.echo(_dump({"stories": mod.build_stories(arts, profile=profile)}))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--pairs", "pairs", default=None, help="JSONL of {id, a, b} pairs ('-' for stdin).")
@input_options
def compare(inputs, pairs, published, outlet, profile, max_bytes, workers):
    """Compare two articles (A B), or many pairs with --pairs FILE."""
    mod = _need("rasd.stories.compare", "Article comparison")
    opts = _opts(published, outlet, max_bytes)
    if pairs:
        if inputs:
            raise click.UsageError("give either A B or --pairs FILE, not both")
        stream = sys.stdin if pairs == "-" else open(pairs, encoding="utf-8")
        failed = 0
        for row in mod.compare_pairs(stream, opts, profile=profile):
            if "error" in row:
                failed += 1
                click.echo(_dump(row), err=True)
            else:
                click.echo(_dump(row))
        sys.exit(1 if failed else 0)
    if len(inputs) != 2:
        raise click.UsageError("compare takes exactly two inputs, A and B (or --pairs FILE)")
    click.echo(_dump(mod.compare_inputs(inputs[0], inputs[1], opts, profile=profile)))


@main.command("ner-tag")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--profile", type=click.Choice(PROFILES), default="fast", show_default=True)
def ner_tag(file, profile):
    """Tag pre-tokenized CoNLL text (token TAG lines); prints token PRED lines."""
    mod = _need("rasd.ner", "The NER tagger")
    for line in mod.tag_conll(file, profile=profile):
        click.echo(line)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
@input_options
def ingest(inputs, db, published, outlet, profile, max_bytes, workers):
    """Analyze and store articles idempotently; prints a summary."""
    from .store import open_store

    with open_store(db) as store:
        summary = store.ingest(_reporting(analyzed(inputs, published, outlet, max_bytes, profile, workers)))
        try:
            stories_mod = importlib.import_module("rasd.stories")
        except ModuleNotFoundError:
            stories_mod = None
        result = summary.to_json()
        if stories_mod is not None and hasattr(stories_mod, "update_store"):
            result["stories"] = stories_mod.update_store(store, profile=profile)
    click.echo(_dump(result))
    sys.exit(1 if summary.errors else 0)


def _reporting(items):
    for item in items:
        if isinstance(item, ItemError):
            _report(item)
        yield item


@main.command()
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
def summary(db):
    """A readable digest of a database: articles, actors, events, quotes, stories."""
    from .report import digest
    from .store import open_store

    with open_store(db) as store:
        click.echo(digest(store.articles(), store.stories()))


EXPORT_FORMATS = ("jsonl", "stories", "acled-csv", "plover-jsonl", "geojson")


@main.command()
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-")
def export(db, fmt, output):
    """Export the database: jsonl, stories, acled-csv, plover-jsonl or geojson."""
    from .store import open_store

    if fmt != "jsonl":
        mod = _need("rasd.store.exports", f"Export format {fmt}")
        with open_store(db) as store:
            mod.export(store, fmt, output)
        return
    with open_store(db) as store:
        for art in store.articles():
            output.write(_dump(art.to_json()) + "\n")


@main.command()
@click.option("--db", required=True, help="SQLite file path or postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="RASD_API_TOKEN", default=None,
              help="Bearer token that POST /articles requires (default: $RASD_API_TOKEN).")
def serve(db, host, port, token):
    """REST API and web dashboard over a database."""
    mod = _need("rasd.api.app", "The API and dashboard")
    import uvicorn

    uvicorn.run(mod.create_app(db, token=token), host=host, port=port)


if __name__ == "__main__":
    main()
