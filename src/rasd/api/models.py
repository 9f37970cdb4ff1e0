"""Typed request and response bodies of the API: what /openapi.json (and /docs) describe.

The records follow the contract (../shared/spec/CONTRACT.md): Article, Event, Story and their
parts keep its names. Models allow extra fields, so a field added to a record later reaches
the client before it is described here (tests/test_api_models.py checks that every field an
answer carries is declared).
"""
from __future__ import annotations

from typing import Generic, Literal, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

Label = Literal["PER", "ORG", "LOC", "GPE", "NORP", "FAC", "MISC"]
Status = Literal["occurred", "called", "threatened", "planned", "denied", "hypothetical"]


class Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Span(Model):
    start: int = Field(description="character offset into the article text")
    end: int


class Entity(Span):
    text: str
    label: Label
    kb_id: Optional[str] = Field(None, description="knowledge-base id, e.g. org:islamic-state")
    name_en: Optional[str] = None


class Place(Span):
    text: str
    name_en: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    country: Optional[str] = Field(description="ISO 3166 alpha-2")
    admin1: Optional[str] = None
    geonameid: Optional[int] = None
    precision: int = Field(1, description="ACLED geo_precision: 1 town, 2 near/district, 3 province/region")


class DateRef(Span):
    text: str
    value: str = Field(description="YYYY-MM-DD, YYYY-MM or YYYY")
    precision: Literal["day", "week", "month", "year"]


class Speaker(Model):
    text: str
    name_en: Optional[str]
    kb_id: Optional[str]
    start: int
    end: int


class Quote(Span):
    text: str = Field(description="the quoted words only")
    kind: Literal["direct", "indirect"]
    speaker: Optional[Speaker] = None
    cue: Optional[str] = Field(None, description="the reporting verb, e.g. قال")
    via: Optional[str] = Field(None, description="outlet or monitor the speaker talked to or through")
    incitement: bool = False


class Actor(Model):
    text: str
    name_en: Optional[str]
    kb_id: Optional[str]


class Acled(Model):
    event_type: str
    sub_event_type: str


class Event(Model):
    type: str = Field(description="PLOVER type: ASSAULT, MOBILIZE, THREATEN, AGREE, ...")
    mode: Optional[str] = Field(None, description="PLOVER mode, e.g. aerial, explosives")
    status: Status
    acled: Optional[Acled] = None
    actor1: Optional[Actor] = None
    actor2: Optional[Actor] = None
    place: Optional[Place] = None
    date: Optional[DateRef] = None
    fatalities: Optional[int] = None
    evidence: Span = Field(description="the sentence the event was read from")


class Article(Model):
    id: str
    title: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    published: Optional[str] = Field(description="YYYY-MM-DD")
    text: str
    entities: list[Entity]
    places: list[Place]
    dates: list[DateRef]
    quotes: list[Quote]
    events: list[Event]


class ArticleDetail(Article):
    stories: list[str] = Field(description="ids of the stories the article belongs to")
    provenance: Optional[dict] = Field(description="what produced it: rasd version, profile, gate, models hash")


class ArticleSummary(Model):
    id: str
    title: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    published: Optional[str]
    preview: str = Field(description="the first 240 characters of the text")
    n_events: int
    n_quotes: int


class Snippet(Model):
    text: str
    start: int = Field(description="the hit's offsets inside the snippet (0, 0 when none)")
    end: int


class SearchHit(ArticleSummary):
    snippet: Snippet


class EventRow(Event):
    id: str = Field(description="article id and the event's index in it: ARTICLE:N")
    article: str
    outlet: Optional[str]
    published: Optional[str]
    title: Optional[str]


class QuoteRow(Quote):
    id: str
    article: str
    outlet: Optional[str]
    published: Optional[str]


class Report(Model):
    article: str
    outlet: Optional[str]
    status: str
    fatalities: Optional[int]
    start: int
    end: int
    text: str


class StoryEvent(Event):
    sources: list[str] = Field(description="ids of the articles that report it")
    reports: list[Report] = []


class Claim(Model):
    article: str
    start: int
    end: int
    text: str
    speaker: Optional[str]
    position: Optional[str] = None


class Contradiction(Model):
    about: str
    kind: Optional[str] = None
    claims: list[Claim]


class Story(Model):
    id: str
    title: str
    articles: list[str]
    outlets: list[Optional[str]]
    first_published: Optional[str]
    last_published: Optional[str]
    events: list[StoryEvent]
    contradictions: list[Contradiction]


class EntityAggregate(Model):
    id: str = Field(description="kb_id, or ~LABEL:text when the entity is not linked")
    kb_id: Optional[str]
    name_en: Optional[str]
    label: str
    mentions: int
    articles: int = Field(description="how many articles mention it")
    first_seen: Optional[str]
    last_seen: Optional[str]
    names: list[str] = Field(description="spellings, most frequent first")


class EntityPage(EntityAggregate):
    events: list[EventRow] = Field(description="its events as actor (the first 500)")
    quotes: list[QuoteRow] = Field(description="its quotes as speaker (the first 500)")
    article_list: list[ArticleSummary] = Field(description="articles that name it (the first 500)")
    events_total: int
    quotes_total: int
    articles_total: int


class PlaceAggregate(Model):
    id: str
    name_en: Optional[str]
    names: list[str]
    country: Optional[str]
    admin1: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]
    precision: Optional[int]
    mentions: int
    articles: list[str]


class TimelineCell(Model):
    date: str
    type: str
    events: int
    fatalities: int


class Resolved(Model):
    query: str = Field(description="the name as given")
    matches: list[str] = Field(description="what it was read as (gazetteer and KB names)")


class Page(Model, Generic[T]):
    total: int = Field(description="every match, not just this page")
    limit: int
    offset: int
    items: list[T]
    resolved: dict[str, Resolved] = Field({}, description="how each name filter was read")


class Timeline(Model):
    total: int = Field(description="number of cells")
    items: list[TimelineCell]
    resolved: dict[str, Resolved] = {}


class Suggestion(Model):
    value: str = Field(description="what the filter takes: ISO code, KB id, geonameid, name or type")
    label: str
    match: str = Field(description="the name that starts with what was typed")
    count: int = Field(description="rows in this database")


class Suggestions(Model):
    total: int
    items: list[Suggestion]


class ArticleIn(Model):
    text: Optional[str] = Field(None, description="plain text (or give html)")
    html: Optional[str] = None
    id: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO date or datetime")


class Posted(Model):
    id: str
    added: bool = Field(description="false when the same article was stored already")
    events: int
    quotes: int
    stories: Optional[dict] = None


class ErrorBody(Model):
    code: str = Field(description="not_found, bad_request, bad_filter, unknown_name, validation_error, ...")
    message: str
    param: Optional[str] = Field(None, description="the parameter at fault")
    suggestions: Optional[list[dict]] = Field(None, description="known names close to an unknown one")
    details: Optional[list[dict]] = Field(None, description="each invalid field (validation errors)")


class Error(Model):
    error: ErrorBody


ERRORS = {code: {"model": Error} for code in (400, 401, 403, 404, 413, 422, 500)}
