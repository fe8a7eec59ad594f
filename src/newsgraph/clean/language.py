"""A cheap language guess: the script of the letters, then the share of common function words.

Good enough to tell English from the other languages a news reader meets; the page's own
`<html lang>` breaks ties and names languages the word lists do not cover.
"""

from __future__ import annotations

import re

SAMPLE_WORDS = 400
MIN_WORDS = 12
MIN_RATIO = 0.12
WEAK_RATIO = 0.05

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to a in is that for it was on with as he she his her by at from be have "
        "has had are were this which but not they an or will would said been their its who after",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
        "auch es an er hat aus bei sind wird nach wie noch über einer",
        "fr": "le la les de des et en un une du est que qui dans pour pas sur au par plus il elle "
        "avec ce se sont aux ont été cette mais",
        "es": "el la los las de del y en que un una por con para es se no al lo su como más pero "
        "sus fue ha este esta entre",
        "it": "il lo la gli le di del della e è in un una che per con non si da al dei delle sono "
        "anche come più ma nel alla",
        "pt": "o a os as de do da dos das e em um uma que para com não no na por se mais foi ao "
        "como mas são pelo pela",
        "nl": "de het een en van in is op te dat die voor met zijn niet aan er ook als bij door "
        "maar om dan wordt naar",
    }.items()
}
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)


# A character of any script above: a sample without one has no script to count.
_ANY_SCRIPT = re.compile("|".join(pattern.pattern for _, pattern in _SCRIPTS))


def _script_language(sample: str) -> str | None:
    if _ANY_SCRIPT.search(sample) is None:  # Latin letters only: no script to count
        return None
    letters = len(_LETTER.findall(sample)) or 1
    for lang, pattern in _SCRIPTS:
        if len(pattern.findall(sample)) > 0.3 * letters:
            return lang
    return None


def guess_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of `text`, or `declared` (or None) when the text does not say."""
    sample = text[:2000]
    if by_script := _script_language(sample):
        return declared if declared and declared.startswith(by_script[:2]) else by_script
    words = [w.lower() for w in _WORD.findall(sample)[:SAMPLE_WORDS]]
    if len(words) < MIN_WORDS:
        return declared
    ratios = {
        lang: sum(1 for w in words if w in stop) / len(words) for lang, stop in _STOPWORDS.items()
    }
    best = max(ratios, key=lambda lang: ratios[lang])
    if declared in ratios and ratios[declared] >= max(MIN_RATIO, 0.8 * ratios[best]):
        return declared
    if ratios[best] >= MIN_RATIO:
        return best
    if best != "en" and ratios[best] >= WEAK_RATIO and ratios[best] >= 2 * ratios["en"]:
        return best  # little running text (tables, lists), but clearly not English
    return declared  # the text does not say: trust the page
