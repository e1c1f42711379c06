"""The session model (PRODUCT.md §4): plain dataclasses, the single source of truth for every screen and export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from samverka.sessions.clock import zone

FORMAT = 1
NOTE_KINDS = ("note", "decision", "action", "disagreement", "statement")
NOTE_KIND_ALIASES = {
    "anteckning": "note",
    "beslut": "decision",
    "åtgärd": "action",
    "atgard": "action",
    "oenighet": "disagreement",
    "protokollsanteckning": "statement",
}
PARTY_KINDS = ("arbetsgivare", "arbetstagare")
ITEM_TYPES = ("information", "samverkan", "infor_beslut")
OUTCOMES = ("overens", "ej_overens")
POSITIONS = ("overens", "ej_overens", "avstar")  # one party's position on an agenda item
MEETING_KINDS = ("arbetsgrupp", "samverkan", "forhandling")
MINUTES_TITLES = ("Protokoll", "Mötesanteckningar")
KIND_LABELS = {
    "note": "Anteckning",
    "decision": "Beslut",
    "action": "Åtgärd",
    "disagreement": "Oenighet",
    "statement": "Protokollsanteckning",
}
ITEM_TYPE_LABELS = {
    "information": "Informationsärende",
    "samverkan": "Samverkansärende",
    "infor_beslut": "Inför beslut",
}
POSITION_LABELS = {
    "overens": "Överens",
    "ej_overens": "Ej överens",
    "avstar": "Avstår",
}
MEETING_KIND_LABELS = {
    "arbetsgrupp": "Arbetsgruppsmöte",
    "samverkan": "Samverkansmöte",
    "forhandling": "Förhandling",
}
READINESS_TOP = 4  # the top of the readiness scale (0..4): the discussion of a question is done
MAX_NOTE_LENGTH = 20_000  # characters; longer text is a document and belongs in an answer field
MAX_ITEM_SECONDS = 10**7  # time spent on one agenda item: the most a meeting file may hold (about 116 days)


@dataclass
class Party:
    id: str
    kind: str
    name: str


@dataclass
class Participant:
    id: str
    name: str
    role: str
    party: str | None = None
    title: str | None = None  # job title, printed in the minutes' attendance ("HR-specialist")


@dataclass
class QuestionState:
    readiness: int = 0
    revisit: bool = False
    answers: dict[str, str] = field(default_factory=dict)
    canvas: dict[str, str] = field(default_factory=dict)


@dataclass
class Note:
    at: dt.datetime
    question: str
    kind: str
    text: str
    party: str | None = None
    by: str | None = None
    owner: str | None = None
    due: dt.date | None = None
    done: dt.date | None = None  # actions: the day it was marked done; open until then


def is_open_action(note: Note, on: dt.date | None = None) -> bool:
    """An action not yet done (as of the day `on`, if given)."""
    return note.kind == "action" and (note.done is None or (on is not None and note.done > on))


@dataclass
class ReadinessChange:
    question: str
    before: int
    after: int
    at: dt.datetime


@dataclass
class AgendaItem:
    """Per agenda item state of a meeting (`[items."1.1"]`)."""

    type: str | None = None
    outcome: str | None = None
    adjusted_at_once: bool = False
    seconds: int = 0
    positions: dict[str, str] = field(default_factory=dict)  # party id -> one of POSITIONS; see `item_outcome`


@dataclass
class AgreedText:
    """Svarsmall text the parties agreed on in a meeting (`[[agreed]]`): a copy that later edits of the
    answer do not change, quoted in the minutes."""

    question: str
    field: str  # the svarsmall field's id (not checked against the pack: the record outlives pack changes)
    text: str
    at: dt.datetime


@dataclass
class Meeting:
    id: str  # the file's stem: "2026-11-22", or "2026-11-22-2" for a second meeting that day
    date: dt.date
    number: int | None = None  # the protocol's number (1, 2, …); see `proposed_number`
    kind: str | None = None  # one of MEETING_KINDS; None: not chosen
    basis: str | None = None  # overrides the session's basis; see `meeting_basis`
    start: dt.time | None = None
    end: dt.time | None = None
    place: str = ""
    chair: str | None = None
    secretary: str | None = None
    adjusters: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # party ids with anmält förhinder; see `absent_parties`
    agenda: list[str] = field(default_factory=list)
    justified: bool = False
    justified_by: list[str] = field(default_factory=list)  # adjusters who signed the minutes
    justified_at: dt.date | None = None
    previous: str | None = None  # id of the earlier meeting whose minutes are adjusted at this one
    planned: bool = False  # prepared (agenda, people) but not yet started: no meeting held, nothing in the minutes
    items: dict[str, AgendaItem] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    readiness_changes: list[ReadinessChange] = field(default_factory=list)
    agreed: list[AgreedText] = field(default_factory=list)


@dataclass
class Session:
    path: Path
    title: str
    organisation: str
    pack: str
    pack_version: int
    created: dt.datetime
    minutes_title: str = MINUTES_TITLES[0]
    basis: str = "Lokalt samverkansavtal"
    parties: list[Party] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    questions: dict[str, QuestionState] = field(default_factory=dict)
    meetings: list[Meeting] = field(default_factory=list)
    group: str | None = None  # the body that meets (samverkansgrupp, arbetsgrupp); in a visit, the group visited
    visited: dt.date | None = None  # the day of the visit, in a central follow-up (see `is_visit`)
    registry: str | None = None  # diarienummer
    timezone: str | None = None  # IANA name (PRODUCT.md §4); None: no key in the file, Europe/Stockholm

    @property
    def zone(self) -> ZoneInfo:
        """The zone every time of the session is shown and stored in."""
        return zone(self.timezone)

    @property
    def slug(self) -> str:
        return self.path.name

    def party(self, party_id: str | None) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def participant(self, participant_id: str | None) -> Participant | None:
        return next((p for p in self.participants if p.id == participant_id), None)

    def state(self, question_id: str) -> QuestionState:
        """The state of a question for reading; an untouched question gets a detached default."""
        return self.questions.get(question_id) or QuestionState()

    def edit_state(self, question_id: str) -> QuestionState:
        """The state of a question for changing it: from now on it is saved to session.toml."""
        return self.questions.setdefault(question_id, QuestionState())

    def readiness(self, question_id: str) -> int:
        return self.state(question_id).readiness

    def note_count(self) -> int:
        return sum(len(m.notes) for m in self.meetings)

    def meeting(self, meeting_id: str) -> Meeting | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)


def is_visit(session: Session) -> bool:
    """A visit of a central follow-up (PRODUCT.md §9) — for a pack with a visit guide, which the caller checks:
    the session names its `group` and the day it was `visited`. A group alone, before any meeting, is no visit:
    every session may name the body that meets. A visit set up before the day was kept (a group, no `visited`,
    its meetings held) still is one: its day is that of its first meeting (`rollup.visit_day`)."""
    if not (session.group or "").strip():
        return False
    return session.visited is not None or any(not m.planned for m in session.meetings)


def meeting_basis(session: Session, meeting: Meeting) -> str:
    """The basis of a meeting: its own, else the session's. A meeting's empty basis is none at all (a working
    group has no MBL basis)."""
    return session.basis if meeting.basis is None else meeting.basis


def absent_parties(session: Session, meeting: Meeting) -> list[Party]:
    """The parties absent from a meeting, in the session's order: those with anmält förhinder (`absent`) and
    those with nobody among the attendees. A meeting without attendees recorded has only the declared ones:
    no attendance taken is not everybody away."""
    present = {p.party for p in map(session.participant, meeting.attendees) if p is not None}
    recorded = bool(meeting.attendees)
    return [party for party in session.parties
            if party.id in meeting.absent or (recorded and party.id not in present)]


def present_parties(session: Session, meeting: Meeting) -> list[Party]:
    """The parties at a meeting (those not in `absent_parties`), in the session's order."""
    absent = {party.id for party in absent_parties(session, meeting)}
    return [party for party in session.parties if party.id not in absent]


def item_outcome(session: Session, meeting: Meeting, question_id: str) -> str | None:
    """The overall outcome of an agenda item (one of OUTCOMES, or None: not concluded), from the positions
    of the parties present (those of absent parties do not count):
    - no present party has a position: the item's own `outcome` (files of format 1, items concluded as a whole);
    - any present party is ej_overens: ej_overens — each party's disagreement stands on its own;
    - every present party has a position and at least one is overens: overens (abstaining parties do not
      block it; the minutes name each party's position);
    - else (a present party has not taken a position yet, or all abstain): None.
    """
    item = meeting.items.get(question_id)
    if item is None:
        return None
    present = [p.id for p in present_parties(session, meeting)]
    taken = [item.positions[p] for p in present if p in item.positions]
    if not taken:
        return item.outcome
    if "ej_overens" in taken:
        return "ej_overens"
    if len(taken) == len(present) and "overens" in taken:
        return "overens"
    return None


def proposed_number(session: Session, meeting: Meeting) -> int:
    """The protocol number to propose for `meeting`: numbered per calendar year, one after the last meeting
    held before it that year; a held meeting without a number counts as the one after its predecessor."""
    number = 0
    for earlier in sorted(session.meetings, key=meeting_order):
        if meeting_order(earlier) >= meeting_order(meeting):
            break
        if not earlier.planned and earlier.date.year == meeting.date.year:
            number = earlier.number if earlier.number is not None else number + 1
    return number + 1


def meeting_order(meeting: Meeting) -> tuple[dt.date, int]:
    """Sort key: by date, a day's second meeting ("…-2") after its first."""
    _, _, suffix = meeting.id[10:].partition("-")
    return (meeting.date, int(suffix) if suffix.isdigit() else 1)


def readiness_percent(session: Session, question_ids: list[str]) -> int:
    """Mean readiness over `question_ids` as a percentage of the top level."""
    if not question_ids:
        return 0
    total = sum(session.readiness(q) for q in question_ids)
    return round(100 * total / (READINESS_TOP * len(question_ids)))


def note_kind(value: str) -> str | None:
    """The note kind for an English kind or its Swedish alias, or None if unknown."""
    value = value.strip().lower()
    if value in NOTE_KINDS:
        return value
    return NOTE_KIND_ALIASES.get(value)
