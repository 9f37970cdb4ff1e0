"""The events stage: fills the ``events`` layer from entities, places, dates and quotes."""
from __future__ import annotations

from ..events import extract_events
from ..events.classifier import load_model
from ..model import Article


class EventsStage:
    name = "events"
    needs = ("entities", "places", "dates", "quotes")
    adds = "events"

    def __init__(self, profile: str = "fast"):
        self.profile = profile
        load_model()  # once, at stage creation

    def __call__(self, article: Article) -> Article:
        return article.with_layer("events", extract_events(article))


def make_stage(profile: str = "fast") -> EventsStage:
    """The events stage (lexicon + sentence classifier; the same for every profile)."""
    return EventsStage(profile)
