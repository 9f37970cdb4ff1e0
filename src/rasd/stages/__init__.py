"""The annotation stages and their static registry, in run order.

Each stage is a class built from a :class:`~rasd.settings.Settings` whose instances have a
``name``, the layers it ``requires`` (every layer it reads, the text layer's ``text``,
``sentences`` and ``tokens`` included) and the one layer it ``assigns``, and
``__call__(article) -> article``. :class:`rasd.pipeline.Pipeline` checks that every required
layer is assigned by the text layer or an earlier stage. A new stage: write its module
here, add it to :data:`REGISTRY` after the stages it reads, add its layer to the model.
"""
from __future__ import annotations

from typing import Callable

from ..settings import Settings
from .dates import DatesStage
from .entities import EntitiesStage
from .events import EventsStage
from .places import PlacesStage
from .quotes import QuotesStage

# name -> factory(settings), in dependency order: places and quotes read entities, events all.
REGISTRY: dict[str, Callable[[Settings], object]] = {
    "entities": EntitiesStage,
    "places": PlacesStage,
    "dates": DatesStage,
    "quotes": QuotesStage,
    "events": EventsStage,
}
STAGE_ORDER = tuple(REGISTRY)

__all__ = ["REGISTRY", "STAGE_ORDER", "DatesStage", "EntitiesStage", "EventsStage", "PlacesStage",
           "QuotesStage"]
