"""The events stage: fills the ``events`` layer from entities, places, dates and quotes."""
from __future__ import annotations

from typing import Optional

from ..events import extract_events
from ..events.classifier import SentenceScorer
from ..events.gate import Gate, gate_named
from ..model import Article
from ..settings import Settings


class EventsStage:
    name = "events"
    requires = ("text", "sentences", "tokens", "entities", "places", "dates", "quotes")
    assigns = "events"

    def __init__(self, settings: Optional[Settings] = None, gate: Optional[Gate] = None, scorer=None):
        """``gate`` and ``scorer`` replace the ones ``settings`` names (training tries others)."""
        self.settings = settings or Settings()
        self.gate = gate or gate_named(self.settings.events_gate)
        if scorer is None and self.settings.event_classifier:
            scorer = SentenceScorer(self.settings.events_model, self.settings.profile)  # loads once, at stage creation
        self.scorer = scorer

    def __call__(self, article: Article) -> Article:
        return article.with_layer("events", extract_events(article, self.scorer, self.gate, require_argument=True))
