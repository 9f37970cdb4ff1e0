"""Matching keys: one folded spelling, and the keys by which places and actors count as the same.

Stories (merging events across articles) and the events stage (one record per incident inside
an article) must agree on when two places or two actors are one, so both take their keys here.
"""
from __future__ import annotations

from typing import Optional

from .normalize import norm

# Presentation-form brackets (﴾ ﴿) that the normalizer would otherwise reject.
SAFE = {0xFD3E: "(", 0xFD3F: ")"}


def fold(text: str) -> str:
    """Normalized text for matching keys (never raises on odd presentation forms)."""
    return norm(text.translate(SAFE))


def place_key(p) -> str:
    """A Place's identity: its GeoNames id, else its English or folded name."""
    return str(p.geonameid) if p.geonameid else (p.name_en or fold(p.text)).lower()


def actor_key(a) -> Optional[str]:
    """An Actor's identity: its KB id, else its English or folded name (None for no actor)."""
    if a is None:
        return None
    return a.kb_id or (a.name_en or fold(a.text)).lower()
