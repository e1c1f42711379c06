"""The demo session: a fictional agency a week into revising its agreement, so a newcomer sees everything at work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from samverka.phases import Pack, find_pack
from samverka.sessions import edits
from samverka.sessions.clock import now
from samverka.sessions.edits import NoteDraft
from samverka.sessions.model import AgendaItem, Meeting, Participant, Party, Session
from samverka.sessions.store import SessionStore

PACK = "lokalt-samverkansavtal"

PARTIES = (
    Party("ag", "arbetsgivare", "Arbetsgivaren"),
    Party("st", "arbetstagare", "OFR/ST"),
    Party("saco", "arbetstagare", "Saco-S"),
    Party("seko", "arbetstagare", "Seko"),
)
PARTICIPANTS = (
    Participant("anna", "Anna Lindqvist", "chef", "ag", "HR-chef"),
    Participant("bo", "Bo Ekström", "arbetsgivarforetradare", "ag", "HR-specialist"),
    Participant("cecilia", "Cecilia Nyberg", "facklig", "st", "ordförande i ST-sektionen"),
    Participant("david", "David Haddad", "facklig", "saco", "ordförande i Saco-S-föreningen"),
    Participant("eva", "Eva Sjöberg", "facklig", "seko", "ordförande i Seko-klubben"),
    Participant("fredrik", "Fredrik Holm", "medarbetare", None, "arkivarie"),
)
ABSENT = ("saco",)  # Saco-S has anmält förhinder at the demo's meeting: an item's positions name it as absent
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
    session.group = "Arbetsgruppen för översyn av samverkansavtalet"
    session.registry = "KD 2026/318"
    # The working group meets on the parties' agreement to revise, not on MBL: its meetings fulfil no duty
    # to negotiate or inform (review 2026-11 (b) 4).
    session.basis = "Parternas överenskommelse om översyn av det lokala samverkansavtalet"
    session.parties = list(PARTIES)
    session.participants = list(PARTICIPANTS)
    for question_id, answers in ANSWERS.items():
        for field_id, text in answers.items():
            edits.set_field(session, question_id, "answer", field_id, text)
    for question_id in REVISIT:
        edits.toggle_revisit(session, question_id)
    session.meetings.append(_first_meeting(session, pack, when - dt.timedelta(days=7)))
    store.save()
    return path


def _first_meeting(session: Session, pack: Pack, day: dt.datetime) -> Meeting:
    """The working group's first meeting: the mandate agreed, its text quoted and the paragraph adjusted at
    once; an information item; a disagreement with each party's position and view, and a protokollsanteckning."""
    def at(hour: int, minute: int) -> dt.datetime:
        return day.replace(hour=hour, minute=minute, second=0)

    def note(hour: int, minute: int, question_id: str, kind: str, text: str, party: str | None = None,
             by: str | None = None, owner: str | None = None, due: dt.date | None = None) -> None:
        edits.add_note(session, pack, meeting, question_id, NoteDraft(kind, text, party, by, owner, due),
                       at(hour, minute))

    held = day.date()
    meeting = Meeting(
        id=held.isoformat(),
        date=held,
        number=1,
        kind="arbetsgrupp",
        start=dt.time(9, 0),
        end=dt.time(11, 30),
        place="Konferensrum Ljusgården, plan 3",
        chair="anna",
        secretary="bo",
        adjusters=["anna", "cecilia", "eva"],
        attendees=[p.id for p in PARTICIPANTS if p.party not in ABSENT],
        absent=list(ABSENT),
        agenda=["1.1", "1.2", "1.4"],
        items={
            "1.1": AgendaItem(type="samverkan", adjusted_at_once=True, seconds=1500),
            "1.2": AgendaItem(type="information", seconds=900),
            "1.4": AgendaItem(type="samverkan", seconds=2100),
        },
    )
    note(9, 5, "1.1", "note", "Parterna går igenom vilka som företräder respektive part i arbetet.")
    note(9, 18, "1.1", "decision", "Arbetsgruppen består av två företrädare för arbetsgivaren och en för "
         "varje facklig organisation.")
    edits.record_agreed(session, pack, meeting, "1.1", at(9, 20))
    edits.set_positions(session, meeting, "1.1", {"ag": "overens", "st": "overens", "seko": "overens"})
    note(9, 24, "1.1", "action", "Ta fram en tidplan för arbetet med avtalet fram till juni.",
         owner="bo", due=held + dt.timedelta(days=21))
    note(9, 32, "1.2", "note", "Avtalet ska gälla hela myndigheten, även regionkontoren.", party="ag", by="anna")
    note(9, 40, "1.2", "note", "Regionkontoren har egna arbetsplatsträffar men ingen egen samverkansgrupp i dag.",
         party="seko", by="eva")
    note(10, 5, "1.4", "note", "Samverkansgruppen har ofta fått information först när besluten i praktiken "
         "redan var fattade.", party="st", by="cecilia")
    note(10, 30, "1.4", "disagreement", "Parterna är inte överens om huruvida omorganisationen 2025 "
         "samverkades i tid.")
    note(10, 33, "1.4", "disagreement", "Samverkan om omorganisationen skedde för sent för att medarbetarnas "
         "synpunkter skulle kunna påverka beslutet.", party="st", by="cecilia")
    note(10, 36, "1.4", "disagreement", "Informationen lämnades i god tid enligt gällande avtal. Arbetsgivaren "
         "delar ändå uppfattningen att dialogen kan börja tidigare.", party="ag", by="anna")
    note(10, 38, "1.4", "disagreement", "Klubben tar inte ställning i frågan: regionkontoren hade ingen "
         "samverkansgrupp när omorganisationen genomfördes.", party="seko", by="eva")
    edits.set_positions(session, meeting, "1.4", {"ag": "ej_overens", "st": "ej_overens", "seko": "avstar"})
    note(10, 41, "1.4", "statement", "Det nya avtalet bör slå fast att samverkan sker innan ett beslut i "
         "praktiken är fattat, inte först när det ska fattas formellt.", party="st", by="cecilia")
    note(11, 10, "1.4", "action", "Sammanställ exempel på ärenden där samverkan fungerade bra respektive "
         "mindre bra.", owner="cecilia", due=held + dt.timedelta(days=14))
    for minute, (question_id, value) in enumerate(READINESS.items()):
        edits.set_readiness(session, meeting, question_id, value, at(11, 15 + minute))
    return meeting
