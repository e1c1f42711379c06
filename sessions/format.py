"""The TOML⇄model codec of session files (PRODUCT.md §4): checked reading into the model, plain values for writing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from samverka.phases import Pack
from samverka.schema import Table
from samverka.sessions.model import (
    FORMAT,
    ITEM_TYPES,
    MAX_ITEM_SECONDS,
    MEETING_KINDS,
    MINUTES_TITLES,
    NOTE_KINDS,
    OUTCOMES,
    PARTY_KINDS,
    POSITIONS,
    READINESS_TOP,
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

SESSION_HEADER = """\
# samverka-session. Filen går att redigera för hand; kommentarer behålls när appen sparar.
# Format: se README (Sessionsfiler). Ändra inte 'format'.
"""
MEETING_HEADER = """\
# Ett möte i samverka-sessionen. Tider i lokal tid; anteckningar i tidsordning.
"""


def check_format(top: Table) -> None:
    version = top.get("format", int)
    if version > FORMAT:
        top.fail(f"filen har format {version}, nyare än denna version av samverka kan läsa ({FORMAT}); "
                 "uppgradera samverka. Filen lämnas orörd.", "format")
    if version < 1:
        top.fail(f"'format' ska vara {FORMAT}", "format")


def read_session(top: Table, path: Path, pack: Pack) -> Session:
    session = Session(
        path=path,
        title=top.text("title"),
        organisation=top.text("organisation"),
        pack=pack.id,
        pack_version=top.integer("pack_version", 1, 10**6, pack.version),
        created=top.get("created", dt.datetime),
        minutes_title=top.choice("minutes_title", MINUTES_TITLES, MINUTES_TITLES[0]),
        basis=top.text("basis", "Lokalt samverkansavtal"),
        group=top.text("group", None),
        visited=top.get("visited", dt.date, None),
        registry=top.text("registry", None),
        timezone=top.text("timezone", None),
    )
    try:
        session.zone  # noqa: B018 -- an unknown zone is refused here, with its line, not at the first note
    except ValueError as err:
        top.fail(str(err), "timezone")
    session.created = local(session.created, session.zone)
    for t in top.tables("parties"):
        party = Party(t.text("id"), t.choice("kind", PARTY_KINDS), t.text("name"))
        if session.party(party.id):
            t.fail(f"parten '{party.id}' finns redan", "id")
        session.parties.append(party)
    for t in top.tables("participants"):
        participant = Participant(t.text("id"), t.text("name"), t.text("role"), t.text("party", optional=True),
                                  t.text("title", optional=True))
        if session.participant(participant.id):
            t.fail(f"deltagaren '{participant.id}' finns redan", "id")
        if pack.role(participant.role) is None:
            t.fail(f"okänd roll '{participant.role}' (roller: {', '.join(r.id for r in pack.roles)})", "role")
        if participant.party is not None and session.party(participant.party) is None:
            t.fail(f"okänd part '{participant.party}'", "party")
        session.participants.append(participant)
    questions = top.table("questions", optional=True)
    for question_id, t in questions.subtables() if questions else ():
        known_question(t, question_id, pack, None)
        answers = t.table("answers", optional=True)
        canvas = t.table("canvas", optional=True)
        session.questions[question_id] = QuestionState(
            readiness=t.integer("readiness", 0, READINESS_TOP, 0),
            revisit=t.get("revisit", bool, False),
            answers=answers.strings() if answers else {},
            canvas=canvas.strings() if canvas else {},
        )
    return session


def read_meeting(top: Table, path: Path, session: Session, pack: Pack) -> Meeting:
    check_format(top)

    def participant(t: Table, key: str) -> str | None:
        value = t.text(key, optional=True)
        if value is not None and session.participant(value) is None:
            t.fail(f"okänd deltagare '{value}'", key)
        return value

    def known(key: str, find, what: str) -> list[str]:
        values = top.texts(key, [])
        for value in values:
            if find(value) is None:
                top.fail(f"okänd {what} '{value}' i '{key}'", key)
        return values

    def participants(key: str) -> list[str]:
        return known(key, session.participant, "deltagare")

    def parties(key: str) -> list[str]:
        return known(key, session.party, "part")

    meeting = Meeting(
        id=path.stem,
        date=top.get("date", dt.date),
        number=protocol_number(top),
        kind=top.choice("kind", MEETING_KINDS, None),
        basis=top.text("basis", None),
        start=top.get("start", dt.time, None),
        end=top.get("end", dt.time, None),
        place=top.text("place", ""),
        chair=participant(top, "chair"),
        secretary=participant(top, "secretary"),
        adjusters=participants("adjusters"),
        attendees=participants("attendees"),
        absent=parties("absent"),
        agenda=top.texts("agenda", []),
        justified=top.get("justified", bool, False),
        justified_by=participants("justified_by"),
        justified_at=top.get("justified_at", dt.date, None),
        previous=top.text("previous", optional=True),
        planned=top.get("planned", bool, False),
    )
    if meeting.date.isoformat() != path.stem[:10]:
        top.fail(f"'date' ({meeting.date}) stämmer inte med filnamnet ({path.name})", "date")
    for question_id in meeting.agenda:
        known_question(top, question_id, pack, "agenda")
    items = top.table("items", optional=True)
    for question_id, t in items.subtables() if items else ():
        known_question(t, question_id, pack, None)
        meeting.items[question_id] = AgendaItem(
            type=t.choice("type", ITEM_TYPES, None),
            outcome=t.choice("outcome", OUTCOMES, None),
            adjusted_at_once=t.get("adjusted_at_once", bool, False),
            seconds=t.integer("seconds", 0, MAX_ITEM_SECONDS, 0),
            positions=read_positions(t, session),
        )
    for t in top.tables("notes"):
        meeting.notes.append(read_note(t, session, pack))
    for t in top.tables("readiness_changes"):
        question_id = t.text("question")
        known_question(t, question_id, pack, "question")
        meeting.readiness_changes.append(ReadinessChange(
            question=question_id,
            before=t.integer("from", 0, READINESS_TOP),
            after=t.integer("to", 0, READINESS_TOP),
            at=local(t.get("at", dt.datetime), session.zone),
        ))
    for t in top.tables("agreed"):
        question_id = t.text("question")
        known_question(t, question_id, pack, "question")
        meeting.agreed.append(AgreedText(
            question=question_id,
            field=t.text("field"),
            text=t.text("text"),
            at=local(t.get("at", dt.datetime), session.zone),
        ))
    return meeting


def protocol_number(top: Table) -> int | None:
    number = top.get("number", int, None)
    if number is not None and number < 1:
        top.fail(f"'number' ska vara ett positivt heltal, inte {number}", "number")
    return number


def read_positions(item: Table, session: Session) -> dict[str, str]:
    """An agenda item's `positions`: party id -> overens | ej_overens | avstar."""
    t = item.table("positions", optional=True)
    if t is None:
        return {}
    for party_id in t.data:
        if session.party(party_id) is None:
            t.fail(f"okänd part '{party_id}' i '{item.name('positions')}'", party_id)
    return {party_id: t.choice(party_id, POSITIONS) for party_id in t.data}


def read_note(t: Table, session: Session, pack: Pack, *, lenient: bool = False) -> Note:
    """One `[[notes]]` table. `lenient` (the recovery file): a party or person the session does not
    know is dropped from the note instead of refusing it, so that the text is kept either way."""

    def who(key: str, known) -> str | None:
        value = t.text(key, optional=True)
        if value is not None and known(value) is None:
            if lenient:
                return None
            t.fail(f"okänd {'part' if key == 'party' else 'deltagare'} '{value}'", key)
        return value

    question_id = t.text("question")
    known_question(t, question_id, pack, "question")
    return Note(
        at=local(t.get("at", dt.datetime), session.zone),
        question=question_id,
        kind=t.choice("kind", NOTE_KINDS, "note"),
        text=t.text("text"),
        party=who("party", session.party),
        by=who("by", session.participant),
        owner=who("owner", session.participant),
        due=t.get("due", dt.date, None),
        done=t.get("done", dt.date, None),
    )


def local(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """A point in time as the model holds it: aware. One written without offset (a local date-time, legal
    TOML that people write) is a wall time in the session's zone, so that it orders and compares with the
    app's own times; tomldoc leaves it as written while the model's time is the same wall time."""
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def known_question(t: Table, question_id: str, pack: Pack, key: str | None) -> None:
    if question_id not in pack.questions:
        t.fail(f"okänd fråga '{question_id}' (finns inte i paketet '{pack.id}')", key)


def session_values(session: Session) -> dict[str, Any]:
    """session.toml as plain values, in the order a new file gets them."""
    return {
        "format": FORMAT,
        "title": session.title,
        "organisation": session.organisation,
        "pack": session.pack,
        "pack_version": session.pack_version,
        "created": session.created,
        "minutes_title": session.minutes_title,
        "basis": session.basis,
        "group": session.group,  # None: no key, so files without it stay as they are
        "registry": session.registry,
        "visited": session.visited,
        "timezone": session.timezone,  # None: no key, so files without it stay as they are
        "parties": [{"id": p.id, "kind": p.kind, "name": p.name} for p in session.parties],
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "party": p.party, "title": p.title}
            for p in session.participants
        ],
        "questions": {
            question_id: {
                "readiness": state.readiness,
                "revisit": state.revisit,
                "answers": dict(state.answers),
                "canvas": dict(state.canvas),
            }
            for question_id, state in session.questions.items()
        },
    }


def meeting_values(meeting: Meeting) -> dict[str, Any]:
    """A meeting file as plain values, in the order a new file gets them."""
    return {
        "format": FORMAT,
        "date": meeting.date,
        "number": meeting.number,
        "kind": meeting.kind,
        "basis": meeting.basis,
        "start": meeting.start,
        "end": meeting.end,
        "place": meeting.place,
        "chair": meeting.chair,
        "secretary": meeting.secretary,
        "adjusters": list(meeting.adjusters),
        "attendees": list(meeting.attendees),
        "absent": list(meeting.absent) or None,
        "agenda": list(meeting.agenda),
        "justified": meeting.justified,
        "justified_by": list(meeting.justified_by) or None,
        "justified_at": meeting.justified_at,
        "previous": meeting.previous,
        "planned": meeting.planned or None,
        "items": {
            question_id: {
                "type": item.type,
                "outcome": item.outcome,
                "adjusted_at_once": item.adjusted_at_once,
                "seconds": item.seconds,
                "positions": dict(item.positions) or None,
            }
            for question_id, item in meeting.items.items()
        },
        "agreed": [
            {"question": a.question, "field": a.field, "text": a.text, "at": a.at} for a in meeting.agreed
        ],
        "notes": [
            {
                "at": note.at,
                "question": note.question,
                "kind": note.kind,
                "party": note.party,
                "by": note.by,
                "text": note.text,
                "owner": note.owner,
                "due": note.due,
                "done": note.done,
            }
            for note in meeting.notes
        ],
        "readiness_changes": [
            {"question": c.question, "from": c.before, "to": c.after, "at": c.at}
            for c in meeting.readiness_changes
        ],
    }
