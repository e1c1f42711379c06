"""Every change a user can make to a session, as a function on the model that returns what it touched.

The TUI and the CLI both make their changes here and nowhere else; `OpenedSession.apply` then saves
the files a `Touched` names. A function that refuses raises UserError and changes nothing.

A change the user can take back carries its undo: what it changed, as it was before (see `Before`).
Undoing returns a `Touched` of its own whose undo is the redo.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from samverka.errors import UserError
from samverka.phases import Pack
from samverka.phases.pack import VisitArea, VisitGuide
from samverka.sessions.clock import absolute
from samverka.sessions.model import (
    ITEM_TYPES,
    MAX_ITEM_SECONDS,
    MAX_NOTE_LENGTH,
    MEETING_KINDS,
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
    is_visit,
    meeting_order,
    note_kind,
    proposed_number,
)
from samverka.sessions.recovery import Recovery
from samverka.sessions.workflow import held, last_held, unsigned
from samverka.text import ascii_slug

T = TypeVar("T")
BROWSING = 10  # seconds on a question below which a visit is not recorded as time spent


@dataclass(frozen=True, eq=False)
class Touched:
    """The files a change touched: session.toml and/or some meetings' files; and how to take it back.

    `undo` holds the steps that put back what the change changed, in the order they were made (undone last
    first); a change that is no user's act (time spent on a question) has none.
    """

    session: bool = False
    meetings: tuple[Meeting, ...] = ()
    undo: tuple[Callable[[], Touched], ...] = ()

    def __or__(self, other: Touched) -> Touched:
        meetings = list(self.meetings)
        meetings += [m for m in other.meetings if not any(m is known for known in meetings)]
        return Touched(self.session or other.session, tuple(meetings), self.undo + other.undo)

    def __bool__(self) -> bool:
        return self.session or bool(self.meetings)

    def undone(self) -> Touched:
        """Take the change back: what that touched, with the redo as its undo."""
        result = NOTHING
        for step in reversed(self.undo):
            result |= step()
        return result


NOTHING = Touched()
SESSION = Touched(session=True)


def _meeting(meeting: Meeting) -> Touched:
    return Touched(meetings=(meeting,))


class Before:
    """Attributes of model objects as they are before a change: `touched` gives the change's `Touched`
    with an undo that puts them back (lists and dicts are kept as shallow copies)."""

    def __init__(self, *kept: tuple[object, str]) -> None:
        self._kept = [(obj, name, copy.copy(getattr(obj, name))) for obj, name in kept]

    def touched(self, touched: Touched) -> Touched:
        def put_back() -> Touched:
            now = Before(*[(obj, name) for obj, name, _ in self._kept])
            for obj, name, value in self._kept:
                setattr(obj, name, value)
            return now.touched(touched)

        return Touched(touched.session, touched.meetings, (put_back,))


def _entry(table: dict[str, T], key: str, make: Callable[[], T], name: str,
           file: Touched) -> tuple[T, Callable[[Touched], Touched]]:
    """`table[key]` (made if need be: a question's state, an agenda item) and what makes a change of its `name`
    undoable: only that attribute is put back (what else changed in the entry meanwhile, such as time
    recorded on an item, stays), and an entry made for the change goes again if it is then as good as new.
    `file` is what the entry is saved in."""
    made = key not in table
    entry = table.setdefault(key, make())
    before = Before((entry, name))

    def drop() -> Touched:
        if table.get(key) is not entry or entry != make():
            return file
        del table[key]
        return Touched(file.session, file.meetings, (put,))

    def put() -> Touched:
        table[key] = entry
        return Touched(file.session, file.meetings, (drop,))

    def undoable(change: Touched) -> Touched:
        kept = before.touched(change)
        return Touched(kept.session, kept.meetings, ((drop,) if made else ()) + kept.undo)  # dropped last

    return entry, undoable


def _in_order(session: Session, meeting: Meeting, at: dt.datetime) -> dt.datetime:
    """The time for a new note or readiness change of `meeting`: `at`, but never before the meeting's last
    entry (by absolute time, whatever offsets they were written with). A clock set back (NTP, a VM resumed,
    a changed TZ) then keeps what was typed in the order it was typed, and the meeting's record in time order.
    """
    zone = session.zone
    last = [absolute(e.at, zone) for e in (*meeting.notes[-1:], *meeting.readiness_changes[-1:])]
    if last and absolute(at, zone) < max(last):
        return max(last).astimezone(zone)
    return at


# --- notes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteDraft:
    """A note as typed (quick-note syntax) or given on the command line, before it is checked."""

    kind: str
    text: str
    party: str | None = None
    by: str | None = None
    owner: str | None = None
    due: dt.date | None = None


def draft_from_options(kind: str, text: str, *, party: str | None = None, by: str | None = None,
                       owner: str | None = None, due: str | None = None) -> NoteDraft:
    """A draft from the CLI's options: the kind in English or Swedish, the due date as ÅÅÅÅ-MM-DD."""
    found = note_kind(kind)
    if found is None:
        raise UserError(f"okänd sort '{kind}': note, decision, action, disagreement eller statement")
    return NoteDraft(found, text, party, by, owner, day_from_text(due or ""))


def day_from_text(text: str) -> dt.date | None:
    """A day typed as ÅÅÅÅ-MM-DD (None when nothing is typed); UserError for anything else."""
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"ogiltigt datum '{text.strip()}': skriv ÅÅÅÅ-MM-DD") from None


def check_note(session: Session, pack: Pack, question_id: str, draft: NoteDraft) -> str:
    """The draft's text, stripped, if it can become a note of `question_id`; else UserError saying why."""
    if question_id not in pack.questions:
        raise UserError(f"okänd fråga '{question_id}' (finns inte i paketet '{pack.id}')")
    if draft.kind != "action" and (draft.owner or draft.due):
        raise UserError("ansvarig och klart senast gäller bara åtgärder")
    if draft.kind == "statement" and draft.party is None:
        raise UserError("en protokollsanteckning görs av en part: ange vilken (#part)")
    if draft.party is not None and session.party(draft.party) is None:
        parties = ", ".join(p.id for p in session.parties) or "inga"
        raise UserError(f"okänd part '{draft.party}' (parter: {parties})")
    for who in (draft.by, draft.owner):
        if who is not None and session.participant(who) is None:
            raise UserError(f"okänd deltagare '{who}'")
    text = draft.text.strip()
    if not text:
        raise UserError("anteckningen är tom")
    if len(text) > MAX_NOTE_LENGTH:
        raise UserError(f"anteckningen är för lång ({len(text)} tecken, högst {MAX_NOTE_LENGTH})")
    return text


def add_note(session: Session, pack: Pack, meeting: Meeting, question_id: str, draft: NoteDraft,
             at: dt.datetime) -> tuple[Note, Touched]:
    """A checked note at the end of `meeting` (see `_in_order` for its time)."""
    text = check_note(session, pack, question_id, draft)
    note = Note(at=_in_order(session, meeting, at), question=question_id, kind=draft.kind, text=text,
                party=draft.party, by=draft.by, owner=draft.owner, due=draft.due)
    before = Before((meeting, "notes"))
    meeting.notes.append(note)
    return note, before.touched(_meeting(meeting))


NOTE_FIELDS = ("question", "kind", "text", "party", "by", "owner", "due")


def _correctable(meeting: Meeting, note: Note) -> None:
    if meeting.justified:
        raise UserError(f"protokollet från {meeting.id} är justerat: dess anteckningar kan inte ändras")
    if not any(n is note for n in meeting.notes):
        raise UserError("anteckningen finns inte längre i mötet")


def edit_note(session: Session, pack: Pack, meeting: Meeting, note: Note, question_id: str,
              draft: NoteDraft) -> Touched:
    """Correct a note: its text, kind, party, speaker, owner and due day, or the question it belongs to.
    An action keeps the day it was marked done, unless it is no longer an action."""
    _correctable(meeting, note)
    text = check_note(session, pack, question_id, draft)
    if (note.question, note.kind, note.text, note.party, note.by, note.owner, note.due) == (
            question_id, draft.kind, text, draft.party, draft.by, draft.owner, draft.due):
        return NOTHING
    before = Before(*((note, name) for name in (*NOTE_FIELDS, "done")))
    note.question, note.kind, note.text = question_id, draft.kind, text
    note.party, note.by, note.owner, note.due = draft.party, draft.by, draft.owner, draft.due
    if note.kind != "action":
        note.done = None
    return before.touched(_meeting(meeting))


def delete_note(meeting: Meeting, note: Note) -> Touched:
    _correctable(meeting, note)
    before = Before((meeting, "notes"))
    meeting.notes = [n for n in meeting.notes if n is not note]
    return before.touched(_meeting(meeting))


def toggle_action_done(meeting: Meeting, note: Note, today: dt.date) -> Touched:
    """Mark an action done today, or open again."""
    before = Before((note, "done"))
    note.done = None if note.done else today
    return before.touched(_meeting(meeting))


def toggle_actions_done(toggled: list[tuple[Meeting, Note]], today: dt.date) -> Touched:
    """What the actions dialog returns: each action (with its meeting) marked done or open again."""
    touched = NOTHING
    for meeting, note in toggled:
        touched |= toggle_action_done(meeting, note, today)
    return touched


# --- the question's state ----------------------------------------------------------------------


def set_readiness(session: Session, meeting: Meeting, question_id: str, value: int, at: dt.datetime) -> Touched:
    """How far the discussion of a question has got (0..READINESS_TOP), and the change in the meeting."""
    value = max(0, min(READINESS_TOP, value))
    was = session.readiness(question_id)
    if value == was:
        return NOTHING
    state, undoable = _entry(session.questions, question_id, QuestionState, "readiness", SESSION)
    changes = Before((meeting, "readiness_changes"))
    state.readiness = value
    meeting.readiness_changes.append(ReadinessChange(question_id, was, value, _in_order(session, meeting, at)))
    return undoable(SESSION) | changes.touched(_meeting(meeting))


def toggle_revisit(session: Session, question_id: str) -> Touched:
    state, undoable = _entry(session.questions, question_id, QuestionState, "revisit", SESSION)
    state.revisit = not state.revisit
    return undoable(SESSION)


FIELD_KINDS = ("answer", "canvas")  # a svarsmall field, a dialogduk prompt


def set_field(session: Session, question_id: str, kind: str, field_id: str, text: str) -> Touched:
    """The text of one svarsmall field or dialogduk prompt."""
    current = session.state(question_id)
    if (current.answers if kind == "answer" else current.canvas).get(field_id, "") == text:
        return NOTHING
    state, undoable = _entry(session.questions, question_id, QuestionState, "answers" if kind == "answer"
                             else "canvas", SESSION)
    (state.answers if kind == "answer" else state.canvas)[field_id] = text
    return undoable(SESSION)


# --- agenda items ------------------------------------------------------------------------------


def record_time(meeting: Meeting, question_id: str, seconds: int) -> Touched:
    """Add time spent on a question to its agenda item; leafing past a question is not time spent.

    A clock that steps back gives no time (never a negative `seconds`); one that jumps ahead is capped at
    what the loader accepts, so a wrong clock never makes the meeting's file unopenable."""
    if seconds <= 0:
        return NOTHING
    dwelt = seconds >= BROWSING and (question_id in meeting.agenda
                                     or any(n.question == question_id for n in meeting.notes))
    if question_id not in meeting.items and not dwelt:
        return NOTHING
    item = meeting.items.setdefault(question_id, AgendaItem())
    item.seconds = min(MAX_ITEM_SECONDS, item.seconds + seconds)
    return _meeting(meeting)


def cycle_item_type(meeting: Meeting, question_id: str) -> Touched:
    """information → samverkan → inför beslut → unset → …"""
    item, undoable = _entry(meeting.items, question_id, AgendaItem, "type", _meeting(meeting))
    item.type = _next(ITEM_TYPES, item.type)
    return undoable(_meeting(meeting))


def cycle_outcome(meeting: Meeting, question_id: str) -> Touched:
    """överens → ej överens → unset → …; not once the parties' positions are recorded: they decide it."""
    known = meeting.items.get(question_id)
    if known is not None and known.positions:
        raise UserError("utfallet följer av parternas ståndpunkter: ändra dem med s")
    item, undoable = _entry(meeting.items, question_id, AgendaItem, "outcome", _meeting(meeting))
    item.outcome = _next(OUTCOMES, item.outcome)
    return undoable(_meeting(meeting))


def set_positions(session: Session, meeting: Meeting, question_id: str, positions: dict[str, str]) -> Touched:
    """Each party's position on the item (party id -> one of POSITIONS; a party left out has none); the
    overall outcome follows from them (`item_outcome`)."""
    for party_id, position in positions.items():
        if session.party(party_id) is None:
            raise UserError(f"okänd part '{party_id}'")
        if position not in POSITIONS:
            raise UserError(f"okänd ståndpunkt '{position}' ({', '.join(POSITIONS)})")
    known = meeting.items.get(question_id)
    if (known.positions if known is not None else {}) == positions:
        return NOTHING
    item, undoable = _entry(meeting.items, question_id, AgendaItem, "positions", _meeting(meeting))
    item.positions = dict(positions)
    return undoable(_meeting(meeting))


def agreed_texts(session: Session, pack: Pack, question_id: str, at: dt.datetime) -> list[AgreedText]:
    """A copy of each svarsmall field of the question that has text; UserError if none has."""
    answers = session.state(question_id).answers
    agreed = [AgreedText(question_id, f.id, answers[f.id].strip(), at) for f in pack.questions[question_id].fields
              if answers.get(f.id, "").strip()]
    if not agreed:
        raise UserError(f"svarsmallen för {question_id} är tom: skriv texten parterna är överens om först")
    return agreed


def record_agreed(session: Session, pack: Pack, meeting: Meeting, question_id: str,
                  at: dt.datetime) -> tuple[list[AgreedText], Touched]:
    """The parties agree on the question's svarsmall text as it stands: a copy of each field with text goes
    into the meeting's record, quoted in the minutes whatever becomes of the answer later."""
    agreed = agreed_texts(session, pack, question_id, at)
    before = Before((meeting, "agreed"))
    meeting.agreed = [*meeting.agreed, *agreed]
    return agreed, before.touched(_meeting(meeting))


def toggle_adjusted(meeting: Meeting, question_id: str) -> Touched:
    item, undoable = _entry(meeting.items, question_id, AgendaItem, "adjusted_at_once", _meeting(meeting))
    item.adjusted_at_once = not item.adjusted_at_once
    return undoable(_meeting(meeting))


def _next(values: tuple[str, ...], current: str | None) -> str | None:
    """The next of `values` after `current`, then unset, then the first again."""
    if current is None:
        return values[0]
    index = values.index(current) + 1
    return values[index] if index < len(values) else None


# --- the meeting -------------------------------------------------------------------------------


@dataclass
class MeetingSetup:
    """What the meeting dialog edits; applied to the meeting only when the user saves it."""

    place: str = ""
    start: dt.time | None = None
    end: dt.time | None = None
    attendees: list[str] = field(default_factory=list)
    chair: str | None = None
    secretary: str | None = None
    adjusters: list[str] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    justify_previous: bool = False  # sign the previous minutes as part of saving
    date: dt.date | None = None  # a meeting not yet started: the day it is planned for
    begin: bool = False  # a meeting not yet started: start it now ("Starta mötet nu")
    kind: str | None = None  # one of MEETING_KINDS
    basis: str | None = None  # the meeting's own basis; None: the session's
    number: int | None = None  # the protocol's number
    absent: list[str] = field(default_factory=list)  # parties with anmält förhinder
    group: str | None = None  # the session's: the body that meets (None: the dialog did not show it)
    registry: str | None = None  # the session's diarienummer, with `group`

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingSetup:
        return cls(meeting.place, meeting.start, meeting.end, list(meeting.attendees), meeting.chair,
                   meeting.secretary, list(meeting.adjusters), list(meeting.agenda),
                   date=meeting.date if meeting.planned else None, kind=meeting.kind, basis=meeting.basis,
                   number=meeting.number, absent=list(meeting.absent))


SETUP_FIELDS = ("place", "start", "end", "attendees", "adjusters", "chair", "secretary", "agenda", "kind", "basis",
                "number", "absent")


def apply_setup(session: Session, pack: Pack, meeting: Meeting, setup: MeetingSetup, on: dt.date) -> Touched:
    """The meeting dialog's values into the meeting (agenda in pack order); signs the previous minutes
    when asked to. A planned meeting keeps its day (its file is named by it)."""
    for person in [*setup.attendees, *setup.adjusters, setup.chair, setup.secretary]:
        if person is not None and session.participant(person) is None:
            raise UserError(f"okänd deltagare '{person}'")
    for party in setup.absent:
        if session.party(party) is None:
            raise UserError(f"okänd part '{party}'")
    if setup.kind is not None and setup.kind not in MEETING_KINDS:
        raise UserError(f"okänd mötesform '{setup.kind}' ({', '.join(MEETING_KINDS)})")
    if setup.number is not None and setup.number < 1:
        raise UserError(f"protokollets nummer ska vara ett positivt heltal, inte {setup.number}")
    if setup.date not in (None, meeting.date):
        raise UserError(f"mötet är planerat till {meeting.date} och kan inte flyttas: planera ett nytt möte")
    before = Before(*((meeting, name) for name in SETUP_FIELDS))
    meeting.place = setup.place.strip()
    meeting.start, meeting.end = setup.start, setup.end
    meeting.attendees = list(setup.attendees)
    meeting.adjusters = list(setup.adjusters)
    meeting.chair, meeting.secretary = setup.chair, setup.secretary
    meeting.agenda = [q for q in pack.questions if q in set(setup.agenda)]
    meeting.kind, meeting.number = setup.kind, setup.number
    meeting.basis = setup.basis.strip() if setup.basis is not None else None
    meeting.absent = [p.id for p in session.parties if p.id in set(setup.absent)]
    touched = before.touched(_meeting(meeting))
    if setup.justify_previous:
        touched |= justify_previous(session, meeting, on)[1]
    return touched


def begin(session: Session, meeting: Meeting, at: dt.datetime) -> Touched:
    """Start a planned meeting of today now: from here on it is held, and its minutes come up for
    adjustment at the next one. Its previous minutes are those of the meeting last held before it."""
    if not meeting.planned:
        return NOTHING
    if meeting.date != at.date():
        raise UserError(f"mötet är planerat till {meeting.date}: det kan startas först den dagen")
    before = Before(*((meeting, name) for name in ("planned", "start", "previous", "number")))
    last = last_held(session)  # while it is planned, it is not among them
    if last is not None and last.id != meeting.previous:  # a meeting held since it was planned
        meeting.previous = unsigned(last)
    if meeting.number is not None and any(m.number == meeting.number and m.date.year == meeting.date.year
                                          for m in held(session)):
        meeting.number = proposed_number(session, meeting)  # that one took the number it was planned with
    meeting.planned, meeting.start = False, at.time().replace(second=0, microsecond=0)
    return before.touched(_meeting(meeting))


def attend(meeting: Meeting, participant_id: str) -> Touched:
    """Someone is present at the meeting."""
    if participant_id in meeting.attendees:
        return NOTHING
    before = Before((meeting, "attendees"))
    meeting.attendees.append(participant_id)
    return before.touched(_meeting(meeting))


def justify_previous(session: Session, meeting: Meeting, on: dt.date) -> tuple[Meeting | None, Touched]:
    """Record that the minutes up for adjustment at `meeting` were signed by their adjusters;
    the meeting whose minutes they are, or None if there are none unsigned."""
    previous = session.meeting(meeting.previous) if meeting.previous else None
    if previous is None or previous.justified:
        return None, NOTHING
    before = Before(*((previous, name) for name in ("justified", "justified_by", "justified_at")))
    previous.justified = True
    previous.justified_by = list(previous.adjusters)
    previous.justified_at = on
    return previous, before.touched(_meeting(previous))


# --- people and parties ------------------------------------------------------------------------


def new_id(session: Session, name: str, fallback: str) -> str:
    """A readable id unique among parties and participants: 'OFR/ST' -> 'ofr-st', then 'ofr-st-2'."""
    base = ascii_slug(name) or fallback
    taken = {p.id for p in session.participants} | {p.id for p in session.parties}
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _person(session: Session, pack: Pack, name: str, role: str, party: str | None) -> str:
    """A participant's name, stripped, if it, the role and the party can be a participant's; else UserError."""
    name = name.strip()
    if not name:
        raise UserError("deltagaren behöver ett namn")
    if pack.role(role) is None:
        raise UserError(f"okänd roll '{role}' (roller: {', '.join(r.id for r in pack.roles)})")
    if party is not None and session.party(party) is None:
        raise UserError(f"okänd part '{party}'")
    return name


def _party(name: str, kind: str) -> str:
    """A party's name, stripped, if it and the kind can be a party's; else UserError."""
    name = name.strip()
    if not name:
        raise UserError("parten behöver ett namn")
    if kind not in PARTY_KINDS:
        raise UserError(f"okänd sorts part '{kind}' ({' eller '.join(PARTY_KINDS)})")
    return name


def add_participant(session: Session, pack: Pack, name: str, role: str,
                    party: str | None) -> tuple[Participant, Touched]:
    name = _person(session, pack, name, role, party)
    person = Participant(new_id(session, name.split()[0], "deltagare"), name, role, party)
    before = Before((session, "participants"))
    session.participants.append(person)
    return person, before.touched(SESSION)


def add_party(session: Session, name: str, kind: str) -> tuple[Party, Touched]:
    name = _party(name, kind)
    party = Party(new_id(session, name, "part"), kind, name)
    before = Before((session, "parties"))
    session.parties.append(party)
    return party, before.touched(SESSION)


def edit_participant(session: Session, pack: Pack, person: Participant, name: str, role: str,
                     party: str | None) -> Touched:
    """Correct a participant's name, role or party; the id (used in the files) stays."""
    name = _person(session, pack, name, role, party)
    if (person.name, person.role, person.party) == (name, role, party):
        return NOTHING
    before = Before((person, "name"), (person, "role"), (person, "party"))
    person.name, person.role, person.party = name, role, party
    return before.touched(SESSION)


def edit_party(session: Session, party: Party, name: str, kind: str) -> Touched:
    """Correct a party's name or kind (a union registered as the employer by mistake); the id stays."""
    name = _party(name, kind)
    if (party.name, party.kind) == (name, kind):
        return NOTHING
    before = Before((party, "name"), (party, "kind"))
    party.name, party.kind = name, kind
    return before.touched(SESSION)


PERSON_ROLES = ("chair", "secretary", "adjusters", "attendees")


def remove_participant(session: Session, person: Participant, current: Meeting | None) -> Touched:
    """Take away someone registered by mistake: refused once the person is in the record of a meeting
    (a note, or any meeting's roles other than the current one's, which lose them)."""
    for meeting in session.meetings:
        if any(person.id in (n.by, n.owner) for n in meeting.notes):
            raise UserError(f"{person.name} finns i anteckningarna från {meeting.id}: kan inte tas bort")
        if meeting is not current and _has_role(meeting, person.id):
            raise UserError(f"{person.name} finns i mötet {meeting.id}: kan inte tas bort")
    before = Before((session, "participants"))
    session.participants = [p for p in session.participants if p is not person]
    touched = before.touched(SESSION)
    if current is not None and _has_role(current, person.id):
        roles = Before(*((current, name) for name in PERSON_ROLES))
        current.chair = None if current.chair == person.id else current.chair
        current.secretary = None if current.secretary == person.id else current.secretary
        current.adjusters = [p for p in current.adjusters if p != person.id]
        current.attendees = [p for p in current.attendees if p != person.id]
        touched |= roles.touched(_meeting(current))
    return touched


def _has_role(meeting: Meeting, person_id: str) -> bool:
    return person_id in (meeting.chair, meeting.secretary, *meeting.adjusters, *meeting.attendees)


def remove_party(session: Session, party: Party) -> Touched:
    """Take away a party registered by mistake: refused while someone belongs to it or a note names it."""
    members = [p.name for p in session.participants if p.party == party.id]
    if members:
        raise UserError(f"{party.name} har deltagare ({', '.join(members)}): ändra deras part först")
    for meeting in session.meetings:
        if any(n.party == party.id for n in meeting.notes):
            raise UserError(f"{party.name} finns i anteckningarna från {meeting.id}: kan inte tas bort")
        if party.id in meeting.absent or any(party.id in item.positions for item in meeting.items.values()):
            raise UserError(f"{party.name} finns i mötet {meeting.id} (närvaro eller ståndpunkt): kan inte tas bort")
    before = Before((session, "parties"))
    session.parties = [p for p in session.parties if p is not party]
    return before.touched(SESSION)


@dataclass(frozen=True)
class NewParty:
    name: str
    kind: str  # arbetsgivare | arbetstagare


@dataclass(frozen=True)
class NewPerson:
    name: str
    role: str
    party: str | NewParty | None  # an existing party's id, or one of the registration's new parties


@dataclass(frozen=True)
class Registration:
    """What the participant dialog returns: parties to add, and perhaps a person."""

    parties: tuple[NewParty, ...] = ()
    person: NewPerson | None = None


def register(session: Session, pack: Pack, registration: Registration) -> tuple[Participant | None, Touched]:
    """Add the registration's parties, then its person (who may belong to one of them)."""
    touched = NOTHING
    made: dict[int, str] = {}
    for new in registration.parties:
        party, step = add_party(session, new.name, new.kind)
        made[id(new)], touched = party.id, touched | step
    person = registration.person
    if person is None:
        return None, touched
    party_id = made[id(person.party)] if isinstance(person.party, NewParty) else person.party
    participant, step = add_participant(session, pack, person.name, person.role, party_id)
    return participant, touched | step


def set_details(session: Session, group: str, registry: str) -> Touched:
    """The body that meets (`group`, in the minutes' heading) and the diarienummer; empty: none."""
    group, registry = group.strip() or None, registry.strip() or None
    if (session.group, session.registry) == (group, registry):
        return NOTHING
    before = Before((session, "group"), (session, "registry"))
    session.group, session.registry = group, registry
    return before.touched(SESSION)


# --- a visit of the central follow-up (PRODUCT.md §9) ----------------------------------------


def set_visit(session: Session, group: str, visited: dt.date | None, on: dt.date | None = None) -> Touched:
    """Make the session the visit to `group` on the day `visited` (None: the day of its first meeting held, or
    with none held, the day `on` it is set); both are kept, since a session may name its group without being
    a visit (`is_visit`)."""
    group = group.strip()
    if not group:
        raise UserError("gruppen som besöktes behöver ett namn")
    first = min((m.date for m in session.meetings if not m.planned), default=None)
    visited = visited or first or on
    if visited is None:
        raise UserError("ange dagen för besöket (inget möte är hållet än)")
    if (session.group, session.visited) == (group, visited):
        return NOTHING
    before = Before((session, "group"), (session, "visited"))
    session.group, session.visited = group, visited
    return before.touched(SESSION)


def rated_area(session: Session, pack: Pack, question_id: str) -> tuple[VisitGuide, VisitArea]:
    """The visit guide and the development area whose rating is set at `question_id`; UserError if none is."""
    guide = pack.visit
    if guide is None:
        raise UserError(f"paketet '{pack.id}' har ingen besöksguide: bara besök i uppföljningen bedöms")
    if not is_visit(session):
        raise UserError("sessionen är inget besök: ange först vilken grupp som besöks")
    area = guide.area_of(question_id)
    if area is None:
        firsts = ", ".join(a.questions[0] for a in guide.areas)
        raise UserError(f"fråga {question_id} hör inte till något utvecklingsområde (de bedöms i {firsts} …)")
    return guide, area


def set_rating(session: Session, pack: Pack, question_id: str, rating_id: str | None) -> Touched:
    """The development area's jointly agreed rating (an id of the guide's scale; None: not rated), set at any
    of its questions and kept in the answers of its first, under the guide's rating field."""
    guide, area = rated_area(session, pack, question_id)
    rating = guide.rating(rating_id) if rating_id is not None else None
    if rating_id is not None and rating is None:
        raise UserError(f"okänd bedömning '{rating_id}' ({', '.join(r.id for r in guide.ratings)})")
    return set_field(session, area.questions[0], "answer", guide.rating_field, rating.id if rating else "")


def cycle_rating(session: Session, pack: Pack, question_id: str) -> Touched:
    """The area's rating one step on: not rated → the scale from best to worst → not rated. A text the scale
    does not know (written by hand) is followed by the best."""
    guide, area = rated_area(session, pack, question_id)
    current = guide.rating(session.state(area.questions[0]).answers.get(guide.rating_field))
    return set_rating(session, pack, question_id, _next(tuple(r.id for r in guide.ratings),
                                                        current.id if current else None))


# --- what a stopped app could not save ---------------------------------------------------------


def restore(session: Session, recovery: Recovery) -> Touched:
    """Put the recovered notes and field text back into the model."""
    touched = NOTHING
    for meeting_id, note in recovery.notes:
        meeting = session.meeting(meeting_id)
        if meeting is None:
            meeting = Meeting(id=meeting_id, date=dt.date.fromisoformat(meeting_id[:10]))
            session.meetings.append(meeting)
            session.meetings.sort(key=meeting_order)
        if note not in meeting.notes:
            meeting.notes.append(note)
            meeting.notes.sort(key=lambda n: absolute(n.at, session.zone))
        touched |= _meeting(meeting)
    for question_id, fields in recovery.answers.items():
        session.edit_state(question_id).answers.update(fields)
        touched |= SESSION
    for question_id, fields in recovery.canvas.items():
        session.edit_state(question_id).canvas.update(fields)
        touched |= SESSION
    return touched
