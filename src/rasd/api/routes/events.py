"""/events, /events.csv and /timeline."""
from __future__ import annotations

import io
from collections import defaultdict
from typing import Optional

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ... import service
from ...store import Store
from ...store.filters import FILTERS
from ..deps import LISTING, Filters, only, page, resolved, store
from ..models import ERRORS, EventRow, Page, Timeline

router = APIRouter(tags=["events"], responses=ERRORS)


@router.get("/events", dependencies=[LISTING], response_model=Page[EventRow])
def list_events(f: Filters = Depends(), p: dict = Depends(page), st: Store = Depends(store)) -> dict:
    """Events with their article, outlet and date, by event date."""
    return {"total": st.count_events(**f.values), **p, "items": st.events(**p, **f.values),
            "resolved": resolved(st, f.values)}


@router.get("/events.csv", dependencies=[LISTING], response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "one row per event, a header first"}})
def events_csv(f: Filters = Depends(), st: Store = Depends(store),
               limit: Optional[int] = Query(None, ge=1, description="at most this many rows (default: all)"),
               offset: int = Query(0, ge=0)):
    """The matching events as CSV (the columns of rasd.store.exports.EVENT_COLUMNS), by event date."""
    buf = io.StringIO()
    service.events_csv(st, buf, limit=limit, offset=offset, **f.values)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/timeline", dependencies=[only(*FILTERS)], response_model=Timeline)
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
    items = [{"date": d, "type": t, **v} for (d, t), v in sorted(cells.items())]
    return {"total": len(items), "items": items, "resolved": resolved(st, f.values)}

