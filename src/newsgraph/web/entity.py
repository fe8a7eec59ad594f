"""Entity pages and `/api/entities`: aliases, timeline, quotes, events, co-mentions, places."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import HTMLResponse

from newsgraph.errors import StoreError
from newsgraph.store import read
from newsgraph.web import svg
from newsgraph.web.common import (
    ERROR_RESPONSES,
    Limit,
    Offset,
    conn,
    jsonable,
    not_found,
    page_info,
    render,
    url,
)

api = APIRouter(prefix="/api", tags=["entities"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

EntityKey = Annotated[str, Path(min_length=1, max_length=200, description="Entity id or name.")]
EntityType = Literal["person", "organization", "place", "group", "other"]
Prefix = Annotated[str, Query(max_length=100, description="Names starting with this.")]


def entity_data(request: Request, key: str, *, limit: int, offset: int) -> dict[str, Any]:
    db = conn(request)
    try:
        row = read.find_entity(db, key)
    except StoreError as e:
        raise not_found(f"entity {key!r}") from e
    if row is None:
        raise not_found(f"entity {key!r}")
    entity_id = row["id"]
    return {
        "entity": {
            "id": entity_id,
            "name": row["name"],
            "type": row["type"],
            "aliases": json.loads(row["aliases"] or "[]"),
            "article_count": row["article_count"],
            "mention_count": row["mention_count"],
            "first_seen": row["first_seen"],
            "last_seen": row["last_seen"],
        },
        "timeline": read.entity_timeline(db, entity_id),
        "undated": read.entity_undated(db, entity_id),
        "quotes_by": read.entity_quotes_by(db, entity_id, limit=limit),
        "quotes_about": read.with_speaker_names(
            db, read.entity_quotes_about(db, entity_id, limit=limit)
        ),
        "events": read.entity_events(db, entity_id, limit=limit, offset=offset),
        "co_mentions": read.co_mentions(db, entity_id, limit=limit),
        "places": read.entity_places(db, entity_id, limit=limit),
        "limit": limit,
        "offset": offset,
    }


@api.get("/entities", summary="Entities, most-reported first")
def api_entities(
    request: Request,
    prefix: Prefix = "",
    type: Annotated[EntityType | None, Query()] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    total, rows = read.list_entities(
        conn(request), prefix=prefix, type_=type, limit=limit, offset=offset
    )
    return {"entities": rows, **page_info(total, limit, offset)}


@api.get("/entities/{key}", summary="One entity by id, name or alias")
def api_entity(
    request: Request, key: EntityKey, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """The entity with mentions per day, quotes by and about it, its events (paged by
    `limit`/`offset`), co-mentioned entities and places; other lists hold at most `limit`."""
    return jsonable(entity_data(request, key, limit=limit, offset=offset))


@pages.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    prefix: Prefix = "",
    type: Annotated[EntityType | None, Query()] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> HTMLResponse:
    total, rows = read.list_entities(
        conn(request), prefix=prefix, type_=type, limit=limit, offset=offset
    )
    return render(
        request,
        "entities.html",
        rows=rows,
        prefix=prefix,
        type=type,
        **page_info(total, limit, offset),
    )


@pages.get("/entities/{key}", response_class=HTMLResponse)
def entity_page(
    request: Request, key: EntityKey, limit: Limit = 20, offset: Offset = 0
) -> HTMLResponse:
    data = entity_data(request, key, limit=limit, offset=offset)
    return render(
        request,
        "entity.html",
        **data,
        chart=svg.bar_chart(data["timeline"]),
        place_map=svg.map_svg(
            data["places"],
            zoom=True,
            css_class="map small",
            href=lambda p: url("/search", place=p["name"], entity=data["entity"]["id"]),
        ),
    )
