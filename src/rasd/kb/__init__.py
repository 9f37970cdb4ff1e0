"""Conflict-actor knowledge base and linker.

Public API (stable; other stages rely on it):

- :func:`load_kb` -> :class:`KB` (cached): ``get(kb_id)``, ``lookup(name)``, ``inter(kb_id)``,
  iteration over :class:`Entry` records (``id``, ``type``, ``name_en``, ``names_ar``, ``inter``,
  ``affiliation``, ``wikidata``, ...).
- :func:`link_text` (text) -> list of :class:`Mention` (``start``, ``end``, ``text``, ``kb_id``,
  ``label``, ``name_en``, ``how``), offsets into the given text.
- :func:`romanize` (arabic) -> English spelling for names outside the KB.
"""
from .linker import Mention, link_text
from .romanize import romanize
from .store import KB, Entry, load_kb, read_entries

__all__ = ["KB", "Entry", "Mention", "load_kb", "link_text", "read_entries", "romanize"]
