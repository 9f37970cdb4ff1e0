"""The events stage: fills the ``events`` layer from entities, places, dates and quotes."""
from __future__ import annotations

from ..events import extract_events
from ..events.classifier import load_model
from ..events.extract import GATES, default_gate
from ..model import Article


class EventsStage:
    name = "events"
    needs = ("entities", "places", "dates", "quotes")
    adds = "events"

    def __init__(self, profile: str = "fast", gate: str | None = None):
        self.profile = profile
        self.gate = gate or default_gate()
        if self.gate not in GATES:
            raise ValueError(f"RASD_EVENTS_GATE={self.gate!r} is not one of {GATES}")
        load_model()  # once, at stage creation

    def __call__(self, article: Article) -> Article:
        return article.with_layer("events", extract_events(article, gate=self.gate))


def make_stage(profile: str = "fast") -> EventsStage:
    """The events stage (lexicon + sentence classifier; the same for every profile)."""
    return EventsStage(profile)
