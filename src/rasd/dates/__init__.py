"""Arabic date expressions resolved against the publication date (contract's Date records)."""
from __future__ import annotations

from typing import Optional

from ..model import DateRef
from .finder import find


def find_dates(text: str, published: Optional[str] = None) -> list[DateRef]:
    """Every resolved date expression in ``text`` as DateRef records."""
    return [DateRef(s, e, text[s:e], value, precision) for s, e, value, precision in find(text, published)]


def date_in(article, start: int, end: int) -> Optional[DateRef]:
    """The first resolved date inside ``[start, end)`` (e.g. an event's sentence), or None."""
    inside = [d for d in article.dates if start <= d.start and d.end <= end]
    return min(inside, key=lambda d: d.start) if inside else None


__all__ = ["date_in", "find", "find_dates"]
