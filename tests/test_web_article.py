"""The article page (issue 14 items 10, 11, 12): resolved speakers, both tones, skipped stages.

A tiny store of invented articles, written the way `tests/browser/corpus.py` writes its corpus,
and the web app called in-process.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.clean.assemble import build_article
from newsgraph.model import Article, Entity, Mention, Quote, SpeakerRef, Tone
from newsgraph.store.db import connect
from newsgraph.store.write import write_batch
from newsgraph.web import article as article_view
from newsgraph.web import highlight
from newsgraph.web.app import CSP, create_app

VARGA = "person:oleg-varga"
HOSTILE = '<img src="x" onerror="window.__pwned = 1">'


@dataclass(frozen=True)
class Store:
    path: Path
    border: str
    french: str
    hostile: str


def _entity(text: str, eid: str, name: str, words: str) -> Entity:
    at = text.index(words)
    return Entity(
        id=eid,
        name=name,
        type="person",
        start=at,
        end=at + len(words),
        stage="entities",
        mentions=[Mention(start=at, end=at + len(words), text=words)],
    )


def _quote(text: str, words: str, speaker: str, *, after: int = 0, **extra: object) -> Quote:
    start = text.index(words)
    s_start = text.index(speaker, after)
    return Quote(
        start=start,
        end=start + len(words),
        text=words,
        direct=True,
        cue="say",
        speaker=speaker,
        speaker_start=s_start,
        speaker_end=s_start + len(speaker),
        stage="quotes",
        **extra,  # type: ignore[arg-type]
    )


def _ref(text: str, words: str, entity_id: str | None) -> SpeakerRef:
    at = text.index(words)
    return SpeakerRef(text=words, start=at, end=at + len(words), entity_id=entity_id)


def border_article() -> Article:
    """Deputy Minister Oleg Varga, then 'he'; a council secretary, then 'he' again."""
    a = build_article(
        title="Border to reopen in May, deputy minister says",
        standfirst=None,
        paragraphs=[
            "Deputy Minister Oleg Varga visited the crossing at Hill Gate on Monday.",
            "The new rules will “hurt small farms,” he was reported as saying by a local radio.",
            "The secretary of the trade council also spoke to farmers at the gate.",
            "“We will open a second lane,” he said.",
        ],
        published=datetime(2026, 5, 4, 9, 0, tzinfo=UTC),
        url="https://news.example/2026/05/04/border",
        language="en",
    )
    t = a.text
    second_he = t.index("he said")
    quotes = [
        _quote(
            t,
            "hurt small farms",
            "he",
            after=t.index("small farms"),
            speaker_id=VARGA,
            speaker_ref=_ref(t, "Deputy Minister Oleg Varga", VARGA),
        ),
        _quote(
            t,
            "We will open a second lane",
            "he",
            after=second_he,
            speaker_ref=_ref(t, "The secretary of the trade council", None),
        ),
    ]
    tone = Tone(tone=1.71, positive=3.2, negative=1.49, polarity=4.69, word_count=58, conflict=-6.5)
    return a.model_copy(
        update={
            "entities": [_entity(t, VARGA, "Oleg Varga", "Deputy Minister Oleg Varga")],
            "quotes": quotes,
            "tone": tone,
        }
    )


def french_article() -> Article:
    a = build_article(
        title="Le pont de la Vienne rouvre",
        standfirst=None,
        paragraphs=["Le pont rouvre lundi après deux ans de travaux, a annoncé la mairie."],
        published=datetime(2026, 5, 5, 9, 0, tzinfo=UTC),
        url="https://nouvelles.example/pont",
        language="fr",
        flags=["non_english", "english_stages_skipped"],
    )
    tone = Tone(tone=0.0, positive=0.0, negative=0.0, polarity=0.0, word_count=12)
    return a.model_copy(update={"tone": tone})


def hostile_article() -> Article:
    a = build_article(
        title="Hostile speaker words",
        standfirst=None,
        paragraphs=[f"The person {HOSTILE} spoke first.", "“This is fine,” she said."],
        language=HOSTILE,
        flags=["english_stages_skipped"],
    )
    t = a.text
    quote = _quote(t, "This is fine", "she", speaker_ref=_ref(t, HOSTILE, None))
    return a.model_copy(update={"quotes": [quote]})


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("article") / "article.db"
    border, french, hostile = border_article(), french_article(), hostile_article()
    conn = connect(path)
    try:
        write_batch(conn, [border, french, hostile])
    finally:
        conn.close()
    return Store(path, border.id, french.id, hostile.id)


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store.path, warm_map=False))


# --- item 10: the resolved speaker ------------------------------------------------------------


def test_issue14_item10_pronoun_speaker_links_to_the_person(client, store) -> None:
    r = client.get(f"/articles/{store.border}")
    assert r.status_code == 200 and r.headers["content-security-policy"] == CSP
    assert (
        '<span class="speaker">he <span class="refers-to" title="resolved speaker">→ '
        f'<a href="/entities/{VARGA}">Oleg Varga</a></span></span> → <q>hurt small farms</q>'
    ) in r.text


def test_issue14_item10_unlinked_antecedent_is_shown_as_words(client, store) -> None:
    html = client.get(f"/articles/{store.border}").text
    assert (
        "→ The secretary of the trade council</span></span> → <q>We will open a second lane</q>"
    ) in html


def test_issue14_item10_highlight_names_the_resolved_speaker(client, store) -> None:
    html = client.get(f"/articles/{store.border}").text
    assert 'data-info="direct quote · speaker: he → Oleg Varga"' in html
    assert f'data-href="/entities/{VARGA}"' in html


def test_issue14_item10_entity_page_lists_the_pronoun_quote(client) -> None:
    html = client.get(f"/entities/{VARGA}").text
    by = html[html.index("Quotes by") : html.index("Quotes about")]
    assert "<q>hurt small farms</q>" in by and "as “he”" in by
    assert "second lane" not in by  # the secretary's quote is not Varga's


def test_issue14_item10_api_returns_the_speaker_ref(client, store) -> None:
    quotes = client.get(f"/api/articles/{store.border}").json()["article"]["quotes"]
    ref = quotes[0]["speaker_ref"]
    assert ref["text"] == "Deputy Minister Oleg Varga" and ref["entity_id"] == VARGA
    assert quotes[1]["speaker_ref"]["entity_id"] is None


def test_speaker_view_without_a_reference() -> None:
    q = Quote(start=0, end=1, text="x", direct=True, stage="quotes", speaker_id=VARGA)
    view = article_view.speaker_view(q, {VARGA: "Oleg Varga"})
    assert view == article_view.SpeakerView("Oleg Varga", None, VARGA)
    bare = Quote(start=0, end=1, text="x", direct=True, stage="quotes")
    assert article_view.speaker_view(bare, {}).words == "unknown"


# --- item 11: both tones ---------------------------------------------------------------------


def test_issue14_item11_page_shows_word_tone_and_event_score(client, store) -> None:
    html = client.get(f"/articles/{store.border}").text
    tone = html[html.index("<h2>Tone</h2>") :]
    assert 'Word tone <span class="tone-value">+1.71</span>' in tone
    assert 'Event score <span class="tone-value">-6.5 (conflict)</span>' in tone
    assert "in percent of its 58 words" in tone and "from -10 (conflict) to +10" in tone


def test_issue14_item11_no_events_says_so(client, store) -> None:
    html = client.get(f"/articles/{store.french}").text
    assert 'Event score <span class="tone-value">none (no events)</span>' in html


def test_tone_rows_read_the_sign_of_the_event_score() -> None:
    def row(conflict: float | None) -> str:
        tone = Tone(tone=0, positive=0, negative=0, polarity=0, word_count=1, conflict=conflict)
        return article_view.tone_rows(tone)[1].value

    assert row(3.4) == "+3.4 (cooperation)" and row(0.0) == "+0.0 (neutral)"
    assert article_view.tone_rows(None) == []


# --- item 12: stages skipped for the language ---------------------------------------------------


def test_issue14_item12_skipped_stages_are_announced(client, store) -> None:
    html = client.get(f"/articles/{store.french}").text
    assert (
        '<p class="note language-notice">Language-specific analysis skipped: '
        "no model configured for fr</p>"
    ) in html
    assert "language-notice" not in client.get(f"/articles/{store.border}").text


# --- everything shown is escaped ---------------------------------------------------------------


def test_hostile_speaker_ref_and_language_are_inert(client, store) -> None:
    html = client.get(f"/articles/{store.hostile}").text
    assert HOSTILE not in html
    assert "&lt;img src=&#34;x&#34; onerror=" in html
    assert "no model configured for &lt;img" in html
    spans = highlight.spans(hostile_article())
    assert any(HOSTILE in s.info for s in spans if s.kind == "quote")  # escaped when rendered


@pytest.mark.slow
def test_issue14_item10_pronoun_quote_reaches_the_entity_page_end_to_end(tmp_path: Path) -> None:
    """The whole pipeline, the store and the entity page: 'he' is quoted under his name."""
    import newsgraph

    text = (
        "Deputy Minister Oleg Varga visited the crossing at Hill Gate on Monday.\n\n"
        "The new rules will “hurt small farms,” he was reported as saying by Interfax."
    )
    analysed = newsgraph.analyze(text)
    (q,) = [q for q in analysed.quotes if q.text == "hurt small farms"]
    assert q.speaker == "he" and q.speaker_ref is not None and q.speaker_id is not None
    conn = connect(tmp_path / "e2e.db")
    try:
        write_batch(conn, [analysed])
    finally:
        conn.close()
    client = TestClient(create_app(tmp_path / "e2e.db", warm_map=False))
    html = client.get(f"/entities/{q.speaker_id}").text
    assert "<q>hurt small farms</q>" in html[html.index("Quotes by") : html.index("Quotes about")]
