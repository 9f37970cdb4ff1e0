"""The quotes stage: fills the ``quotes`` layer (reads ``entities`` when present)."""
from __future__ import annotations

from ..model import Article
from ..quotes import extract_quotes


class QuotesStage:
    name = "quotes"
    needs = ("entities",)
    adds = "quotes"

    def __init__(self, profile: str = "fast"):
        self.profile = profile

    def __call__(self, article: Article) -> Article:
        return article.with_layer("quotes", extract_quotes(article))


def make_stage(profile: str = "fast") -> QuotesStage:
    """The quotes stage (the same for every profile: rules over the entity layer)."""
    return QuotesStage(profile)
