"""What every router shares: the store dependency, the filters, paging and strict parameters."""
from __future__ import annotations

import secrets
from typing import Iterator, Optional

from fastapi import Depends, HTTPException, Query, Request

from ..store import Store
from ..store.search import FILTERS

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


MAX_PAGE = 500  # the largest page a listing returns: bounds every answer's size and time


def page(limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> dict:
    return {"limit": limit, "offset": offset}


def only(*allowed: str):
    """Dependency: refuse query parameters the endpoint does not know (a typo is a 400, not ignored)."""
    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise HTTPException(400, f"unknown query parameter(s): {', '.join(unknown)}; "
                                     f"allowed: {', '.join(allowed)}")
    return Depends(check)


LISTING = only(*FILTERS, *PAGING)


def store(request: Request) -> Iterator[Store]:
    """The app's store, one request at a time on its connection (a plain Lock: FastAPI may
    enter and leave this dependency on different threads)."""
    with request.app.state.lock:
        yield request.app.state.store


def check_token(request: Request) -> None:
    """Bearer-token check for writes; no configured token means writes are disabled."""
    expected = request.app.state.token
    if not expected:
        raise HTTPException(403, "ingest over the API is disabled: start the server with a token "
                                 "(RASD_API_TOKEN)")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
