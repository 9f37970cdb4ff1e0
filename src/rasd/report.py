"""A short human-readable digest of a database, for the demo and for a first look."""
from __future__ import annotations

from typing import Iterable

from .model import Article, Story


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _event_line(ev) -> str:
    name = lambda a: a.name_en or a.text  # noqa: E731
    # a target with no known doer reads "? → target": it must never look like the perpetrator
    who = (name(ev.actor1) if ev.actor1 else "?") + (" → " + name(ev.actor2) if ev.actor2 else "")
    where = (ev.place.name_en or ev.place.text) if ev.place else "?"
    when = ev.date.value if ev.date else "?"
    dead = f", {ev.fatalities} killed" if ev.fatalities is not None else ""
    return f"    {ev.type}/{ev.status}{' (' + ev.mode + ')' if ev.mode else ''}: {who} @ {where} on {when}{dead}"


def digest(articles: Iterable[Article], stories: list[Story] | None = None, max_events: int = 4) -> str:
    """Per article: title, outlet, date, layer counts, a few events and quotes; then stories."""
    lines = []
    for art in articles:
        lines.append(f"[{art.id}] {_short(art.title or '(untitled)', 100)}")
        lines.append(f"  {art.outlet or '?'} · {art.published or 'no date'} · "
                     f"{len(art.entities)} entities, {len(art.places)} places, {len(art.dates)} dates, "
                     f"{len(art.quotes)} quotes, {len(art.events)} events")
        ents = sorted({e.name_en or e.text for e in art.entities if e.kb_id})
        if ents:
            lines.append("  actors: " + ", ".join(ents[:8]))
        for ev in art.events[:max_events]:
            lines.append(_event_line(ev))
        for q in art.quotes[:2]:
            who = (q.speaker.name_en or q.speaker.text) if q.speaker else "?"
            flag = " [INCITEMENT]" if q.incitement else ""
            lines.append(f"    “{q.text[:70]}{'…' if len(q.text) > 70 else ''}” — {who}{flag}")
    for st in stories or []:
        lines.append(f"story {st.id}: {_short(str(st.title), 80)} — {len(st.articles)} articles from "
                     f"{', '.join(st.outlets) or '?'}; {len(st.events)} events, "
                     f"{len(st.contradictions)} contradictions")
    return "\n".join(lines)


def _event_json(ev) -> dict:
    name = lambda a: (a.name_en or a.text) if a else None  # noqa: E731
    return {"type": ev.type, "status": ev.status, "mode": ev.mode, "actor1": name(ev.actor1),
            "actor2": name(ev.actor2), "place": (ev.place.name_en or ev.place.text) if ev.place else None,
            "date": ev.date.value if ev.date else None, "fatalities": ev.fatalities}


def digest_json(articles: Iterable[Article], stories: list[Story] | None = None, totals: dict | None = None,
                max_events: int = 4) -> dict:
    """The digest as one object (``rasd summary --json``): the totals, then per article what
    :func:`digest` prints (counts, linked actors, the first events and quotes), then stories."""
    items = []
    for art in articles:
        items.append({
            "id": art.id, "title": art.title, "outlet": art.outlet, "published": art.published,
            "counts": {k: len(getattr(art, k)) for k in ("entities", "places", "dates", "quotes", "events")},
            "actors": sorted({e.name_en or e.text for e in art.entities if e.kb_id}),
            "events": [_event_json(ev) for ev in art.events[:max_events]],
            "quotes": [{"text": q.text, "speaker": (q.speaker.name_en or q.speaker.text) if q.speaker else None,
                        "incitement": q.incitement} for q in art.quotes[:2]]})
    return {"totals": totals or {}, "articles": items,
            "stories": [{"id": st.id, "title": st.title, "articles": len(st.articles), "outlets": list(st.outlets),
                         "first_published": st.first_published, "last_published": st.last_published,
                         "events": len(st.events), "contradictions": len(st.contradictions)}
                        for st in stories or []]}
