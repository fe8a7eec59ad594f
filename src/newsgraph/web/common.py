"""What every page and API route shares: the store, parameters, errors, templates, JSON."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Query, Request
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.responses import HTMLResponse

from newsgraph.errors import StoreError
from newsgraph.store.db import Connection
from newsgraph.store.search import Filters, check_dates
from newsgraph.words import counted

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_QUERY = 300
MAX_VALUE = 200

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (1-100).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip (0-10000).")]
Text = Annotated[
    str,
    Query(
        max_length=MAX_QUERY,
        description='Full-text query: words (al-Qaeda, U.S.), "phrases", prefix*, AND, OR, NOT, '
        "NEAR(a b, 10), parentheses, title:word.",
    ),
]
Value = Annotated[str | None, Query(max_length=MAX_VALUE)]
# Checked by `filters_from` (`check_dates`), which says what is wrong in words, not a pattern.
Day = Annotated[
    str | None,
    Query(max_length=40, description="A date, YYYY-MM-DD, or a UTC time, YYYY-MM-DDTHH:MM."),
]


class ErrorDetail(BaseModel):
    code: str
    message: str
    status: int


class ErrorBody(BaseModel):
    """The one shape of every error the API returns."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request (for example an invalid query)"},
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}


class WebError(Exception):
    """An error answered with `status` and the API's error shape (or an HTML error page)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def not_found(what: str) -> WebError:
    return WebError(404, "not_found", f"no {what} in this store")


def conn(request: Request) -> Connection:
    """The calling thread's read-only connection to the store."""
    return request.app.state.store.conn()


def filters_from(
    *,
    entity: str | None = None,
    place: str | None = None,
    theme: str | None = None,
    event_type: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Filters:
    try:  # the library's one check, which the CLI's search, trends and alerts share
        check_dates(since, until)
    except StoreError as e:
        raise WebError(422, "invalid_parameter", e.message) from e
    return Filters(
        entity=entity or None,
        place=place or None,
        theme=theme or None,
        event_type=event_type or None,
        source=source or None,
        since=since or None,
        until=until or None,
    )


def jsonable(value: Any) -> Any:
    """Dataclasses, tuples and rows as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


def page_info(total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset}


def url(path: str, **params: Any) -> str:
    """`path` with the non-empty `params` as a query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["url"] = url
    env.filters["seg"] = lambda v: quote(str(v), safe=":@")
    env.filters["day"] = lambda v: (v or "")[:10]
    env.filters["when"] = lambda v: (v or "")[:16].replace("T", " ")
    env.filters["counted"] = counted  # {{ n|counted("article") }}: "1 article", "2 articles"
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)
