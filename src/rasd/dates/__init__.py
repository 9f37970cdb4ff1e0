"""Arabic date expressions resolved against the publication date (contract's Date records)."""
from __future__ import annotations

from typing import Optional

from ..model import DateRef
from .finder import find


def find_dates(text: str, published: Optional[str] = None) -> list[DateRef]:
    """Every resolved date expression in ``text`` as DateRef records."""
    return [DateRef(s, e, text[s:e], value, precision) for s, e, value, precision in find(text, published)]


__all__ = ["find", "find_dates"]
