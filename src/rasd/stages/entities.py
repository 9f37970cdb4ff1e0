"""The ``entities`` stage: the adapter over :class:`rasd.entities.EntityFinder`."""
from __future__ import annotations

from typing import Optional

from ..entities import EntityFinder
from ..model import Article
from ..settings import Settings


class EntitiesStage:
    name = "entities"
    requires = ("text", "sentences", "tokens")
    assigns = "entities"

    def __init__(self, settings: Optional[Settings] = None, finder: Optional[EntityFinder] = None):
        self.settings = settings or Settings()
        self.finder = finder or EntityFinder(self.settings.profile, ner_model=self.settings.ner_model)

    def __call__(self, article: Article) -> Article:
        ents = self.finder.entities(article.text, article.sentences, article.tokens,
                                    published=article.published)
        return article.with_layer("entities", ents)
