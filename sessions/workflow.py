"""A process over many meetings: what comes back on the agenda, which actions are still open."""

from __future__ import annotations

import datetime as dt

from samverka.phases import Pack
from samverka.sessions.model import (
    READINESS_TOP,
    Meeting,
    Note,
    Session,
    is_open_action,
    item_outcome,
    meeting_order,
    proposed_number,
)


def held(session: Session) -> list[Meeting]:
    """The meetings held (or going on): not those only planned."""
    return [m for m in session.meetings if not m.planned]


def last_held(session: Session) -> Meeting | None:
    return max(held(session), key=meeting_order, default=None)


def unsigned(meeting: Meeting | None) -> str | None:
    """The id of `meeting` if its minutes are still to be adjusted (at the next meeting)."""
    return meeting.id if meeting is not None and not meeting.justified else None


def open_actions(session: Session, on: dt.date | None = None) -> list[tuple[Meeting, Note]]:
    """Actions not done (as of the day `on`), oldest first."""
    return [(m, n) for m in session.meetings for n in m.notes if is_open_action(n, on)]


def open_disagreements(session: Session) -> list[str]:
    """Questions with a recorded disagreement (a note, or an item the parties' positions leave ej överens) that
    no later meeting concluded as agreed."""
    latest: dict[str, bool] = {}  # question -> still open
    for meeting in session.meetings:
        for note in meeting.notes:
            if note.kind == "disagreement":
                latest[note.question] = True
        for question_id in meeting.items:
            outcome = item_outcome(session, meeting, question_id)
            if outcome == "ej_overens":
                latest[question_id] = True
            elif outcome == "overens" and question_id in latest:
                latest[question_id] = False
    return [q for q, still_open in latest.items() if still_open]


def current_phase(session: Session, pack: Pack) -> int:
    """The first phase with a question below the top readiness (the last phase when all are done)."""
    for phase in pack.phases:
        if any(session.readiness(q.id) < READINESS_TOP for q in phase.questions):
            return phase.number
    return pack.phases[-1].number


def propose_agenda(session: Session, pack: Pack) -> list[str]:
    """Revisit marks, open disagreements and the current phase's unfinished questions, in pack order."""
    wanted = {q for q in pack.questions if session.state(q).revisit}
    wanted |= set(open_disagreements(session))
    phase = pack.phases[current_phase(session, pack) - 1]
    wanted |= {q.id for q in phase.questions if session.readiness(q.id) < READINESS_TOP}
    return [q for q in pack.questions if q in wanted]


def next_meeting(session: Session, pack: Pack, day: dt.date) -> Meeting:
    """A meeting on `day` as it is proposed, not yet in the session: the agenda proposed, the last minutes up
    for adjustment if unsigned, the protocol's next number. Place, chair, secretary, the kind of meeting and
    its basis usually stay from one meeting to the next: they are taken over (attendance, absence and
    adjusters are not; they are set for each meeting)."""
    last = last_held(session)
    meeting = Meeting(id=meeting_id(session, day), date=day, agenda=propose_agenda(session, pack), planned=True,
                      previous=unsigned(last))
    if last is not None:
        meeting.place, meeting.chair, meeting.secretary = last.place, last.chair, last.secretary
        meeting.kind, meeting.basis = last.kind, last.basis
    meeting.number = proposed_number(session, meeting)
    return meeting


def meeting_id(session: Session, day: dt.date) -> str:
    """The id (file name) of a new meeting on `day`: the date, then "-2" for the day's second one, …"""
    taken = {m.id for m in session.meetings}
    found, number = day.isoformat(), 1
    while found in taken:
        number += 1
        found = f"{day.isoformat()}-{number}"
    return found


def start_meeting(session: Session, pack: Pack, day: dt.date, start: dt.time) -> Meeting:
    """A new meeting on `day`, held from `start` (see `next_meeting`)."""
    meeting = next_meeting(session, pack, day)
    meeting.planned, meeting.start = False, start
    session.meetings.append(meeting)
    session.meetings.sort(key=meeting_order)  # a meeting planned for a later day stays after it
    return meeting
