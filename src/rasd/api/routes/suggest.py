"""/suggest: names as people type them, for the filters' search boxes."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query

from ... import service
from ...store import Store
from ..deps import only, store
from ..models import ERRORS, Suggestions

router = APIRouter(tags=["filters"], responses=ERRORS)

Kind = Literal["country", "admin1", "place", "actor", "outlet", "event_type", "status"]


@router.get("/suggest", dependencies=[only("kind", "q", "limit")], response_model=Suggestions)
def suggest(kind: Kind = Query(..., description="which filter the names are for"),
            q: str = Query(..., min_length=1, max_length=100, description="what was typed so far (English or Arabic)"),
            limit: int = Query(10, ge=1, le=50), st: Store = Depends(store)) -> dict:
    """Names of ``kind`` with a word starting with ``q`` (داع → داعش, Islamic State), those in the
    database first; each ``value`` is what the filter of that name takes."""
    items = service.suggest(st, kind, q, limit)
    return {"total": len(items), "items": items}
