"""Story pages and `/api/stories`: clusters of articles on one event, their size over time."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import HTMLResponse

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
)

api = APIRouter(prefix="/api", tags=["stories"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

StoryId = Annotated[int, Path(ge=0, le=2**62)]
MinSize = Annotated[int, Query(ge=1, le=100_000, description="Smallest story size shown.")]


def stories_data(request: Request, *, min_size: int, limit: int, offset: int) -> dict[str, Any]:
    db = conn(request)
    found = read.list_stories(db, limit=limit, offset=offset, min_size=min_size)
    timelines = read.story_timelines(db, [s.id for s in found])
    return {
        "stories": [{**jsonable(s), "timeline": timelines.get(s.id, [])} for s in found],
        **page_info(read.count_stories(db, min_size=min_size), limit, offset),
    }


def story_data(request: Request, story_id: int, *, limit: int, offset: int) -> dict[str, Any]:
    db = conn(request)
    found = read.story(db, story_id)
    if found is None:
        raise not_found(f"story {story_id}")
    return {
        "story": found,
        "timeline": read.story_timelines(db, [story_id])[story_id],
        "articles": read.story_articles(db, story_id, limit=limit, offset=offset),
        **page_info(int(found["size"]), limit, offset),
    }


@api.get("/stories", summary="Stories, largest and most recent first")
def api_stories(
    request: Request, min_size: MinSize = 1, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    return stories_data(request, min_size=min_size, limit=limit, offset=offset)


@api.get("/stories/{story_id}", summary="One story with its articles")
def api_story(
    request: Request, story_id: StoryId, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    return jsonable(story_data(request, story_id, limit=limit, offset=offset))


@pages.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request, min_size: MinSize = 2, limit: Limit = 20, offset: Offset = 0
) -> HTMLResponse:
    data = stories_data(request, min_size=min_size, limit=limit, offset=offset)
    charts = {
        s["id"]: svg.bar_chart(s["timeline"], width=220, height=50, css_class="spark")
        for s in data["stories"]
    }
    return render(request, "stories.html", **data, charts=charts, min_size=min_size)


@pages.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request, story_id: StoryId, limit: Limit = 20, offset: Offset = 0
) -> HTMLResponse:
    data = story_data(request, story_id, limit=limit, offset=offset)
    return render(request, "story.html", **data, chart=svg.bar_chart(data["timeline"]))
