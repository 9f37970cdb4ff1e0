"""/events and /timeline."""
from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Depends

from ...store import Store
from ...store.search import FILTERS
from ..deps import LISTING, Filters, only, page, store

router = APIRouter(tags=["events"])


@router.get("/events", dependencies=[LISTING])
def list_events(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Events with their article, outlet and date, by event date."""
    return {"total": st.count_events(**f.values), **p, "items": st.events(**p, **f.values)}


@router.get("/timeline", dependencies=[only(*FILTERS)])
def timeline(f: Filters = Depends(), st: Store = Depends(store)) -> dict:
    """Events counted by day and PLOVER type, with fatalities summed."""
    cells: dict = defaultdict(lambda: {"events": 0, "fatalities": 0})
    for ev in st.events(**f.values):
        day = (ev.get("date") or {}).get("value") or ev.get("published")
        if not day:
            continue
        c = cells[(day, ev["type"])]
        c["events"] += 1
        c["fatalities"] += ev.get("fatalities") or 0
    return {"items": [{"date": d, "type": t, **v} for (d, t), v in sorted(cells.items())]}
