"""Shared pieces of the exports: display names for ids, Swedish date and time forms, tables, quotes, signature
lines, note indexes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from samverka.exporters.markdown import HARD_BREAK, inline, lines, paragraphs
from samverka.phases import Pack
from samverka.sessions.clock import absolute
from samverka.sessions.model import (
    POSITION_LABELS,
    Meeting,
    Note,
    Session,
    absent_parties,
    meeting_order,
    present_parties,
)

MISSING = "–"
NO_POSITION = "Har inte tagit ställning"
ABSENT = "Deltog inte"
SIGNATURE_LINE = "……………………………………………"  # room for a hand-written signature, name or date


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

    def signs_for(self, party_id: str) -> str:
        """ "För arbetsgivaren", "För OFR/ST": whom a person signs or attends for."""
        party = self._parties.get(party_id)
        if party is not None and party.kind == "arbetsgivare":
            return "För arbetsgivaren"
        return f"För {self.party(party_id)}"

    def speaker(self, note: Note) -> str:
        """Who a note speaks for in a document: its party, else its author, else "" (a joint note)."""
        party_id = note.party or self.party_of(note.by)
        if party_id:
            return self.party(party_id)
        return self.person(note.by) if note.by else ""

    def function(self, participant_id: str) -> str:
        """ "Anna Ek, HR-direktör": a person with their title, else their role in the process."""
        participant = self._participants.get(participant_id)
        title = inline(participant.title or "") if participant else ""
        what = title or self.role(participant_id)
        return f"{self.person(participant_id)}, {what}" if what else self.person(participant_id)

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


def how_ready(pack: Pack, value: int) -> str:
    """Hur klara är vi, in the pack's words ("Pågår"); a value off the scale shows as itself."""
    top = len(pack.readiness_labels) - 1
    return inline(pack.readiness_labels[value]) if 0 <= value <= top else str(value)


def is_done(pack: Pack, value: int) -> bool:
    """Whether a question is at the top of the scale: its discussion is done (not: the parties agree)."""
    return value >= len(pack.readiness_labels) - 1


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


def quote(text: str, empty: str) -> list[str]:
    """`text` as a blockquote, verbatim paragraph by paragraph (then a blank line); `empty` when blank."""
    quoted = paragraphs(text)
    if not quoted:
        return [f"> {empty}", ""]
    out: list[str] = []
    for index, paragraph in enumerate(quoted):
        if index:
            out.append(">")
        out.append("> " + (HARD_BREAK + "> ").join(paragraph))
    return [*out, ""]


def statement(note: Note, names: Names) -> list[str]:
    """A protokollsanteckning: "Saco-S lämnar följande protokollsanteckning:" and its text verbatim, no time."""
    party_id = note.party or names.party_of(note.by)
    lead = f"{names.party(party_id)} lämnar" if party_id else "Utan angiven part lämnas"
    return [f"{lead} följande protokollsanteckning:", "", *quote(note.text, "*(Tom protokollsanteckning.)*")]


def adjusters(session: Session, meeting: Meeting, names: Names) -> list[tuple[str, list[str]]]:
    """(party id or "", its justerare) for every party present, employer first, then adjusters without a
    known party: at least one line per party present, no one twice, the secretary not among them (they sign
    "Vid protokollet")."""
    people = [p for p in dict.fromkeys(meeting.adjusters) if p != meeting.secretary]
    present = [party.id for party in present_parties(session, meeting)]
    by_party = {party_id: [p for p in people if names.party_of(p) == party_id] for party_id in present}
    rows = [(party_id, by_party[party_id]) for party_id in sorted(present, key=names.party_rank)]
    others = [p for p in people if names.party_of(p) not in by_party]
    return rows + ([("", others)] if others else [])


def approved_at_next_meeting(session: Session, meeting: Meeting) -> bool:
    """Mötesanteckningar of a group that names no justerare: approved at the next meeting, not signed."""
    return session.minutes_title == "Mötesanteckningar" and not meeting.adjusters


def action_row(note: Note, names: Names) -> list[str]:
    """An action's cells: Åtgärd · Ansvarig (name, party) · Klart senast."""
    return [
        inline(note.text) or MISSING,
        names.person_with_party(note.owner) if note.owner else MISSING,
        date(note.due) if note.due else MISSING,
    ]


def signature(heading: str, name: str) -> list[str]:
    """A signature line: what the signer signs as (escaped), a line to sign on, the name below it."""
    return [HARD_BREAK.join([heading, SIGNATURE_LINE, name or SIGNATURE_LINE]), ""]


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
    _, number = meeting_order(meeting)
    return date(meeting.date) + (f" (möte {number} denna dag)" if number > 1 else "")


def topic(names: Names, question_id: str) -> str:
    """What an item is about in a document: the question's title, or its id for a question not in the pack."""
    question = names.pack.questions.get(question_id)
    return inline(question.title) if question and question.title.strip() else inline(question_id)


def sorted_meetings(session: Session) -> list[Meeting]:
    """Meetings in date order, a day's second meeting after its first."""
    return sorted(session.meetings, key=meeting_order)


def party_positions(session: Session, meeting: Meeting, question_id: str, names: Names) -> list[tuple[str, str]]:
    """(party name, position) for every party of the session, employer first, on an item of `meeting`; an
    absent party "Deltog inte". Empty until a position is recorded, except for an item agreed as a whole (files
    of format 1): every party present agreed; a disagreement as a whole says nothing about who disagreed."""
    item = meeting.items.get(question_id)
    if item is None or (not item.positions and item.outcome != "overens"):
        return []
    absent = {p.id for p in absent_parties(session, meeting)}
    rows = []
    for party in sorted(session.parties, key=lambda p: names.party_rank(p.id)):
        if party.id in absent:
            rows.append((names.party(party.id), ABSENT))
        else:
            value = item.positions.get(party.id) if item.positions else item.outcome
            rows.append((names.party(party.id), POSITION_LABELS.get(value or "", NO_POSITION)))
    return rows
