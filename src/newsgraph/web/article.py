"""The article page and `/api/articles/{id}`: highlighted body, quotes, events, places, tone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import HTMLResponse

from newsgraph.errors import StoreError
from newsgraph.model import Article, Quote, Tone
from newsgraph.store import read
from newsgraph.web import highlight, svg
from newsgraph.web.common import ERROR_RESPONSES, conn, jsonable, not_found, render, url
from newsgraph.web.events import coding_context

api = APIRouter(prefix="/api", tags=["articles"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

ARTICLE_ID_PATTERN = r"^[A-Za-z0-9_.:-]+$"
ArticleId = Annotated[str, Path(min_length=1, max_length=128, pattern=ARTICLE_ID_PATTERN)]


def article_data(request: Request, article_id: str) -> dict[str, Any]:
    db = conn(request)
    row = read.article_row(db, article_id)
    if row is None:
        raise not_found(f"article {article_id!r}")
    try:
        article = read.get_article(db, article_id)
    except StoreError as e:
        raise not_found(f"article {article_id!r}") from e
    story = read.story(db, row["story_id"]) if row["story_id"] is not None else None
    return {
        "article": article,
        "story": story,
        "duplicate_of": row["duplicate_of"],
        "sources": read.article_sources(db, article_id)[:50],
        "duplicates": read.duplicates(db, article_id, row["duplicate_of"]),
        "related": read.story_mates(db, row["story_id"], article_id),
    }


def places_summary(article: Article) -> list[dict[str, Any]]:
    """The article's geocoded places, one per name, with their mention counts."""
    found: dict[str, dict[str, Any]] = {}
    for p in article.places:
        if p.lat is None or p.lon is None:
            continue
        name = p.name or p.text
        entry = found.setdefault(
            name,
            {
                "name": name,
                "lat": p.lat,
                "lon": p.lon,
                "mentions": 0,
                "country_code": p.country_code,
                "kind": p.kind,
            },
        )
        entry["mentions"] += max(len(p.mentions), 1)
    return sorted(found.values(), key=lambda e: -e["mentions"])


SKIPPED_FLAG = "english_stages_skipped"
"""The flag of an article whose language-specific stages did not run (no model for it)."""


@dataclass(frozen=True, slots=True)
class SpeakerView:
    """A quote's speaker as the page shows it: "he → Oleg Syromolotov"."""

    words: str  # the speaker as the text words it
    refers_to: str | None  # who a pronoun or description stands for, if resolved
    entity_id: str | None  # the entity page to link


def speaker_view(q: Quote, names: Mapping[str, str]) -> SpeakerView:
    """The words, the person they stand for (an entity's name, else the antecedent's words)."""
    ref = q.speaker_ref
    entity_id = q.speaker_id or (ref.entity_id if ref is not None else None)
    if ref is not None:
        name = names.get(ref.entity_id) if ref.entity_id else None
        return SpeakerView(q.speaker or "unknown", name or ref.text, entity_id)
    words = q.speaker or (names.get(entity_id) if entity_id else None) or entity_id or "unknown"
    return SpeakerView(words, None, entity_id)


@dataclass(frozen=True, slots=True)
class ToneRow:
    label: str
    value: str
    explanation: str


def tone_rows(tone: Tone | None) -> list[ToneRow]:
    """The two tones of an article, each with one line on what it measures."""
    if tone is None:
        return []
    words = ToneRow(
        "Word tone",
        f"{tone.tone:+.2f}",
        f"Positive minus negative words, in percent of its {tone.word_count} words (GDELT GKG "
        "style): it counts the words used, not what the actors do.",
    )
    events = ToneRow(
        "Event score",
        "none (no events)"
        if tone.conflict is None
        else f"{tone.conflict:+.1f} ({_leaning(tone.conflict)})",
        "Mean Goldstein-style score of the article's events, from -10 (conflict) to +10 "
        "(cooperation): what the actors do, not the words used.",
    )
    return [words, events]


def _leaning(score: float) -> str:
    if score < 0:
        return "conflict"
    return "cooperation" if score > 0 else "neutral"


def language_notice(article: Article) -> str | None:
    """Why an article has no language-specific facts, when its stages were skipped."""
    if SKIPPED_FLAG not in article.flags:
        return None
    language = article.language or "its language"
    return f"Language-specific analysis skipped: no model configured for {language}"


@api.get("/articles/{article_id}", summary="One article with its facts")
def api_article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    """The stored `Article` record, where it was seen, its duplicates and related stories."""
    return jsonable(article_data(request, article_id))


@pages.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: ArticleId) -> HTMLResponse:
    data = article_data(request, article_id)
    article: Article = data["article"]
    places = places_summary(article)
    names = {e.id: e.name for e in article.entities}
    return render(
        request,
        "article.html",
        **data,
        body=highlight.body_html(article),
        legend=highlight.KINDS,
        places=places,
        place_map=svg.map_svg(
            places,
            zoom=True,
            css_class="map small",
            href=lambda p: url("/search", place=p["name"]),
        ),
        entity_names=names,
        speakers=[speaker_view(q, names) for q in article.quotes],
        tones=tone_rows(article.tone),
        language_notice=language_notice(article),
        **coding_context(),
    )
