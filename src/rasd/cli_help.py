"""What every `rasd` command shares beyond its own options: examples under --help, the refusal
of inputs that are not articles, and the filter options of `rasd export`.

:func:`finish` is applied once to the command group after every command is defined
(:mod:`rasd.cli`), so a command added later gets the same input check; the CLI test fails for
a command without examples.
"""
from __future__ import annotations

import functools
from pathlib import Path

import click

# click prints a command's epilog after its options; "\b" keeps the lines as written.
EXAMPLES = {
    None: """rasd analyze article.txt --published 2024-03-04
  rasd ingest ../shared/seeds --meta samples/seeds_meta.csv --db seeds.db
  rasd summary --db seeds.db --limit 3
  rasd export --db seeds.db --format acled-csv --country Syria --status occurred
  rasd serve --db seeds.db""",
    "analyze": """rasd analyze article.txt --published 2024-03-04 --outlet "الشرق الأوسط"
  rasd analyze reports.jsonl
  cat reports.jsonl | rasd analyze - --profile accurate""",
    "stories": """rasd stories ../shared/seeds --meta samples/seeds_meta.csv
  rasd stories a.txt b.html --published 2019-03-18""",
    "compare": """rasd compare a.txt b.txt
  rasd compare --pairs pairs.jsonl""",
    "ner-tag": """rasd ner-tag tokens.conll > predicted.conll""",
    "ingest": """rasd ingest ../shared/seeds --meta samples/seeds_meta.csv --db seeds.db
  rasd ingest reports.jsonl --db postgresql://user@localhost/rasd --workers 2""",
    "watch": """rasd watch https://example.org/feed.xml --db news.db --once
  rasd watch --feeds feeds.txt --db news.db --interval 900""",
    "summary": """rasd summary --db seeds.db
  rasd summary --db seeds.db --limit 3 --json""",
    "export": """rasd export --db seeds.db --format acled-csv -o events.csv
  rasd export --db seeds.db --format plover-jsonl --actor "Islamic State" --status called
  rasd export --db seeds.db --format geojson --layer events --country سوريا --date-from 2019-03-01
  rasd export --db seeds.db --format events-csv --type Battles --story s-c448a90c5f5a""",
    "search": """rasd search "الرقة" --db seeds.db
  rasd search "غزوة الثأر" --db seeds.db --limit 5""",
    "serve": """rasd serve --db seeds.db --port 8000      (then http://127.0.0.1:8000/ and /docs)
  RASD_API_TOKEN=secret rasd serve --db news.db --create""",
}


def _epilog(text: str) -> str:
    return "\b\nExamples:\n  " + text


def article_inputs(ctx, param, values):
    """Refuse a file that is not an article (a CSV sidecar, a PDF): rasd would read it as text."""
    from .ingest.readers import ARTICLE_SUFFIXES

    for spec in values or ():
        p = Path(spec)
        if spec != "-" and p.is_file() and p.suffix.lower() not in ARTICLE_SUFFIXES:
            hint = " (a metadata table goes after --meta)" if p.suffix.lower() in (".csv", ".tsv") else ""
            raise click.BadParameter(f"{spec} is not an article file: rasd reads "
                                     f"{', '.join(sorted(s for s in ARTICLE_SUFFIXES if s))} files, folders and -{hint}",
                                     param_hint="INPUTS")
    return values


def finish(group: click.Group) -> None:
    """Give every command its examples and every article-reading command the input check."""
    group.epilog = _epilog(EXAMPLES[None])
    for name, cmd in group.commands.items():
        if name in EXAMPLES:
            cmd.epilog = _epilog(EXAMPLES[name])
        for param in cmd.params:
            if param.name == "inputs" and param.callback is None:
                param.callback = article_inputs


def export_filters(f):
    """The filter options of `rasd export`; they arrive as ``filters`` (a dict)."""
    options = [
        click.option("--date-from", help="From this date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive."),
        click.option("--date-to", help="Up to this date, inclusive."),
        click.option("--country", help="Country by name (English or Arabic) or ISO code; several: a,b."),
        click.option("--admin1", help="Province or governorate by name."),
        click.option("--place", help="Place by name (English or Arabic) or geonameid."),
        click.option("--actor", help="Actor by name (English or Arabic) or KB id."),
        click.option("--outlet", help="Outlet by name."),
        click.option("--type", "event_type", help="PLOVER type (ASSAULT), ACLED type (Battles) or sub-event type."),
        click.option("--status", help="occurred, called, threatened, planned, denied or hypothetical; several: a,b."),
        click.option("--story", help="Story id."),
        click.option("--layer", type=click.Choice(("all", "events", "places")), default="all", show_default=True,
                     help="geojson: events, places, or both in one file."),
    ]
    for opt in reversed(options):
        f = opt(f)

    @functools.wraps(f)
    def wrapper(*args, layer="all", **kwargs):
        names = ("date_from", "date_to", "country", "admin1", "place", "actor", "outlet", "event_type", "status",
                 "story")
        filters = {k: kwargs.pop(k) for k in names if kwargs.get(k) not in (None, "")}
        for k in names:
            kwargs.pop(k, None)
        return f(*args, layer=layer, filters=filters, **kwargs)
    return wrapper
