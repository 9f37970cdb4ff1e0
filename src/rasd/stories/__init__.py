"""Stories across outlets: clustering, merged events, contradictions (see docs/stories.md).

* :func:`build_stories` groups analyzed articles into Story records (``rasd stories``).
* :func:`update_store` places newly stored articles into the stored stories (``rasd ingest``):
  a new article joins an existing story or opens one; stories keep their ids.
* :mod:`rasd.stories.compare` compares two articles (``rasd compare``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from ..model import Article, Story
from .cluster import WINDOW_DAYS, Clusterer, order_key
from .contradictions import find_contradictions
from .merge import story_record
from .similarity import Features, article_date, features

__all__ = ["StoryUpdate", "build_stories", "update_store", "story_from"]


@dataclass(frozen=True)
class StoryUpdate:
    """What one story update did (the ``stories`` part of an ingest report)."""

    stories: int
    new_stories: int
    joined: int

    def to_json(self) -> dict:
        return {"stories": self.stories, "new_stories": self.new_stories, "joined": self.joined}


def _article_order(a: Article) -> tuple:
    return (a.published is None, a.published or "", a.id)


def story_from(sid: str, members: list[Article]) -> Story:
    """The Story of ``members`` (ordered oldest first here), contradictions included."""
    return story_record(sid, sorted(members, key=_article_order), find_contradictions)


def _sorted_stories(stories: list[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.first_published is None, s.first_published or "", s.id))


def build_stories(articles: list[Article], profile: str = "fast") -> list[Story]:
    """Group ``articles`` into stories, oldest first."""
    if not articles:
        return []
    by_id = {a.id: a for a in articles}  # the same article twice counts once
    arts = list(by_id.values())
    clusterer = Clusterer()
    for f in sorted(features(arts, profile), key=order_key):
        clusterer.add(f)
    return _sorted_stories([story_from(sid, [by_id[i] for i in ids]) for sid, ids in clusterer.groups()])


def _near_in_time(a: Article, new: list[Features]) -> bool:
    """Whether stored article ``a`` could link to any new article (undated ones always can)."""
    d, _ = article_date(a)
    if d is None:
        return True
    return any(g.date is None or abs((d - g.date).days) <= WINDOW_DAYS for g in new)


def _window(new: list[Features]) -> tuple[Optional[str], Optional[str]]:
    """The publication dates a stored article needs to be joinable (None, None: any)."""
    if not new or any(g.date is None for g in new):
        return None, None
    lo = min(g.date for g in new) - dt.timedelta(days=WINDOW_DAYS)
    hi = max(g.date for g in new) + dt.timedelta(days=WINDOW_DAYS)
    return lo.isoformat(), hi.isoformat()


def update_store(store, profile: str = "fast") -> StoryUpdate:
    """Place stored articles that are in no story yet into the stored stories, and save the
    stories they touched. Only articles inside the clustering window of a new one are read,
    so the cost of an update does not grow with the database."""
    new = store.get_many(store.unclustered_ids())
    if not new:
        return StoryUpdate(store.count_stories(), 0, 0)
    new_feats = sorted(features(new, profile, store), key=order_key)
    # Only stored articles close enough in time to some new one can be joined: embed just those.
    old_arts = [a for a in store.get_many(store.clustered_near(*_window(new_feats))) if _near_in_time(a, new_feats)]
    story_of = {a.id: store.stories_of(a.id)[0] for a in old_arts}
    old_feats = features(old_arts, profile, store) if old_arts else []
    clusterer = Clusterer()
    for f in sorted(old_feats, key=order_key):
        clusterer.add_to(f, story_of[f.id])
    known = {c.id for c in clusterer.clusters}
    touched: set[str] = set()
    for f in new_feats:
        ci = clusterer.add(f)
        touched.add(clusterer.clusters[ci].id)
    members: dict[str, list[str]] = {}
    existed: set[str] = set()
    for sid in touched:
        stored = store.story(sid)
        members[sid] = list(stored.articles) if stored else []
        if stored is not None:
            existed.add(sid)
    for sid, ids in clusterer.groups():
        if sid in touched:
            members[sid] = list(dict.fromkeys(members[sid] + ids))
    by_id = {a.id: a for a in new + old_arts}
    missing = [i for sid in touched for i in members[sid] if i not in by_id]
    by_id.update({a.id: a for a in store.get_many(missing)})
    store.put_stories(_sorted_stories([story_from(sid, [by_id[i] for i in members[sid] if i in by_id])
                                       for sid in touched]))
    opened = len([sid for sid in touched if sid not in known and sid not in existed])
    return StoryUpdate(store.count_stories(), opened, len(new) - opened)
