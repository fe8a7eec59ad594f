"""The one record that flows through every stage: `Article` and the facts it carries.

Every fact has `start`/`end` character offsets into `Article.text` (the evidence) and the name of
the `stage` that produced it. Records are immutable: a stage returns a new `Article` made with
`article.model_copy(update=...)`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue
from pydantic._internal._model_construction import ModelMetaclass

SCHEMA_VERSION = "1.3"  # 1.2: `extensions`, the output of stages added by users; 1.3: CAMEO codes

EntityType = Literal["person", "organization", "place", "group", "other"]
PlaceKind = Literal[
    "continent", "country", "admin1", "admin2", "city", "region", "feature", "unknown"
]
Precision = Literal["point", "centroid"]
# A JSON value: what a user's stage may leave in `Article.extensions`.
JSONValue = JsonValue


class _RecordMeta(ModelMetaclass):
    """Lists a record class's own fields and methods, not pydantic's machinery.

    `help(Article)` would otherwise spend hundreds of lines on BaseModel internals; instances
    keep the whole pydantic API (`model_dump`, `model_copy`, `model_validate_json` …).
    """

    def __dir__(cls) -> list[str]:
        own = {name for klass in cls.__mro__[:-2] for name in vars(klass)}
        hidden = set(dir(BaseModel)) | {"model_config"}
        return sorted(
            name
            for name in own
            if name == "__init__" or not (name.startswith("_") or name in hidden)
        )


class _Record(BaseModel, metaclass=_RecordMeta):
    """An immutable pydantic v2 model: `model_dump`, `model_copy`, `model_validate_json` work."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Fact(_Record):
    """A fact found in `Article.text`: its evidence is `text[start:end]`."""

    start: int = Field(ge=0, description="Offset of the evidence's first character in `text`.")
    end: int = Field(ge=0, description="Offset just past the evidence's last character.")
    stage: str = Field(description="Name of the stage that produced this fact.")


class Mention(_Record):
    """One occurrence of a name in `Article.text`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Related(_Record):
    """A teaser from the page's "related stories" block: not part of the article."""

    title: str
    teaser: str = ""
    section: str = ""
    url: str | None = None


class Entity(Fact):
    """A canonical entity with every mention of it in the article."""

    id: str = Field(description="Stable id: the same entity gets the same id across articles.")
    name: str = Field(description="Canonical name.")
    type: EntityType
    aliases: list[str] = Field(default_factory=list, description="Other names used for it.")
    mentions: list[Mention] = Field(default_factory=list)
    links: list[str] = Field(
        default_factory=list, description="Ids of related entities (a demonym to its place)."
    )


class Place(Fact):
    """A place mention resolved against the gazetteer (or left unresolved with a reason)."""

    text: str = Field(description="The words in the article.")
    name: str | None = None
    geonames_id: int | None = None
    kind: PlaceKind = "unknown"
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2.")
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Precision | None = None
    entity_id: str | None = None
    focus: bool = Field(default=False, description="True for the place the article is about.")
    reason: str | None = Field(default=None, description="Why it stayed unresolved, if it did.")
    mentions: list[Mention] = Field(default_factory=list)


class SpeakerRef(_Record):
    """What a pronoun or description speaker ("he", "the minister") refers to."""

    text: str = Field(description="The antecedent's words in the text.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    entity_id: str | None = Field(default=None, description="Canonical entity id, if linked.")


class Quote(Fact):
    """A quotation (direct) or reported speech (indirect) with its speaker."""

    text: str
    direct: bool
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = Field(default=None, description="The speaker's words in the text.")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_id: str | None = Field(default=None, description="Canonical entity id of the speaker.")
    speaker_ref: SpeakerRef | None = Field(
        default=None, description="The antecedent when the speaker is a pronoun or description."
    )
    source: str | None = Field(default=None, description="The channel: a news agency, a video.")


class Amount(Fact):
    """A number with what it counts."""

    text: str
    value: float | None = None
    value_max: float | None = Field(default=None, description="Upper end of a range.")
    qualifier: str | None = Field(default=None, description="up to, about, at least, …")
    unit: str | None = Field(default=None, description="percent, USD, km, people, …")
    object: str | None = Field(default=None, description="What is counted.")
    object_start: int | None = None
    object_end: int | None = None


class DateExpr(Fact):
    """A time expression normalised to TIMEX3."""

    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str | None = Field(default=None, description="TIMEX3 value, e.g. 2015-06-21.")
    granularity: str | None = Field(default=None, description="day, week, month, year, …")
    resolved: bool = Field(
        default=False, description="True when anchored to a calendar value, False if only typed."
    )


class Theme(Fact):
    """A theme from the taxonomy, with its evidence terms; offsets are the first evidence."""

    name: str
    score: float
    evidence: list[Mention] = Field(default_factory=list)


class SentenceTone(Fact):
    tone: float
    positive: float
    negative: float


class Tone(_Record):
    """GKG-like tone: percentages of positive and negative words, and their difference."""

    tone: float = Field(description="positive minus negative, in percent of words.")
    positive: float
    negative: float
    polarity: float
    word_count: int
    conflict: float | None = Field(
        default=None,
        description=(
            "What the article's events say, not its words: mean Goldstein-style score of its "
            "events, -10 (conflict) to +10 (cooperation); None when it has no events."
        ),
    )
    stage: str = "tone"
    sentences: list[SentenceTone] = Field(default_factory=list)


class Actor(_Record):
    """An event's participant: its words, its entity, and its CAMEO actor coding."""

    text: str
    start: int | None = None
    end: int | None = None
    entity_id: str | None = None
    code: str | None = Field(
        default=None,
        description='The CAMEO actor code as GDELT writes it, e.g. "RUSGOV" or "IMGMUSISI".',
    )
    country: str | None = Field(
        default=None, description="CAMEO country code (ISO 3166-1 alpha-3 for countries)."
    )
    roles: list[str] = Field(
        default_factory=list, description='CAMEO role codes, e.g. ["GOV"] or ["REB"].'
    )
    group: str | None = Field(
        default=None, description="CAMEO known-group code (e.g. NATO, ISIS's IMG code)."
    )


class Event(Fact):
    """Who did what to whom, coded to PLOVER."""

    text: str = Field(description="The evidence sentence.")
    type: str = Field(description="PLOVER event type (one of the current 16), e.g. ASSAULT.")
    mode: str | None = Field(default=None, description="PLOVER mode, e.g. investigate.")
    cameo: str | None = Field(default=None, description='CAMEO event code, e.g. "190".')
    quad_class: int | None = Field(
        default=None,
        ge=1,
        le=4,
        description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
        "4 material conflict.",
    )
    goldstein: float | None = Field(
        default=None, ge=-10, le=10, description="Goldstein scale of the CAMEO code."
    )
    confidence: float = Field(default=0.5, ge=0, le=1, description="How sure the coding is.")
    trigger: str
    trigger_start: int
    trigger_end: int
    actor: Actor | None = None
    recipient: Actor | None = None
    place: Place | None = None
    date: DateExpr | None = None
    amount: Amount | None = None
    contexts: list[str] = Field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    mentions: list[Mention] = Field(default_factory=list)


class StageError(_Record):
    """A stage that failed on this article under the `record` error policy."""

    stage: str
    code: str
    message: str


class Article(_Record):
    """One news article: where it came from, its cleaned text, and every fact found in it."""

    schema_version: str = SCHEMA_VERSION
    id: str = Field(default="", description="Content hash of `text` (see `newsgraph.ids`).")
    title: str | None = None
    standfirst: str | None = None
    body: str = ""
    byline: str | None = None
    published: AwareDatetime | None = Field(
        default=None, description="When the article was published, as the page or source says."
    )
    fetched: AwareDatetime | None = Field(
        default=None, description="When the page was captured (a WARC record's date, a fetch)."
    )
    url: str | None = None
    source: str | None = Field(default=None, description="The site, e.g. example.com.")
    language: str | None = None
    text: str = Field(default="", description="The text every span indexes.")
    body_start: int = Field(default=0, ge=0, description="Offset of `body` in `text`.")
    related: list[Related] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    dates: list[DateExpr] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    tone: Tone | None = None
    flags: list[str] = Field(default_factory=list, description="e.g. non_english, empty_body.")
    errors: list[StageError] = Field(default_factory=list)
    origin: str | None = Field(default=None, description="File, URL or stream it was read from.")
    extensions: dict[str, JSONValue] = Field(
        default_factory=dict,
        description="The output of stages added by users (`newsgraph.stages`), keyed by the"
        " stage's name: JSON values, stored and exported with the record.",
    )

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent, exclude_none=False)


def article_json_schema() -> dict[str, Any]:
    """The JSON Schema of `Article`, generated from the model."""
    schema = Article.model_json_schema()
    schema["$id"] = f"https://newsgraph.dev/schema/article-{SCHEMA_VERSION}.json"
    schema["title"] = "newsgraph Article"
    return schema


def dump_schema() -> str:
    return json.dumps(article_json_schema(), indent=2, sort_keys=True) + "\n"
