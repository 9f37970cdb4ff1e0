"""One story from its member articles: merged events, title, outlets, dates.

The same event reported by several articles (same PLOVER type, and a shared place, actor or
date, and no clash of dates) becomes one story event whose ``sources`` lists the articles that
report it; ``reports`` keeps each source's own fatalities, status and wording (its evidence
sentence), so nothing a source said is lost in the merge.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Optional

from ..model import Article, Event, Report, Story, StoryEvent
from .similarity import _actor_key, _place_key, fold


def _date_value(e: Event) -> Optional[str]:
    return e.date.value if e.date is not None else None


def _dates_clash(a: Optional[str], b: Optional[str]) -> bool:
    """Two date values clash when neither is a prefix of the other (2019-03 fits 2019-03-18)."""
    if not a or not b:
        return False
    return not (a.startswith(b) or b.startswith(a))


def same_event(a: Event, b: Event) -> bool:
    """Whether two event records (from different articles) describe one event."""
    if a.type != b.type or _dates_clash(_date_value(a), _date_value(b)):
        return False
    if a.place is not None and b.place is not None:
        return _place_key(a.place) == _place_key(b.place)
    actors_a = {k for k in (_actor_key(a.actor1), _actor_key(a.actor2)) if k}
    actors_b = {k for k in (_actor_key(b.actor1), _actor_key(b.actor2)) if k}
    if actors_a & actors_b:
        return True
    return bool(_date_value(a)) and _date_value(a) == _date_value(b)


def _report(article: Article, e: Event) -> Report:
    """One source's own account of an event: its numbers and its words."""
    return Report(article.id, article.outlet, e.status, e.fatalities, e.evidence.start, e.evidence.end,
                  article.text[e.evidence.start:e.evidence.end])


def merge_events(articles: list[Article]) -> list[StoryEvent]:
    """Events of all ``articles`` merged across articles; each with ``sources`` and ``reports``.

    Events inside one article are never merged with each other (an article that reports two
    strikes means two strikes); the first report (oldest article) gives the record's fields.
    """
    groups: list[tuple[Event, list[tuple[Article, Event]]]] = []
    for art in articles:
        for e in art.events:
            for head, members in groups:
                if all(m[0].id != art.id for m in members) and same_event(head, e):
                    members.append((art, e))
                    break
            else:
                groups.append((e, [(art, e)]))
    out = []
    for head, members in groups:
        sources = tuple(dict.fromkeys(art.id for art, _ in members))
        out.append(StoryEvent(*(getattr(head, f.name) for f in fields(Event)), sources,
                              tuple(_report(art, e) for art, e in members)))
    out.sort(key=lambda r: (-len(r.sources), r.type))
    return out


def story_title(articles: list[Article]) -> str:
    """The title of the earliest article that has one (else the start of its text)."""
    for a in articles:
        if a.title and a.title.strip():
            return a.title.strip()
    return articles[0].text.strip().split("\n", 1)[0][:120] if articles else ""


def outlets(articles: list[Article]) -> list[str]:
    """Distinct outlets in order of first appearance (folded duplicates dropped)."""
    seen, out = set(), []
    for a in articles:
        if a.outlet and fold(a.outlet) not in seen:
            seen.add(fold(a.outlet))
            out.append(a.outlet)
    return out


def story_record(sid: str, articles: list[Article], find_contradictions=None) -> Story:
    """The Story of ``articles`` (already in story order); ``find_contradictions(articles,
    events)`` fills its contradictions."""
    dates = sorted(a.published for a in articles if a.published)
    events = merge_events(articles)
    found = tuple(find_contradictions(articles, events)) if find_contradictions else ()
    return Story(sid, story_title(articles), tuple(a.id for a in articles), tuple(outlets(articles)),
                 dates[0] if dates else None, dates[-1] if dates else None, tuple(events), found)
