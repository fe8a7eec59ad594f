"""The article body with its facts highlighted, built safely from offsets.

Text between offsets is escaped segment by segment; only our own `<span>` tags are added, with
attribute values escaped. Spans nest (a quote holds the entities inside it); a span that crosses
the end of an enclosing one is clipped to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from newsgraph.model import Article

KINDS: tuple[tuple[str, str], ...] = (
    ("quote", "Quote"),
    ("entity", "Entity"),
    ("place", "Place"),
    ("amount", "Amount"),
    ("date", "Date"),
    ("event", "Event trigger"),
)
"""Highlight kinds with their legend labels, outermost first when spans share a start."""

_RANK = {kind: i for i, (kind, _) in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str
    info: str  # what was extracted, one line
    href: str | None = None  # where the highlight leads (an entity page)


def _entity_spans(article: Article) -> list[Span]:
    out = []
    for e in article.entities:
        info = f"{e.name} ({e.type}) · id {e.id}"
        href = f"/entities/{quote(e.id, safe=':@')}"
        mentions = e.mentions or []
        out += [Span(m.start, m.end, "entity", info, href) for m in mentions]
        if not mentions:
            out.append(Span(e.start, e.end, "entity", info, href))
    return out


def _place_spans(article: Article) -> list[Span]:
    out = []
    for p in article.places:
        where = ", ".join(x for x in (p.name, p.admin1, p.country_code) if x) or "unresolved"
        coords = f" · {p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else ""
        why = f" · {p.reason}" if p.reason else ""
        info = f"{where} ({p.kind}){coords}{why}"
        out.append(Span(p.start, p.end, "place", info))
        out += [Span(m.start, m.end, "place", info) for m in p.mentions if m.start != p.start]
    return out


def _quote_spans(article: Article) -> list[Span]:
    names = {e.id: e.name for e in article.entities}
    out = []
    for q in article.quotes:
        speaker = q.speaker or "unknown speaker"
        ref = q.speaker_ref
        if ref is not None:  # "he → Oleg Syromolotov"
            speaker += f" → {names.get(ref.entity_id or '') or ref.text}"
        kind = "direct" if q.direct else "reported"
        href = f"/entities/{quote(q.speaker_id, safe=':@')}" if q.speaker_id else None
        out.append(Span(q.start, q.end, "quote", f"{kind} quote · speaker: {speaker}", href))
    return out


def spans(article: Article) -> list[Span]:
    """Every highlight of `article`, as offsets into `article.text`."""
    out = _entity_spans(article) + _place_spans(article) + _quote_spans(article)
    for a in article.amounts:
        parts = [str(x) for x in (a.qualifier, a.value, a.unit, a.object) if x is not None]
        out.append(Span(a.start, a.end, "amount", " ".join(parts) or a.text))
    for d in article.dates:
        out.append(Span(d.start, d.end, "date", f"{d.type} {d.value or 'unresolved'}"))
    for v in article.events:
        actor = v.actor.text if v.actor else "?"
        recipient = v.recipient.text if v.recipient else "?"
        info = f"{v.type}: {actor} → {recipient}" + (" (negated)" if v.negated else "")
        out.append(Span(v.trigger_start, v.trigger_end, "event", info))
    return out


def _open_tag(span: Span) -> str:
    attrs = (
        f'class="hl hl-{span.kind}" tabindex="0" data-kind="{escape(span.kind)}" '
        f'data-info="{escape(span.info)}" title="{escape(span.info)}"'
    )
    if span.href:
        attrs += f' data-href="{escape(span.href)}"'
    return f"<span {attrs}>"


def render(text: str, all_spans: list[Span], *, start: int = 0, end: int | None = None) -> Markup:
    """`text[start:end]` escaped, with `all_spans` (offsets into `text`) as nested highlights."""
    end = len(text) if end is None else end
    valid = [
        Span(max(s.start, start), min(s.end, end), s.kind, s.info, s.href)
        for s in all_spans
        if s.start < end and s.end > start and s.start < s.end
    ]
    valid.sort(key=lambda s: (s.start, -s.end, _RANK.get(s.kind, 99)))
    parts: list[str] = []
    stack: list[int] = []  # end offsets of open spans
    pos = start
    for span in valid:
        while stack and stack[-1] <= span.start:
            parts.append(str(escape(text[pos : stack[-1]])))
            pos = stack.pop()
            parts.append("</span>")
        if span.start < pos:  # clipped away by an earlier sibling
            continue
        parts.append(str(escape(text[pos : span.start])))
        pos = span.start
        limit = stack[-1] if stack else end
        parts.append(_open_tag(span))
        stack.append(min(span.end, limit))
    while stack:
        parts.append(str(escape(text[pos : stack[-1]])))
        pos = stack.pop()
        parts.append("</span>")
    parts.append(str(escape(text[pos:end])))
    return Markup("".join(parts))


def body_html(article: Article) -> Markup:
    """The article body (after title and standfirst) with every fact highlighted."""
    return render(article.text, spans(article), start=article.body_start)
