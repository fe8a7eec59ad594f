"""Recognition: spaCy's entities corrected with evidence spaCy lacks, step by step.

Steps, in order (each a small function over a list of `Span`); from step 2 on they read a
"cased view" of the text in which ALL-CAPS lines are title-cased (same length, same offsets):

1. `from_spacy`: spaCy's entities, labels mapped to our types (numbers and dates dropped); on
   ALL-CAPS lines recognition is re-run on a title-cased copy, and `confirm_caps` keeps what it
   finds there only with evidence (a lexicon entry, a given name, the words seen elsewhere).
2. `repair`: no span crosses a line break, a spaced dash, a bracket or a lone number (a place
   not a comma either); a leading "the", a possessive, trailing numbers and lower-case words
   ("Interfax news agency") are trimmed; `join_person_fragments` joins "Caliph Ibrahim" +
   "ben Awwad"; `acronym_definitions` makes "Long Name (LN)" two linked spans.
3. Lexicons: `split_lists` ("Niger and Burkina Faso"), `apply_lexicon` (known organisations
   are organisations: YouTube, ISIS never places; countries and regions are places; demonyms
   are groups), `organisations` ("... Bank", "Ministry of ..."; "... Arena", "... Airport"
   are places: `facilities`), `people` ("J. Smith", "Given Surname", "Name ( Country )"),
   `teams` (a name followed by a score in a results or standings line, "Rovers 2 Harbour
   City 1", is an organisation unless a country or region).
4. `gazetteer`: capitalised names of countries, regions, large cities and known organisations
   that spaCy missed; a known longer name replaces the fragments inside it.
5. `consistency`: a name keeps one type in a document (majority vote), its other exact
   occurrences are tagged too (on an ALL-CAPS headline as well, where every word is
   capitalised), and a person's surname (or first name) alone is that person.
6. Names we added never overlap spaCy's dates and numbers ("May" in "May 2019").

Organisations from general knowledge (`_orgs`) follow `organisations` in step 3: names of the
CAMEO actor dictionaries, a word for a kind of organisation in apposition ("the news agency
X"), acronyms before their expansion (with step 2's definitions) and, after the gazetteer, the
short forms of companies named in full; `_press` then makes newspapers of the name lines of a
press digest. `_teams` finds sports teams in prose ("the Denver Foxes", "the Foxes") after
the gazetteer. Type corrections from `_types` sit among steps 3 to 5: armed groups' name
shapes and streets after `people`, well-known cities that spaCy called organisations before
`teams`, common words at a sentence start after `gazetteer`. After `gazetteer`, `_located`
makes places of the persons and organisations that the gazetteer knows as populated places and
the text uses as places ("hit Khan Younis and Rafah in southern Gaza"), of those a kind word of
land or water follows ("the Hunza valley", known or not), and of spaCy's one-word products and
events the same cues mark as places of the article's focus country ("the Tver and Oryol
regions"). After `teams` comes
`_teams.headline_results` ("SOCCER - EASTVALE BEAT NORTHPORT"); after `_teams.club_names`,
`_teams.club_openers` ("Dynamo Northport") and `_teams.entrants` (the team after a listed
rider's country, "Ola Berg ( Norway ) Harbour Cycles 12"); after the actor dictionaries, a
country's Red Cross or Red Crescent society is one organisation (`_orgs.national_societies`).
Before `consistency`, `_nonorgs` drops sports, time zones and statistics, makes competitions
events, cuts a demonym off a person ("Norwegian Ola Berg") and makes a dateline's names places;
`_teams.sides` makes a town in the place of a side in a sports sentence its team ("Eastvale
beat Northport 3-0", "joined Eastvale", "Eastvale v Northport"). Then a lone word of a
surname's shape that spaCy called an organisation is a person, "<Capitalised> Democrats" is a
party (`_nonorgs`), and a name with its division word ("Lafourche Parish") is one place
(`_located.divisions`). In `consistency`, a type read
from evidence (a kind word, the actor dictionaries, a suffix, an acronym's definition, a side
in the game, a results line) outweighs spaCy's guesses, so that one sense holds through the
document.

Where the steps live: step 1 in `_caps`, step 2 in `_repair`, steps 3 and 4 in `_names` (and
`teams` in `_scorelines`), step 5 in `_document`; this module only orders them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from newsgraph.nlp.entities import _located as located
from newsgraph.nlp.entities import _nonorgs as nonorgs
from newsgraph.nlp.entities import _orgs as orgs
from newsgraph.nlp.entities import _press as press
from newsgraph.nlp.entities import _scorelines as scorelines
from newsgraph.nlp.entities import _teams
from newsgraph.nlp.entities import _types as types
from newsgraph.nlp.entities._caps import caps_lines, cased_view, confirm_caps, from_spacy
from newsgraph.nlp.entities._document import consistency
from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._names import (
    apply_lexicon,
    facilities,
    gazetteer,
    organisations,
    people,
    split_lists,
)
from newsgraph.nlp.entities._repair import acronym_definitions, join_person_fragments, repair
from newsgraph.nlp.entities._spans import RawEnt, Rerun, Span, Taken


def recognize(
    text: str,
    ents: Iterable[RawEnt],
    lex: Lexicon,
    *,
    rerun: Rerun | None = None,
    known_place: Callable[[str], bool] | None = None,
) -> tuple[list[Span], list[tuple[int, int]]]:
    """All entity spans of `text` (sorted, non-overlapping) and the acronym pairs defined in it.

    `known_place(name)` tells whether the gazetteer knows a well-known populated place of that
    name (default: `_entity_types.well_known_place`).
    """
    known = known_place or types.well_known_place
    ents = list(ents)
    spans = from_spacy(text, ents, rerun=rerun, keep=lex.acronyms)
    view = cased_view(text, lex.acronyms)
    caps = caps_lines(text) if view is not text else []
    spans = confirm_caps(text, view, repair(view, spans), lex)
    text = view
    spans = join_person_fragments(text, _dedupe(spans))
    spans, pairs = acronym_definitions(text, spans)
    spans, before = orgs.acronyms_before(text, spans)
    pairs = [*pairs, *before]
    spans = apply_lexicon(text, split_lists(text, spans, lex), lex)
    spans = facilities(text, organisations(text, spans, lex))
    spans = orgs.national_societies(text, orgs.known_organisations(text, spans, lex), lex)
    spans = orgs.company_cues(text, orgs.kind_words(text, spans, lex), lex)
    spans = people(text, spans, lex)
    spans = types.armed_groups(text, types.camel_case_brands(text, spans), lex, known)
    spans = types.streets(text, spans, known)
    spans = types.city_names(text, spans, lex, known)
    spans = scorelines.scored_people(text, scorelines.teams(text, spans, lex), lex)
    spans = _teams.headline_results(text, spans, lex)
    spans = gazetteer(text, spans, lex)
    spans = located.used_as_places(text, spans, lex, org_sentence=types.org_sentence)
    spans = _teams.club_openers(text, _teams.club_names(text, spans, lex, known))
    spans = _teams.entrants(text, spans, lex)
    spans = press.digest_papers(text, orgs.short_forms(text, spans, lex), lex)
    spans = types.common_words(text, spans, lex, known)
    spans = nonorgs.demonym_before_person(text, nonorgs.not_organisations(text, spans, lex), lex)
    spans = nonorgs.datelines(text, _teams.sides(text, spans, lex))
    spans = nonorgs.party_plurals(text, nonorgs.lone_surnames(text, spans, lex))
    spans = consistency(text, located.divisions(text, spans), lex, caps)
    return _dedupe(_unblocked(spans, ents)), pairs


# spaCy's numeric and time labels: names we add never overlap them ("May" in "in May 2019").
_BLOCKING = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_ADDED = frozenset({"gazetteer", "document", "names", "suffix"})


def _unblocked(spans: list[Span], ents: Iterable[RawEnt]) -> list[Span]:
    blocked = Taken(Span(s, e, "") for s, e, label in ents if label in _BLOCKING)
    if not blocked.ranges:
        return spans
    return [sp for sp in spans if sp.source not in _ADDED or blocked.free(sp.start, sp.end)]


def _dedupe(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping: on overlap the longer span wins."""
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if out and sp.start < out[-1].end:
            if sp.end - sp.start > out[-1].end - out[-1].start:
                out[-1] = sp
            continue
        out.append(sp)
    return out
