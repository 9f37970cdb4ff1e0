"""The ``places`` stage: every geocoded place mention (contract's Place records).

Reads ``article.entities`` (LOC/GPE/FAC confirm a name, PER/ORG/NORP veto it) and the
outlet (a national paper makes its country likelier, rasd.geo.context). Datelines are
kept as places; use :func:`rasd.geo.is_dateline` to leave them out of events.
"""
from __future__ import annotations

from typing import Optional

from ..geo import find_places, load
from ..model import Article
from ..settings import Settings


class PlacesStage:
    name = "places"
    requires = ("text", "entities")
    assigns = "places"

    def __init__(self, settings: Optional[Settings] = None) -> None:
        self.settings = settings or Settings()
        load()  # read the gazetteer once, at pipeline start

    def __call__(self, article: Article) -> Article:
        return article.with_layer("places", find_places(article.text, article.entities, outlet=article.outlet))
