"""/entities and /places."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Query

from ...store import Store
from ...store.search import FILTERS
from ..deps import MAX_PAGE, PAGING, Filters, only, page, store

router = APIRouter()


@router.get("/entities", dependencies=[only(*FILTERS, *PAGING, "label")], tags=["entities"])
def list_entities(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store),
                  label: Optional[str] = Query(None, pattern="^(PER|ORG|LOC|GPE|NORP|FAC|MISC)$")) -> dict:
    """Entities aggregated by kb_id, most mentioned first."""
    items = st.entities(label=label, **f.values)
    return {"total": len(items), **p, "items": items[p["offset"]:p["offset"] + p["limit"]]}


@router.get("/entities/{entity_id:path}", dependencies=[only()], tags=["entities"])
def get_entity(entity_id: str, st: Store = Depends(store)) -> dict:
    """One entity: its aggregate, its events (as actor) and quotes (as speaker) over time."""
    agg = st.entity(entity_id)
    if agg is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    kb = agg["kb_id"]
    # One page each (the first MAX_PAGE): a frequent actor must not make one huge answer.
    events = st.events(actor=kb, limit=MAX_PAGE) if kb else []
    quotes = st.quotes(speaker=kb, limit=MAX_PAGE) if kb else []
    articles = st.article_summaries(actor=kb, limit=MAX_PAGE) if kb else []
    return {**agg, "events": events, "quotes": quotes, "article_list": articles}


@router.get("/places", dependencies=[only(*FILTERS, *PAGING)], tags=["places"])
def list_places(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Geocoded places aggregated, most mentioned first."""
    items = st.places(**f.values)
    return {"total": len(items), **p, "items": items[p["offset"]:p["offset"] + p["limit"]]}
