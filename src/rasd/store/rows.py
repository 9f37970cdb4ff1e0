"""Record ↔ row conversion shared by the SQL backends."""
from __future__ import annotations

import hashlib
import json

from ..model import Article

LAYER_COLUMNS = {
    "entities": ("label", "kb_id", "name_en", "text"),
    "places": ("name_en", "country", "admin1", "lat", "lon", "geonameid", "text", "precision"),
    "dates": ("value", "precision"),
    "quotes": ("speaker_kb_id", "incitement", "text", "kind", "speaker_name", "speaker_text", "via"),
    "events": ("type", "status", "event_date", "country", "actor1_kb_id", "actor2_kb_id", "fatalities",
               "admin1", "place_name", "geonameid", "acled_event_type", "acled_sub_event_type", "mode",
               "actor1_name", "actor2_name", "date_precision", "lat", "lon"),
}


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def content_hash(article: Article) -> str:
    """Hash of everything stored for an article, so a changed analysis is re-written."""
    return hashlib.sha256(dumps(article.to_json()).encode("utf-8")).hexdigest()


def input_hash(article: Article) -> str:
    """Hash of what was read (cleaned text and metadata), before any analysis: an input whose
    hash is stored is known work (its layers are not computed again)."""
    meta = {"id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
            "published": article.published, "text": article.text}
    return hashlib.sha256(dumps(meta).encode("utf-8")).hexdigest()


def layer_values(name: str, rec: dict) -> tuple:
    """Filter columns of one layer record."""
    if name == "quotes":
        sp = rec.get("speaker") or {}
        return (sp.get("kb_id"), int(bool(rec.get("incitement"))), rec.get("text"), rec.get("kind"),
                sp.get("name_en"), sp.get("text"), rec.get("via"))
    if name == "events":
        place, date, acled = rec.get("place") or {}, rec.get("date") or {}, rec.get("acled") or {}
        a1, a2 = rec.get("actor1") or {}, rec.get("actor2") or {}
        # Names as columns (migration 7): filters by name and SQL tools (datasette) read them.
        return (rec["type"], rec["status"], date.get("value"), place.get("country"),
                a1.get("kb_id"), a2.get("kb_id"), rec.get("fatalities"), place.get("admin1"),
                place.get("name_en"), place.get("geonameid"), acled.get("event_type"), acled.get("sub_event_type"),
                rec.get("mode"), a1.get("name_en") or a1.get("text"), a2.get("name_en") or a2.get("text"),
                date.get("precision"), place.get("lat"), place.get("lon"))
    return tuple(rec.get(c) for c in LAYER_COLUMNS[name])


def layer_rows(article: Article):
    """(table, columns, rows) for every layer of an article."""
    data = article.to_json()
    for name, cols in LAYER_COLUMNS.items():
        rows = []
        for i, rec in enumerate(data[name]):
            span = rec.get("evidence") if name == "events" else rec
            rows.append((article.id, i, span["start"], span["end"], *layer_values(name, rec), dumps(rec)))
        yield name, ("article_id", "idx", "start_offset", "end_offset", *cols, "record"), rows


def search_body(article: Article) -> str:
    """The text the full-text index holds: every normalized word of title and text, plus its
    readings without clitics (و، ب، ال ...), so "غزة" finds "وبغزة"."""
    from ..text import norm, stems, tokenize

    words = []
    for tok in tokenize(norm(f"{article.title or ''} {article.text}")):
        if tok.is_word:
            words.extend(s for _, s in stems(tok.text))
    return " ".join(words)


def search_terms(query: str) -> list[str]:
    """Normalized words of a search query (each must occur, in any clitic form)."""
    from ..text import norm, tokenize

    return [t.text for t in tokenize(norm(query)) if t.is_word]
