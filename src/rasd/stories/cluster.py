"""Incremental story clustering: each new article joins the best existing story or opens one.

An article may join a story through any member (single link) when

* they are similar enough (:data:`JOIN`), and
* they are close in time: both dated and at most :data:`WINDOW_DAYS` apart, so stories grow
  day by day over about a week per link and reports of similar events years apart (Raqqa 2017,
  Baghuz 2019) never merge; when either one has no date at all (neither a publication date nor
  a resolved date in its text), only a strong similarity (:data:`STRONG`) may join them.

Candidates come from the embedding matrix (top cosines) plus a MinHash LSH index, so syndicated
copies are always found, and scoring stays linear in the number of stored articles.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from .similarity import NEAR_DUP, NUM_PERM, Features, day_gap, score

JOIN = 0.50          # similarity to some member needed to join a story
STRONG = 0.75        # needed when either article is undated
WINDOW_DAYS = 7      # at most this many days between an article and the member it joins by
TOP_K = 24           # members looked at per new article (by embedding cosine)


def story_id(founder_id: str) -> str:
    """Stable story id: a hash of the founding article's id (it never changes as the story grows)."""
    return "s-" + hashlib.sha256(founder_id.encode("utf-8")).hexdigest()[:12]


@dataclass
class Cluster:
    id: str
    members: list[int] = field(default_factory=list)   # indexes into Clusterer.feats


class Clusterer:
    """Holds every article's features and its story; ``add`` places one more article."""

    def __init__(self, join: float = JOIN, strong: float = STRONG, window_days: int = WINDOW_DAYS):
        from datasketch import MinHashLSH

        self.join, self.strong, self.window = join, strong, window_days
        self.feats: list[Features] = []
        self.story_of: list[int] = []        # cluster index of each article
        self.clusters: list[Cluster] = []
        self._embs: list[np.ndarray] = []
        self._matrix: Optional[np.ndarray] = None
        self._lsh = MinHashLSH(threshold=NEAR_DUP, num_perm=NUM_PERM)

    def _emb_matrix(self) -> np.ndarray:
        if self._matrix is None or len(self._matrix) != len(self._embs):
            self._matrix = np.vstack(self._embs) if self._embs else np.zeros((0, 1))
        return self._matrix

    def allowed(self, f: Features, g: Features, sim: float) -> bool:
        """Whether ``f`` may join ``g``'s story at similarity ``sim`` given their dates."""
        gap = day_gap(f, g)
        if gap is None:
            return sim >= self.strong
        return gap <= self.window and sim >= self.join

    def best(self, f: Features) -> tuple[Optional[int], float]:
        """The cluster ``f`` should join (or None) and the similarity it joins by."""
        if not self.feats:
            return None, 0.0
        cos = self._emb_matrix() @ f.emb
        cands = set(np.argsort(-cos)[:TOP_K].tolist())
        cands |= {int(k) for k in self._lsh.query(f.minhash)}
        best_c, best_s = None, 0.0
        for i in cands:
            g = self.feats[i]
            s = score(f, g)
            if s > best_s and self.allowed(f, g, s):
                best_c, best_s = self.story_of[i], s
        return best_c, best_s

    def add(self, f: Features, cluster: Optional[int] = None) -> int:
        """Place ``f`` (in ``cluster`` when given, e.g. a stored assignment); returns its cluster."""
        if cluster is None:
            cluster, _ = self.best(f)
        if cluster is None:
            cluster = len(self.clusters)
            self.clusters.append(Cluster(story_id(f.id)))
        idx = len(self.feats)
        self.feats.append(f)
        self.story_of.append(cluster)
        self.clusters[cluster].members.append(idx)
        self._embs.append(f.emb)
        key = str(idx)
        self._lsh.insert(key, f.minhash)
        return cluster

    def add_to(self, f: Features, story: str) -> int:
        """Put ``f`` into the cluster with story id ``story`` (created if absent)."""
        for ci, c in enumerate(self.clusters):
            if c.id == story:
                return self.add(f, ci)
        self.clusters.append(Cluster(story))
        return self.add(f, len(self.clusters) - 1)

    def groups(self) -> list[tuple[str, list[str]]]:
        """(story id, member article ids) for every cluster, in creation order."""
        return [(c.id, [self.feats[i].id for i in c.members]) for c in self.clusters if c.members]


def order_key(f: Features) -> tuple:
    """Oldest first, undated last, then id: the order articles are clustered in."""
    return (f.date is None, f.date.toordinal() if f.date else 0, f.id)
