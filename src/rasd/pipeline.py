"""Stages, their registry, profiles, and the streaming pipeline.

A stage is one module under :mod:`rasd.stages` with a ``make_stage(profile)`` factory that
returns an object following :class:`Stage`: a ``name``, the layers it ``needs``, the layer it
``adds``, and ``__call__(article) -> article``. :class:`Pipeline` runs the registered stages
in dependency order and streams: ``pipe(iterable)`` holds at most ``batch_size`` articles at
a time, so a corpus of any size runs in flat memory, and the same function maps over
partitions under Ray.
"""
from __future__ import annotations

import importlib
import sys
from typing import Iterable, Iterator, Optional, Protocol, Union, runtime_checkable

from .model import Article, ItemError

PROFILES = ("fast", "accurate")
# Order is dependency order: places read entities, quotes read entities, events read all.
STAGE_ORDER = ("entities", "places", "dates", "quotes", "events")


@runtime_checkable
class Stage(Protocol):
    """One annotation stage: reads layers ``needs``, fills layer ``adds``."""

    name: str
    needs: tuple[str, ...]
    adds: str

    def __call__(self, article: Article) -> Article: ...


class StageError(RuntimeError):
    """A stage failed on one article."""


def available_stages() -> list[str]:
    """Names of the stage modules present in this installation, in run order."""
    out = []
    for name in STAGE_ORDER:
        try:
            importlib.import_module(f"rasd.stages.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"rasd.stages.{name}":
                raise
            continue
        out.append(name)
    return out


def load_stage(name: str, profile: str = "fast") -> Stage:
    """Build stage ``name`` for ``profile``."""
    if profile not in PROFILES:
        raise ValueError(f"profile {profile!r} is not one of {PROFILES}")
    module = importlib.import_module(f"rasd.stages.{name}")
    stage = module.make_stage(profile)
    if not isinstance(stage, Stage):
        raise TypeError(f"rasd.stages.{name}.make_stage did not return a Stage")
    return stage


Item = Union[Article, ItemError]


class Pipeline:
    """The stages of one profile, loaded once and applied in order."""

    def __init__(self, profile: str = "fast", stages: Optional[Iterable[str]] = None):
        if profile not in PROFILES:
            raise ValueError(f"profile {profile!r} is not one of {PROFILES}")
        self.profile = profile
        installed = available_stages()
        names = list(stages) if stages is not None else installed
        self.stages: list[Stage] = [load_stage(n, profile) for n in names]
        done: set[str] = set()
        for st in self.stages:
            # A layer whose stage is not installed stays empty; readers must cope with that.
            missing = [n for n in st.needs if n not in done and n in installed]
            if missing:
                raise ValueError(f"stage {st.name} needs {missing}, which no earlier stage adds")
            done.add(st.adds)

    def __call__(self, article: Article) -> Article:
        """Run every stage on one article; a failure names the stage and the article."""
        for st in self.stages:
            try:
                article = st(article)
            except Exception as e:  # re-raised with context; pipe() turns it into an error record
                raise StageError(f"stage {st.name} failed on article {article.id}: "
                                 f"{type(e).__name__}: {e}") from e
        return article

    def process(self, item: Item) -> Item:
        """One item through the stages; an exception becomes that item's error record."""
        if isinstance(item, ItemError):
            return item
        try:
            return self(item)
        except StageError as e:
            return ItemError(item.source or item.id, "stage_failed", str(e))

    def pipe(self, items: Iterable[Item], batch_size: int = 32, progress: Optional[bool] = None) -> Iterator[Item]:
        """Stream items through the stages, ``batch_size`` at a time, keeping input order."""
        bar = _progress(progress)
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._flush(batch, bar)
                batch = []
        yield from self._flush(batch, bar)
        if bar is not None:
            bar.close()

    def _flush(self, batch: list[Item], bar) -> Iterator[Item]:
        for item in batch:
            out = self.process(item)
            if bar is not None:
                bar.update(1)
            yield out


def _progress(flag: Optional[bool]):
    """A tqdm bar on stderr when it is a terminal (or when asked for)."""
    if flag is None:
        flag = sys.stderr.isatty()
    if not flag:
        return None
    from tqdm import tqdm

    return tqdm(file=sys.stderr, unit="article", desc="rasd")


def analyze(text: str, profile: str = "fast", **meta) -> Article:
    """Analyze one text (library entry point): clean it, build an Article, run all stages."""
    from .ingest.readers import IngestOptions, make_article

    art = make_article(text, IngestOptions(), source="<text>", **meta)
    return Pipeline(profile)(art)
