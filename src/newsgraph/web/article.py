"""The article page and `/api/articles/{id}`: highlighted body, quotes, events, places."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.responses import HTMLResponse

from newsgraph.errors import StoreError
from newsgraph.model import Article
from newsgraph.store.search import article_sources, get_article
from newsgraph.web import highlight, queries, svg
from newsgraph.web.common import ERROR_RESPONSES, conn, jsonable, not_found, render, url

api = APIRouter(prefix="/api", tags=["articles"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

ArticleId = Annotated[str, Path(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")]


def article_data(request: Request, article_id: str) -> dict[str, Any]:
    db = conn(request)
    row = queries.article_row(db, article_id)
    if row is None:
        raise not_found(f"article {article_id!r}")
    try:
        article = get_article(db, article_id)
    except StoreError as e:
        raise not_found(f"article {article_id!r}") from e
    story = queries.story(db, row["story_id"]) if row["story_id"] is not None else None
    return {
        "article": article,
        "story": story,
        "duplicate_of": row["duplicate_of"],
        "sources": article_sources(db, article_id)[:50],
        "duplicates": queries.duplicates(db, article_id, row["duplicate_of"]),
        "related": queries.story_mates(db, row["story_id"], article_id),
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


@api.get("/articles/{article_id}", summary="One article with its facts")
def api_article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    """The stored `Article` record, where it was seen, its duplicates and related stories."""
    return jsonable(article_data(request, article_id))


@pages.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: ArticleId) -> HTMLResponse:
    data = article_data(request, article_id)
    article: Article = data["article"]
    places = places_summary(article)
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
        entity_names={e.id: e.name for e in article.entities},
    )
