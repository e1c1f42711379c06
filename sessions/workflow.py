"""A process over many meetings: what comes back on the agenda, which actions are still open."""

from __future__ import annotations

import datetime as dt

from samverka.phases import Pack
from samverka.sessions.model import READINESS_TOP, Meeting, Note, Session, is_open_action


def open_actions(session: Session, on: dt.date | None = None) -> list[tuple[Meeting, Note]]:
    """Actions not done (as of the day `on`), oldest first."""
    return [(m, n) for m in session.meetings for n in m.notes if is_open_action(n, on)]


def open_disagreements(session: Session) -> list[str]:
    """Questions with a recorded disagreement that no later meeting concluded as agreed."""
    latest: dict[str, bool] = {}  # question -> still open
    for meeting in session.meetings:
        for note in meeting.notes:
            if note.kind == "disagreement":
                latest[note.question] = True
        for question_id, item in meeting.items.items():
            if item.outcome == "overens" and question_id in latest:
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


def start_meeting(session: Session, pack: Pack, day: dt.date, start: dt.time) -> Meeting:
    """A new meeting on `day` with a proposed agenda; the last minutes come up for adjustment if unsigned.

    Place, chair and secretary usually stay from one meeting to the next: they are taken over
    (attendance and adjusters are not; they are set for each meeting).
    """
    taken = {m.id for m in session.meetings}
    meeting_id, number = day.isoformat(), 1
    while meeting_id in taken:
        number += 1
        meeting_id = f"{day.isoformat()}-{number}"
    last = session.meetings[-1] if session.meetings else None
    meeting = Meeting(
        id=meeting_id,
        date=day,
        start=start,
        agenda=propose_agenda(session, pack),
        previous=last.id if last is not None and not last.justified else None,
    )
    if last is not None:
        meeting.place, meeting.chair, meeting.secretary = last.place, last.chair, last.secretary
    session.meetings.append(meeting)
    return meeting
