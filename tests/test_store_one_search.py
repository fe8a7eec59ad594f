"""Issue 15: one search for the CLI and the web, one co-mention query, and SQL only in store/.

Before issue 15 `newsgraph search` ranked the most recent matches newest first on ties, while
`/api/search` ranked every match oldest first on ties and listed blank queries without a tie
order, so the two could list the same query's hits in different orders.
"""

from __future__ import annotations

import ast
import json
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.clean.assemble import build_article
from newsgraph.cli import app as cli_app
from newsgraph.cli import corpus as _corpus  # noqa: F401  (registers the commands)
from newsgraph.model import Article, Entity, Mention, Place, Theme
from newsgraph.store.db import connect
from newsgraph.store.read import co_mentions, get_entity
from newsgraph.store.write import write_batch
from newsgraph.web.app import create_app

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsgraph"
TOWNS = ["Braga", "Porto", "Faro", "Evora", "Viseu", "Leiria"]


def _article(i: int, town: str, *, day: int, person: bool, theme: str) -> Article:
    # Same length and the same matched words: several articles tie on bm25.
    body = f"Flood waters rose in {town} overnight (bulletin {i:02d}); mayor Ana Duarte asked for calm."
    a = build_article(
        title=f"Flood report {i}",
        standfirst=None,
        paragraphs=[body],
        published=datetime(2025, 5, day, 8, tzinfo=UTC),
        url=f"https://news.example/flood-{i}",
    )
    at = a.text.index(town)
    update: dict[str, object] = {
        "places": [
            Place(
                start=at,
                end=at + len(town),
                text=town,
                name=town,
                kind="city",
                country_code="PT",
                lat=41.0,
                lon=-8.0,
                stage="places",
            )
        ],
        "themes": [Theme(start=0, end=5, name=theme, score=1.0, stage="themes")],
    }
    entities = [("organization:civil-protection", "Civil Protection", "organization")]
    if person:
        entities.append(("person:ana-duarte", "Ana Duarte", "person"))
    found = []
    for entity_id, name, kind in entities:
        start = a.text.index(name) if name in a.text else 0
        end = start + len(name) if name in a.text else 5
        found.append(
            Entity(
                id=entity_id,
                name=name,
                type=kind,
                start=start,
                end=end,
                stage="entities",
                mentions=[Mention(start=start, end=end, text=a.text[start:end])],
            )
        )
    update["entities"] = found
    return a.model_copy(update=update)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("one") / "one.db"
    articles = [
        _article(
            i,
            TOWNS[i % len(TOWNS)],
            day=1 + i // 4,  # four articles per day: ties on the date too
            person=i % 3 != 0,
            theme="environment" if i % 2 else "weather",
        )
        for i in range(12)
    ]
    conn = connect(path)
    write_batch(conn, articles[:6], assign_stories=False)
    write_batch(conn, articles[6:], assign_stories=False)
    conn.close()
    return path


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store, warm_map=False))


CASES = [
    ("flood", {}),
    ("waters", {}),
    ("Braga OR Porto OR Faro", {}),
    ("", {}),
    ("", {"entity": "Ana Duarte"}),
    ("flood", {"place": "porto"}),
    ("mayor", {"theme": "environment"}),
    ("calm", {"since": "2025-05-02", "until": "2025-05-02"}),
    ("", {"until": "2025-05-01"}),
    ("flood", {"entity": "person:ana-duarte", "theme": "weather"}),
]
CLI_FLAGS = {"entity": "--entity", "place": "--place", "theme": "--theme"}


def cli_hits(store: Path, query: str, filters: dict[str, str], limit: int) -> list[str]:
    args = ["search", query, "--db", str(store), "--format", "json", "--limit", str(limit)]
    for key, value in filters.items():
        args += [CLI_FLAGS.get(key, f"--{key}"), value]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    return [h["id"] for h in json.loads(result.output)]


def api_hits(client: TestClient, query: str, filters: dict[str, str], limit: int) -> list[str]:
    response = client.get("/api/search", params={"q": query, "limit": limit, **filters})
    assert response.status_code == 200, response.text
    return [h["id"] for h in response.json()["hits"]]


@pytest.mark.parametrize(("query", "filters"), CASES)
@pytest.mark.parametrize("limit", [3, 20])
def test_issue_15_cli_and_api_search_give_the_same_hits_in_the_same_order(
    store: Path, client: TestClient, query: str, filters: dict[str, str], limit: int
) -> None:
    cli = cli_hits(store, query, filters, limit)
    assert cli, "each case finds something"
    assert cli == api_hits(client, query, filters, limit)


def test_issue_15_ties_are_broken_the_same_way_newest_first(store: Path, client) -> None:
    ranked = cli_hits(store, "flood", {}, 20)
    scores = [h["score"] for h in client.get("/api/search", params={"q": "flood"}).json()["hits"]]
    assert len(ranked) == 12 and len(set(scores)) < len(scores)  # there are ties to break
    conn = connect(store)
    rowid = {r[0]: r[1] for r in conn.execute("SELECT id, rowid FROM articles")}
    conn.close()
    for (a, sa), (b, sb) in zip(
        zip(ranked, scores, strict=True), zip(ranked[1:], scores[1:], strict=True), strict=False
    ):
        assert sa < sb or (sa == sb and rowid[a] > rowid[b])


def test_issue_15_co_mentions_are_one_query_for_the_cli_and_the_web(store: Path, client) -> None:
    conn = connect(store)
    try:
        record = get_entity(conn, "Ana Duarte")
        direct = co_mentions(conn, record.id)
    finally:
        conn.close()
    assert [(c.name, c.articles) for c in direct] == [("Civil Protection", 8)]
    assert record.co_mentions == direct
    body = client.get("/api/entities/person:ana-duarte").json()
    assert body["co_mentions"] == [
        {"entity_id": c.entity_id, "name": c.name, "type": c.type, "articles": c.articles}
        for c in direct
    ]


def _sql_users(path: Path) -> list[str]:
    """How `path` touches SQL: sqlite3 imports, .execute*() calls, SELECT/INSERT strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if "sqlite3" in names or module == "sqlite3":
                found.append(f"line {node.lineno}: imports sqlite3")
        elif isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany"):
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = node.value.upper().split()
            if words[:1] in (["SELECT"], ["INSERT"], ["UPDATE"], ["DELETE"], ["WITH"]):
                found.append(f"line {node.lineno}: SQL text")
    return found


@pytest.mark.parametrize(
    "module",
    [
        *sorted(str(p.relative_to(PACKAGE)) for p in (PACKAGE / "corpus").glob("*.py")),
        "job.py",
        *sorted(str(p.relative_to(PACKAGE)) for p in (PACKAGE / "web").glob("*.py")),
    ],
)
def test_issue_15_sql_lives_in_the_store_only(module: str) -> None:
    assert _sql_users(PACKAGE / module) == []
