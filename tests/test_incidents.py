"""One event per incident (rasd.events.incidents): restatements merge, distinct incidents stay."""
from __future__ import annotations

import pytest

from rasd.events.incidents import one_per_incident, same_incident
from rasd.model import Actor, Event, Place, Span

IDLIB = Place(0, 4, "إدلب", "Idlib", 35.93, 36.63, "SY")
ADEN = Place(0, 3, "عدن", "Aden", 12.78, 45.04, "YE")
ARMY = Actor("الجيش", "Military Forces of Syria", "generic:military:SY")


def _ev(place=None, actor1=None, start=0, dead=None, status="occurred") -> Event:
    return Event("ASSAULT", None, status, None, actor1, None, place, None, dead, Span(start, start + 10))


@pytest.mark.parametrize("a, b, same", [
    (_ev(IDLIB), _ev(None, start=20), True),          # the restatement names no place
    (_ev(IDLIB), _ev(ADEN, start=20), False),         # two places, two incidents
    (_ev(IDLIB, ARMY), _ev(IDLIB, start=20), True),
    (_ev(IDLIB), _ev(IDLIB, status="denied", start=20), False),
])
def test_restatements_are_one_incident_and_distinct_places_are_not(a, b, same):
    assert same_incident(a, b) is same


def test_the_best_argued_report_of_an_incident_is_kept():
    kept = one_per_incident([_ev(None, start=0), _ev(IDLIB, ARMY, start=20, dead=3)])
    assert len(kept) == 1 and kept[0].fatalities == 3 and kept[0].place == IDLIB
