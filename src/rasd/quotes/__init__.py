"""Quotes: direct and indirect speech with speakers, cue verbs, outlets and an incitement flag."""
from .extract import extract_quotes
from .incite import is_incitement
from .marks import quoted_spans

__all__ = ["extract_quotes", "is_incitement", "quoted_spans"]
