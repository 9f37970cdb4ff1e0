"""/export/{fmt}: the whole database as a download."""
from __future__ import annotations

import io

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response

from ... import service
from ...store import Store
from ..deps import only, store

router = APIRouter(tags=["exports"])


@router.get("/export/{fmt}", dependencies=[only()])
def export(fmt: str, st: Store = Depends(store)):
    """The whole database as a download: jsonl, stories, acled-csv, plover-jsonl or geojson."""
    if fmt not in service.FORMATS:
        raise HTTPException(404, f"unknown export format {fmt!r}; formats are {', '.join(service.FORMATS)}")
    buf = io.StringIO()
    service.export(st, fmt, buf)
    media, name = service.FORMATS[fmt]
    return Response(buf.getvalue(), media_type=f"{media}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
