"""The ``dates`` stage: date expressions resolved against ``article.published``."""
from __future__ import annotations

from typing import Optional

from ..dates import find_dates
from ..model import Article
from ..settings import Settings


class DatesStage:
    name = "dates"
    requires = ("text",)
    assigns = "dates"

    def __init__(self, settings: Optional[Settings] = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, article: Article) -> Article:
        return article.with_layer("dates", find_dates(article.text, article.published))
