"""The first-hour audit, third round: what a new user still met (one test or more per finding)."""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path

import pytest
from bench import synth
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import E_EMPTY, InputError
from newsgraph.settings import Settings
from newsgraph.store.db import connect
from newsgraph.store.write import write_batch
from newsgraph.watch.listing import read_listing

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.web.app import create_app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("audit3") / "c.db"
    conn = connect(path)
    write_batch(conn, list(synth.articles(12, seed=21)))
    conn.close()
    return path


def test_a_read_command_leaves_an_empty_file_alone(tmp_path: Path) -> None:
    """`newsgraph stats --db notes.txt` on an empty file made it a 270 KB store."""
    empty = tmp_path / "notes.txt"
    empty.touch()
    for args in (["stats"], ["search", ""], ["stories"]):
        result = invoke(*args, "--db", str(empty))
        assert result.exit_code == 1, result.output
        assert result.output == (
            f"error: {empty}: an empty file, not a corpus store (run `newsgraph ingest` first) "
            "[E109]\n"
        )
    assert empty.stat().st_size == 0


def test_another_programs_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    """A read command wrote the store's tables into any SQLite file it was given."""
    other = tmp_path / "app.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    (tmp_path / "a.txt").write_text("Floods closed the coast road on Monday.\n", encoding="utf-8")
    for args in (["stats"], ["ingest", str(tmp_path / "a.txt"), "--no-nlp"]):
        result = invoke(*args, "--db", str(other))
        assert result.exit_code == 1, result.output
        assert (
            f"error: {other}: an SQLite database of another program (tables notes), not a "
            "newsgraph store: give --db a new file name [E305]"
        ) in result.output
    assert other.read_bytes() == before


def _damaged(db: Path, tmp_path: Path) -> Path:
    """A copy of the store whose tables' and indexes' first pages are overwritten: it opens (the
    schema page is intact), then fails on the first read of a table."""
    copy = tmp_path / "damaged.db"
    conn = sqlite3.connect(db)
    roots = [int(r[0]) for r in conn.execute("SELECT rootpage FROM sqlite_master") if r[0]]
    conn.close()
    data = bytearray(db.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    for root in roots:
        if root > 1:
            data[(root - 1) * size : root * size] = b"\xff" * size
    copy.write_bytes(bytes(data))
    return copy


def test_a_damaged_store_is_one_line_that_points_to_check(db: Path, tmp_path: Path) -> None:
    """`newsgraph search` over a damaged store was a sqlite3 traceback."""
    damaged = _damaged(db, tmp_path)
    commands = (
        ["search", ""],
        ["stories"],
        ["entity", "x"],
        ["trends"],
        ["alert", "list"],
        ["alert", "matches"],
        ["sources"],
    )
    for args in commands:
        result = invoke(*args, "--db", str(damaged))
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output
        assert result.output.startswith(f"error: {damaged}: the store cannot be read ("), args
        assert result.output.endswith(
            f"`newsgraph check --db {damaged}` says what is wrong [E305]\n"
        ), args


def test_the_web_says_a_damaged_store_cannot_be_read(db: Path, tmp_path: Path) -> None:
    damaged = _damaged(db, tmp_path)
    client = TestClient(create_app(damaged, warm_map=False), raise_server_exceptions=False)
    r = client.get("/api/search", params={"q": ""})
    assert r.status_code == 500
    error = r.json()["error"]
    assert error["code"] == "store_unreadable"
    assert "the store cannot be read" in error["message"]
    assert "`newsgraph check --db damaged.db`" in error["message"]
    page = client.get("/search")
    assert page.status_code == 500 and "newsgraph check" in page.text


def test_search_says_which_hits_a_page_shows_and_words_an_empty_result(db: Path) -> None:
    """`--limit 1` printed a table titled "12 articles" that held one; no match was an empty
    table."""
    every = json.loads(invoke("search", "", "--db", str(db), "-f", "json", "--limit", "100").stdout)
    total = len(every)
    page = runner.invoke(app, ["search", "", "--db", str(db), "--limit", "2", "--offset", "1"])
    assert page.exit_code == 0
    assert f"{total} articles, 2-3 shown" in page.stdout
    whole = invoke("search", "", "--db", str(db), "--limit", "100")
    assert f"{total} articles" in whole.stdout and "shown" not in whole.stdout
    none = invoke("search", "qqzzxxnothing", "--db", str(db))
    assert none.exit_code == 0 and none.stdout == ""
    assert none.stderr == "0 articles matched\n"
    past = invoke("search", "", "--db", str(db), "--offset", "500")
    assert past.stderr == f"{total} articles matched, none from --offset 500\n"
    assert json.loads(invoke("search", "qqzzxxnothing", "--db", str(db), "-f", "json").stdout) == []


def test_ingest_out_without_parquet_scheme_is_a_usage_error(tmp_path: Path) -> None:
    """It was E100 with exit status 1, as if an input had failed."""
    (tmp_path / "a.txt").write_text("Floods closed the coast road on Monday.\n", encoding="utf-8")
    result = invoke("ingest", str(tmp_path / "a.txt"), "--out", "corpus", "--no-nlp")
    assert result.exit_code == 2, result.output
    assert result.output == (
        "error: --out: 'corpus' is not parquet://DIR: write --out parquet://corpus [E001]\n"
    )


def test_alert_jsonl_in_a_missing_folder_is_refused_when_added(tmp_path: Path) -> None:
    """The alert was saved, and each delivery failed later."""
    target = tmp_path / "nowhere" / "alerts.jsonl"
    result = invoke(
        "alert", "add", "x", "flood", "--db", str(tmp_path / "a.db"), "--jsonl", str(target)
    )
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"error: --jsonl: no folder {str(target.parent)!r} to write 'alerts.jsonl' in: create it "
        "first [E001]\n"
    )


def test_alert_since_help_says_it_takes_a_time() -> None:
    """The help said YYYY-MM-DD while a UTC time was accepted, as search takes it."""
    text = invoke("alert", "add", "--help").output
    since = text[text.index("--since") : text.index("--until")]
    assert "UTC time" in since and "THH:MM" in since


def test_watch_a_list_with_a_long_line_is_a_note_not_a_traceback(tmp_path: Path) -> None:
    listing = tmp_path / "sources.txt"
    listing.write_text("x" * 300 + "\n", encoding="utf-8")
    result = invoke("watch", str(listing), "--db", str(tmp_path / "w.db"), "--once", "--no-nlp")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"note: {listing}: line 1: not a URL or a file: {'x' * 100}\n" in result.output


def test_watch_a_binary_file_as_a_list_is_one_error(tmp_path: Path) -> None:
    """An image given as a list of URLs gave a note for every line of its bytes."""
    image = tmp_path / "logo.gif"
    image.write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(range(256)) * 4)
    result = invoke("watch", str(image), "--db", str(tmp_path / "w.db"), "--once", "--no-nlp")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "round at" in lines[0] and ": 1 source (0 not modified, 1 failed)" in lines[0]
    assert lines[1:] == [f"error: {image}: binary data, not a list of URLs (GIF image) [E102]"]


def test_an_empty_feed_response_is_said_so() -> None:
    """It said "(it starts with '')"."""
    with pytest.raises(InputError) as caught:
        read_listing(b"  \n", origin="https://x.example/rss.xml", settings=Settings())
    assert caught.value.code == E_EMPTY
    assert caught.value.message == "an empty response, not a feed or a sitemap"


def test_watch_with_nothing_to_watch_leaves_no_new_store(tmp_path: Path) -> None:
    store = tmp_path / "typo.db"
    result = invoke("watch", "--db", str(store), "--once", "--no-nlp")
    assert result.exit_code == 2, result.output
    assert "nothing to watch: no store here yet" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_refused_web_search_does_not_also_say_nothing_matched(db: Path) -> None:
    """The page showed the error, then "0 articles … No articles match." under it."""
    client = TestClient(create_app(db, warm_map=False))
    for params in ({"q": '"unclosed'}, {"q": "", "event_type": "NOPE"}):
        page = client.get("/search", params=params)
        assert page.status_code == 400
        assert 'class="error"' in page.text
        assert "No articles match" not in page.text and "0 articles" not in page.text
    empty = client.get("/search", params={"q": "qqzzxxnothing"})
    assert "No articles match" in empty.text


def test_the_cli_reference_holds_the_alert_subcommands() -> None:
    """docs/cli.md, "the full reference", had `newsgraph alert` but not `alert add` and its
    options."""
    from newsgraph.cli.reference import command_names, render

    assert {"alert add", "alert list", "alert matches", "alert rm"} <= set(command_names())
    reference = render()
    assert "## newsgraph alert add" in reference and "--webhook URL" in reference


def test_entity_shows_a_co_mentioned_name_with_brackets_as_written(tmp_path: Path) -> None:
    """A co-mentioned name holding "[/…]" was read as console markup: a MarkupError traceback
    (and "[b]" would have turned the rest bold)."""
    from datetime import UTC, datetime

    from newsgraph.clean.assemble import build_article
    from newsgraph.model import Entity, Mention

    odd = "Acme [/b] Holdings"
    article = build_article(
        title="Harbour deal signed",
        standfirst=None,
        paragraphs=[f"Lena Park said {odd} would buy the harbour cranes."],
        published=datetime(2026, 3, 2, 9, tzinfo=UTC),
        language="en",
    )
    spans = [
        ("person:lena-park", "Lena Park", "person"),
        ("organization:acme", odd, "organization"),
    ]
    entities = []
    for key, name, kind in spans:
        at = article.text.index(name)
        mention = Mention(start=at, end=at + len(name), text=name)
        entities.append(
            Entity(
                id=key,
                name=name,
                type=kind,
                start=at,
                end=at + len(name),
                stage="entities",
                mentions=[mention],
            )
        )
    store = tmp_path / "e.db"
    conn = connect(store)
    write_batch(conn, [article.model_copy(update={"entities": entities})])
    conn.close()
    result = invoke("entity", "Lena Park", "--db", str(store))
    assert result.exit_code == 0, result.output
    assert odd in result.output


def test_a_feed_entry_without_text_says_watch_fetches_its_page() -> None:
    """`newsgraph extract FEED_URL` said only "feed entry has no content or summary" for each
    entry of a feed of links."""
    from newsgraph.ingest.feeds import iter_feed

    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Ferry '
        "halted</title><link>https://news.example/ferry.html</link></item></channel></rss>"
    )
    (error,) = list(iter_feed(rss, origin="feed.xml"))
    assert isinstance(error, InputError) and error.code == E_EMPTY
    assert error.one_line() == (
        "feed.xml#1: feed entry has no content or summary, only a link "
        "(https://news.example/ferry.html): `newsgraph watch` fetches the pages a feed links to "
        "[E101]"
    )


def test_check_of_a_damaged_store_does_not_claim_0_articles_and_schema_0(
    db: Path, tmp_path: Path
) -> None:
    """Its last line read "(0 articles, schema 0; checked integrity)" for a store of many."""
    from newsgraph.store.schema import LATEST

    damaged = _damaged(db, tmp_path)
    result = invoke("check", "--db", str(damaged))
    assert result.exit_code == 1
    last = result.stdout.splitlines()[-1]
    assert f"(articles not counted, schema {LATEST}; checked integrity)" in last


def test_serve_and_alert_list_call_an_empty_file_what_it_is(tmp_path: Path) -> None:
    """They said "not a newsgraph store of a known version (found 0, this reads 1-12)"."""
    empty = tmp_path / "news.db"
    empty.touch()
    for args in (["serve", "--port", "1"], ["alert", "list"], ["sources"]):
        result = invoke(*args, "--db", str(empty))
        assert result.exit_code == 1, (args, result.output)
        assert result.output == (
            f"error: {empty}: an empty file, not a corpus store (run `newsgraph ingest` first) "
            "[E109]\n"
        ), args


def test_serving_a_damaged_store_warns_in_one_line_not_a_thread_traceback(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsgraph.store.db import ReadOnlyStore
    from newsgraph.web.app import _warm

    damaged = _damaged(db, tmp_path)
    _warm(ReadOnlyStore(damaged))
    err = capsys.readouterr().err
    assert err.startswith(f"warning: {damaged}: the store cannot be read (")
    assert err.endswith(f"`newsgraph check --db {damaged}` says what is wrong\n")


def test_stories_with_none_to_show_say_so(db: Path) -> None:
    """`stories --min-size 50` printed an empty table."""
    result = invoke("stories", "--db", str(db), "--min-size", "50")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == f"no stories of 50 articles or more in {db}\n"
    assert (
        json.loads(invoke("stories", "--db", str(db), "--min-size", "50", "-f", "json").stdout)
        == []
    )
