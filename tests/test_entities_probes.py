"""Probes of organisation, place and person in news, read by the whole stage on spaCy's parses.

Each probe is a sentence or a short story of our own (written for newsgraph, not taken from any
evaluation set), one mention in it and the type the stage should give that mention. They cover
the shapes general news writes organisations in (ministries, parties, companies with legal
forms, universities, agencies, exchanges, clubs in results lines and in prose, acronyms defined
and reused, a headline naming what the body names) beside places and persons that must keep
their own types. A second set (issue 17) follows modern wire copy: companies named by a trade
word ("Rail", "Pharma"), persons whose surname is a place's name, a surname alone,
administrative divisions with their kind word ("Parish", "Governorate"), agencies, armed
groups, parties, charities, universities, hospitals and teams in match reports. Probes the stage still misses are marked `xfail` with the reason, so that a
fix shows as an unexpected pass.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.nlp.entities import find_entities
from newsgraph.nlp.spacy_model import ner_of

ORG, LOC, PER = "organization", "place", "person"

# (text, mention, which occurrence of the mention (0 = first), expected type)
PROBES: list[tuple[str, str, int, str]] = [
    # ministries, parties, legislatures, courts
    ("The Finance Ministry said on Tuesday that tax receipts rose.", "Finance Ministry", 0, ORG),
    (
        "Officials at the Ministry of Health in Nairobi confirmed three cases.",
        "Ministry of Health",
        0,
        ORG,
    ),
    ("Officials at the Ministry of Health in Nairobi confirmed three cases.", "Nairobi", 0, LOC),
    ("The Green Party won four seats in the regional vote.", "Green Party", 0, ORG),
    (
        "The Interior Ministry in Kabul said 14 police officers were killed.",
        "Interior Ministry",
        0,
        ORG,
    ),
    ("The Interior Ministry in Kabul said 14 police officers were killed.", "Kabul", 0, LOC),
    ("The Supreme Court ruled that the new tax law was unconstitutional.", "Supreme Court", 0, ORG),
    ("The Labour leader promised to raise the minimum wage next year.", "Labour", 0, ORG),
    (
        "The Liberal Democratic Party chose a new leader in Tokyo on Monday.",
        "Liberal Democratic Party",
        0,
        ORG,
    ),
    ("The Liberal Democratic Party chose a new leader in Tokyo on Monday.", "Tokyo", 0, LOC),
    (
        "The Democratic Unionist Party backed the border deal after a long debate.",
        "Democratic Unionist Party",
        0,
        ORG,
    ),
    # companies: legal forms, trade words, company nouns, well-known names
    (
        "Halvorsen Shipping Corp said its quarterly profit doubled.",
        "Halvorsen Shipping Corp",
        0,
        ORG,
    ),
    (
        "Shares in Norbridge Holdings fell 3 percent in Oslo on Friday.",
        "Norbridge Holdings",
        0,
        ORG,
    ),
    ("Shares in Norbridge Holdings fell 3 percent in Oslo on Friday.", "Oslo", 0, LOC),
    ("Kenya Airways cancelled its evening flights to Mombasa.", "Kenya Airways", 0, ORG),
    ("Kenya Airways cancelled its evening flights to Mombasa.", "Mombasa", 0, LOC),
    ("Siemens will cut 2,000 jobs in Germany over two years.", "Siemens", 0, ORG),
    ("Siemens will cut 2,000 jobs in Germany over two years.", "Germany", 0, LOC),
    ("Gazprom cut its gas supplies to Ukraine at dawn.", "Gazprom", 0, ORG),
    ("Toyota Motor Corp raised its forecast for the year.", "Toyota Motor Corp", 0, ORG),
    ("Microsoft agreed to buy the gaming studio for $7 billion.", "Microsoft", 0, ORG),
    ("A Samsung spokesman said the recall would cost millions.", "Samsung", 0, ORG),
    (
        "Lindqvist Media Group bought the radio station last spring.",
        "Lindqvist Media Group",
        0,
        ORG,
    ),
    ("Deutsche Bank said it would close forty branches in Frankfurt.", "Deutsche Bank", 0, ORG),
    ("Deutsche Bank said it would close forty branches in Frankfurt.", "Frankfurt", 0, LOC),
    ("Peter Okonjo, chief executive of Lagos-based Zentra, resigned.", "Zentra", 0, ORG),
    ("Peter Okonjo, chief executive of Lagos-based Zentra, resigned.", "Peter Okonjo", 0, PER),
    # central banks, exchanges, agencies
    ("The Fed left interest rates unchanged on Wednesday.", "Fed", 0, ORG),
    ("The Bank of England kept rates on hold for a third month.", "Bank of England", 0, ORG),
    ("The Central Bank of Nigeria devalued the naira again.", "Central Bank of Nigeria", 0, ORG),
    ("The Tokyo Stock Exchange halted trading for an hour.", "Tokyo Stock Exchange", 0, ORG),
    ("The Nasdaq closed at a record high after the jobs report.", "Nasdaq", 0, ORG),
    ("Reuters reported the deal late on Friday, citing two sources.", "Reuters", 0, ORG),
    ("Xinhua news agency said the dam was safe.", "Xinhua", 0, ORG),
    ("The BBC said its reporter had been released unharmed.", "BBC", 0, ORG),
    # international bodies, groups and armed groups
    (
        "Amnesty International urged the government to free the journalists.",
        "Amnesty International",
        0,
        ORG,
    ),
    ("UNICEF sent medical supplies to Aleppo by road.", "UNICEF", 0, ORG),
    ("UNICEF sent medical supplies to Aleppo by road.", "Aleppo", 0, LOC),
    (
        "The World Health Organization declared the outbreak over.",
        "World Health Organization",
        0,
        ORG,
    ),
    ("NATO defence ministers met in Brussels on Thursday.", "NATO", 0, ORG),
    ("NATO defence ministers met in Brussels on Thursday.", "Brussels", 0, LOC),
    ("The European Commission fined the chipmaker 1 billion euros.", "European Commission", 0, ORG),
    (
        "The International Monetary Fund approved a loan to Egypt.",
        "International Monetary Fund",
        0,
        ORG,
    ),
    ("The African Union sent forty observers to the election.", "African Union", 0, ORG),
    ("Hezbollah fighters fired rockets across the border overnight.", "Hezbollah", 0, ORG),
    ("Boko Haram kidnapped dozens of students in Borno state.", "Boko Haram", 0, ORG),
    ("Greenpeace activists boarded the tanker off Rotterdam.", "Greenpeace", 0, ORG),
    ("Interpol issued a red notice for the missing banker.", "Interpol", 0, ORG),
    ("Harvard University researchers published the study on Monday.", "Harvard University", 0, ORG),
    (
        "She studied law at the University of Ghana before joining the bar.",
        "University of Ghana",
        0,
        ORG,
    ),
    # acronyms defined in the text and used alone later
    (
        "Fighters of the Islamic State (ISIS) claimed the attack. ISIS later posted a video.",
        "ISIS",
        1,
        ORG,
    ),
    (
        "The Coastal Farmers Union (CFU) called a strike. The CFU said talks had failed.",
        "CFU",
        1,
        ORG,
    ),
    # sports clubs: results lines, names, sides in prose, a headline naming the body's club
    ("SOCCER - SCOTTISH RESULTS\nBarwick 2 Eastholm 1\nDunmore 0 Kilrow 3", "Barwick", 0, ORG),
    ("SOCCER - SCOTTISH RESULTS\nBarwick 2 Eastholm 1\nDunmore 0 Kilrow 3", "Kilrow", 0, ORG),
    ("BASEBALL - RESULTS\nYankees 6 Red Sox 4\nOrioles 2 Mariners 1", "Red Sox", 0, ORG),
    ("Juventus signed the Brazilian defender on a three-year contract.", "Juventus", 0, ORG),
    ("Manchester United beat Everton 2-0 on Saturday.", "Everton", 0, ORG),
    ("Bristol Rovers beat Plymouth Argyle 3-1 in the rain.", "Plymouth Argyle", 0, ORG),
    ("Real Madrid lost at home to Sevilla on Sunday night.", "Real Madrid", 0, ORG),
    ("Inter Milan fans gathered outside the stadium before the final.", "Inter Milan", 0, ORG),
    (
        "SOCCER - VELDHAM SACK COACH\nVeldham sacked their coach on Monday. Veldham are bottom "
        "of the league after five defeats.",
        "Veldham",
        0,
        ORG,
    ),
    (
        "SOCCER - LEEDS SACK COACH\nLeeds sacked their coach on Monday. Leeds are bottom of "
        "the league after five defeats.",
        "LEEDS",
        0,
        ORG,
    ),
    # places and persons that stay so
    ("Police in Lagos arrested twelve men after the riot.", "Lagos", 0, LOC),
    ("Angela Merkel met the French president in Berlin.", "Angela Merkel", 0, PER),
    ("Angela Merkel met the French president in Berlin.", "Berlin", 0, LOC),
    ("Lyon is the third-largest city in France.", "Lyon", 0, LOC),
    ("Prosecutors charged Tomas Berglund with fraud on Thursday.", "Tomas Berglund", 0, PER),
    ("A court in Madrid sentenced the former minister to six years.", "Madrid", 0, LOC),
    (
        "Farida Nasser, a spokeswoman for the ministry, declined to comment.",
        "Farida Nasser",
        0,
        PER,
    ),
    ("Al-Shabaab militants attacked a base near Mogadishu.", "Mogadishu", 0, LOC),
    # issue 17: modern wire shapes
    # companies named by an invented name and a trade word
    (
        "Northline Rail said it would run extra trains over the holiday weekend.",
        "Northline Rail",
        0,
        ORG,
    ),
    ("Brightwater Energy cut its dividend after a weak quarter.", "Brightwater Energy", 0, ORG),
    (
        "Passengers stranded by Coralsky Airways slept at the terminal in Nadi.",
        "Coralsky Airways",
        0,
        ORG,
    ),
    ("Passengers stranded by Coralsky Airways slept at the terminal in Nadi.", "Nadi", 0, LOC),
    ("Velmora Pharma won approval for its malaria pill on Wednesday.", "Velmora Pharma", 0, ORG),
    ("Tarrant Logistics laid off 300 warehouse workers in Ohio.", "Tarrant Logistics", 0, ORG),
    ("Ostrava Motors recalled 40,000 cars over faulty brakes.", "Ostrava Motors", 0, ORG),
    ("Kessler Mining halted work at the copper pit after the landslide.", "Kessler Mining", 0, ORG),
    ("Shares of Amberleaf Foods jumped 12 percent in early trading.", "Amberleaf Foods", 0, ORG),
    ("Redhaven Telecom said the outage was caused by a cut cable.", "Redhaven Telecom", 0, ORG),
    ("The fund is backed by Sorvik Capital, a private equity firm.", "Sorvik Capital", 0, ORG),
    ("Dalmore Shipping diverted three tankers away from the strait.", "Dalmore Shipping", 0, ORG),
    ("Quillon Media sold its newspapers to a rival publisher.", "Quillon Media", 0, ORG),
    ("Pacifica Airlines ordered twenty new jets from Airbus.", "Pacifica Airlines", 0, ORG),
    # persons whose surname is a place's name
    ("Ana Lima, a nurse at the clinic, said the ward was full.", "Ana Lima", 0, PER),
    ("The award went to Sofia Paris for her reporting from the front.", "Sofia Paris", 0, PER),
    ("Coach Daniel Florence said his players were exhausted.", "Daniel Florence", 0, PER),
    ("Rebecca Sydney, the council's treasurer, resigned on Monday.", "Rebecca Sydney", 0, PER),
    ("Prosecutors said Mark Denver had moved the money abroad.", "Mark Denver", 0, PER),
    ("Lucas Milan scored twice as his side won the derby.", "Lucas Milan", 0, PER),
    # a surname alone, after a full mention or of a surname's shape
    (
        "Ingrid Halvorsen, the bank's chief economist, expects rates to fall. Halvorsen "
        "said inflation had peaked.",
        "Halvorsen",
        1,
        PER,
    ),
    (
        "Opposition leader Tendai Mukwena was arrested at dawn. Mukwena's lawyers said "
        "the charges were invented.",
        "Mukwena",
        1,
        PER,
    ),
    (
        "Judge Priya Raghunathan adjourned the case. Raghunathan told the court she "
        "needed more time.",
        "Raghunathan",
        1,
        PER,
    ),
    (
        "Miguel Arbeloa, 34, was detained at the border. Arbeloa denies the charges.",
        "Arbeloa",
        1,
        PER,
    ),
    ("Halvorsen said inflation had peaked and rates would fall next year.", "Halvorsen", 0, PER),
    # administrative divisions written with their kind word
    ("The storm hit Lafourche Parish and moved toward Baton Rouge.", "Lafourche Parish", 0, LOC),
    ("The storm hit Lafourche Parish and moved toward Baton Rouge.", "Baton Rouge", 0, LOC),
    ("Wildfires forced evacuations across Maricopa County on Sunday.", "Maricopa County", 0, LOC),
    ("Flooding closed roads in Terrebonne Parish for a second day.", "Terrebonne Parish", 0, LOC),
    ("Gunmen killed six villagers in Sindh Province, police said.", "Sindh Province", 0, LOC),
    ("Voters in Fairfax County waited hours to cast ballots.", "Fairfax County", 0, LOC),
    ("The outbreak began in Cook County and spread to nearby towns.", "Cook County", 0, LOC),
    # ministries and agencies of many countries
    (
        "Brazil's Ministry of Environment said deforestation fell by a third.",
        "Ministry of Environment",
        0,
        ORG,
    ),
    ("The Indonesian Health Ministry reported 40 new cases.", "Indonesian Health Ministry", 0, ORG),
    ("Mexico's Foreign Ministry summoned the ambassador on Friday.", "Foreign Ministry", 0, ORG),
    (
        "The Kenya Revenue Authority froze the accounts of four firms.",
        "Kenya Revenue Authority",
        0,
        ORG,
    ),
    (
        "The Federal Aviation Administration grounded the aircraft pending checks.",
        "Federal Aviation Administration",
        0,
        ORG,
    ),
    (
        "Egypt's Ministry of Defence said the drills would last a week.",
        "Ministry of Defence",
        0,
        ORG,
    ),
    # armed groups
    ("The Arakan Army seized two more towns in western Myanmar.", "Arakan Army", 0, ORG),
    ("Fighters from the Taliban took control of the district centre.", "Taliban", 0, ORG),
    ("Al-Shabaab claimed the bombing in a statement on its radio station.", "Al-Shabaab", 0, ORG),
    ("The Houthis said they fired a missile at a ship in the Red Sea.", "Houthis", 0, ORG),
    # parties
    (
        "The Social Democrats lost ground in the regional vote, polls showed.",
        "Social Democrats",
        0,
        ORG,
    ),
    (
        "The African National Congress fell short of a majority for the first time.",
        "African National Congress",
        0,
        ORG,
    ),
    (
        "The Bharatiya Janata Party named a new state chief on Tuesday.",
        "Bharatiya Janata Party",
        0,
        ORG,
    ),
    # charities and rights groups
    (
        "Doctors Without Borders said its clinic in Gaza was shelled.",
        "Doctors Without Borders",
        0,
        ORG,
    ),
    ("Human Rights Watch accused the army of abuses in the north.", "Human Rights Watch", 0, ORG),
    ("Save the Children warned that schools in the camp had closed.", "Save the Children", 0, ORG),
    # universities and hospitals
    (
        "A study by Makerere University found the vaccine worked well.",
        "Makerere University",
        0,
        ORG,
    ),
    (
        "Researchers at the University of Cape Town sequenced the variant.",
        "University of Cape Town",
        0,
        ORG,
    ),
    ("Students at Stanford protested outside the dean's office.", "Stanford", 0, ORG),
    (
        "The injured were taken to Aga Khan University Hospital in Nairobi.",
        "Aga Khan University Hospital",
        0,
        ORG,
    ),
    ("Doctors at St Mary's Hospital said the boy was stable.", "St Mary's Hospital", 0, ORG),
    ("He died at Groote Schuur Hospital on Sunday evening.", "Groote Schuur Hospital", 0, ORG),
    # sports teams in match reports
    ("Arsenal came from behind to beat Brentford 2-1 at the Emirates.", "Brentford", 0, ORG),
    ("Bayern Munich thrashed Hoffenheim 5-0 to go top of the table.", "Bayern Munich", 0, ORG),
    ("Bayern Munich thrashed Hoffenheim 5-0 to go top of the table.", "Hoffenheim", 0, ORG),
    ("India beat Australia by six wickets in the second Test in Chennai.", "Chennai", 0, LOC),
    ("The Lakers lost to the Celtics 112-104 in Boston.", "Celtics", 0, ORG),
    ("The Lakers lost to the Celtics 112-104 in Boston.", "Boston", 0, LOC),
    ("Flamengo drew 1-1 with Palmeiras in Rio de Janeiro.", "Palmeiras", 0, ORG),
    ("Galatasaray sacked their coach after the defeat to Fenerbahce.", "Fenerbahce", 0, ORG),
    # more of the shapes above
    ("The Christian Democrats named a new candidate for mayor.", "Christian Democrats", 0, ORG),
    ("Kovalenko told reporters the talks had collapsed.", "Kovalenko", 0, PER),
    ("Residents of Giza Governorate were told to stay indoors.", "Giza Governorate", 0, LOC),
    ("Aid reached villages in Kunar Province after the quake.", "Kunar Province", 0, LOC),
    ("Juventus thrashed Salernitana 6-1 in Turin.", "Salernitana", 0, ORG),
    ("Marlowe Energy shut two gas plants after the heatwave.", "Marlowe Energy", 0, ORG),
    # clubs in fixtures, transfers and results lists (issue 18: sides a check half missed)
    ("Postponed: Eastvale v Northport, Harwick Town v Millbrook.", "Northport", 0, ORG),
    ("Postponed: Eastvale v Northport, Harwick Town v Millbrook.", "Harwick Town", 0, ORG),
    ("England v Pakistan, second Test, day three.", "Pakistan", 0, LOC),
    ("The midfielder joined Bristol from Rochdale for an undisclosed fee.", "Rochdale", 0, ORG),
    ("The striker was transferred to Leicester last summer for a fee.", "Leicester", 0, ORG),
    ("The winger left Preston after three seasons and two promotions.", "Preston", 0, ORG),
    ("4. Ola Berg ( Norway ) Harbour Cycles 12 seconds behind", "Harbour Cycles", 0, ORG),
    ("4. Ola Berg ( Norway ) Harbour Cycles 12 seconds behind", "Ola Berg", 0, PER),
    ("2. Ann Roe ( Canada ) , Westbury Motors , 54.483", "Westbury Motors", 0, ORG),
]

# Probes the stage misses today, with the reason (kept so that a fix shows).
EXPECTED_MISSES: dict[tuple[str, int], str] = {
    ("Veldham", 0): "spaCy reads the unknown town as a person, and a side's cue ('Veldham are')"
    " makes a team only of a place",
    ("Lyon", 0): "'Lyon' is listed among the place names that mostly name something else "
    "(not_places.txt), and spaCy reads it as a person",
    ("Sofia Paris", 0): "'Sofia' is a capital as well as a given name, so it is kept out of "
    "the given names (given_names.txt) and the two words read as places",
    ("Stanford", 0): "a university named by its town alone, with no organisation cue in the "
    "sentence, reads as the town",
    ("Salernitana", 0): "spaCy reads the club as a person, and only a town in a side's place "
    "becomes a team",
}


def _type_at(nlp: Any, text: str, mention: str, occurrence: int) -> str | None:
    doc = nlp(text)
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    entities = find_entities(text, ents, rerun=ner_of(doc))
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    end = start + len(mention)
    for ent in entities:
        for m in ent.mentions:
            if (m.start, m.end) == (start, end):
                return ent.type
    return None


def _params() -> list[Any]:
    out = []
    for text, mention, occurrence, expected in PROBES:
        reason = EXPECTED_MISSES.get((mention, occurrence))
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        out.append(pytest.param(text, mention, occurrence, expected, marks=marks))
    return out


def test_probes_are_many_and_distinct() -> None:
    assert len(PROBES) >= 130
    assert len({(t, m, o) for t, m, o, _ in PROBES}) == len(PROBES)


@pytest.mark.parametrize(("text", "mention", "occurrence", "expected"), _params())
def test_probe(nlp: Any, text: str, mention: str, occurrence: int, expected: str) -> None:
    assert _type_at(nlp, text, mention, occurrence) == expected
