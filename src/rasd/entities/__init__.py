"""Entities: KB links, NER spans and the rules that join them (see :mod:`.finder`)."""
from .finder import EntityFinder

__all__ = ["EntityFinder"]
