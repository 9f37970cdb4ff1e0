"""Datasette metadata for a rasd SQLite database: what every table, view and column holds.

``python -m rasd.store.datasette NAME`` prints the metadata for a database file NAME.db (the
names in datasette's metadata are database names); docs/datasette-metadata.json is the one
for ``rasd.db``. Search needs no metadata: datasette finds ``articles_text_fts`` (migration 7)
on its own and offers a search box on ``articles``.
"""
from __future__ import annotations

import json
import sys

SPAN = {"start_offset": "character offset of the record's first character in articles.text",
        "end_offset": "offset just after its last character"}
ROW = {"article_id": "the article (articles.id)", "idx": "the record's position in its article's layer",
       **SPAN, "record": "the record as JSON, in the contract's shape"}

TABLES = {
    "articles": ("One analyzed article.", {
        "id": "the input's id, or derived from the text", "content_hash": "hash of everything stored for it",
        "title": "title", "outlet": "outlet as the input names it", "url": "URL", "published": "YYYY-MM-DD",
        "text": "the cleaned text; every offset indexes into it", "source": "the input file or stream",
        "ingested_at": "when it was stored (UTC)", "provenance": "JSON: rasd version, profile, gate, models hash",
        "input_hash": "hash of what was read, before analysis"}),
    "entities": ("People, organisations, places and groups named in an article.", {
        **ROW, "label": "PER, ORG, LOC, GPE, NORP, FAC or MISC", "kb_id": "knowledge-base id (org:islamic-state)",
        "name_en": "English name", "text": "the words as written"}),
    "places": ("Every geocoded place mention.", {
        **ROW, "name_en": "gazetteer name", "country": "ISO 3166 alpha-2", "admin1": "province / governorate",
        "lat": "latitude", "lon": "longitude", "geonameid": "GeoNames id", "text": "the words as written",
        "precision": "ACLED geo_precision: 1 town, 2 near/district, 3 province/region"}),
    "dates": ("Every resolved date expression.", {
        **ROW, "value": "YYYY-MM-DD, YYYY-MM or YYYY", "precision": "day, week, month or year"}),
    "quotes": ("Quoted and reported speech.", {
        **ROW, "speaker_kb_id": "the speaker's KB id", "incitement": "1 for a call to violence",
        "text": "the quoted words only", "kind": "direct or indirect", "speaker_name": "the speaker's English name",
        "speaker_text": "the speaker as written", "via": "outlet or monitor the speaker talked to"}),
    "events": ("PLOVER events, with their ACLED type where ACLED has one.", {
        **ROW, "start_offset": "start of the evidence sentence", "end_offset": "its end",
        "type": "PLOVER type (ASSAULT, MOBILIZE, ...)",
        "status": "occurred, called, threatened, planned, denied or hypothetical",
        "event_date": "the event's date, when the text gives one", "date_precision": "day, week, month or year",
        "country": "ISO alpha-2 of the event's place", "admin1": "its province", "place_name": "its place",
        "geonameid": "its GeoNames id", "lat": "latitude", "lon": "longitude",
        "actor1_kb_id": "who acted (KB id)", "actor1_name": "who acted (English name, or as written)",
        "actor2_kb_id": "the target (KB id)", "actor2_name": "the target", "fatalities": "dead, when reported",
        "acled_event_type": "ACLED event type (Battles, ...)", "acled_sub_event_type": "ACLED sub-event type",
        "mode": "PLOVER mode (aerial, explosives, ...)"}),
    "stories": ("Articles about the same events across outlets.", {
        "id": "story id", "title": "title", "first_published": "earliest article", "last_published": "latest article",
        "record": "the story as JSON (articles, merged events, contradictions)", "updated_at": "last change"}),
    "story_articles": ("Which article belongs to which story.", {"story_id": "the story", "article_id": "the article"}),
    "errors": ("Inputs that could not be read.", {
        "source": "the input", "error": "kind of failure", "message": "what went wrong", "recorded_at": "when"}),
    "feeds": ("Feeds `rasd watch` polls.", {
        "url": "feed URL", "title": "feed title", "etag": "HTTP ETag", "last_modified": "HTTP Last-Modified",
        "last_checked": "last poll", "last_seen": "last new entry", "last_entry": "its URL",
        "failures": "failed polls in a row", "last_error": "the last failure"}),
    "schema_migrations": ("Applied schema migrations.", {"version": "number", "name": "what it adds",
                                                         "applied_at": "when"}),
}
VIEWS = {
    "event_details": ("Each event with its article, names and the evidence sentence cut out of the text.", {
        "id": "ARTICLE:N", "date": "the event's date, else the article's", "actor1": "who acted", "actor2": "target",
        "place": "where", "latitude": "latitude", "longitude": "longitude", "evidence": "the sentence it was read from"}),
    "quote_details": ("Each quote with its article and speaker.", {
        "id": "ARTICLE:N", "quote": "the quoted words", "speaker": "who said it (English name)"}),
}
HIDDEN = ("articles_fts", "articles_fts_data", "articles_fts_idx", "articles_fts_content", "articles_fts_docsize",
          "articles_fts_config", "articles_text_fts_data", "articles_text_fts_idx", "articles_text_fts_docsize",
          "articles_text_fts_config", "embeddings", "sqlite_sequence")
FACETS = {"events": ["type", "status", "country", "acled_event_type"],
          "event_details": ["type", "status", "country", "outlet"], "entities": ["label"], "places": ["country"]}
LABELS = {"articles": "title", "stories": "title"}


def metadata(database: str = "rasd") -> dict:
    """Datasette metadata for the database named ``database`` (its file name without .db)."""
    tables: dict = {}
    for name, (description, columns) in {**TABLES, **VIEWS}.items():
        t = {"description": description, "columns": columns}
        if name in FACETS:
            t["facets"] = FACETS[name]
        if name in LABELS:
            t["label_column"] = LABELS[name]
        tables[name] = t
    tables["articles_text_fts"] = {"description": "Full-text index of titles and text as written (search box "
                                                  "on articles); rasd's own search folds spelling and clitics."}
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {"title": "rasd", "description": "Arabic conflict news read by rasd: articles, entities, places, dates, "
                                            "quotes, PLOVER/ACLED events, stories. Offsets index articles.text.",
            "databases": {database: {"tables": tables}}}


if __name__ == "__main__":
    print(json.dumps(metadata(sys.argv[1] if len(sys.argv) > 1 else "rasd"), ensure_ascii=False, indent=2))
