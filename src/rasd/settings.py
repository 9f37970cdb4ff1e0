"""One frozen :class:`Settings` object: everything that changes what rasd computes.

It is built once at the edge (the CLI's flags, the API's configuration, and environment
variables read by :mod:`rasd.config` and nowhere else) and passed down to the pipeline, the
stages and the service layer. Nothing below the edge reads the environment, so
``Pipeline(Settings(profile="fast"))`` gives the same output on every machine, and
:meth:`Settings.provenance` says which build produced a stored record.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

PROFILES = ("fast", "accurate")
GATES = ("strict", "broad", "news")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# The packaged tables every profile reads, and the NER model files of each profile.
_TABLES = ("events", "geo", "kb", "stance")
_NER_FILES = {"fast": ("crf",), "accurate": ("e5",)}


@dataclass(frozen=True)
class Settings:
    """What the pipeline runs with.

    * ``profile``: ``fast`` (CRF NER, any CPU) or ``accurate`` (transformer NER, needs torch).
    * ``events_gate``: the ASSAULT/PROTEST operating point, ``strict`` (default), ``broad`` or
      ``news`` (:mod:`rasd.events.gate`).
    * ``event_classifier``: whether the sentence classifier confirms ASSAULT/PROTEST triggers;
      when on and its model is missing, building the pipeline fails instead of silently
      keeping every trigger.
    * ``ner_model`` / ``events_model``: paths that replace the shipped CRF model and event
      classifier (None: the shipped ones).
    * ``max_bytes`` / ``min_arabic``: input limits (an input over them is an error record).
    * ``batch_size`` / ``workers``: streaming batch and local worker processes.
    """

    profile: str = "fast"
    events_gate: str = "strict"
    event_classifier: bool = True
    ner_model: Optional[str] = None
    events_model: Optional[str] = None
    max_bytes: int = DEFAULT_MAX_BYTES
    min_arabic: float = 0.5
    batch_size: int = 32
    workers: int = 1

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(f"profile {self.profile!r} is not one of {PROFILES}")
        if self.events_gate not in GATES:
            raise ValueError(f"events gate {self.events_gate!r} is not one of {GATES}")
        if self.max_bytes < 1 or self.batch_size < 1 or self.workers < 1:
            raise ValueError("max_bytes, batch_size and workers must be positive")

    def but(self, **changes) -> "Settings":
        """A copy with some fields changed."""
        return replace(self, **changes)

    def analysis_key(self) -> tuple:
        """The fields that change analysis output (not limits or parallelism)."""
        return (self.profile, self.events_gate, self.event_classifier, self.ner_model, self.events_model)

    def provenance(self) -> dict:
        """rasd's version, the profile and a hash of the models and tables this build reads."""
        return {"rasd": version(), "profile": self.profile, "events_gate": self.events_gate,
                "event_classifier": self.event_classifier,
                "models": models_hash(self.profile, self.ner_model, self.events_model)}

    def to_json(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def version() -> str:
    """The installed rasd version."""
    from importlib.metadata import PackageNotFoundError, version as dist_version

    try:
        return dist_version("rasd")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+source"


@lru_cache(maxsize=8)
def models_hash(profile: str, ner_model: Optional[str] = None, events_model: Optional[str] = None) -> str:
    """sha256 (first 16 hex digits) over the names and bytes of every model and table file."""
    data = Path(str(resources.files("rasd") / "data"))
    roots = [data / t for t in _TABLES]
    roots += [data / "ner" / d for d in _NER_FILES[profile]]
    roots += [Path(p) for p in (ner_model, events_model) if p]
    h = hashlib.sha256()
    for root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for f in files:
            if f.is_file() and f.suffix not in (".py", ".pyc"):
                h.update(f.name.encode() + b"\0")
                h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:16]
