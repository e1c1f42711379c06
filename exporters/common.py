"""Shared pieces of the exports: display names for ids, Swedish date and time forms, tables, note indexes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from samverka.exporters.markdown import HARD_BREAK, inline, lines
from samverka.phases import Pack
from samverka.sessions.clock import absolute
from samverka.sessions.model import KIND_LABELS as NOTE_KIND_LABELS
from samverka.sessions.model import Meeting, Note, Session, meeting_order

MISSING = "–"

KIND_LABELS = {**NOTE_KIND_LABELS, "note": ""}  # a plain note needs no label in the minutes


class Names:
    """Display names for the ids of one session and pack, escaped; an unknown id shows as itself."""

    def __init__(self, session: Session, pack: Pack) -> None:
        self.pack = pack
        self.zone = session.zone  # times are shown in it (PRODUCT.md §7), whatever zone they were written in
        self._participants = {p.id: p for p in session.participants}
        self._parties = {p.id: p for p in session.parties}
        self._party_order = [p.id for p in session.parties if p.kind == "arbetsgivare"]
        self._party_order += [p.id for p in session.parties if p.kind != "arbetsgivare"]
        # Escaping is the cost of an export; each name is escaped once, not once per note.
        self._person_names: dict[str, str] = {}
        self._party_names: dict[str, str] = {}

    def person(self, participant_id: str) -> str:
        name = self._person_names.get(participant_id)
        if name is None:
            participant = self._participants.get(participant_id)
            name = self._person_names[participant_id] = _or_id(participant.name if participant else "",
                                                               participant_id)
        return name

    def party(self, party_id: str) -> str:
        name = self._party_names.get(party_id)
        if name is None:
            party = self._parties.get(party_id)
            name = self._party_names[party_id] = _or_id(party.name if party else "", party_id)
        return name

    def party_of(self, participant_id: str | None) -> str | None:
        """The party id of a participant, or None if unknown or without party."""
        participant = self._participants.get(participant_id or "")
        return participant.party if participant else None

    def party_rank(self, party_id: str | None) -> int:
        """Sort key: the employer side first, then the unions in session order, unknown ones last."""
        if party_id in self._party_order:
            return self._party_order.index(party_id)
        return len(self._party_order)

    def role(self, participant_id: str) -> str:
        """The participant's role title, lower-cased like a common noun unless it starts with an acronym."""
        participant = self._participants.get(participant_id)
        if participant is None:
            return ""
        role = self.pack.role(participant.role)
        title = role.title if role else participant.role
        if len(title) > 1 and title[0].isupper() and title[1].islower():
            title = title[0].lower() + title[1:]
        return inline(title)

    def person_with_party(self, participant_id: str) -> str:
        """ "Anna Ek (Arbetsgivaren)", or just the name if the participant has no party."""
        party_id = self.party_of(participant_id)
        name = self.person(participant_id)
        return f"{name} ({self.party(party_id)})" if party_id else name

    def attribution(self, note: Note) -> str:
        """Who a note is from: "Cecilia Lind (OFR/ST)", "OFR/ST", "Cecilia Lind" or ""."""
        party_id = note.party or self.party_of(note.by)
        if note.by and party_id:
            return f"{self.person(note.by)} ({self.party(party_id)})"
        if note.by:
            return self.person(note.by)
        return self.party(party_id) if party_id else ""

    def question(self, question_id: str) -> str:
        """ "1.4 Vad har fungerat – och vad har inte?" (or just the id for a question not in the pack)."""
        question = self.pack.questions.get(question_id)
        title = inline(question.title) if question else ""
        return f"{inline(question_id)} {title}" if title else inline(question_id)


def _or_id(name: str, fallback: str) -> str:
    escaped = inline(name)
    return escaped if escaped else inline(fallback)


def clock(moment: dt.datetime | dt.time, zone: dt.tzinfo | None = None) -> str:
    """Swedish clock time, "09.12". A moment is shown in `zone`, the session's (`Names.zone`), whatever offset
    it was written with; a wall time (a meeting's start or end) and a moment without offset are the
    session's wall clock already."""
    if isinstance(moment, dt.datetime) and moment.tzinfo is not None and zone is not None:
        moment = moment.astimezone(zone)
    return f"{moment.hour:02d}.{moment.minute:02d}"


def date(day: dt.date) -> str:
    """Dates are ISO 8601, the Swedish standard form: "2026-11-22"."""
    return day.isoformat()


def readiness(pack: Pack, value: int) -> str:
    """ "2/4 (Halvvägs)"."""
    top = len(pack.readiness_labels) - 1
    label = pack.readiness_labels[value] if 0 <= value <= top else ""
    return f"{value}/{top} ({inline(label)})" if label else f"{value}/{top}"


def duration(seconds: int) -> str:
    """Time spent on an item: "under 1 min", "14 min", "1 tim 5 min"."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under 1 min"
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return f"{minutes} min"
    return f"{hours} tim {minutes} min" if minutes else f"{hours} tim"


def note_time(zone: dt.tzinfo) -> Callable[[Note], dt.datetime]:
    """Sort key for the notes of a session in `zone`: when they were taken, whatever offset each was written
    with (one without an offset is in `zone`). Shown in `zone`, their printed times then run in order too."""
    return lambda note: absolute(note.at, zone)


def notes_by_question(notes: Iterable[Note], zone: dt.tzinfo) -> dict[str, list[Note]]:
    """Notes grouped by question id, each group in time order (stable for equal times)."""
    grouped: dict[str, list[Note]] = defaultdict(list)
    for note in notes:
        grouped[note.question].append(note)
    for group in grouped.values():
        group.sort(key=note_time(zone))
    return grouped


def note_body(note: Note, indent: str) -> str:
    """The note's text as escaped lines joined with hard breaks, continued at `indent`."""
    return (HARD_BREAK + indent).join(lines(note.text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table; cells must already be escaped (`inline`), so none can hold a newline or a bare pipe."""
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return out


def joined(items: Sequence[str]) -> str:
    """A Swedish enumeration of already escaped items: "A", "A och B", "A, B och C"."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def action_status(note: Note, on: dt.date) -> str:
    """An action's status as of the day `on`: "Klar 2026-12-08" if it was done by then, else "Pågår"."""
    return f"Klar {date(note.done)}" if note.done is not None and note.done <= on else "Pågår"


def meeting_label(meeting: Meeting) -> str:
    """ "2026-12-08", or "2026-12-08 (möte 2 denna dag)" for a day's later meeting (file "2026-12-08-2")."""
    _, number = meeting_key(meeting)
    return date(meeting.date) + (f" (möte {number} denna dag)" if number > 1 else "")


def sorted_meetings(session: Session) -> list[Meeting]:
    """Meetings in date order, a day's second meeting after its first."""
    return sorted(session.meetings, key=meeting_key)


meeting_key = meeting_order
