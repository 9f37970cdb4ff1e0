"""The quotes stage: fills the ``quotes`` layer from the sentences and the entity layer."""
from __future__ import annotations

from typing import Optional

from ..model import Article
from ..quotes import extract_quotes
from ..settings import Settings


class QuotesStage:
    name = "quotes"
    requires = ("text", "sentences", "entities")
    assigns = "quotes"

    def __init__(self, settings: Optional[Settings] = None):
        self.settings = settings or Settings()

    def __call__(self, article: Article) -> Article:
        return article.with_layer("quotes", extract_quotes(article))
