"""The REST API and the dashboard: one FastAPI app over one store, routers in :mod:`.routes`.

Reads never need a token; ``POST /articles`` (analyze and store one article) needs
``Authorization: Bearer <token>`` where the token comes from ``create_app(token=...)`` or the
``RASD_API_TOKEN`` environment variable (read here, at the edge, by :mod:`rasd.config`).
Listings take ``limit``/``offset`` (at most 500 a page) and the store's filters (see
:mod:`rasd.store.filters`; names in English or Arabic, GET /suggest offers them) and answer
``{total, limit, offset, items, resolved}``; bodies are typed (:mod:`.models`, /openapi.json,
Swagger UI at /docs from vendored assets). Every error has one shape,
``{"error": {"code", "message", ...}}`` (:mod:`.errors`): unknown parameters and malformed
values are 4xx, an unknown name a 400 with suggestions. Every response carries the security
headers of :mod:`.security` (CSP without inline script, nosniff, no framing, no referrer); a
request body over the limit is a 413; CORS is off unless origins are configured.
"""
from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Callable, Iterable, Optional

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ..config import api_token, settings_from_env
from ..service import snippet  # noqa: F401  (kept importable from here)
from ..settings import Settings
from ..store import open_store
from ..store.names import warm as warm_names
from . import docs, errors
from .deps import StorePool
from .routes import ROUTERS
from .security import BodyLimit, SecurityHeaders

WEB = Path(__file__).resolve().parents[1] / "web"


def create_app(db_url: str, token: Optional[str] = None, settings: Optional[Settings] = None,
               pipeline: Optional[Callable] = None, *, create: bool = True,
               cors_origins: Iterable[str] = (), max_body: Optional[int] = None,
               synchronous: Optional[str] = None) -> FastAPI:
    """The app over the store at ``db_url`` (SQLite path or postgresql:// URL).

    ``settings`` (default: from the environment) choose the models for ``POST /articles``;
    ``pipeline`` replaces the analysis (tests). ``create=False`` refuses a missing database
    (StoreError). ``cors_origins``: origins allowed to read from a browser (none: CORS off).
    ``max_body``: the request-body limit in bytes (default: twice the input limit, room for
    JSON escapes)."""
    settings = settings or settings_from_env()
    store = open_store(db_url, create=create, synchronous=synchronous)
    # An in-memory database exists only on its one connection: reads share it.
    pool = StorePool((lambda: store) if db_url == ":memory:" else
                     (lambda: open_store(db_url, create=False, synchronous=synchronous)))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        # The name tables (gazetteer, KB) load in the background: the first filter by a place
        # name would otherwise wait seconds for them.
        threading.Thread(target=warm_names, name="rasd-names", daemon=True).start()
        yield
        if db_url != ":memory:":
            pool.close()
        store.close()

    # FastAPI's own /docs and /redoc pages load their scripts from a CDN: off, since nothing may
    # be fetched at run time; rasd's /docs serves Swagger UI from the installed package (.docs).
    app = FastAPI(title="rasd", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Offline Arabic conflict-news monitor: articles, events, stories, entities, places.")
    app.state.store = store  # the writer (POST /articles), one write at a time under app.state.lock
    app.state.pool = pool
    app.state.lock = threading.Lock()
    app.state.settings = settings
    app.state.token = api_token(token)
    app.state.pipeline = pipeline

    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    docs.mount(app)

    @app.get("/health", include_in_schema=False)
    def health() -> dict:
        return {"ok": True}

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(WEB / "static" / "index.html", media_type="text/html; charset=utf-8")

    _harden(app, list(cors_origins), max_body or 2 * settings.max_bytes)
    return app


def _harden(app: FastAPI, cors_origins: list[str], max_body: int) -> None:
    # Added last = outermost: the headers and the limit cover every route and every error.
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)
