"""What every router shares: the store dependency, the filters, paging and strict parameters."""
from __future__ import annotations

import queue
import secrets
import threading
from typing import Callable, Iterator, Optional

from fastapi import Depends, Query, Request

from ..store import Store
from ..store.filters import FILTERS, NAMED
from .errors import ApiError

PAGING = ("limit", "offset")


_NAMES = "English or Arabic"


class Filters:
    """The common filter query parameters (documented in the OpenAPI schema). Names are
    resolved through the gazetteer and the KB (``country=Syria`` = ``country=سوريا`` = ``SY``);
    an unknown name is a 400 ``unknown_name`` with suggestions (see GET /suggest)."""

    def __init__(self, q: Optional[str] = Query(None, description="full-text search, Arabic-normalized"),
                 date_from: Optional[str] = Query(None, description="YYYY-MM-DD (or YYYY-MM, YYYY), inclusive"),
                 date_to: Optional[str] = Query(None, description="YYYY-MM-DD (or YYYY-MM, YYYY), inclusive"),
                 country: Optional[str] = Query(None, description=f"name ({_NAMES}) or ISO code; several: a,b"),
                 admin1: Optional[str] = Query(None, description=f"province / governorate ({_NAMES})"),
                 place: Optional[str] = Query(None, description=f"place name ({_NAMES}) or geonameid"),
                 actor: Optional[str] = Query(None, description=f"actor name ({_NAMES}) or KB id"),
                 event_type: Optional[str] = Query(None, description="PLOVER type (ASSAULT), ACLED event type "
                                                                     "(Battles) or sub-event type; several: a,b"),
                 outlet: Optional[str] = Query(None, description=f"outlet ({_NAMES})"),
                 story: Optional[str] = Query(None, description="story id"),
                 status: Optional[str] = Query(None, description="occurred, called, threatened, planned, denied, "
                                                                 "hypothetical; several: a,b"),
                 fatalities_min: Optional[int] = Query(None, ge=0, description="events with at least this many dead"),
                 fatalities_max: Optional[int] = Query(None, ge=0, description="events with at most this many dead")):
        self.values = {k: v for k, v in locals().items() if k in FILTERS and v not in (None, "")}


def resolved(st: Store, values: dict) -> dict:
    """How each name filter was read ({} when none was given): shown with every listing."""
    if not any(k in NAMED for k in values):
        return {}
    return {k: m.to_json() for k, m in st.resolve_filters(**values).items() if k in NAMED}


MAX_PAGE = 500  # the largest page a listing returns: bounds every answer's size and time


def page(limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> dict:
    return {"limit": limit, "offset": offset}


def only(*allowed: str):
    """Dependency: refuse query parameters the endpoint does not know (a typo is a 400, not ignored)."""
    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise ApiError(400, f"unknown query parameter(s): {', '.join(unknown)}; allowed: {', '.join(allowed)}",
                           code="unknown_parameter", param=unknown[0])
    return Depends(check)


LISTING = only(*FILTERS, *PAGING)


class StorePool:
    """Read connections, one per request in flight, opened on demand and reused.

    A request never waits for another one's connection. One shared connection behind a lock
    deadlocked the server under load (100 clients: every worker thread of the pool blocked
    on the lock while the request holding it waited for a free thread to run its endpoint).
    SQLite in WAL mode and PostgreSQL both serve concurrent readers; writes stay on the
    app's own store, one at a time."""

    def __init__(self, opener: Callable[[], Store]):
        self.opener = opener
        self.free: queue.SimpleQueue = queue.SimpleQueue()
        self.opened: list[Store] = []
        self.lock = threading.Lock()

    def take(self) -> Store:
        try:
            return self.free.get_nowait()
        except queue.Empty:
            st = self.opener()
            with self.lock:
                self.opened.append(st)
            return st

    def give(self, st: Store) -> None:
        self.free.put(st)

    def close(self) -> None:
        with self.lock:
            for st in self.opened:
                st.close()
            self.opened.clear()


def store(request: Request) -> Iterator[Store]:
    """A read connection for this request, back to the pool when it is answered."""
    pool: StorePool = request.app.state.pool
    st = pool.take()
    try:
        yield st
    finally:
        pool.give(st)


def check_token(request: Request) -> None:
    """Bearer-token check for writes; no configured token means writes are disabled."""
    expected = request.app.state.token
    if not expected:
        raise ApiError(403, "ingest over the API is disabled: start the server with a token (RASD_API_TOKEN)")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, "wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
