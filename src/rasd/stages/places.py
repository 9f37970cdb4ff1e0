"""The ``places`` stage: every geocoded place mention (contract's Place records).

Uses ``article.entities`` when an earlier stage filled it (LOC/GPE/FAC confirm a name,
PER/ORG/NORP veto it) and works without it. Datelines are kept as places; use
:func:`rasd.geo.is_dateline` to leave them out of events.
"""
from __future__ import annotations

from ..geo import find_places, load
from ..model import Article


class PlacesStage:
    name = "places"
    needs: tuple[str, ...] = ()
    adds = "places"

    def __init__(self, profile: str = "fast") -> None:
        self.profile = profile
        load()  # read the gazetteer once, at pipeline start

    def __call__(self, article: Article) -> Article:
        return article.with_layer("places", find_places(article.text, article.entities))


def make_stage(profile: str = "fast") -> PlacesStage:
    return PlacesStage(profile)
