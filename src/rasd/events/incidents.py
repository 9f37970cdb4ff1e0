"""One event per incident: an article that restates an incident gives one record, not several.

News copy states an incident in the lead, again with the toll, and again in a source's words;
counting each sentence as an event doubles what a monitor sums. Two events of one article are
the same incident when they have the same type and status and no clash of places, actors or
dates (a sentence that names no place does not contradict one that does: restatements often
drop it). The record kept is the one with the most arguments read
from its own sentence (its evidence), so every field still points at the text it came from;
ties go to the earliest.
"""
from __future__ import annotations

from typing import Optional

from ..model import Event
from ..text.keys import actor_key, place_key

_MERGED = ("ASSAULT", "PROTEST", "COERCE")  # incidents; calls and threats stay per statement


def _clash(x: Optional[str], y: Optional[str]) -> bool:
    return x is not None and y is not None and x != y


def _place(e: Event) -> Optional[str]:
    return place_key(e.place) if e.place is not None else None


def same_incident(a: Event, b: Event) -> bool:
    """Whether two events of one article report one incident."""
    if a.type != b.type or a.status != b.status or a.type not in _MERGED:
        return False
    if _clash(_place(a), _place(b)):
        return False
    if _clash(actor_key(a.actor1), actor_key(b.actor1)) or _clash(actor_key(a.actor2), actor_key(b.actor2)):
        return False
    da, db = (a.date.value if a.date else None), (b.date.value if b.date else None)
    return not (da and db and not (da.startswith(db) or db.startswith(da)))


def _weight(e: Event) -> int:
    return sum(x is not None for x in (e.actor1, e.actor2, e.place, e.date, e.fatalities))


def one_per_incident(events: list[Event]) -> list[Event]:
    """``events`` with each incident kept once (its best-argued report), in text order."""
    groups: list[list[Event]] = []
    for e in events:
        for g in groups:
            if same_incident(g[0], e):
                g.append(e)
                break
        else:
            groups.append([e])
    kept = {id(max(g, key=lambda e: (_weight(e), -e.evidence.start))) for g in groups}
    return [e for e in events if id(e) in kept]
