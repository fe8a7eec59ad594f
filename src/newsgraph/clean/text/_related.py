"""The "related stories" block after an article: headlines, teasers and their section label.

The block starts at a rule ("-") or a heading ("Related", "More stories", "Most read") just after
the body. Its lines are either all headlines, or alternate headline / teaser (the teasers being
clearly longer). Scrapers often glue a section label and a separator to the end of each teaser
("… the fight against ISIS Middle East -"): a trailing run of capitalised words that several
teasers share is taken as the section, learnt from that repetition, never from a list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsgraph.clean.text._lines import Line
from newsgraph.model import Related

MAX_ITEMS = 30
MAX_SECTION_WORDS = 3
PAIR_RATIO = 1.4
_HEADING = re.compile(
    r"^(?:related|recommended|read (?:more|next|also)|see also|more (?:stories|news|from|on|in)"
    r"|you (?:may|might) (?:also )?like|most (?:read|popular|viewed)|popular|also on|up next"
    r"|what to read next|further reading|trending)\b",
    re.IGNORECASE,
)
_TRAILING_SEPARATOR = re.compile(r"(?:\s+[-|–—·•›»]+)+\s*$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$")


def _clean(text: str) -> str:
    return _TRAILING_SEPARATOR.sub("", text).strip()


def is_related_heading(line: Line) -> bool:
    return line.words <= 6 and bool(_HEADING.match(line.text))


def _block(lines: Sequence[Line], start: int) -> list[tuple[str, bool]]:
    """Lines of the block, each with whether a separator closed it ("… Middle East -"):
    from after its rule or heading to the next chrome or the end."""
    out: list[tuple[str, bool]] = []
    for line in lines[start:]:
        if line.separator:
            continue
        if line.kind == "chrome" and not is_related_heading(line):
            if out:
                break
            continue
        if is_related_heading(line):
            if out:
                break
            continue
        text = _clean(line.text)
        if text:
            out.append((text, text != line.text.strip()))
        if len(out) >= 2 * MAX_ITEMS:
            break
    return out


def _paired(texts: Sequence[str], closed: Sequence[bool]) -> bool:
    if len(texts) % 2 or not texts:
        return False
    if all(c == (i % 2 == 1) for i, c in enumerate(closed)):
        return True  # every second line closed by a separator: headline, teaser -
    if len(texts) < 4:
        return False
    heads, tails = texts[0::2], texts[1::2]
    longer = sum(1 for h, t in zip(heads, tails, strict=True) if len(t.split()) > len(h.split()))
    mean_head = sum(len(h.split()) for h in heads) / len(heads)
    mean_tail = sum(len(t.split()) for t in tails) / len(tails)
    return longer >= 0.75 * len(heads) and mean_tail >= PAIR_RATIO * mean_head


def _is_label(words: Sequence[str]) -> bool:
    return all(w[:1].isupper() or w in {"&", "and", "of"} for w in words) and words[0][:1].isupper()


def shared_suffix(teasers: Sequence[str]) -> str:
    """The longest run of capitalised final words that at least half the teasers (and two) share."""
    if len(teasers) < 2:
        return ""
    for size in range(MAX_SECTION_WORDS, 0, -1):
        counts: Counter[tuple[str, ...]] = Counter()
        for teaser in teasers:
            words = teaser.split()
            if len(words) > size + 3:
                counts[tuple(words[-size:])] += 1
        for suffix, n in counts.most_common():
            if n >= max(2, (len(teasers) + 1) // 2) and _is_label(suffix):
                return " ".join(suffix)
    return ""


def _split_section(teaser: str, section: str) -> tuple[str, str]:
    if section and teaser.endswith(" " + section):
        return teaser[: -len(section)].rstrip(" -|–—·"), section
    return teaser, ""


def find_related(lines: Sequence[Line], after: int) -> list[Related]:
    """Related items in the block that starts within a few lines after index `after`."""
    start = None
    for line in lines[after : after + 4]:
        if line.separator or is_related_heading(line):
            start = line.index
            break
    if start is None:
        return []
    block = [(t, closed) for t, closed in _block(lines, start) if not _URL.match(t)]
    texts = [t for t, _ in block]
    if not texts:
        return []
    if _paired(texts, [closed for _, closed in block]):
        heads, teasers = texts[0::2], texts[1::2]
        section = shared_suffix(teasers)
        items = []
        for head, raw in zip(heads, teasers, strict=True):
            teaser, label = _split_section(raw, section)
            items.append(Related(title=head, teaser=teaser, section=label))
        return items[:MAX_ITEMS]
    return [Related(title=text) for text in texts if len(text.split()) >= 3][:MAX_ITEMS]
