"""Stories across outlets: clustering, merged events, contradictions (see docs/stories.md).

* :func:`build_stories` groups analyzed articles into contract Story dicts (``rasd stories``).
* :func:`update_store` places newly stored articles into the stored stories (``rasd ingest``):
  a new article joins an existing story or opens one; stories keep their ids.
* :mod:`rasd.stories.compare` compares two articles (``rasd compare``).
"""
from __future__ import annotations

from typing import Optional

from ..model import Article
from .cluster import WINDOW_DAYS, Clusterer, order_key
from .contradictions import find_contradictions
from .merge import story_record
from .similarity import Features, article_date, features

__all__ = ["build_stories", "update_store", "story_from"]


def _article_order(a: Article) -> tuple:
    return (a.published is None, a.published or "", a.id)


def story_from(sid: str, members: list[Article]) -> dict:
    """The Story dict of ``members`` (ordered oldest first), contradictions included."""
    members = sorted(members, key=_article_order)
    rec = story_record(sid, members, [])
    rec["contradictions"] = find_contradictions(members, rec["events"])
    return rec


def _sorted_stories(stories: list[dict]) -> list[dict]:
    return sorted(stories, key=lambda s: (s["first_published"] is None, s["first_published"] or "", s["id"]))


def build_stories(articles: list[Article], profile: str = "fast") -> list[dict]:
    """Group ``articles`` into stories (contract Story dicts, JSON-ready), oldest first."""
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


def update_store(store, profile: str = "fast") -> dict:
    """Incrementally cluster stored articles not yet in a story, then save the stories."""
    stored = store.stories()
    story_of = {aid: s["id"] for s in stored for aid in s["articles"]}
    articles = list(store.articles())
    new = [a for a in articles if a.id not in story_of]
    if not new:
        return {"stories": len(stored), "new_stories": 0, "joined": 0}
    new_feats = sorted(features(new, profile), key=order_key)
    # Only stored articles close enough in time to some new one can be joined: embed just those.
    old_arts = [a for a in articles if a.id in story_of and _near_in_time(a, new_feats)]
    old_feats = features(old_arts, profile) if old_arts else []
    clusterer = Clusterer()
    for f in sorted(old_feats, key=order_key):
        clusterer.add_to(f, story_of[f.id])
    known = {c.id for c in clusterer.clusters}
    touched: set[str] = set()
    for f in new_feats:
        ci = clusterer.add(f)
        touched.add(clusterer.clusters[ci].id)
    members: dict[str, list[str]] = {s["id"]: list(s["articles"]) for s in stored}
    for sid, ids in clusterer.groups():
        if sid in touched:
            members[sid] = list(dict.fromkeys(members.get(sid, []) + ids))
    by_id = {a.id: a for a in articles}
    out = [s for s in stored if s["id"] not in touched]
    out += [story_from(sid, [by_id[i] for i in members[sid] if i in by_id]) for sid in touched]
    store.put_stories(_sorted_stories(out))
    opened = len([sid for sid in touched if sid not in known and sid not in {s["id"] for s in stored}])
    return {"stories": len(out), "new_stories": opened, "joined": len(new) - opened}


def features_of(articles: list[Article], profile: str = "fast") -> Optional[list[Features]]:
    """Similarity features of ``articles`` (for callers that cluster themselves)."""
    return features(articles, profile)
