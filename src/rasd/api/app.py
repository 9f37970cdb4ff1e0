"""The REST API and the dashboard, one FastAPI app over one store.

Reads never need a token; ``POST /articles`` (analyze and store one article) needs
``Authorization: Bearer <token>`` where the token comes from ``create_app(token=...)`` or the
``RASD_API_TOKEN`` environment variable. Listings take ``limit``/``offset`` and the store's
filters (see :mod:`rasd.store.search`); unknown parameters and malformed values are 4xx.
"""
from __future__ import annotations

import contextlib
import importlib
import os
import secrets
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any, Optional

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from ..store import open_store
from ..store.search import FILTERS, FilterError

WEB = Path(__file__).resolve().parents[1] / "web"
PAGING = ("limit", "offset")


class Filters:
    """The common filter query parameters (documented in the OpenAPI schema)."""

    def __init__(self, q: Optional[str] = Query(None, description="full-text search, Arabic-normalized"),
                 date_from: Optional[str] = Query(None, description="YYYY-MM-DD, inclusive"),
                 date_to: Optional[str] = Query(None, description="YYYY-MM-DD, inclusive"),
                 country: Optional[str] = Query(None, description="ISO 3166 alpha-2"),
                 admin1: Optional[str] = None, place: Optional[str] = Query(None, description="English place name"),
                 actor: Optional[str] = Query(None, description="actor kb_id"),
                 event_type: Optional[str] = Query(None, description="PLOVER type, e.g. ASSAULT"),
                 outlet: Optional[str] = None, story: Optional[str] = Query(None, description="story id")):
        self.values = {k: v for k, v in locals().items() if k in FILTERS and v not in (None, "")}


def _only(*allowed: str):
    """Dependency: refuse query parameters the endpoint does not know (a typo is a 400, not ignored)."""
    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise HTTPException(400, f"unknown query parameter(s): {', '.join(unknown)}; "
                                     f"allowed: {', '.join(allowed)}")
    return Depends(check)


def create_app(db_url: str, token: Optional[str] = None, pipeline=None) -> FastAPI:
    """The app over the store at ``db_url`` (SQLite path or postgresql:// URL)."""
    store = open_store(db_url)
    lock = threading.RLock()  # one request at a time on the store's connection
    state: dict[str, Any] = {"pipeline": pipeline}

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        store.close()

    # FastAPI's /docs and /redoc pages load their scripts from a CDN: off, since nothing may be
    # fetched at run time. The schema stays at /openapi.json.
    app = FastAPI(title="rasd", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Offline Arabic conflict-news monitor: articles, events, stories, entities, places.")
    app.state.store = store

    @app.exception_handler(FilterError)
    def _bad_filter(request: Request, exc: FilterError):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    def page(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> dict:
        return {"limit": limit, "offset": offset}

    listing = _only(*FILTERS, *PAGING)

    @app.get("/articles", dependencies=[listing], tags=["articles"])
    def list_articles(f: Filters = Depends(), p: dict = Depends(page)) -> dict:
        """Articles (metadata, preview, counts), oldest first."""
        with lock:
            return {"total": store.count_articles(**f.values), **p,
                    "items": store.article_summaries(**p, **f.values)}

    @app.get("/articles/{article_id:path}", dependencies=[_only()], tags=["articles"])
    def get_article(article_id: str) -> dict:
        """One Article with every layer, plus the stories it belongs to."""
        with lock:
            art = store.get(article_id)
            if art is None:
                raise HTTPException(404, f"no article with id {article_id!r}")
            return {**art.to_json(), "stories": store.stories_of(article_id)}

    @app.post("/articles", status_code=201, tags=["articles"])
    def post_article(request: Request, body: dict = Body(..., examples=[{"text": "...", "outlet": "...",
                                                                          "published": "2024-03-04"}])) -> dict:
        """Analyze one article ({text | html, id?, title?, outlet?, url?, published?}) and store it."""
        _check_token(request, token)
        from ..ingest.decode import InputError
        from ..ingest.readers import IngestOptions, make_article

        text, is_html = body.get("text"), False
        if not text and body.get("html"):
            text, is_html = body["html"], True
        if not isinstance(text, str) or not text.strip():
            raise HTTPException(422, "the article needs a non-empty 'text' (or 'html') string")
        try:
            art = make_article(text, IngestOptions(), source="api", id=body.get("id"), title=body.get("title"),
                               outlet=body.get("outlet"), url=body.get("url"), published=body.get("published"),
                               html=is_html)
        except InputError as e:
            raise HTTPException(422, f"{e.kind}: {e}") from None
        if state["pipeline"] is None:
            from ..pipeline import Pipeline

            state["pipeline"] = Pipeline()
        from ..pipeline import StageError

        try:
            art = state["pipeline"](art)
        except StageError as e:  # an analysis bug, not the client's: 500 with the stage named
            raise HTTPException(500, str(e)) from e
        with lock:
            written = store.put(art)
            stories = _update_stories(store) if written else None
        out = {"id": art.id, "added": written, "events": len(art.events), "quotes": len(art.quotes)}
        if stories is not None:
            out["stories"] = stories
        return out

    @app.get("/events", dependencies=[listing], tags=["events"])
    def list_events(f: Filters = Depends(), p: dict = Depends(page)) -> dict:
        """Events with their article, outlet and date, by event date."""
        with lock:
            return {"total": store.count_events(**f.values), **p, "items": store.events(**p, **f.values)}

    @app.get("/timeline", dependencies=[_only(*FILTERS)], tags=["events"])
    def timeline(f: Filters = Depends()) -> dict:
        """Events counted by day and PLOVER type, with fatalities summed."""
        with lock:
            evs = store.events(**f.values)
        cells: dict = defaultdict(lambda: {"events": 0, "fatalities": 0})
        for ev in evs:
            day = (ev.get("date") or {}).get("value") or ev.get("published")
            if not day:
                continue
            c = cells[(day, ev["type"])]
            c["events"] += 1
            c["fatalities"] += ev.get("fatalities") or 0
        return {"items": [{"date": d, "type": t, **v} for (d, t), v in sorted(cells.items())]}

    @app.get("/stories", dependencies=[listing], tags=["stories"])
    def list_stories(f: Filters = Depends(), p: dict = Depends(page)) -> dict:
        """Stories having an article that matches the filters."""
        with lock:
            return {**p, "items": store.find_stories(**p, **f.values)}

    @app.get("/stories/{story_id:path}", dependencies=[_only()], tags=["stories"])
    def get_story(story_id: str) -> dict:
        with lock:
            st = store.story(story_id)
        if st is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        return st

    @app.get("/entities", dependencies=[_only(*FILTERS, *PAGING, "label")], tags=["entities"])
    def list_entities(f: Filters = Depends(), p: dict = Depends(page),
                      label: Optional[str] = Query(None, pattern="^(PER|ORG|LOC|GPE|NORP|FAC|MISC)$")) -> dict:
        """Entities aggregated by kb_id, most mentioned first."""
        with lock:
            items = store.entities(label=label, **f.values)
        return {"total": len(items), **p, "items": items[p["offset"]:p["offset"] + p["limit"]]}

    @app.get("/entities/{entity_id:path}", dependencies=[_only()], tags=["entities"])
    def get_entity(entity_id: str) -> dict:
        """One entity: its aggregate, its events (as actor) and quotes (as speaker) over time."""
        with lock:
            agg = store.entity(entity_id)
            if agg is None:
                raise HTTPException(404, f"no entity with id {entity_id!r}")
            kb = agg["kb_id"]
            events = store.events(actor=kb) if kb else []
            quotes = store.quotes(speaker=kb) if kb else []
            articles = store.article_summaries(actor=kb) if kb else []
        return {**agg, "events": events, "quotes": quotes, "article_list": articles}

    @app.get("/places", dependencies=[_only(*FILTERS, *PAGING)], tags=["places"])
    def list_places(f: Filters = Depends(), p: dict = Depends(page)) -> dict:
        """Geocoded places aggregated, most mentioned first."""
        with lock:
            items = store.places(**f.values)
        return {"total": len(items), **p, "items": items[p["offset"]:p["offset"] + p["limit"]]}

    @app.get("/search", dependencies=[listing], tags=["articles"])
    def search(q: str = Query(..., min_length=1, description="words to find (all must occur)"),
               f: Filters = Depends(), p: dict = Depends(page)) -> dict:
        """Full-text search over articles (Arabic spelling folded), with the other filters."""
        vals = {**f.values, "q": q}
        with lock:
            total, items = store.count_articles(**vals), store.article_summaries(**p, **vals)
            texts = store.texts([a["id"] for a in items])
        for a in items:
            a["snippet"] = snippet(texts.get(a["id"], ""), q)
        return {"total": total, **p, "items": items}

    @app.get("/export/{fmt}", dependencies=[_only()], tags=["exports"])
    def export(fmt: str):
        """The whole database as a download: jsonl, stories, acled-csv, plover-jsonl or geojson."""
        import io
        import json

        from fastapi.responses import Response

        from ..store.exports import FORMATS, export as write_export

        kinds = {"jsonl": ("application/x-ndjson", "articles.jsonl"), "stories": ("application/json", "stories.json"),
                 "acled-csv": ("text/csv", "events-acled.csv"), "plover-jsonl": ("application/x-ndjson", "events-plover.jsonl"),
                 "geojson": ("application/geo+json", "rasd.geojson")}
        if fmt not in kinds:
            raise HTTPException(404, f"unknown export format {fmt!r}; formats are jsonl, {', '.join(FORMATS)}")
        buf = io.StringIO()
        with lock:
            if fmt == "jsonl":
                for art in store.articles():
                    buf.write(json.dumps(art.to_json(), ensure_ascii=False) + "\n")
            else:
                write_export(store, fmt, buf)
        media, name = kinds[fmt]
        return Response(buf.getvalue(), media_type=f"{media}; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/health", include_in_schema=False)
    def health() -> dict:
        return {"ok": True}

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(WEB / "static" / "index.html", media_type="text/html; charset=utf-8")

    return app


def snippet(text: str, query: str, width: int = 90) -> dict:
    """The text around the first query word found (Arabic spelling folded), with the hit's
    offsets inside the snippet: ``{"text", "start", "end"}`` (start = end = 0 when none)."""
    import re

    from ..store.rows import search_terms
    from ..text import normalize

    folded = normalize(text)
    for term in search_terms(query):
        # A whole word, possibly behind clitics (و ب ل ك ف ال), as the index matches it.
        m = re.search(r"(?<!\w)(?:[وفبلك]?(?:ال|ل)?)" + re.escape(term) + r"(?!\w)", folded.text)
        if m:
            s, e = folded.span(m.start(), m.end())
            lo, hi = max(0, s - width), min(len(text), e + width)
            return {"text": text[lo:hi], "start": s - lo, "end": e - lo}
    return {"text": text[:2 * width], "start": 0, "end": 0}


def _check_token(request: Request, token: Optional[str]) -> None:
    """Bearer-token check for writes; no configured token means writes are disabled."""
    expected = token or os.environ.get("RASD_API_TOKEN")
    if not expected:
        raise HTTPException(403, "ingest over the API is disabled: start the server with a token "
                                 "(RASD_API_TOKEN)")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


def _update_stories(store):
    """Regroup stories after a write, when the story module is installed."""
    try:
        mod = importlib.import_module("rasd.stories")
    except ModuleNotFoundError:
        return None
    if hasattr(mod, "update_store"):
        return mod.update_store(store)
    return None
