"""One error shape for every answer that is not a success: ``{"error": {"code", "message", ...}}``.

``code`` is a stable word a client can branch on; ``message`` is for people; an unknown name
adds ``param``, ``value`` and ``suggestions``, a malformed parameter or body adds ``details``
(one entry per field). The handlers cover FastAPI's own errors (404 for an unknown path, 422
for a malformed value) as well as rasd's, so no route can answer in another shape.
"""
from __future__ import annotations

from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store.filters import FilterError

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         413: "too_large", 422: "validation_error", 500: "internal_error"}


class ApiError(StarletteHTTPException):
    """An HTTP error with a code and extra fields for the error body."""

    def __init__(self, status: int, message: str, code: Optional[str] = None, headers: Optional[dict] = None,
                 **extra: Any):
        super().__init__(status, message, headers=headers)
        self.code, self.extra = code or CODES.get(status, "error"), extra


def body(status: int, message: str, code: Optional[str] = None, **extra: Any) -> dict:
    """The error body for ``status`` (used by the ASGI middleware too)."""
    return {"error": {"code": code or CODES.get(status, "error"), "message": message,
                      **{k: v for k, v in extra.items() if v is not None}}}


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        extra = getattr(exc, "extra", {})
        return JSONResponse(body(exc.status_code, str(exc.detail), getattr(exc, "code", None), **extra),
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                   for e in exc.errors()]
        message = "; ".join(f"{'.'.join(str(x) for x in d['loc'][1:]) or d['loc'][0]}: {d['msg']}" for d in details)
        return JSONResponse(body(422, message or "invalid request", details=details), status_code=422)

    @app.exception_handler(FilterError)
    async def _filter(request: Request, exc: FilterError):
        return JSONResponse({"error": {k: v for k, v in exc.to_json().items() if v is not None}}, status_code=400)
