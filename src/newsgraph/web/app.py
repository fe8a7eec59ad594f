"""The analyst's web UI and JSON API over a corpus store: `create_app(db_path)` and `serve`.

Pages are rendered on the server (Jinja2, autoescaped); the JSON API lives under `/api/` with its
OpenAPI description at `/api/openapi.json`. The store is opened read-only. Every response carries
a strict Content-Security-Policy (scripts and styles from our own files only); every API error has
the one shape `{"error": {"code", "message", "status"}}`.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import sys
import threading
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.store.db import DatabaseError, ReadOnlyStore
from newsgraph.web import alerts as alerts_page
from newsgraph.web import article, entity, events, mapview, search, stories, trends
from newsgraph.web import sources as sources_page
from newsgraph.web.article import ARTICLE_ID_PATTERN
from newsgraph.web.common import STATIC, WebError, render
from newsgraph.web.events import CAMEO_PATTERN, COUNTRY_PATTERN, QUAD_PATTERN
from newsgraph.web.trends import MOMENT_PATTERN

PARTS = (search, article, entity, mapview, stories, events, trends)
"""The modules whose `api` and `pages` routers make the app."""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """ASGI middleware adding `SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """ASGI middleware answering HEAD like GET, headers only, on every route.

    FastAPI routes answer only the methods they declare, so `curl -I` met 405; HEAD runs the
    GET handler here and the body is dropped (Content-Length stays that of the GET answer).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        extensions = {
            k: v for k, v in scope.get("extensions", {}).items() if k != "http.response.pathsend"
        }
        as_get = {**scope, "method": "GET", "extensions": extensions}
        await self.app(as_get, receive, send_headers_only)


def _error(request: Request, status: int, code: str, message: str) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        body = {"error": {"code": code, "message": message, "status": status}}
        return JSONResponse(body, status_code=status)
    return render(request, "error.html", status=status, code=code, message=message)


# What a value of each parameter pattern must be, in words (a reader does not read regexes).
_PATTERN_WORDS = {
    ARTICLE_ID_PATTERN: "an article id (letters, digits and _ . : -)",
    COUNTRY_PATTERN: "a three-letter CAMEO code (RUS, GOV …)",
    CAMEO_PATTERN: "a CAMEO event code or its start (up to four digits)",
    QUAD_PATTERN: "a quad class, 1 to 4",
    MOMENT_PATTERN: "a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM)",
}


def _validation_message(exc: RequestValidationError) -> str:
    """The refused parameters in words: which one, the value, what it must be."""
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
        parts.append(f"{where or 'request'}: {_problem(err)}")
    return "; ".join(parts) or "invalid request"


def _problem(err: Any) -> str:
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    given = err.get("input")
    value = repr(given[:60] if isinstance(given, str) else given)
    if kind == "missing":
        return "required"
    if kind == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(str(ctx.get("pattern")), "in the expected form")
        return f"{value} is not {words}"
    if kind in ("int_parsing", "int_from_float"):
        return f"{value} is not a whole number"
    if kind == "float_parsing":
        return f"{value} is not a number"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{value} is too small (at least {ctx.get('ge', ctx.get('gt'))})"
    if kind in ("less_than_equal", "less_than"):
        return f"{value} is too large (at most {ctx.get('le', ctx.get('lt'))})"
    if kind == "string_too_long":
        return f"longer than {ctx.get('max_length')} characters"
    if kind == "string_too_short":
        return "empty"
    if kind in ("literal_error", "enum"):
        return f"{value} is not one of {ctx.get('expected', 'the allowed values')}"
    message = str(err.get("msg", "invalid"))
    return "invalid value" if "pattern" in message else message


def _install_error_handlers(app: FastAPI) -> None:
    async def on_web_error(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, WebError):
            return await on_unexpected(request, exc)
        return _error(request, exc.status, exc.code, exc.message)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, StarletteHTTPException):
            return await on_unexpected(request, exc)
        status = exc.status_code
        code = {404: "not_found", 405: "method_not_allowed"}.get(status, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
        if status == 404:
            message = f"no such page: {request.url.path[:200]}"
        response = _error(request, status, code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, RequestValidationError):
            return await on_unexpected(request, exc)
        return _error(request, 422, "invalid_parameter", _validation_message(exc))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        if isinstance(exc, DatabaseError):  # a damaged store: say so, and what tells more
            store: ReadOnlyStore = request.app.state.store
            message = (
                f"the store cannot be read ({exc}): `newsgraph check --db {store.path.name}` "
                "says what is wrong"
            )
            return _error(request, 500, "store_unreadable", message)
        return _error(request, 500, "internal_error", "the server failed on this request")

    app.add_exception_handler(WebError, on_web_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)


def create_app(db_path: str | Path, *, warm_map: bool = True) -> FastAPI:
    """The web app over the store at `db_path` (opened read-only; raises StoreError if absent)."""
    app = FastAPI(
        title="newsgraph",
        summary="Search and browse a newsgraph corpus store.",
        version="1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = ReadOnlyStore(db_path)
    _install_error_handlers(app)
    for module in PARTS:
        app.include_router(module.api)
        app.include_router(module.pages)
    app.include_router(sources_page.api)
    app.include_router(sources_page.pages)
    app.include_router(alerts_page.api)
    app.include_router(alerts_page.pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    if warm_map:
        threading.Thread(
            target=_warm, args=(app.state.store,), name="newsgraph-warmup", daemon=True
        ).start()
    return app


def _warm(store: ReadOnlyStore) -> None:
    """The corpus-wide map and event counts, computed once before the first visitor asks. A
    damaged store is one line on stderr here (its pages say the same), not a thread's
    traceback."""
    try:
        mapview.warm(store)
        events.warm(store)
    except DatabaseError as e:
        print(
            f"warning: {store.path}: the store cannot be read ({e}): "
            f"`newsgraph check --db {store.path}` says what is wrong",
            file=sys.stderr,
        )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_DB_VARIABLE = "NEWSGRAPH_SERVE_DB"


def app_from_environment() -> FastAPI:
    """The app factory each server process calls when `serve` runs several: the store's path
    comes from the NEWSGRAPH_SERVE_DB environment variable."""
    return create_app(os.environ[_DB_VARIABLE])


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8080,
    *,
    workers: int = 1,
    **uvicorn: Any,
) -> None:
    """Serve the UI over the store at `db_path` until interrupted (blocks).

    `workers` > 1 runs that many server processes on the one socket (uvicorn's supervisor), each
    with its own read-only connection: pages are CPU-bound, so one process per core.
    """
    import uvicorn as _uvicorn

    options: dict[str, Any] = {"log_level": "warning", **uvicorn}
    if workers <= 1:
        _uvicorn.run(create_app(db_path), host=host, port=port, **options)
        return
    from uvicorn.supervisors import Multiprocess

    ReadOnlyStore(db_path)  # a missing or unreadable store fails here, once, not per process
    os.environ[_DB_VARIABLE] = str(Path(db_path).resolve())
    config = _uvicorn.Config(
        f"{__name__}:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **options,
    )
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[tcp_listener(config.bind_socket())]).run()


def tcp_listener(sock: socket.socket) -> socket.socket:
    """`sock`, marked as a TCP socket if it is one.

    uvicorn binds the shared listener of its worker processes with protocol 0; asyncio then
    leaves Nagle's algorithm on for every accepted connection (it sets TCP_NODELAY only on
    sockets that say IPPROTO_TCP), and each keep-alive response waits about 40 ms for the
    client's delayed ACK. The same file descriptor, re-wrapped with IPPROTO_TCP, avoids that.
    """
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto != 0:
        return sock
    tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    tcp.set_inheritable(True)
    return tcp
