"""Issue 14, item 1: what a search query means, the same in the library, the CLI and the web.

Names of conflict news (al-Qaeda, Sudan's army, U.S., co-working) are plain words; the operators
keep their meaning; only a real syntax error is an error, and it says how to fix it.
"""

from __future__ import annotations

import html
import json
import sqlite3
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
from newsgraph.errors import StoreError
from newsgraph.store.db import connect
from newsgraph.store.fts_query import MATCH_NOTHING, QuerySyntaxError, fts_match
from newsgraph.store.search import search
from newsgraph.store.write import write_batch
from newsgraph.web.app import create_app

ARTICLES = {
    "qaeda": ("Affiliate claims raid", "An al-Qaeda affiliate claimed the raid near the border."),
    "sudan": ("Bridge retaken", "Sudan's army said it had retaken the bridge over the Nile."),
    "envoy": ("Envoy in Khartoum", "The U.S. envoy met both delegations in Khartoum on Monday."),
    "hub": ("Aid hub opens", "A co-working space for aid workers opened in Goma this week."),
    "talks": ("Army talks", "The army of Sudan met rebel leaders; US officials watched the talks."),
}
NAMES = {"al-Qaeda": {"qaeda"}, "Sudan's army": {"sudan"}, "U.S.": {"envoy"}, "co-working": {"hub"}}
OPERATOR_QUERIES = {
    "army AND Sudan": {"sudan", "talks"},
    "army Sudan": {"sudan", "talks"},
    "army NOT talks": {"sudan"},
    "Goma OR Khartoum": {"envoy", "hub"},
    "(Goma OR Khartoum) NOT envoy": {"hub"},
    '"army of Sudan"': {"talks"},
    "“army of Sudan”": {"talks"},
    "deleg*": {"envoy"},
    "al-Qa*": {"qaeda"},
    "NEAR(army bridge, 6)": {"sudan"},
    "NEAR(army bridge, 2)": set(),
    "title:army": {"talks"},
    "body:army NOT title:army": {"sudan"},
    "the and": set(),  # lower-case `and` is a word, and no article has it
    "Sudan — army": {"sudan", "talks"},  # a dash alone is no word
    "!!": set(),
}
SYNTAX_ERRORS = {
    '"al-Qaeda affiliate': "unbalanced quote; close the quote or remove it",
    "Goma AND": "AND needs a word on each side",
    "NOT Goma": "NOT needs a word on each side, as in Gaza NOT Hamas",
    "(Goma OR Khartoum": "unbalanced parenthesis; close the ( or remove it",
    "Goma)": "unbalanced parenthesis; remove the )",
    "Goma *": "* must end a word",
    "title:": "title: needs a word after it",
    "NEAR(Goma": "NEAR( is not closed",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A small store of the ARTICLES, and the stored id of each key."""
    path = tmp_path_factory.mktemp("q") / "q.db"
    articles = {
        key: build_article(
            title=title,
            standfirst=None,
            paragraphs=[body],
            published=datetime(2025, 6, day, 9, tzinfo=UTC),
            url=f"https://news.example/{key}",
        )
        for day, (key, (title, body)) in enumerate(ARTICLES.items(), start=1)
    }
    conn = connect(path)
    write_batch(conn, list(articles.values()))
    conn.close()
    return path, {a.id: key for key, a in articles.items()}


@pytest.fixture(scope="module")
def client(store) -> TestClient:
    return TestClient(create_app(store[0], warm_map=False))


def library_keys(store, query: str) -> set[str]:
    path, keys = store
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return {keys[h.id] for h in search(conn, query).hits}
    finally:
        conn.close()


def cli_keys(store, query: str) -> set[str]:
    path, keys = store
    result = CliRunner().invoke(cli_app, ["search", query, "--db", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return {keys[h["id"]] for h in json.loads(result.output)}


def api_keys(client, store, query: str) -> set[str]:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200, response.text
    return {store[1][h["id"]] for h in response.json()["hits"]}


def page_keys(client, store, query: str) -> set[str]:
    response = client.get("/search", params={"q": query})
    assert response.status_code == 200, response.text
    return {
        key for article_id, key in store[1].items() if f"/articles/{article_id}" in response.text
    }


@pytest.mark.parametrize(("query", "expected"), NAMES.items())
def test_issue_14_item_1_names_with_punctuation_are_words_everywhere(
    store, client, query: str, expected: set[str]
) -> None:
    """al-Qaeda, Sudan's army, U.S. and co-working failed with "no such column: Qaeda"."""
    assert library_keys(store, query) == expected
    assert cli_keys(store, query) == expected
    assert api_keys(client, store, query) == expected
    assert page_keys(client, store, query) == expected


@pytest.mark.parametrize(("query", "expected"), OPERATOR_QUERIES.items())
def test_issue_14_item_1_operators_keep_their_meaning_everywhere(
    store, client, query: str, expected: set[str]
) -> None:
    assert library_keys(store, query) == expected
    assert cli_keys(store, query) == expected
    assert api_keys(client, store, query) == expected
    assert page_keys(client, store, query) == expected


@pytest.mark.parametrize(("query", "fix"), SYNTAX_ERRORS.items())
def test_issue_14_item_1_a_real_syntax_error_says_how_to_fix_it(
    store, client, query: str, fix: str
) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        library_keys(store, query)
    assert isinstance(info.value, StoreError) and info.value.code == "E308"
    assert fix in info.value.message and repr(query) in info.value.message

    result = CliRunner().invoke(cli_app, ["search", query, "--db", str(store[0])])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and fix in result.output

    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_query" and fix in error["message"]

    page = client.get("/search", params={"q": query})
    assert page.status_code == 400 and fix in html.unescape(page.text)


@pytest.mark.parametrize(
    ("query", "match"),
    [
        ("al-Qaeda", '"al-Qaeda"'),
        ("Sudan's army", '"Sudan\'s" AND "army"'),
        ("U.S.*", '"U.S."*'),
        ("a b OR c NOT d", '("a" AND "b") OR ("c" NOT "d")'),
        ('x "say ""no"""', '"x" AND "say " AND "no"'),
        ("NEAR(a “b c”, 5)", 'NEAR("a" "b c", 5)'),
        ("Body:(a OR b)", 'body : ("a" OR "b")'),
        ("and or not near", '"and" AND "or" AND "not" AND "near"'),
        ("", ""),
        ("  ", ""),
        ("- & …", MATCH_NOTHING),
    ],
)
def test_issue_14_item_1_the_translation(query: str, match: str) -> None:
    assert fts_match(query) == match


def test_issue_14_item_1_deep_nesting_is_refused_before_fts5_overflows() -> None:
    assert fts_match("(" * 16 + "a OR b" + ")" * 16) == '"a" OR "b"'
    with pytest.raises(QuerySyntaxError, match="nest over 16 deep"):
        fts_match("(" * 17 + "a" + ")" * 17)
