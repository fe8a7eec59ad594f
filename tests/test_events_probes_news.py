"""What was done, by whom, to whom: the events stage on news probes of our own.

Each probe is a short wire-style sentence written for this module (in no evaluation set's
words) with the PLOVER type of its main act, the words that name the doer and, where the
sentence names one, the words that name the target. The probes run each of the 16 types
through the shapes news gives them: active and passive voice (with and without "by"),
appositions, possessives, coordination, relative clauses, fronted participial clauses,
"according to", acts named by nouns ("the attack by rebels on the convoy"), reported speech,
light verbs ("carried out raids"), control verbs ("vowed to retaliate") and pronoun subjects.
The main event is the one whose trigger lies nearest the root of the parse, as the events
benchmark picks it; the doer and the target match when they share a word with the expected
ones (stop words aside), as the benchmark scores the doer.

`KNOWN_GAPS` are probes the stage still gets wrong, each with the reason; they are strict
expected failures, so that a fix shows.
"""

from __future__ import annotations

import pytest
from bench.bench_events import Clock, _words, analysed, fold, main_event, trigger_depth

from newsgraph.model import Article

pytestmark = pytest.mark.slow

# (sentence, PLOVER type, doer's words or None for no doer named, target's words or None
# where the sentence names no target or the target is not checked)
PROBES: list[tuple[str, str, str | None, str | None]] = [
    # ASSAULT
    (
        "Insurgents ambushed an army patrol outside the mining town.",
        "ASSAULT",
        "Insurgents",
        "army patrol",
    ),
    (
        "A police outpost was bombed by separatist fighters before dawn.",
        "ASSAULT",
        "fighters",
        "outpost",
    ),
    ("The attack by rebels on the aid convoy killed four drivers.", "ASSAULT", "rebels", "drivers"),
    ("Israel's strikes on Gaza flattened several apartment blocks.", "ASSAULT", "Israel", "blocks"),
    (
        "The air force carried out raids on militant hideouts in the hills.",
        "ASSAULT",
        "air force",
        "hideouts",
    ),
    ("Navy gunboats shelled fishing villages along the coast.", "ASSAULT", "gunboats", "villages"),
    ("Gunmen stabbed a district judge outside his home.", "ASSAULT", "Gunmen", "judge"),
    (
        "Militiamen torched dozens of homes in the valley, survivors said.",
        "ASSAULT",
        "Militiamen",
        "homes",
    ),
    (
        "The army launched an offensive against separatist strongholds in the east.",
        "ASSAULT",
        "army",
        "strongholds",
    ),
    (
        "Russia's navy fired cruise missiles at the port city overnight.",
        "ASSAULT",
        "Russia navy",
        "city",
    ),
    (
        "Two soldiers were shot dead by a sniper near the frontline.",
        "ASSAULT",
        "sniper",
        "soldiers",
    ),
    ("Pirates hijacked a cargo ship off the Somali coast.", "ASSAULT", "Pirates", "ship"),
    # COERCE
    ("Police arrested the opposition leader at his home on Tuesday.", "COERCE", "Police", "leader"),
    (
        "The activist was detained by security agents at the airport.",
        "COERCE",
        "agents",
        "activist",
    ),
    (
        "Riot police and soldiers dispersed the crowd with tear gas.",
        "ASSAULT",
        "police soldiers",
        "crowd",
    ),
    ("The junta imposed a nationwide curfew after the coup.", "COERCE", "junta", None),
    (
        "Authorities deported forty migrants to their home country.",
        "COERCE",
        "Authorities",
        "migrants",
    ),
    (
        "Prosecutors charged the former minister with embezzlement.",
        "COERCE",
        "Prosecutors",
        "minister",
    ),
    ("The regime shut down three independent newspapers.", "COERCE", "regime", "newspapers"),
    ("Censors blocked access to the messaging app nationwide.", "COERCE", "Censors", None),
    (
        "Tanzania's government banned all opposition rallies until further notice.",
        "COERCE",
        "Tanzania government",
        None,
    ),
    ("A court jailed the blogger for five years over his posts.", "COERCE", "court", "blogger"),
    # PROTEST
    (
        "Thousands of teachers marched on parliament to demand better pay.",
        "PROTEST",
        "teachers",
        None,
    ),
    ("Farmers blocked highways with tractors to protest fuel taxes.", "PROTEST", "Farmers", None),
    ("Dockworkers went on strike at the country's largest port.", "PROTEST", "Dockworkers", None),
    ("Students staged a sit-in outside the education ministry.", "PROTEST", "Students", None),
    ("Hundreds of women rallied in the capital against the new law.", "PROTEST", "women", None),
    (
        "Opposition supporters demonstrated outside the electoral commission.",
        "PROTEST",
        "supporters",
        None,
    ),
    (
        "Prisoners began a hunger strike to protest conditions at the jail.",
        "PROTEST",
        "Prisoners",
        None,
    ),
    # THREATEN
    ("The rebels threatened to attack the capital if talks failed.", "THREATEN", "rebels", None),
    (
        "Beijing warned Manila of consequences if it kept sending ships to the reef.",
        "THREATEN",
        "Beijing",
        "Manila",
    ),
    (
        "The union threatened a nationwide strike over the pension reform.",
        "THREATEN",
        "union",
        None,
    ),
    ("Washington threatened to impose tariffs on Mexican steel.", "THREATEN", "Washington", None),
    (
        "The militia vowed to retaliate for the killing of its commander.",
        "THREATEN",
        "militia",
        None,
    ),
    ("Pyongyang threatened to expel the inspectors.", "THREATEN", "Pyongyang", "inspectors"),
    ("The president warned that troops would crush any uprising.", "THREATEN", "president", None),
    # ACCUSE
    (
        "The opposition accused the ruling party of rigging the vote.",
        "ACCUSE",
        "opposition",
        "ruling party",
    ),
    (
        "Rights groups condemned the execution of the two activists.",
        "ACCUSE",
        "Rights groups",
        None,
    ),
    (
        "Kenya's foreign minister criticised Uganda's decision to close the border.",
        "ACCUSE",
        "Kenya foreign minister",
        "Uganda",
    ),
    ("Seoul blamed Pyongyang for the cyberattack on its banks.", "ACCUSE", "Seoul", "Pyongyang"),
    ("The governor denounced the violence as an attack on democracy.", "ACCUSE", "governor", None),
    (
        "Auditors launched an inquiry into the ministry's spending.",
        "ACCUSE",
        "Auditors",
        "ministry",
    ),
    (
        "A parliamentary committee will investigate the police shooting.",
        "ACCUSE",
        "committee",
        None,
    ),
    (
        "The minister was sharply criticised by lawmakers over the delay.",
        "ACCUSE",
        "lawmakers",
        "minister",
    ),
    # REQUEST
    ("The UN called on both sides to allow aid into the city.", "REQUEST", "UN", "sides"),
    ("Kyiv asked its allies for more air defence systems.", "REQUEST", "Kyiv", "allies"),
    (
        "Protesters demanded the resignation of the interior minister.",
        "REQUEST",
        "Protesters",
        None,
    ),
    (
        "The families appealed to the kidnappers to free the hostages.",
        "REQUEST",
        "families",
        "kidnappers",
    ),
    ("Lebanon requested emergency aid from the World Bank.", "REQUEST", "Lebanon", "World Bank"),
    ("The pope urged world leaders to end the war.", "REQUEST", "pope", "leaders"),
    ("Opposition parties called for early elections.", "REQUEST", "Opposition parties", None),
    # REJECT
    (
        "The rebels rejected the government's offer of a ceasefire.",
        "REJECT",
        "rebels",
        "government",
    ),
    ("Parliament voted down the budget proposed by the cabinet.", "REJECT", "Parliament", None),
    ("The president vetoed the bill passed by lawmakers last week.", "REJECT", "president", None),
    ("The government refused to meet the strikers' demands.", "REJECT", "government", None),
    ("Tehran dismissed the offer of talks as a ploy.", "REJECT", "Tehran", None),
    ("Both sides turned down the mediators' proposal.", "REJECT", "sides", None),
    # SANCTION
    (
        "The European Union imposed sanctions on five generals.",
        "COERCE",
        "European Union",
        "generals",
    ),
    ("Canada expelled two Indian diplomats over the killing.", "SANCTION", "Canada", "diplomats"),
    (
        "The World Bank froze its lending to the junta after the coup.",
        "SANCTION",
        "World Bank",
        None,
    ),
    ("Morocco recalled its ambassador from Madrid.", "SANCTION", "Morocco", None),
    ("Donors suspended aid to the government after the coup.", "SANCTION", "Donors", "government"),
    ("Qatar severed diplomatic relations with its neighbour.", "SANCTION", "Qatar", None),
    (
        "Washington's sanctions on Caracas hit the oil sector hard.",
        "COERCE",
        "Washington",
        "Caracas",
    ),
    # MOBILIZE
    ("Turkey deployed additional troops to the Syrian border.", "MOBILIZE", "Turkey", None),
    ("The army called up 20,000 reservists ahead of the vote.", "MOBILIZE", "army", None),
    ("NATO put its rapid response force on high alert.", "MOBILIZE", "NATO", None),
    (
        "The government declared a state of emergency in three provinces.",
        "COERCE",
        "government",
        None,
    ),
    (
        "Tanks and armoured vehicles were massed along the border by the army.",
        "MOBILIZE",
        "army",
        None,
    ),
    ("China held large military exercises around the island.", "MOBILIZE", "China", None),
    # SUPPORT
    ("France praised Senegal's peaceful transfer of power.", "SUPPORT", "France", "Senegal"),
    ("The council endorsed the mayor's plan to rebuild the market.", "SUPPORT", "council", "mayor"),
    ("Several African states recognised the new government.", "SUPPORT", "states", "government"),
    (
        "The opposition leader welcomed the release of the prisoners.",
        "SUPPORT",
        "opposition leader",
        None,
    ),
    ("Germany voiced support for Ukraine's bid to join the bloc.", "SUPPORT", "Germany", "Ukraine"),
    ("The bishop apologised to the victims of abuse.", "SUPPORT", "bishop", "victims"),
    # AID
    (
        "Japan pledged $50 million in humanitarian aid to the quake victims.",
        "AGREE",
        "Japan",
        "victims",
    ),
    (
        "The Red Crescent delivered food and blankets to displaced families.",
        "AID",
        "Red Crescent",
        "families",
    ),
    ("Washington sent artillery shells and rockets to Kyiv.", "AID", "Washington", "Kyiv"),
    ("Aid agencies airlifted medicine to the flooded region.", "AID", "agencies", None),
    ("The World Bank granted Ghana a $300 million loan.", "AID", "World Bank", "Ghana"),
    (
        "Rescue teams from Turkey evacuated hundreds of trapped residents.",
        "AID",
        "teams",
        "residents",
    ),
    (
        "India shipped wheat to Afghanistan through Iran's Chabahar port.",
        "AID",
        "India",
        "Afghanistan",
    ),
    # RETREAT
    ("The rebels withdrew from the town after heavy losses.", "RETREAT", "rebels", None),
    ("Troops pulled back from the disputed ridge under the deal.", "RETREAT", "Troops", None),
    ("The militia released twelve hostages on Sunday.", "RETREAT", "militia", "hostages"),
    ("The authorities lifted the curfew in the capital.", "RETREAT", "authorities", None),
    ("The bloc eased its sanctions on Belarusian potash exports.", "RETREAT", "bloc", None),
    ("The insurgents surrendered their weapons to the army.", "RETREAT", "insurgents", "army"),
    # CONSULT
    (
        "The foreign ministers of India and China met in Moscow.",
        "CONSULT",
        "foreign ministers",
        None,
    ),
    (
        "The president held talks with the rebel leader in Nairobi.",
        "CONSULT",
        "president",
        "rebel leader",
    ),
    ("Macron phoned Putin to discuss the crisis.", "CONSULT", "Macron", "Putin"),
    ("The Pope visited a refugee camp on the island of Lesbos.", "CONSULT", "Pope", None),
    ("Envoys from both countries negotiated through the night in Doha.", "CONSULT", "Envoys", None),
    ("The king received the Saudi crown prince at the palace.", "CONSULT", "king", "crown prince"),
    # COOPERATE
    (
        "Police from both countries worked together to dismantle the smuggling ring.",
        "COOPERATE",
        "Police",
        None,
    ),
    (
        "The navies of the two countries held joint exercises in the strait.",
        "COOPERATE",
        "navies",
        None,
    ),
    ("The two navies held joint patrols in the strait.", "COOPERATE", "navies", None),
    ("Spain extradited the suspect to France.", "COOPERATE", "Spain", "France"),
    (
        "The agencies shared intelligence on the bombers with Interpol.",
        "COOPERATE",
        "agencies",
        None,
    ),
    # AGREE
    (
        "The two rival factions signed a peace agreement in Addis Ababa.",
        "SUPPORT",
        "factions",
        None,
    ),
    ("Armenia and Azerbaijan agreed to a ceasefire.", "AGREE", "Armenia Azerbaijan", None),
    ("The government promised to hold elections next year.", "AGREE", "government", None),
    ("Israel and Hamas agreed to a prisoner swap, mediators said.", "AGREE", "Israel Hamas", None),
    ("The central bank pledged to keep interest rates low.", "AGREE", "central bank", None),
    # CONCEDE
    ("The junta lifted the ban on political parties.", "CONCEDE", "junta", None),
    ("The prime minister resigned amid mass protests.", "CONCEDE", "prime minister", None),
    ("The mayor stepped down after weeks of protests.", "CONCEDE", "mayor", None),
    (
        "The regime freed the jailed journalists under international pressure.",
        "RETREAT",
        "regime",
        "journalists",
    ),
    (
        "The ministry apologised for the error and reversed the decision.",
        "SUPPORT",
        "ministry",
        None,
    ),
    ("The cabinet yielded to the strikers' demands and raised wages.", "CONCEDE", "cabinet", None),
    # appositions, fronted clauses, "according to", reported speech, pronouns
    (
        "Ahmed Karim, the army chief, ordered troops to storm the compound.",
        "ASSAULT",
        "Ahmed Karim",
        "compound",
    ),
    (
        "Backed by drones, government forces attacked the rebel stronghold.",
        "ASSAULT",
        "government forces",
        "stronghold",
    ),
    (
        "According to police, the gang kidnapped a businessman in the port.",
        "ASSAULT",
        "gang",
        "businessman",
    ),
    (
        "Police said militants set fire to a school in the village.",
        "ASSAULT",
        "militants",
        "school",
    ),
    ("The ministry said its forces had arrested five smugglers.", "COERCE", "forces", "smugglers"),
    (
        "After he lost the vote, the premier accused his rivals of fraud.",
        "ACCUSE",
        "premier",
        "rivals",
    ),
    (
        "The senator, who chairs the committee, accused the agency of lying.",
        "ACCUSE",
        "senator",
        "agency",
    ),
    ("The general ordered police to arrest the protest leaders.", "COERCE", "general", "leaders"),
    ("Fearing arrest, the activist fled to neighbouring Georgia.", "RETREAT", "activist", None),
    (
        "The minister said she would ask parliament to approve the loan.",
        "REQUEST",
        "minister she",
        "parliament",
    ),
    (
        "Anti-graft agents raided the governor's residence on Monday.",
        "COERCE",
        "agents",
        "residence",
    ),
    # more verbs of each type
    (
        "Separatists blew up a railway bridge in the north overnight.",
        "ASSAULT",
        "Separatists",
        "bridge",
    ),
    ("Snipers opened fire on mourners at the funeral.", "ASSAULT", "Snipers", "mourners"),
    ("Armed men abducted a Catholic priest from his parish.", "ASSAULT", "Armed men", "priest"),
    (
        "The militia executed three captured soldiers, a video showed.",
        "ASSAULT",
        "militia",
        "soldiers",
    ),
    ("Settlers vandalised olive groves near the village.", "ASSAULT", "Settlers", "groves"),
    (
        "Coast guard vessels rammed a fishing boat near the disputed island.",
        "ASSAULT",
        "vessels",
        "boat",
    ),
    (
        "The authorities seized the passports of six opposition figures.",
        "COERCE",
        "authorities",
        None,
    ),
    (
        "The military placed the former president under house arrest.",
        "COERCE",
        "military",
        "president",
    ),
    (
        "The regulator revoked the broadcaster's licence after the interview.",
        "COERCE",
        "regulator",
        None,
    ),
    ("Truckers blockaded the border crossing for a third day.", "PROTEST", "Truckers", None),
    (
        "Nurses walked out of hospitals across the country over unpaid wages.",
        "PROTEST",
        "Nurses",
        None,
    ),
    (
        "The opposition leader warned of mass protests if the vote was rigged.",
        "THREATEN",
        "opposition leader",
        None,
    ),
    (
        "The cartel left a message threatening to kill the journalist.",
        "THREATEN",
        "cartel",
        "journalist",
    ),
    ("The ministry slammed the report as biased.", "ACCUSE", "ministry", None),
    ("Human rights groups decried the mass arrests.", "ACCUSE", "rights groups", None),
    (
        "The prosecutor opened an investigation into the minister's assets.",
        "ACCUSE",
        "prosecutor",
        None,
    ),
    ("Farmers petitioned the government to lower fuel prices.", "REQUEST", "Farmers", "government"),
    ("The envoy called for the immediate release of the aid workers.", "REQUEST", "envoy", None),
    ("The court threw out the opposition's challenge to the results.", "REJECT", "court", None),
    ("The junta rebuffed calls for a return to civilian rule.", "REJECT", "junta", None),
    ("Hungary blocked the bloc's aid package for Ukraine.", "REJECT", "Hungary", None),
    ("Russia suspended its participation in the grain deal.", "SANCTION", "Russia", None),
    ("The country withdrew its ambassador from Paris in protest.", "SANCTION", "country", None),
    ("The navy dispatched two warships to the gulf.", "MOBILIZE", "navy", None),
    (
        "The interior ministry put police on high alert ahead of the verdict.",
        "MOBILIZE",
        "interior ministry",
        None,
    ),
    ("The army reinforced its positions along the frontier.", "MOBILIZE", "army", None),
    ("Beijing lauded the visit as a new chapter in relations.", "SUPPORT", "Beijing", None),
    (
        "The summit leaders backed a plan to restore the ceasefire.",
        "SUPPORT",
        "summit leaders",
        None,
    ),
    ("The charity distributed blankets to families in the camp.", "AID", "charity", "families"),
    ("Norway gave $20 million to the relief effort.", "AID", "Norway", None),
    (
        "Doctors from the aid group treated the wounded in a field hospital.",
        "AID",
        "Doctors",
        "wounded",
    ),
    ("Authorities reopened the border crossing to trucks.", "RETREAT", "Authorities", None),
    ("The authorities allowed UN monitors into the region.", "RETREAT", "authorities", None),
    ("Ministers from the two countries discussed trade in Brussels.", "CONSULT", "Ministers", None),
    ("The envoy travelled to Kabul for talks with the Taliban.", "CONSULT", "envoy", None),
    (
        "The two countries launched a joint investigation into the smuggling network.",
        "ACCUSE",
        "countries",
        None,
    ),
    ("The rebels accepted the ceasefire proposal.", "AGREE", "rebels", None),
    ("The two sides pledged to respect the truce.", "AGREE", "sides", None),
    ("The government agreed to hold talks with the rebels.", "AGREE", "government", "rebels"),
    (
        "Under pressure from donors, the government scrapped the media law.",
        "CONCEDE",
        "government",
        None,
    ),
    ("The cabinet caved in to the farmers' demands.", "CONCEDE", "cabinet", None),
    # doers that are no party, passives joined to actives, orders to forces, measures
    ("Unrest has driven thousands of families from the valley.", "NONE", None, None),
    (
        "Gangs hold the port, and violence has forced thousands of people from their homes.",
        "COERCE",
        None,
        None,
    ),
    (
        "The summit had been due in June but was called off by the host country.",
        "SANCTION",
        "host country",
        "summit",
    ),
    (
        "The vote had been due in May but was postponed by the outgoing president.",
        "REJECT",
        "president",
        "vote",
    ),
    (
        "An Indian court sentenced four men to death for the bombing of a train.",
        "COERCE",
        "court",
        "men",
    ),
    ("Police raided the offices of the opposition newspaper.", "COERCE", "Police", "offices"),
    ("Troops raided a rebel camp in the forest.", "ASSAULT", "Troops", "camp"),
    # longer wire sentences: fronted clauses, appositions, reported speech
    (
        "In a speech broadcast on state television, the president accused foreign powers of stirring up the riots.",
        "ACCUSE",
        "president",
        "foreign powers",
    ),
    (
        "Two weeks after the coup, the new military rulers released the ousted prime minister from detention.",
        "RETREAT",
        "military rulers",
        "prime minister",
    ),
    (
        "Citing security concerns, the interior ministry banned all public gatherings in the capital until further notice.",
        "COERCE",
        "interior ministry",
        None,
    ),
    (
        "A day after the election, the losing candidate called on his supporters to stay off the streets.",
        "REQUEST",
        "candidate",
        "supporters",
    ),
    (
        "The spokesman for the rebels, Ali Moussa, said they would attack any convoy entering the region.",
        "THREATEN",
        "Ali Moussa",
        "convoy",
    ),
    (
        "The appeal by the Red Cross for access to the prisoners was turned down by the authorities.",
        "REJECT",
        "authorities",
        None,
    ),
    (
        "An Iraqi court on Tuesday sentenced a former general to life in prison for his role in the killings.",
        "COERCE",
        "court",
        "general",
    ),
    (
        "Both the army and the rebels have been accused by rights groups of killing civilians.",
        "ACCUSE",
        "rights groups",
        "army rebels",
    ),
    (
        "The Sri Lankan navy said it had sunk a rebel boat carrying arms off the northern coast.",
        "ASSAULT",
        "navy",
        "boat",
    ),
    (
        "The rebels, who have been fighting for independence since 1990, kidnapped three aid workers last week.",
        "ASSAULT",
        "rebels",
        "aid workers",
    ),
    (
        "Fighting between rival clans in the capital killed 12 people overnight, witnesses said.",
        "ASSAULT",
        "clans",
        "people",
    ),
    (
        "Greece on Monday recalled its ambassador to Ankara for consultations.",
        "SANCTION",
        "Greece",
        None,
    ),
    (
        "Among those arrested was the leader of the main opposition party, police said.",
        "COERCE",
        "police",
        None,
    ),
    (
        "The opposition said the government's decision to postpone the vote was unconstitutional.",
        "REJECT",
        "government",
        "vote",
    ),
    # known gaps
    ("Border guards turned back hundreds of asylum seekers.", "COERCE", "guards", None),
    ("Riot police cordoned off the square ahead of the planned rally.", "COERCE", "police", None),
    ("Kenya handed the suspect over to Ugandan police.", "COOPERATE", "Kenya", "police"),
]

KNOWN_GAPS: dict[str, str] = {
    "An Iraqi court on Tuesday sentenced a former general to life in prison for his role in the killings.": (
        "target: one person named by a singular noun loses to the sentence's 'to life in prison'"
    ),
    "Among those arrested was the leader of the main opposition party, police said.": (
        "the arrested man, the subject of 'was', taken for the doer; reading the bare"
        " participle as passive lowered the blind sets' check halves"
    ),
    "Border guards turned back hundreds of asylum seekers.": (
        "'guards', a verb's form, read as an act (guarding, 074); 'turn back' is not coded"
    ),
    "Riot police cordoned off the square ahead of the planned rally.": (
        "the planned rally of the time clause is taken for the act; 'cordon off' is lost"
    ),
}


@pytest.fixture(scope="module")
def found(nlp) -> dict[str, tuple[str, str | None, str | None, set[str]]]:
    """Each probe's main event: its type, doer, target and the names of the doer's entity."""
    articles = [Article(text=s, body=s) for s, *_ in PROBES]
    out = {}
    for article, doc in analysed(articles, nlp, Clock()):
        main = main_event(article.events, trigger_depth(doc))
        kind = fold(main.type if main is not None else None)
        actor = main.actor if main is not None else None
        target = main.recipient if main is not None else None
        names = {e.name for e in article.entities if actor and e.id == actor.entity_id}
        out[article.text] = (
            kind,
            actor.text if actor else None,
            target.text if target else None,
            names,
        )
    return out


def test_the_probes_are_distinct_and_their_words_are_scored() -> None:
    assert len({s for s, *_ in PROBES}) == len(PROBES)
    assert set(KNOWN_GAPS) <= {s for s, *_ in PROBES}
    for _, _, actor, target in PROBES:
        assert actor is None or _words(actor), actor
        assert target is None or _words(target), target


@pytest.mark.parametrize(
    ("sentence", "kind", "actor", "target"),
    [
        pytest.param(*p, marks=pytest.mark.xfail(reason=KNOWN_GAPS[p[0]], strict=True))
        if p[0] in KNOWN_GAPS
        else p
        for p in PROBES
    ],
)
def test_the_main_act(
    found, sentence: str, kind: str, actor: str | None, target: str | None
) -> None:
    got_kind, got_actor, got_target, names = found[sentence]
    assert got_kind == fold(None if kind == "NONE" else kind), (got_kind, got_actor, got_target)
    if actor is None:
        assert got_actor is None, got_actor
    else:
        said = [w for w in (got_actor, *names) if w]
        assert any(_words(actor) & _words(w) for w in said), said
    if target is not None:
        assert got_target is not None and _words(target) & _words(got_target), got_target
