"""/docs: Swagger UI from the fastapi-offline package (vendored assets, nothing from a CDN).

The page and its starter script are files here; the Swagger UI bundle and stylesheet are
served from the installed package under /docs/assets. No inline script or style, so the
app's CSP (``script-src 'self'``) holds on this page too.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent


def assets() -> Path:
    """Where the installed fastapi-offline keeps Swagger UI (swagger-ui-bundle.js, .css)."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or spec.origin is None:
        raise RuntimeError("the API docs need fastapi-offline: pip install fastapi-offline")
    return Path(spec.origin).parent / "static"


router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs_page():
    return FileResponse(HERE / "index.html", media_type="text/html; charset=utf-8")


@router.get("/docs/init.js")
def docs_script():
    return FileResponse(HERE / "init.js", media_type="text/javascript; charset=utf-8")


def mount(app: FastAPI) -> None:
    """Add /docs, /docs/init.js and /docs/assets to ``app``."""
    app.include_router(router)
    app.mount("/docs/assets", StaticFiles(directory=assets()), name="docs-assets")
