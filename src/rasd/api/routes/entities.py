"""/entities and /places."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query

from ...store import Store
from ...store.filters import FILTERS
from ..deps import MAX_PAGE, PAGING, Filters, only, page, resolved, store
from ..errors import ApiError
from ..models import ERRORS, EntityAggregate, EntityPage, Page, PlaceAggregate

router = APIRouter(responses=ERRORS)


@router.get("/entities", dependencies=[only(*FILTERS, *PAGING, "label")], tags=["entities"],
            response_model=Page[EntityAggregate])
def list_entities(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store),
                  label: Optional[str] = Query(None, pattern="^(PER|ORG|LOC|GPE|NORP|FAC|MISC)$")) -> dict:
    """Entities aggregated by kb_id, most mentioned first."""
    items = st.entities(label=label, **f.values)
    return {"total": len(items), **p, "items": items[p["offset"]:p["offset"] + p["limit"]],
            "resolved": resolved(st, f.values)}


@router.get("/entities/{entity_id:path}", dependencies=[only()], tags=["entities"], response_model=EntityPage)
def get_entity(entity_id: str, st: Store = Depends(store)) -> dict:
    """One entity: its aggregate, its events (as actor) and quotes (as speaker) over time."""
    agg = st.entity(entity_id)
    if agg is None:
        raise ApiError(404, f"no entity with id {entity_id!r}", param="entity_id")
    kb = agg["kb_id"]
    if not kb:
        return {**agg, "events": [], "quotes": [], "article_list": [], "events_total": 0, "quotes_total": 0,
                "articles_total": 0}
    # One page each (the first MAX_PAGE): a frequent actor must not make one huge answer.
    return {**agg, "events": st.events(actor=kb, limit=MAX_PAGE), "quotes": st.quotes(speaker=kb, limit=MAX_PAGE),
            "article_list": st.article_summaries(actor=kb, limit=MAX_PAGE),
            "events_total": st.count_events(actor=kb), "quotes_total": st.count_quotes(speaker=kb),
            "articles_total": st.count_articles(actor=kb)}


@router.get("/places", dependencies=[only(*FILTERS, *PAGING)], tags=["places"], response_model=Page[PlaceAggregate])
def list_places(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Geocoded places aggregated, most mentioned first."""
    items = st.places(**f.values)
    return {"total": len(items), **p, "items": items[p["offset"]:p["offset"] + p["limit"]],
            "resolved": resolved(st, f.values)}
