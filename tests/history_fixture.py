"""A session with history: weekly meetings up to one held today, built through the real model and store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from conftest import NOW, TZ
from samverka.phases import find_pack
from samverka.sessions.demo import PARTICIPANTS, PARTIES
from samverka.sessions.model import Meeting, Note
from samverka.sessions.store import SessionStore

TODAY = NOW.date()
EARLIER = ("2026-11-02", "2026-11-09", "2026-11-16")  # history_session's meetings before TODAY's

# What each meeting's notes are, in turn: (question, kind, party, speaker). Every meeting opens with a
# plain note on 1.1, the first question a session opens on, so its notes pane has history to show.
_NOTES = (
    ("1.1", "note", None, None),
    ("1.2", "action", None, None),
    ("1.3", "decision", None, None),
    ("1.4", "disagreement", "saco", None),
    ("2.1", "statement", "st", "cecilia"),
)
_SAID = (
    "Arbetsgivaren föreslår att dagordningen skickas ut minst en vecka före mötet.",
    "Boka en gemensam utbildningsdag för chefer och förtroendevalda.",
    "Samverkansgruppen träffas en gång i månaden, utom i juli.",
    "Parterna är oense om vilken nivå lokalförsörjningen ska samverkas på.",
    "OFR/ST vill att det antecknas att underlaget kom dagen före mötet.",
)


def history_session(data_dir: Path, today: dt.date = TODAY, slug: str = "historik", *, meetings: int = 4,
                    notes: int = 5) -> Path:
    """`meetings` weekly meetings of `notes` notes each, the last on `today` and still under way.

    Each note's text begins with its meeting's date and number, so no two are alike. No question has
    a readiness yet: the session is in its first phase.
    """
    sessions = data_dir / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    store = SessionStore.create(sessions, slug, "Norrbyverket", "Avtal Norrby 2027",
                                find_pack("lokalt-samverkansavtal", None))
    session = store.session
    session.created = dt.datetime.combine(today - dt.timedelta(days=7 * meetings), dt.time(9), TZ)
    session.parties = list(PARTIES)
    session.participants = list(PARTICIPANTS)
    for index in range(meetings):
        day = today - dt.timedelta(days=7 * (meetings - 1 - index))
        session.meetings.append(_meeting(day, notes, live=index == meetings - 1))
    store.save()
    return store.session.path


def _meeting(day: dt.date, notes: int, *, live: bool) -> Meeting:
    start = dt.datetime.combine(day, dt.time(9), TZ)
    meeting = Meeting(
        id=day.isoformat(),
        date=day,
        start=start.time(),
        end=None if live else dt.time(11, 30),
        place="Konferensrum Ljusgården",
        chair="anna",
        secretary="bo",
        attendees=[p.id for p in PARTICIPANTS],
        justified=not live,
    )
    for n in range(notes):
        question, kind, party, by = _NOTES[n % len(_NOTES)]
        text = f"{day.isoformat()} nr {n + 1}: {_SAID[n % len(_SAID)]}"
        note = Note(start + dt.timedelta(minutes=n), question, kind, text, party=party, by=by)
        if kind == "action":
            note.owner, note.due = "bo", day + dt.timedelta(days=14)
        meeting.notes.append(note)
    meeting.agenda = list(dict.fromkeys(note.question for note in meeting.notes))
    return meeting


def break_first_meeting(path: Path) -> tuple[Path, int]:
    """Give the first meeting's first note an unknown kind; the file and the line number of that kind."""
    broken = min((path / "meetings").glob("*.toml"))
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    index = lines.index('kind = "note"\n')
    lines[index] = 'kind = "gåta"\n'
    broken.write_text("".join(lines), encoding="utf-8")
    return broken, index + 1


def meetings(store: SessionStore) -> list[tuple[str, list[str]]]:
    """Each meeting's id and note texts, in order."""
    return [(m.id, [n.text for n in m.notes]) for m in store.session.meetings]


def snapshot_values(store: SessionStore) -> list[tuple[str, dict[str, Any]]]:
    """What a save would write, file by file."""
    return [(str(p.path), p.values) for p in store.snapshot(store.session.meetings)]
