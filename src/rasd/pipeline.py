"""The streaming pipeline: the text layer, then the registered stages, checked in order.

A :class:`Pipeline` is built from one :class:`~rasd.settings.Settings` (or a profile name)
and a list of stages, each given by name (built from :data:`rasd.stages.REGISTRY`) or as a
stage object. Every layer a stage ``requires`` must be one of the text layer's (``text``,
``sentences``, ``tokens``) or ``assigns``-ed by an earlier stage: a pipeline that would read
an empty layer is refused when it is built, and :meth:`Pipeline.analysis` shows who reads and
writes what (spaCy's ``analyze_pipes``). ``pipe(iterable)`` holds at most ``batch_size``
articles at a time, so a corpus of any size runs in flat memory, and the same function maps
over partitions under Ray.
"""
from __future__ import annotations

import sys
from typing import Iterable, Iterator, Optional, Protocol, Sequence, Union, runtime_checkable

from .model import Article, ItemError
from .settings import PROFILES, Settings
from .text import BASE_LAYERS, segment

__all__ = ["PROFILES", "Item", "Pipeline", "Stage", "StageError", "analyze", "build_stage"]


@runtime_checkable
class Stage(Protocol):
    """One annotation stage: reads the layers ``requires``, fills the layer ``assigns``."""

    name: str
    requires: tuple[str, ...]
    assigns: str

    def __call__(self, article: Article) -> Article: ...


class StageError(RuntimeError):
    """A stage failed on one article."""


Item = Union[Article, ItemError]


def build_stage(name: str, settings: Settings) -> Stage:
    """Stage ``name`` of the registry, built for ``settings``; an unknown name is an error."""
    from .stages import REGISTRY

    if name not in REGISTRY:
        raise KeyError(f"no stage named {name!r}; stages are {', '.join(REGISTRY)}")
    stage = REGISTRY[name](settings)
    if not isinstance(stage, Stage):
        raise TypeError(f"stage {name!r} does not follow the Stage protocol")
    return stage


def _settings(settings: Union[Settings, str, None]) -> Settings:
    if isinstance(settings, Settings):
        return settings
    return Settings(profile=settings or "fast")


class Pipeline:
    """The text layer plus stages, loaded once and applied in order."""

    def __init__(self, settings: Union[Settings, str, None] = None,
                 stages: Optional[Sequence[Union[str, Stage]]] = None, *, profile: Optional[str] = None):
        self.settings = _settings(settings if profile is None else Settings(profile=profile))
        self.profile = self.settings.profile
        from .stages import STAGE_ORDER

        wanted = list(STAGE_ORDER) if stages is None else list(stages)
        self.stages: tuple[Stage, ...] = tuple(
            build_stage(s, self.settings) if isinstance(s, str) else _checked(s) for s in wanted)
        problems = [p for row in self.analysis() for p in row["problems"]]
        if problems:
            raise ValueError("; ".join(problems))

    def analysis(self) -> list[dict]:
        """Per stage: what it requires and assigns, and any required layer nobody assigns first."""
        done = set(BASE_LAYERS)
        rows = []
        for st in self.stages:
            missing = [n for n in st.requires if n not in done]
            rows.append({"name": st.name, "requires": tuple(st.requires), "assigns": st.assigns,
                         "problems": [f"stage {st.name} requires {n!r}, which no earlier stage assigns"
                                      for n in missing]})
            done.add(st.assigns)
        return rows

    def __call__(self, article: Article) -> Article:
        """Run the text layer and every stage on one article; a failure names the stage."""
        try:
            article = segment(article)
        except Exception as e:  # re-raised with context; pipe() turns it into an error record
            raise StageError(f"text layer failed on article {article.id}: {type(e).__name__}: {e}") from e
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

    def pipe(self, items: Iterable[Item], batch_size: Optional[int] = None,
             progress: Optional[bool] = None, total: Optional[int] = None) -> Iterator[Item]:
        """Stream items through the stages, ``batch_size`` at a time, keeping input order."""
        size = batch_size or self.settings.batch_size
        bar = _progress(progress, total)
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= size:
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


def _checked(stage) -> Stage:
    if not isinstance(stage, Stage):
        raise TypeError(f"{stage!r} is not a stage: it needs name, requires, assigns and __call__")
    return stage


def _progress(flag: Optional[bool], total: Optional[int] = None):
    """A tqdm bar on stderr when it is a terminal (or when asked for)."""
    if flag is None:
        flag = sys.stderr.isatty()
    if not flag:
        return None
    from tqdm import tqdm

    return tqdm(file=sys.stderr, unit="article", desc="rasd", total=total)


def analyze(text: str, settings: Union[Settings, str, None] = None, **meta) -> Article:
    """Analyze one text (library entry point): clean it, build an Article, run all stages."""
    from .ingest.readers import IngestOptions, make_article

    art = make_article(text, IngestOptions(), source="<text>", **meta)
    return Pipeline(settings)(art)


_SHARED: dict[tuple, Pipeline] = {}


def shared_pipeline(settings: Union[Settings, str, None] = None) -> Pipeline:
    """The process's one Pipeline for ``settings`` (CLI, API, compare and worker processes
    all take theirs here, so models load once per process)."""
    s = _settings(settings)
    key = s.analysis_key()
    if key not in _SHARED:
        _SHARED[key] = Pipeline(s)
    return _SHARED[key]
