"""For the export tests: realistic sessions built in code, and reading Markdown back as tokens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from samverka.phases import Pack, builtin_packs_dir, load_pack
from samverka.sessions.clock import zone
from samverka.sessions.model import (
    AgendaItem,
    AgreedText,
    Meeting,
    Note,
    Participant,
    Party,
    QuestionState,
    ReadinessChange,
    Session,
)

CET = dt.timezone(dt.timedelta(hours=1))
AGREED_PURPOSE = ("Samverkan ska bidra till att utveckla verksamheten och till en god arbetsmiljö.\n\n"
                  "Medarbetarna ska ha reellt inflytande över sitt arbete genom dialog med sin chef.")
AGREED_WORKED = "Arbetsplatsträffarna fungerar väl på de flesta enheter."


def pack(pack_id: str) -> Pack:
    return load_pack(builtin_packs_dir() / f"{pack_id}.toml")


def at(day: dt.date, clock: str) -> dt.datetime:
    """A wall time of the sessions' zone, Swedish time: +01:00 in winter, +02:00 in summer (2026-10-06)."""
    hour, minute = map(int, clock.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), zone())


def agreement_session(base: Path) -> Session:
    """Exempelmyndigheten's working group revising its local agreement: four parties (three unions), three
    meetings, every note kind, positions per party, an agreed text, a party absent, an item adjusted at once."""
    session = Session(
        path=base / "exempelmyndigheten-2027",
        title="Lokalt samverkansavtal 2027",
        organisation="Exempelmyndigheten",
        pack="lokalt-samverkansavtal",
        pack_version=1,
        created=dt.datetime(2026, 11, 2, 10, 0, tzinfo=CET),
        minutes_title="Protokoll",
        basis="Parternas överenskommelse 2026-10-15 om översyn av lokalt samverkansavtal",
        group="Partsgemensam arbetsgrupp för översyn av lokalt samverkansavtal",
        registry="AGV 2026/114",
        parties=[
            Party("st", "arbetstagare", "OFR/ST"),
            Party("ag", "arbetsgivare", "Arbetsgivaren"),
            Party("saco", "arbetstagare", "Saco-S"),
            Party("seko", "arbetstagare", "Seko"),
        ],
        participants=[
            Participant("anna", "Anna Ek", "arbetsgivarforetradare", "ag", "HR-direktör"),
            Participant("bo", "Bo Berg", "chef", "ag", "enhetschef"),
            Participant("frida", "Frida Holm", "arbetsgivarforetradare", "ag", "HR-specialist"),
            Participant("cecilia", "Cecilia Lind", "facklig", "st", "ordförande ST-sektionen"),
            Participant("david", "David Öberg", "facklig", "saco", "ordförande Saco-S-rådet"),
            Participant("eva", "Eva Åkesson", "facklig", "seko", "ordförande Seko-klubben"),
            Participant("goran", "Göran Nyström", "medarbetare", None, "verksamhetsutvecklare"),
        ],
    )
    session.questions = {
        "1.1": QuestionState(readiness=4, answers={
            "arbetsgivarpart": "Exempelmyndigheten, företrädd av HR-direktören på uppdrag av generaldirektören.",
            "arbetstagarparter": "OFR/ST, Saco-S och Seko, företrädda av respektive lokal förening.",
            "behorighet": "Avtalet tecknas av generaldirektören för arbetsgivaren och av ordförandena i de "
                          "lokala fackliga organisationerna.",
        }),
        "1.2": QuestionState(readiness=4, answers={
            "tillampningsomrade": "Avtalet gäller alla anställda vid myndighetens kontor i Sundsvall, Umeå och "
                                  "Stockholm.",
            "forutsattningar": "Ungefär 450 anställda. En ny regional organisation införs under 2027.",
        }),
        "1.3": QuestionState(readiness=3, answers={
            "avtal_som_ersatts": "Lokalt samverkansavtal för Exempelmyndigheten från 2018.",
        }),
        "1.4": QuestionState(readiness=3, revisit=True, answers={
            "bygga_vidare": "Arbetsplatsträffarna fungerar väl på de flesta enheter.\n"
                            "Samverkansgruppen har fått tidig information i budgetfrågor.",
        }),
        "2.1": QuestionState(readiness=3, answers={
            "syfte": "Samverkan ska bidra till att utveckla verksamheten och till en god arbetsmiljö.\n\n"
                     "Medarbetarna ska ha reellt inflytande över sitt arbete genom dialog med sin chef.",
            "utgangspunkter": "Frågor hanteras på den nivå där de hör hemma.",
        }),
        "2.2": QuestionState(readiness=1, revisit=True),
        "3.1": QuestionState(readiness=1, revisit=True, answers={
            "mbl": "Avtalet ersätter 11 och 19 §§ MBL; 12 och 14 §§ gäller som tidigare.",
        }),
        "5.5": QuestionState(readiness=4, answers={
            "giltighetstid": "Avtalet gäller från 2027-03-01 tills vidare.",
            "uppsagning": "Ömsesidig uppsägningstid sex månader. Sägs avtalet upp gäller MBL.",
        }),
    }
    session.meetings = [_first_meeting(), _second_meeting(), _short_meeting()]
    return session


def _first_meeting() -> Meeting:
    day = dt.date(2026, 11, 24)
    return Meeting(
        id="2026-11-24",
        date=day,
        number=1,
        kind="arbetsgrupp",
        basis="",  # a working group meets on no MBL basis
        start=dt.time(9, 0),
        end=dt.time(11, 30),
        place="Konferensrum Ekan, plan 3",
        chair="anna",
        secretary="frida",
        adjusters=["bo", "cecilia", "david", "eva"],
        attendees=["anna", "bo", "frida", "cecilia", "david", "eva", "goran"],
        agenda=["1.1", "1.3", "1.4", "2.1"],
        items={
            "1.1": AgendaItem(type="information", seconds=600),
            "1.3": AgendaItem(type="samverkan", seconds=840),
            "1.4": AgendaItem(type="samverkan", seconds=1500,
                              positions={"ag": "overens", "st": "overens", "saco": "ej_overens", "seko": "avstar"}),
            "2.1": AgendaItem(type="samverkan", adjusted_at_once=True, seconds=900,
                              positions={"ag": "overens", "st": "overens", "saco": "overens", "seko": "overens"}),
        },
        agreed=[AgreedText("2.1", "syfte", AGREED_PURPOSE, at(day, "10:55"))],
        notes=[
            Note(at(day, "09:05"), "1.1", "note", "Anna Ek redogjorde för vilka som företräder arbetsgivaren "
                 "och att generaldirektören tecknar avtalet.", party="ag", by="anna"),
            Note(at(day, "09:12"), "1.1", "note", "OFR/ST, Saco-S och Seko är parter på arbetstagarsidan."),
            Note(at(day, "09:20"), "1.3", "note", "Nuvarande avtal från 2018 gäller tills ett nytt avtal "
                 "träder i kraft.", by="frida"),
            # Out of order on purpose: the export sorts notes by time.
            Note(at(day, "09:31"), "1.3", "action", "Ta fram en jämförelse mellan 2018 års avtal och "
                 "Samverkan för framtiden.", by="anna", owner="frida", due=dt.date(2026, 12, 4)),
            Note(at(day, "09:25"), "1.3", "note", "Seko påpekade att skyddskommitténs roll är otydlig i "
                 "dagens avtal.", party="seko", by="eva"),
            Note(at(day, "09:45"), "1.4", "note", "Arbetsplatsträffarna fungerar väl på de flesta enheter.\n"
                 "På två enheter har de ställts in under hösten.", party="st", by="cecilia"),
            Note(at(day, "09:52"), "1.4", "note", "Medarbetare upplever att informationen om "
                 "omorganisationen kom sent.", by="goran"),
            Note(at(day, "10:03"), "1.4", "disagreement", "Parterna är inte överens om huruvida samverkansgruppen "
                 "har fått frågorna i tid."),
            Note(at(day, "10:05"), "1.4", "disagreement", "Samverkansgruppen har fått frågorna för sent, "
                 "senast om omorganisationen.", party="saco", by="david"),
            Note(at(day, "10:06"), "1.4", "disagreement", "Frågorna har lämnats till gruppen så snart "
                 "underlagen var klara.", party="ag", by="anna"),
            Note(at(day, "10:10"), "1.4", "statement", "Saco-S anser att avtalet måste ange när en fråga ska "
                 "lyftas till förhandling enligt 14 § MBL.\n\nVi vill att detta antecknas till protokollet.",
                 party="saco", by="david"),
            Note(at(day, "10:15"), "1.4", "action", "Sammanställa erfarenheter från arbetsplatsträffarna "
                 "inför nästa möte.", party="st", owner="cecilia", due=dt.date(2026, 12, 4)),
            Note(at(day, "10:40"), "2.1", "note", "Förslag till syftesformulering lästes upp och justerades.",
                 by="bo"),
            Note(at(day, "10:55"), "2.1", "decision", "Parterna är överens om syftet med samverkan."),
            Note(at(day, "11:10"), "3.6", "note", "Under övriga frågor: protokollen ska publiceras på "
                 "intranätet inom en vecka.", party="ag", by="frida"),
        ],
        readiness_changes=[
            ReadinessChange("1.1", 2, 4, at(day, "09:15")),
            ReadinessChange("1.4", 0, 2, at(day, "10:20")),
            ReadinessChange("2.1", 1, 3, at(day, "11:00")),
        ],
    )


def _second_meeting() -> Meeting:
    day = dt.date(2026, 12, 8)
    return Meeting(
        id="2026-12-08",
        date=day,
        number=2,
        kind="arbetsgrupp",
        start=dt.time(13, 0),
        end=dt.time(15, 0),
        place="Rum Björken och digitalt",
        chair="anna",
        secretary="frida",
        adjusters=["bo", "david", "cecilia"],
        attendees=["anna", "frida", "bo", "david", "cecilia"],
        absent=["seko"],
        agenda=["1.4", "2.2", "3.1"],
        previous="2026-11-24",
        items={
            "1.4": AgendaItem(type="samverkan", seconds=1200,
                              positions={"ag": "overens", "st": "overens", "saco": "overens"}),
            "2.2": AgendaItem(type="samverkan"),
            "3.1": AgendaItem(type="samverkan", seconds=2400,
                              positions={"ag": "overens", "st": "overens", "saco": "ej_overens"}),
        },
        agreed=[AgreedText("1.4", "bygga_vidare", AGREED_WORKED, at(day, "13:20"))],
        notes=[
            Note(at(day, "13:05"), "1.4", "note", "Cecilia Lind redovisade sammanställningen från "
                 "arbetsplatsträffarna.", party="st", by="cecilia"),
            Note(at(day, "13:20"), "1.4", "decision", "Parterna är överens om att beskrivningen av vad "
                 "som fungerat förs in i utkastet."),
            Note(at(day, "13:40"), "3.1", "note", "Arbetsgivaren föreslår att 11 och 19 §§ MBL ersätts av "
                 "samverkan i samverkansgruppen.", party="ag", by="anna"),
            Note(at(day, "14:10"), "3.1", "statement", "Saco-S kan inte ställa sig bakom att 19 § MBL "
                 "ersätts\ninnan formerna för information i arbetsplatsträffen är klara.", party="saco"),
            Note(at(day, "14:30"), "3.1", "action", "Ta fram förslag till skrivning om förhandling "
                 "enligt 14 § MBL.", owner="anna"),
        ],
        readiness_changes=[
            ReadinessChange("1.4", 2, 3, at(day, "13:25")),
            ReadinessChange("3.1", 0, 1, at(day, "14:35")),
        ],
    )


def _short_meeting() -> Meeting:
    """A second sitting the same day with almost nothing filled in: the export must still be whole."""
    day = dt.date(2026, 12, 8)
    return Meeting(
        id="2026-12-08-2",
        date=day,
        notes=[
            Note(at(day, "16:00"), "3.2", "note", "Kort avstämning om vilka samverkansgrupper som finns i dag."),
        ],
    )


def workflow_session(base: Path) -> Session:
    """The same parties three meetings on: actions carried from meeting to meeting, last minutes adjusted at the next.

    - 2027-01-12: actions A (Frida, open throughout) and B (Cecilia); its minutes are justerade at the next meeting.
    - 2027-02-02: adjusts the minutes of 2027-01-12; A still open, B done this day; a new action C (Bo).
    - 2027-02-23: the minutes of 2027-02-02 are not justerade yet; A still open, C done before this day; a new D.
    """
    session = agreement_session(base)
    session.path = base / "exempelmyndigheten-2027-motesserie"
    session.group = "Central samverkansgrupp"
    session.basis = "Lokalt samverkansavtal för Exempelmyndigheten, 11 och 19 §§ MBL"
    session.questions.update({
        "3.2": QuestionState(readiness=3),
        "3.3": QuestionState(readiness=2, revisit=True),
        "3.5": QuestionState(readiness=3),
        "3.6": QuestionState(readiness=1),
    })
    planned = Meeting(id="2027-03-16", date=dt.date(2027, 3, 16), start=dt.time(9, 0), kind="samverkan",
                      place="Konferensrum Ekan, plan 3", agenda=["3.6"], planned=True)
    session.meetings = [_workflow_first(), _workflow_second(), _workflow_third(), planned]
    return session


ACTION_A = "Kartlägga vilka samverkansgrupper som finns vid kontoren i Umeå och Sundsvall."
ACTION_B = "Skicka frågor om arbetsplatsträffarna till alla enheter."
ACTION_C = "Ta fram förslag på hur skyddskommitténs uppgifter kan föras in i samverkansgruppen."
ACTION_D = "Ta fram en gemensam mall för kallelse och protokoll."
DECISION_1 = "Parterna är överens om en central samverkansgrupp och en regional grupp per kontor."
DECISION_2 = "Parterna är överens om att arbetsplatsträffen är den första nivån för samverkan."
DECISION_3 = "Parterna är överens om att skyddskommitténs uppgifter förs in i samverkansgruppen."


def _workflow_first() -> Meeting:
    day = dt.date(2027, 1, 12)
    return Meeting(
        id="2027-01-12",
        date=day,
        kind="samverkan",
        start=dt.time(9, 0),
        end=dt.time(11, 0),
        place="Konferensrum Ekan, plan 3",
        chair="anna",
        secretary="frida",
        adjusters=["bo", "cecilia", "david", "eva"],
        attendees=["anna", "bo", "frida", "cecilia", "david", "eva"],
        agenda=["3.2", "3.3"],
        justified=True,
        justified_by=["bo", "cecilia"],
        justified_at=dt.date(2027, 2, 2),
        items={
            "3.2": AgendaItem(type="samverkan", outcome="overens", seconds=1800),
            "3.3": AgendaItem(type="samverkan", seconds=1500),
        },
        notes=[
            Note(at(day, "09:10"), "3.2", "note", "Arbetsgivaren beskrev dagens grupper: en central grupp och "
                 "lokala grupper som möts olika ofta.", party="ag", by="anna"),
            Note(at(day, "09:35"), "3.2", "decision", DECISION_1),
            Note(at(day, "09:40"), "3.2", "action", ACTION_A, by="anna", owner="frida", due=dt.date(2027, 1, 29)),
            Note(at(day, "10:05"), "3.3", "note", "OFR/ST vill veta hur arbetsplatsträffarna fungerar innan "
                 "avtalet beskriver dem.", party="st", by="cecilia"),
            Note(at(day, "10:20"), "3.3", "action", ACTION_B, party="st", owner="cecilia",
                 due=dt.date(2027, 1, 26), done=dt.date(2027, 2, 2)),
        ],
        readiness_changes=[ReadinessChange("3.2", 1, 3, at(day, "09:45"))],
    )


def _workflow_second() -> Meeting:
    day = dt.date(2027, 2, 2)
    return Meeting(
        id="2027-02-02",
        date=day,
        kind="samverkan",
        start=dt.time(13, 0),
        end=dt.time(15, 0),
        place="Rum Björken och digitalt",
        chair="anna",
        secretary="frida",
        adjusters=["bo", "cecilia", "david", "eva"],
        attendees=["anna", "bo", "frida", "cecilia", "david", "eva"],
        agenda=["3.3", "3.5"],
        previous="2027-01-12",
        items={
            "3.3": AgendaItem(type="samverkan", outcome="overens", seconds=1200),
            "3.5": AgendaItem(type="samverkan", seconds=2100,
                              positions={"ag": "ej_overens", "st": "overens", "saco": "avstar", "seko": "ej_overens"}),
        },
        notes=[
            Note(at(day, "13:10"), "3.3", "note", "Cecilia Lind redovisade svaren från enheterna om "
                 "arbetsplatsträffarna.", party="st", by="cecilia"),
            Note(at(day, "13:30"), "3.3", "decision", DECISION_2),
            Note(at(day, "13:50"), "3.5", "disagreement", "Seko vill behålla en egen skyddskommitté.",
                 party="seko", by="eva"),
            Note(at(day, "13:52"), "3.5", "disagreement", "Arbetsgivaren vill föra in skyddskommitténs "
                 "uppgifter i samverkansgruppen.", party="ag", by="anna"),
            Note(at(day, "14:20"), "3.5", "action", ACTION_C, by="anna", owner="bo", due=dt.date(2027, 2, 16),
                 done=dt.date(2027, 2, 16)),
        ],
        readiness_changes=[ReadinessChange("3.3", 1, 2, at(day, "13:35"))],
    )


def _workflow_third() -> Meeting:
    day = dt.date(2027, 2, 23)
    return Meeting(
        id="2027-02-23",
        date=day,
        kind="samverkan",
        start=dt.time(9, 0),
        end=dt.time(10, 30),
        place="Konferensrum Ekan, plan 3",
        chair="anna",
        secretary="frida",
        adjusters=["bo", "cecilia", "eva"],
        attendees=["anna", "bo", "frida", "cecilia", "eva"],
        absent=["saco"],
        agenda=["3.5", "3.6"],
        previous="2027-02-02",
        items={
            "3.5": AgendaItem(type="infor_beslut", seconds=1800,
                              positions={"ag": "overens", "st": "overens", "seko": "overens"}),
            "3.6": AgendaItem(type="samverkan", seconds=900),
        },
        notes=[
            Note(at(day, "09:05"), "3.5", "note", "Bo Berg redovisade förslaget; skyddsombuden blir ledamöter "
                 "i samverkansgruppen.", party="ag", by="bo"),
            Note(at(day, "09:40"), "3.5", "decision", DECISION_3),
            Note(at(day, "10:00"), "3.6", "action", ACTION_D, by="anna", owner="frida", due=dt.date(2027, 3, 16)),
        ],
        readiness_changes=[ReadinessChange("3.5", 2, 3, at(day, "09:45"))],
    )


def followup_session(base: Path) -> Session:
    """Exempelstad's yearly joint follow-up, with Mötesanteckningar instead of Protokoll."""
    session = Session(
        path=base / "exempelstad-uppfoljning-2026",
        title="Uppföljning av samverkansavtalet 2026",
        organisation="Exempelstad",
        group="Central samverkansgrupp (Cesam)",
        pack="uppfoljning",
        pack_version=1,
        created=dt.datetime(2026, 9, 1, 8, 30, tzinfo=CET),
        minutes_title="Mötesanteckningar",
        basis="Samverkansavtal för Exempelstad, § 12 (årlig uppföljning)",
        parties=[
            Party("staden", "arbetsgivare", "Exempelstad"),
            Party("kommunal", "arbetstagare", "Kommunal"),
            Party("vision", "arbetstagare", "Vision"),
        ],
        participants=[
            Participant("karin", "Karin Sjö", "arbetsgivarforetradare", "staden", "personaldirektör"),
            Participant("lars", "Lars Wik", "facklig", "kommunal", "sektionsordförande"),
            Participant("maria", "Maria Dahl", "facklig", "vision"),
            Participant("nils", "Nils Ek", "chef", "staden", "HR-strateg"),
        ],
    )
    session.questions = {
        "1.1": QuestionState(readiness=4, answers={
            "uppdrag": "Den centrala samverkansgruppen ska varje år följa upp och utvärdera samverkanssystemet.",
            "period_och_omfattning": "Verksamhetsåret 2025–2026, samtliga förvaltningsgrupper.",
            "ansvariga": "Karin Sjö (Exempelstad) och Lars Wik (Kommunal).",
        }),
        "1.2": QuestionState(readiness=4, answers={
            "grupper": "Tolv förvaltningsgrupper besöktes under hösten.",
            "metod": "Gruppsamtal med stöd av dialogdukarna, och en enkät till ledamöterna.",
        }),
        "1.3": QuestionState(readiness=4, answers={
            "underlag": "Anteckningar från tolv besök och 86 enkätsvar.",
            "begransningar": "Två förvaltningsgrupper kunde inte besökas.",
        }),
        "2.1": QuestionState(readiness=2, revisit=True, answers={
            "forstaelse": "Förståelsen för avtalets syfte varierar mellan förvaltningarna.",
        }),
        "3.3": QuestionState(readiness=3, answers={
            "hantering": "Oenighet antecknas oftast, men parternas egna ståndpunkter saknas ibland.",
        }),
    }
    day = dt.date(2026, 10, 6)
    session.meetings = [Meeting(
        id="2026-10-06",
        date=day,
        number=9,
        kind="samverkan",
        start=dt.time(9, 30),
        end=dt.time(11, 0),
        place="Stadshuset, sal 2",
        chair="karin",
        secretary="nils",
        adjusters=["karin", "lars"],
        attendees=["karin", "lars", "maria", "nils"],
        agenda=["2.1", "3.3"],
        items={"2.1": AgendaItem(type="samverkan", seconds=1800,
                                 positions={"staden": "overens", "kommunal": "ej_overens", "vision": "overens"}),
               "3.3": AgendaItem(type="information", seconds=600)},
        notes=[
            Note(at(day, "09:40"), "2.1", "note", "Vision beskrev att nya chefer sällan får introduktion i "
                 "samverkanssystemet.", party="vision", by="maria"),
            Note(at(day, "09:55"), "2.1", "disagreement", "Förståelsen är låg i hela staden.", party="kommunal",
                 by="lars"),
            Note(at(day, "09:57"), "2.1", "disagreement", "Förståelsen skiljer sig mellan förvaltningarna.",
                 party="staden", by="karin"),
            Note(at(day, "10:00"), "2.1", "statement", "Kommunal vill att rapporten redovisar förståelsen per "
                 "förvaltning.", party="kommunal", by="lars"),
            Note(at(day, "10:20"), "3.3", "decision", "Rapporten ska lyfta att parternas ståndpunkter "
                 "ska antecknas ordagrant."),
            Note(at(day, "10:30"), "3.3", "action", "Skicka utkastet till förvaltningsgrupperna.",
                 owner="karin", due=dt.date(2026, 10, 20)),
        ],
        readiness_changes=[ReadinessChange("3.3", 2, 3, at(day, "10:35"))],
    )]
    return session


# The flavours every export must survive: CommonMark with raw HTML on (plus tables, which the
# exports use), and markdown-it's "js-default" (tables, strikethrough) with and without linkify.
FLAVOURS = {
    "commonmark": MarkdownIt("commonmark").enable("table"),
    "js-default": MarkdownIt("js-default"),
    "js-default+linkify": MarkdownIt("js-default", {"linkify": True}),
}
PLAIN_INLINE = {"text", "softbreak", "hardbreak"}


def parse(markdown: str, flavour: str = "commonmark") -> list[Token]:
    return FLAVOURS[flavour].parse(markdown)


def plain(token: Token) -> str:
    """The text of an inline token: text content, line breaks as newlines, markup dropped."""
    out = []
    for child in token.children or ():
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    """(level, text) of every heading, in document order."""
    return [
        (int(tokens[i].tag[1]), plain(tokens[i + 1]))
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def section(tokens: list[Token], title: str, level: int = 2) -> list[Token]:
    """The tokens after the heading `title` up to the next heading of the same or a higher level."""
    start = next(
        i for i, t in enumerate(tokens)
        if t.type == "heading_open" and int(t.tag[1]) == level and plain(tokens[i + 1]) == title
    )
    end = next(
        (i for i in range(start + 3, len(tokens))
         if tokens[i].type == "heading_open" and int(tokens[i].tag[1]) <= level),
        len(tokens),
    )
    return tokens[start + 3:end]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts, the header row first."""
    found: list[list[list[str]]] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("th_open", "td_open"):
            found[-1][-1].append(plain(tokens[i + 1]))
    return found


def list_items(tokens: list[Token]) -> list[str]:
    """The text of every list item's first paragraph, in order (nested lists included)."""
    return [
        plain(tokens[i + 2])
        for i, token in enumerate(tokens)
        if token.type == "list_item_open" and tokens[i + 1].type == "paragraph_open"
    ]


def paragraphs(tokens: list[Token]) -> list[str]:
    """The text of every paragraph outside lists, in order."""
    depth = 0
    out = []
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "paragraph_open" and depth == 0:
            out.append(plain(tokens[i + 1]))
    return out
