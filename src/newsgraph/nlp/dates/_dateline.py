"""The date of a story's dateline, the time its words count from.

Wire copy opens with a dateline, the place and the day the story was filed: "GENEVA, May 3
(Reuters) --". Its "today", "Friday" and "this week" are that day's, and the day a feed or an
archive stamps on the story (the publication date `find_timexes` is given) can be a day or two
later, when the story ran or was stored. A dateline's day at most a week before the
publication date, or on it, is the reference the story's expressions resolve against; a
dateline without a day ("CAIRO (AP) --") or one far from the publication date changes nothing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsgraph.nlp.dates import _lexicon as L

# The dateline is the story's first words: a place in capitals (with a region after a comma:
# "SAN JOSE, Costa Rica"), a comma, the month and the day, then the agency in brackets or
# the dash that ends a dateline (a dash right before a digit is a range of days: "May 3-5").
# Only the start of the text is read.
_DATELINE = re.compile(
    rf"\s*[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+)*(?:,\s+[A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]+)*)?"
    rf",\s+(?P<mon>{L.MONTH})\s+(?P<d>[0-3]?\d)(?:,\s+(?P<y>(?:19|20)\d\d))?"
    r"\s*(?:\([A-Za-z][\w .&-]{0,30}\)\s*)?(?:--|_|\u2014|-)(?!\d)"
)
_HEAD = 200  # how far into the text a dateline may end
_BEFORE = 7  # how many days before the publication date a dateline's day may be


def dateline_day(text: str, ref: date | None) -> date | None:
    """The day of the dateline that opens `text`, when it is on `ref` or at most a week
    before it ("QUITO, March 9 (AFP) --" in a story stamped March 10: March 9)."""
    if ref is None:
        return None
    m = _DATELINE.match(text[:_HEAD])
    if m is None:
        return None
    month = L.MONTHS.get(m["mon"].lower().rstrip("."))
    if month is None:
        return None
    years = (int(m["y"]),) if m["y"] else (ref.year, ref.year - 1)
    for year in years:
        try:
            day = date(year, month, int(m["d"]))
        except ValueError:
            continue
        if ref - timedelta(days=_BEFORE) <= day <= ref:
            return day
    return None
