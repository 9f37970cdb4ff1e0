"""The Article and its annotation records.

One :class:`Article` owns the cleaned text. Every annotation is a frozen record whose
``start``/``end`` are character offsets into ``Article.text``; layers are tuples of records.
Stages never mutate an Article: they return a new one with their layer filled
(:meth:`Article.with_layer`). ``to_json()`` gives exactly the contract's shapes
(``../shared/spec/CONTRACT.md``) and ``Article.from_json`` reads them back.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from typing import Any, Optional

ENTITY_LABELS = ("PER", "ORG", "LOC", "GPE", "NORP", "FAC", "MISC")
EVENT_STATUSES = ("occurred", "called", "threatened", "planned", "denied", "hypothetical")
DATE_PRECISIONS = ("day", "week", "month", "year")
LAYERS = ("entities", "places", "dates", "quotes", "events")


def _plain(value: Any) -> Any:
    """Turn records, tuples and dicts into JSON-ready values."""
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    """Mixin: JSON conversion by field order, so the output keys follow the contract."""

    def to_json(self) -> dict:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Span(_Record):
    """A bare character range (an event's evidence sentence)."""

    start: int
    end: int

    @classmethod
    def from_json(cls, d: dict) -> "Span":
        return cls(int(d["start"]), int(d["end"]))


@dataclass(frozen=True, slots=True)
class Entity(_Record):
    start: int
    end: int
    text: str
    label: str
    kb_id: Optional[str] = None
    name_en: Optional[str] = None

    def __post_init__(self) -> None:
        if self.label not in ENTITY_LABELS:
            raise ValueError(f"entity label {self.label!r} is not one of {ENTITY_LABELS}")

    @classmethod
    def from_json(cls, d: dict) -> "Entity":
        return cls(d["start"], d["end"], d["text"], d["label"], d.get("kb_id"), d.get("name_en"))


@dataclass(frozen=True, slots=True)
class Place(_Record):
    start: int
    end: int
    text: str
    name_en: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    country: Optional[str]
    admin1: Optional[str] = None
    geonameid: Optional[int] = None
    precision: int = 1

    def __post_init__(self) -> None:
        if self.precision not in (1, 2, 3):
            raise ValueError(f"place precision {self.precision!r} must be 1, 2 or 3")

    @classmethod
    def from_json(cls, d: dict) -> "Place":
        return cls(d["start"], d["end"], d["text"], d.get("name_en"), d.get("lat"), d.get("lon"),
                   d.get("country"), d.get("admin1"), d.get("geonameid"), d.get("precision", 1))


@dataclass(frozen=True, slots=True)
class DateRef(_Record):
    """A resolved date expression (the contract's Date)."""

    start: int
    end: int
    text: str
    value: str
    precision: str

    def __post_init__(self) -> None:
        if self.precision not in DATE_PRECISIONS:
            raise ValueError(f"date precision {self.precision!r} is not one of {DATE_PRECISIONS}")

    @classmethod
    def from_json(cls, d: dict) -> "DateRef":
        return cls(d["start"], d["end"], d["text"], d["value"], d["precision"])


@dataclass(frozen=True, slots=True)
class Speaker(_Record):
    text: str
    name_en: Optional[str]
    kb_id: Optional[str]
    start: int
    end: int

    @classmethod
    def from_json(cls, d: dict) -> "Speaker":
        return cls(d["text"], d.get("name_en"), d.get("kb_id"), d["start"], d["end"])


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    start: int
    end: int
    text: str
    kind: str
    speaker: Optional[Speaker] = None
    cue: Optional[str] = None
    via: Optional[str] = None
    incitement: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("direct", "indirect"):
            raise ValueError(f"quote kind {self.kind!r} must be direct or indirect")

    @classmethod
    def from_json(cls, d: dict) -> "Quote":
        sp = d.get("speaker")
        return cls(d["start"], d["end"], d["text"], d["kind"], Speaker.from_json(sp) if sp else None,
                   d.get("cue"), d.get("via"), bool(d.get("incitement", False)))


@dataclass(frozen=True, slots=True)
class Actor(_Record):
    text: str
    name_en: Optional[str]
    kb_id: Optional[str]

    @classmethod
    def from_json(cls, d: dict) -> "Actor":
        return cls(d["text"], d.get("name_en"), d.get("kb_id"))


@dataclass(frozen=True, slots=True)
class Acled(_Record):
    event_type: str
    sub_event_type: str

    @classmethod
    def from_json(cls, d: dict) -> "Acled":
        return cls(d["event_type"], d["sub_event_type"])


@dataclass(frozen=True, slots=True)
class Event(_Record):
    type: str
    mode: Optional[str]
    status: str
    acled: Optional[Acled]
    actor1: Optional[Actor]
    actor2: Optional[Actor]
    place: Optional[Place]
    date: Optional[DateRef]
    fatalities: Optional[int]
    evidence: Span

    def __post_init__(self) -> None:
        if self.status not in EVENT_STATUSES:
            raise ValueError(f"event status {self.status!r} is not one of {EVENT_STATUSES}")

    @property
    def start(self) -> int:
        return self.evidence.start

    @property
    def end(self) -> int:
        return self.evidence.end

    @classmethod
    def from_json(cls, d: dict) -> "Event":
        def opt(kind, key):
            return kind.from_json(d[key]) if d.get(key) else None
        return cls(d["type"], d.get("mode"), d["status"], opt(Acled, "acled"), opt(Actor, "actor1"),
                   opt(Actor, "actor2"), opt(Place, "place"), opt(DateRef, "date"),
                   d.get("fatalities"), Span.from_json(d["evidence"]))


_LAYER_TYPES = {"entities": Entity, "places": Place, "dates": DateRef, "quotes": Quote, "events": Event}


def content_id(text: str) -> str:
    """Stable id derived from the cleaned text: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: cleaned text plus metadata plus annotation layers.

    ``text`` is the cleaned text every record indexes into. Layers are tuples of frozen
    records; a layer that no stage filled is an empty tuple and comes out as ``[]``.
    """

    id: str
    text: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    source: Optional[str] = field(default=None, compare=False)  # where it was read from; not in JSON
    # The text layer (rasd.text.segment): derived from ``text``, so not compared and not in JSON.
    sentences: tuple = field(default=(), compare=False, repr=False)
    tokens: tuple = field(default=(), compare=False, repr=False)

    @classmethod
    def create(cls, text: str, *, id: Optional[str] = None, **meta: Any) -> "Article":
        """Make an Article, deriving its id from the text when none is given."""
        return cls(id=id or content_id(text), text=text, **meta)

    def with_layer(self, name: str, records) -> "Article":
        """Return a copy with one layer replaced; checks every record's offsets."""
        if name not in _LAYER_TYPES:
            raise KeyError(f"unknown layer {name!r}; layers are {LAYERS}")
        records = tuple(records)
        for r in records:
            if not (0 <= r.start <= r.end <= len(self.text)):
                raise ValueError(f"{name} record [{r.start}:{r.end}] is outside the text of {self.id}")
            if hasattr(r, "text") and not isinstance(r, Event) and self.text[r.start:r.end] != r.text:
                raise ValueError(f"{name} record text {r.text!r} != text[{r.start}:{r.end}] in {self.id}")
        return replace(self, **{name: records})

    def with_meta(self, **meta: Any) -> "Article":
        return replace(self, **meta)

    def with_text_layer(self, sentences: tuple, tokens: tuple) -> "Article":
        """Return a copy with the sentence and token layers (see :mod:`rasd.text.layer`)."""
        for s in sentences:
            if not (0 <= s.start <= s.end <= len(self.text)) or not (0 <= s.first <= s.last <= len(tokens)):
                raise ValueError(f"sentence [{s.start}:{s.end}] is outside the text of {self.id}")
        return replace(self, sentences=tuple(sentences), tokens=tuple(tokens))

    def tokens_of(self, sentence) -> tuple:
        """The tokens of one sentence of the text layer."""
        return self.tokens[sentence.first:sentence.last]

    def layers(self) -> tuple[str, ...]:
        """The names of the layers this Article has filled (text layer included)."""
        base = ("text",) + (("sentences", "tokens") if self.sentences else ())
        return base + tuple(n for n in LAYERS if getattr(self, n))

    def to_json(self) -> dict:
        """The contract's Article as a plain dict."""
        out = {"id": self.id, "title": self.title, "outlet": self.outlet, "url": self.url,
               "published": self.published, "text": self.text}
        for name in LAYERS:
            out[name] = [r.to_json() for r in getattr(self, name)]
        return out

    @classmethod
    def from_json(cls, d: dict) -> "Article":
        layers = {name: tuple(_LAYER_TYPES[name].from_json(x) for x in d.get(name) or ())
                  for name in LAYERS}
        return cls(id=d["id"], text=d["text"], title=d.get("title"), outlet=d.get("outlet"),
                   url=d.get("url"), published=d.get("published"), **layers)


@dataclass(frozen=True, slots=True)
class ItemError(_Record):
    """One input that could not become an Article; the batch goes on without it."""

    source: str
    error: str
    message: str

    def to_json(self) -> dict:
        return {"source": self.source, "error": self.error, "message": self.message}


# -- cross-article records: stories and the contradictions inside them ---------------------

@dataclass(frozen=True, slots=True)
class Report(_Record):
    """One source's own account of a merged event: its numbers and its words."""

    article: str
    outlet: Optional[str]
    status: str
    fatalities: Optional[int]
    start: int
    end: int
    text: str

    @classmethod
    def from_json(cls, d: dict) -> "Report":
        return cls(d["article"], d.get("outlet"), d["status"], d.get("fatalities"), d["start"], d["end"],
                   d["text"])


@dataclass(frozen=True, slots=True)
class StoryEvent(Event):
    """An Event merged across a story's articles: who reports it, and how each one does."""

    sources: tuple[str, ...] = ()
    reports: tuple[Report, ...] = ()

    @classmethod
    def from_json(cls, d: dict) -> "StoryEvent":
        ev = Event.from_json(d)
        return cls(*(getattr(ev, f.name) for f in fields(Event)), tuple(d.get("sources") or ()),
                   tuple(Report.from_json(r) for r in d.get("reports") or ()))


@dataclass(frozen=True, slots=True)
class Claim(_Record):
    """One side of a contradiction: the words of one article (and speaker)."""

    article: str
    start: int
    end: int
    text: str
    speaker: Optional[str]
    position: str

    @classmethod
    def from_json(cls, d: dict) -> "Claim":
        return cls(d["article"], d["start"], d["end"], d["text"], d.get("speaker"), d.get("position", ""))


@dataclass(frozen=True, slots=True)
class Contradiction(_Record):
    """Where sources disagree: ``kind`` is control, fatalities or denial."""

    about: str
    kind: str
    claims: tuple[Claim, ...]

    @classmethod
    def from_json(cls, d: dict) -> "Contradiction":
        return cls(d["about"], d.get("kind", ""), tuple(Claim.from_json(c) for c in d.get("claims") or ()))


@dataclass(frozen=True, slots=True)
class Story(_Record):
    """Articles from several outlets about one development (the contract's Story)."""

    id: str
    title: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    first_published: Optional[str]
    last_published: Optional[str]
    events: tuple[StoryEvent, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()

    @classmethod
    def from_json(cls, d: dict) -> "Story":
        return cls(d["id"], d.get("title") or "", tuple(d.get("articles") or ()), tuple(d.get("outlets") or ()),
                   d.get("first_published"), d.get("last_published"),
                   tuple(StoryEvent.from_json(e) for e in d.get("events") or ()),
                   tuple(Contradiction.from_json(c) for c in d.get("contradictions") or ()))
