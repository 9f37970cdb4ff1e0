"""/export/{fmt}: the database, or what the filters select, as a download."""
from __future__ import annotations

import io
from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ... import service
from ...store import Store
from ...store.filters import FILTERS
from ..deps import Filters, only, store
from ..errors import ApiError
from ..models import ERRORS

router = APIRouter(tags=["exports"], responses=ERRORS)


@router.get("/export/{fmt}", dependencies=[only(*FILTERS, "layer")], response_class=Response,
            responses={200: {"description": "the file, as `rasd export` writes it"}})
def export(fmt: str, f: Filters = Depends(), st: Store = Depends(store),
           layer: Literal["all", "events", "places"] = Query("all", description="geojson: which features")):
    """The database as a download (jsonl, stories, acled-csv, plover-jsonl, geojson, events-csv); the
    filters keep the articles and events they match, as `rasd export` does."""
    if fmt not in service.FORMATS:
        raise ApiError(404, f"unknown export format {fmt!r}; formats are {', '.join(service.FORMATS)}", param="fmt")
    buf = io.StringIO()
    service.export(st, fmt, buf, layer=layer, **f.values)
    media, name = service.FORMATS[fmt]
    return Response(buf.getvalue(), media_type=f"{media}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
