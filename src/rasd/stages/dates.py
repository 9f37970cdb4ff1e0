"""The ``dates`` stage: date expressions resolved against ``article.published``."""
from __future__ import annotations

from ..dates import find_dates
from ..model import Article


class DatesStage:
    name = "dates"
    needs: tuple[str, ...] = ()
    adds = "dates"

    def __init__(self, profile: str = "fast") -> None:
        self.profile = profile

    def __call__(self, article: Article) -> Article:
        return article.with_layer("dates", find_dates(article.text, article.published))


def make_stage(profile: str = "fast") -> DatesStage:
    return DatesStage(profile)
