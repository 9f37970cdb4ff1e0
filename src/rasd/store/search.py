"""Filtered reads shared by the SQL backends: articles, events, quotes, entities, places, stories.

Both backends speak the same SQL here, written with ``?`` placeholders; a backend runs it
through ``_rows(sql, params)`` (PostgreSQL swaps the placeholders) and supplies only the
full-text clause (``_fts_clause``), which differs: FTS5 ``MATCH`` against SQLite's
``articles_fts``, ``@@ plainto_tsquery`` against PostgreSQL's ``article_search``.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Iterator, Optional

from ..model import Story
from .filters import FILTERS, FilterError, UnknownName, article_where, check_filters, event_where
from .rows import dumps

__all__ = ["FILTERS", "FilterError", "SQLQueries", "UnknownName", "check_filters"]


class SQLQueries:
    """Mixin for SQL stores; needs ``_rows`` and ``_fts_clause``."""

    def _rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        raise NotImplementedError

    def _fts_clause(self, column: str, terms: list[str]) -> tuple[str, list]:
        raise NotImplementedError

    # -- filters ------------------------------------------------------------------------

    def resolve_filters(self, **filters) -> dict:
        """Checked filters with each name resolved (:mod:`.names`): what a query will match."""
        from .names import resolve_filters

        return resolve_filters(check_filters(filters), self._rows)

    def suggest(self, kind: str, q: str, limit: int = 10) -> list[dict]:
        """Names of ``kind`` starting with ``q``, stored ones first (:func:`.names.suggest`)."""
        from .names import suggest

        return suggest(kind, q, self._rows, limit)

    def _article_where(self, f: dict) -> tuple[str, list]:
        """WHERE over ``articles a`` for resolved filters."""
        return article_where(f, self._fts_clause)

    def _event_where(self, f: dict) -> tuple[str, list]:
        """WHERE over ``events e JOIN articles a`` for resolved filters."""
        return event_where(f, self._fts_clause)

    @staticmethod
    def _page(limit: Optional[int], offset: int) -> str:
        if limit is None:
            return f" OFFSET {int(offset)}" if offset else ""
        return f" LIMIT {int(limit)} OFFSET {int(offset)}"

    # -- articles -------------------------------------------------------------------------

    _ORDER = " ORDER BY a.published IS NULL, a.published, a.id"

    def article_ids(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[str]:
        """Ids of the articles matching ``filters``, oldest first."""
        where, ps = self._article_where(self.resolve_filters(**filters))
        return [r[0] for r in self._rows("SELECT a.id FROM articles a" + where + self._ORDER
                                         + self._page(limit, offset), ps)]

    def count_articles(self, **filters) -> int:
        where, ps = self._article_where(self.resolve_filters(**filters))
        return self._rows("SELECT COUNT(*) FROM articles a" + where, ps)[0][0]

    def article_summaries(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[dict]:
        """Metadata, a text preview and layer counts of matching articles (no layers)."""
        where, ps = self._article_where(self.resolve_filters(**filters))
        rows = self._rows("SELECT a.id, a.title, a.outlet, a.url, a.published, SUBSTR(a.text, 1, 240), "
                          "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id), "
                          "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) "
                          "FROM articles a" + where + self._ORDER + self._page(limit, offset), ps)
        return [{"id": r[0], "title": r[1], "outlet": r[2], "url": r[3], "published": r[4],
                 "preview": r[5], "n_events": r[6], "n_quotes": r[7]} for r in rows]

    # -- events and quotes ----------------------------------------------------------------

    _EVENT_FROM = " FROM events e JOIN articles a ON a.id = e.article_id"

    def events(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[dict]:
        """Events (contract Event + id, article, outlet, published, title), by date."""
        where, ps = self._event_where(self.resolve_filters(**filters))
        rows = self._rows("SELECT e.article_id, e.idx, e.record, a.outlet, a.published, a.title" + self._EVENT_FROM
                          + where + " ORDER BY COALESCE(e.event_date, a.published) IS NULL, "
                          "COALESCE(e.event_date, a.published), e.article_id, e.idx" + self._page(limit, offset), ps)
        return [{"id": f"{r[0]}:{r[1]}", "article": r[0], "outlet": r[3], "published": r[4], "title": r[5],
                 **json.loads(r[2])} for r in rows]

    def count_events(self, **filters) -> int:
        where, ps = self._event_where(self.resolve_filters(**filters))
        return self._rows("SELECT COUNT(*)" + self._EVENT_FROM + where, ps)[0][0]

    def quotes(self, speaker: Optional[str] = None, limit: Optional[int] = None, offset: int = 0,
               **filters) -> list[dict]:
        """Quotes (contract Quote + article, outlet, published) of matching articles."""
        where, ps = self._article_where(self.resolve_filters(**filters))
        if speaker:
            where = (where + " AND " if where else " WHERE ") + "q.speaker_kb_id = ?"
            ps = ps + [speaker]
        rows = self._rows("SELECT q.article_id, q.idx, q.record, a.outlet, a.published FROM quotes q "
                          "JOIN articles a ON a.id = q.article_id" + where
                          + " ORDER BY a.published IS NULL, a.published, q.article_id, q.idx"
                          + self._page(limit, offset), ps)
        return [{"id": f"{r[0]}:{r[1]}", "article": r[0], "outlet": r[3], "published": r[4],
                 **json.loads(r[2])} for r in rows]

    def count_quotes(self, speaker: Optional[str] = None, **filters) -> int:
        """How many quotes ``quotes`` would list without paging."""
        where, ps = self._article_where(self.resolve_filters(**filters))
        if speaker:
            where = (where + " AND " if where else " WHERE ") + "q.speaker_kb_id = ?"
            ps = ps + [speaker]
        return self._rows("SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id" + where, ps)[0][0]

    # -- entities and places (aggregated) -------------------------------------------------

    def entities(self, label: Optional[str] = None, **filters) -> list[dict]:
        """Entities grouped by kb_id (unlinked ones by label and spelling, id ``~LABEL:text``),
        most mentioned first."""
        where, ps = self._article_where(self.resolve_filters(**filters))
        if label:
            where = (where + " AND " if where else " WHERE ") + "en.label = ?"
            ps = ps + [label.upper()]
        return self._entity_groups(where, ps)

    def entity(self, entity_id: str) -> Optional[dict]:
        """One entity's aggregate by its id (a kb_id, or ``~LABEL:text`` for an unlinked one)."""
        if entity_id.startswith("~") and ":" in entity_id:
            label, text = entity_id[1:].split(":", 1)
            groups = self._entity_groups(" WHERE en.kb_id IS NULL AND en.label = ?", [label])
        else:
            groups = self._entity_groups(" WHERE en.kb_id = ?", [entity_id])
        return next((g for g in groups if g["id"] == entity_id), None)

    def _entity_groups(self, where: str, ps: list) -> list[dict]:
        rows = self._rows("SELECT en.article_id, en.record, a.published FROM entities en "
                          "JOIN articles a ON a.id = en.article_id" + where, ps)
        groups: dict[str, dict] = {}
        names: dict[str, Counter] = defaultdict(Counter)
        for aid, rec, pub in rows:
            r = json.loads(rec)
            key = r.get("kb_id") or f"~{r['label']}:{r['text']}"
            g = groups.setdefault(key, {"id": key, "kb_id": r.get("kb_id"), "name_en": r.get("name_en"),
                                        "label": r["label"], "mentions": 0, "articles": set(),
                                        "first_seen": pub, "last_seen": pub})
            g["mentions"] += 1
            g["articles"].add(aid)
            g["name_en"] = g["name_en"] or r.get("name_en")
            names[key][r["text"]] += 1
            if pub and (g["first_seen"] is None or pub < g["first_seen"]):
                g["first_seen"] = pub
            if pub and (g["last_seen"] is None or pub > g["last_seen"]):
                g["last_seen"] = pub
        out = []
        for key, g in groups.items():
            g["names"] = [n for n, _ in names[key].most_common()]
            g["articles"] = len(g["articles"])
            out.append(g)
        out.sort(key=lambda g: (-g["mentions"], g["id"]))
        return out

    def places(self, **filters) -> list[dict]:
        """Geocoded places grouped by geonameid (else name and country), most mentioned first."""
        where, ps = self._article_where(self.resolve_filters(**filters))
        rows = self._rows("SELECT p.article_id, p.record FROM places p JOIN articles a ON a.id = p.article_id"
                          + where, ps)
        groups: dict[str, dict] = {}
        for aid, rec in rows:
            r = json.loads(rec)
            key = str(r.get("geonameid") or f"{r.get('name_en') or r['text']}|{r.get('country')}")
            g = groups.setdefault(key, {"id": key, "name_en": r.get("name_en"), "names": Counter(),
                                        "country": r.get("country"), "admin1": r.get("admin1"),
                                        "lat": r.get("lat"), "lon": r.get("lon"), "geonameid": r.get("geonameid"),
                                        "precision": r.get("precision"), "mentions": 0, "articles": set()})
            g["mentions"] += 1
            g["articles"].add(aid)
            g["names"][r["text"]] += 1
        out = []
        for g in groups.values():
            g["names"] = [n for n, _ in g["names"].most_common()]
            g["articles"] = sorted(g["articles"])
            out.append(g)
        out.sort(key=lambda g: (-g["mentions"], g["id"]))
        return out

    # -- stories --------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every stored story, oldest first."""
        return [Story.from_json(json.loads(r[0])) for r in self._rows(
            "SELECT record FROM stories ORDER BY first_published IS NULL, first_published, id")]

    def story(self, story_id: str) -> Optional[Story]:
        rows = self._rows("SELECT record FROM stories WHERE id = ?", (story_id,))
        return Story.from_json(json.loads(rows[0][0])) if rows else None

    def find_stories(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[Story]:
        """Stories with at least one article matching ``filters`` (all when none), oldest first."""
        f = self.resolve_filters(**filters)
        sql = "SELECT s.record FROM stories s"
        ps: list = []
        if f:
            where, ps = self._article_where(f)
            sql += (" WHERE EXISTS (SELECT 1 FROM story_articles sa2 JOIN articles a ON a.id = sa2.article_id"
                    + where + (" AND " if where else " WHERE ") + "sa2.story_id = s.id)")
        sql += " ORDER BY s.first_published IS NULL, s.first_published, s.id" + self._page(limit, offset)
        return [Story.from_json(json.loads(r[0])) for r in self._rows(sql, ps)]

    def count_stories(self, **filters) -> int:
        """How many stories ``find_stories`` would list without paging."""
        return len(self.find_stories(**filters)) if filters else self._rows("SELECT COUNT(*) FROM stories")[0][0]

    # -- provenance, known inputs, story windows --------------------------------------------

    def provenance(self, article_id: str) -> Optional[dict]:
        rows = self._rows("SELECT provenance FROM articles WHERE id = ?", (article_id,))
        return json.loads(rows[0][0]) if rows and rows[0][0] else None

    def known_input(self, input_hash: str, provenance: Optional[dict]) -> bool:
        if not provenance:
            return bool(self._rows("SELECT 1 FROM articles WHERE input_hash = ? AND provenance IS NULL",
                                   (input_hash,)))
        return bool(self._rows("SELECT 1 FROM articles WHERE input_hash = ? AND provenance = ?",
                               (input_hash, dumps(provenance))))

    def get_many(self, ids) -> list:
        arts = [a for a in (self.get(i) for i in dict.fromkeys(ids)) if a is not None]  # type: ignore[attr-defined]
        return sorted(arts, key=lambda a: (a.published is None, a.published or "", a.id))

    def unclustered_ids(self) -> list[str]:
        return [r[0] for r in self._rows(
            "SELECT id FROM articles WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = articles.id) "
            "ORDER BY published IS NULL, published, id")]

    def clustered_near(self, date_from: Optional[str], date_to: Optional[str]) -> list[str]:
        sql = ("SELECT DISTINCT a.id FROM articles a JOIN story_articles sa ON sa.article_id = a.id "
               "WHERE a.published IS NULL")
        ps: list = []
        if date_from and date_to:
            sql += " OR (a.published >= ? AND a.published <= ?)"
            ps = [date_from, date_to]
        elif not (date_from or date_to):
            sql = "SELECT DISTINCT a.id FROM articles a JOIN story_articles sa ON sa.article_id = a.id"
        return [r[0] for r in self._rows(sql + " ORDER BY a.id", ps)]

    def texts(self, ids: list[str]) -> dict[str, str]:
        """The text of each article id (for search snippets)."""
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        return dict(self._rows(f"SELECT id, text FROM articles WHERE id IN ({marks})", ids))

    def embeddings(self, ids: list[str], kind: str) -> dict[str, tuple[str, bytes]]:
        """Cached embeddings of ``kind`` by article id: (hash of the embedded text, float32 bytes)."""
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        return {i: (h, bytes(v)) for i, h, v in self._rows(
            f"SELECT article_id, text_hash, vec FROM embeddings WHERE kind = ? AND article_id IN ({marks})",
            [kind, *ids])}

    def stories_of(self, article_id: str) -> list[str]:
        return [r[0] for r in self._rows("SELECT story_id FROM story_articles WHERE article_id = ? "
                                         "ORDER BY story_id", (article_id,))]

    def iter_filtered(self, **filters) -> Iterator:
        """Full Articles matching ``filters`` (used by ``articles(**filters)``)."""
        for aid in self.article_ids(**filters):
            art = self.get(aid)  # type: ignore[attr-defined]
            if art is not None:
                yield art
