"""The demo session: a fictional agency a week into revising its agreement, so a newcomer sees everything at work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from samverka.phases import find_pack
from samverka.sessions.clock import now
from samverka.sessions.model import AgendaItem, Meeting, Note, Participant, Party, ReadinessChange
from samverka.sessions.store import SessionStore

PACK = "lokalt-samverkansavtal"

PARTIES = (
    Party("ag", "arbetsgivare", "Arbetsgivaren"),
    Party("st", "arbetstagare", "OFR/ST"),
    Party("saco", "arbetstagare", "Saco-S"),
    Party("seko", "arbetstagare", "Seko"),
)
PARTICIPANTS = (
    Participant("anna", "Anna Lindqvist", "chef", "ag"),
    Participant("bo", "Bo Ekström", "arbetsgivarforetradare", "ag"),
    Participant("cecilia", "Cecilia Nyberg", "facklig", "st"),
    Participant("david", "David Haddad", "facklig", "saco"),
    Participant("eva", "Eva Sjöberg", "facklig", "seko"),
    Participant("fredrik", "Fredrik Holm", "medarbetare", None),
)
ANSWERS = {
    "1.1": {
        "arbetsgivarpart": "Myndigheten för kulturarvsdata, företrädd av generaldirektören med rätt att "
                           "delegera till HR-chefen.",
        "arbetstagarparter": "OFR/ST, Saco-S och Seko, genom sina lokala föreningar.",
        "behorighet": "Parternas företrädare i arbetsgruppen förhandlar fram ett förslag; avtalet tecknas "
                      "av generaldirektören och de lokala föreningarnas ordförande.",
    },
    "1.2": {
        "tillampningsomrade": "Hela myndigheten: huvudkontoret i Norrby och de två regionkontoren.",
        "sarskilda_grupper": "",
    },
    "1.4": {
        "bygga_vidare": "Arbetsplatsträffarna fungerar väl på huvudkontoret och ska vara kvar som grund.",
    },
}
READINESS = {"1.1": 4, "1.2": 3, "1.3": 1, "1.4": 2}
REVISIT = ("1.4",)


def ensure_demo(path: Path, packs_dir: Path | None, when: dt.datetime | None = None) -> Path:
    """Create the demo session at `path` unless it is already there; return its path.

    `when` is the moment of creation (tests pin it); the demo's meeting was a week before.
    """
    if (path / "session.toml").exists():
        return path
    pack = find_pack(PACK, packs_dir)
    store = SessionStore.create(path.parent, path.name, "Myndigheten för kulturarvsdata (exempel)",
                                "Lokalt samverkansavtal 2027", pack)
    session = store.session
    when = when or now()
    session.created = when
    session.basis = "Lokalt samverkansavtal (MBL § 11 och § 19)"
    session.parties = list(PARTIES)
    session.participants = list(PARTICIPANTS)
    for question_id, answers in ANSWERS.items():
        session.edit_state(question_id).answers.update(answers)
    for question_id, value in READINESS.items():
        session.edit_state(question_id).readiness = value
    for question_id in REVISIT:
        session.edit_state(question_id).revisit = True
    session.meetings.append(_first_meeting(when - dt.timedelta(days=7)))
    store.save()
    return path


def _first_meeting(day: dt.datetime) -> Meeting:
    def at(hour: int, minute: int) -> dt.datetime:
        return day.replace(hour=hour, minute=minute, second=0)

    meeting = Meeting(
        id=day.date().isoformat(),
        date=day.date(),
        start=dt.time(9, 0),
        end=dt.time(11, 30),
        place="Konferensrum Ljusgården, plan 3",
        chair="anna",
        secretary="bo",
        adjusters=["anna", "cecilia"],
        attendees=[p.id for p in PARTICIPANTS],
        agenda=["1.1", "1.2", "1.4"],
        items={
            "1.1": AgendaItem(type="samverkan", outcome="overens", adjusted_at_once=True, seconds=1500),
            "1.2": AgendaItem(type="information", seconds=900),
            "1.4": AgendaItem(type="samverkan", outcome="ej_overens", seconds=2100),
        },
    )
    meeting.notes = [
        Note(at(9, 5), "1.1", "note", "Parterna går igenom vilka som företräder respektive part i arbetet.",
             by="anna"),
        Note(at(9, 18), "1.1", "decision", "Arbetsgruppen består av två företrädare för arbetsgivaren och en "
             "för varje facklig organisation."),
        Note(at(9, 24), "1.1", "action", "Ta fram en tidplan för arbetet med avtalet fram till juni.",
             owner="bo", due=day.date() + dt.timedelta(days=21)),
        Note(at(9, 40), "1.2", "note", "Regionkontoren har egna arbetsplatsträffar men ingen egen "
             "samverkansgrupp i dag.", party="seko", by="eva"),
        Note(at(10, 5), "1.4", "note", "Samverkansgruppen har ofta fått information först när besluten i "
             "praktiken redan var fattade.", party="st", by="cecilia"),
        Note(at(10, 30), "1.4", "disagreement", "Parterna är inte överens om huruvida omorganisationen 2025 "
             "samverkades i tid.", party="st"),
        Note(at(10, 41), "1.4", "statement", "OFR/ST anser att samverkan om omorganisationen 2025 skedde för "
             "sent för att medarbetarnas synpunkter skulle kunna påverka beslutet.", party="st", by="cecilia"),
        Note(at(10, 44), "1.4", "statement", "Arbetsgivaren anser att information lämnades i god tid enligt "
             "gällande avtal, men delar uppfattningen att dialogen kan starta tidigare.", party="ag", by="anna"),
        Note(at(11, 10), "1.4", "action", "Sammanställ exempel på ärenden där samverkan fungerade bra "
             "respektive mindre bra.", owner="cecilia", due=day.date() + dt.timedelta(days=14)),
    ]
    before = {q: 0 for q in READINESS}
    for minute, (question_id, value) in enumerate(READINESS.items()):
        meeting.readiness_changes.append(ReadinessChange(question_id, before[question_id], value,
                                                         at(11, 15 + minute)))
    return meeting

