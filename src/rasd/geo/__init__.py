"""Arabic place names: the shipped gazetteer, the matcher and the context-aware resolver.

:func:`find_places` gives the contract's Place records for a text (the outlet's name, when
known, is one of the clues to the article's country); :func:`is_dateline` tells whether a
Place is the dateline (the place of writing, not of the events).
"""
from __future__ import annotations

from typing import Iterable, Optional

from ..model import Article, Place
from .context import is_dateline_at
from .gazetteer import Entry, Gazetteer, load
from .matcher import Match, find
from .parts import unknown_parts
from .resolver import resolve

__all__ = ["Entry", "Gazetteer", "Match", "find", "find_places", "is_dateline", "load", "resolve",
           "event_places", "nearest_place"]


def find_places(text: str, entities: Iterable = (), outlet: Optional[str] = None) -> list[Place]:
    """Every geocoded place mention in ``text`` (entities, if given, confirm or veto names)."""
    spans = [(e.start, e.end, e.label) for e in entities]
    gz = load()
    places = resolve(find(text, gz), text, spans, gz, outlet)
    return sorted(places + unknown_parts(text, places, gz), key=lambda p: p.start)


def is_dateline(article: Article, place: Place) -> bool:
    """True when ``place`` opens a line as a dateline ("بيروت -", "دمشق (أ ف ب) -")."""
    return is_dateline_at(article.text, place.start, place.end)


def event_places(article: Article) -> list[Place]:
    """The article's places without its dateline(s)."""
    return [p for p in article.places if not is_dateline(article, p)]


def nearest_place(article: Article, start: int, end: int, at: Optional[int] = None) -> Optional[Place]:
    """The place in ``[start, end)`` (e.g. an event's sentence) nearest to offset ``at``.

    Datelines are skipped; among places equally near, the more precise one wins.
    """
    at = (start + end) // 2 if at is None else at
    inside = [p for p in article.places if start <= p.start and p.end <= end and not is_dateline(article, p)]
    if not inside:
        return None
    return min(inside, key=lambda p: (min(abs(p.start - at), abs(p.end - at)), p.precision))
