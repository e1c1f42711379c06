"""The notes pane under the question card."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from samverka.sessions.model import KIND_LABELS, Meeting, Note, Session, is_open_action
from samverka.text import one_line, visible
from samverka.tui.widgets.display import short_date

KIND_STYLES = {
    "decision": "bold",
    "action": "bold",
    "disagreement": "bold reverse",
    "statement": "italic",
}
NOTE_SHOWN = 2_000  # characters of one note shown in the notes pane; the rest is in the file and the minutes
EARLIER_SHOWN = 30  # notes from earlier meetings shown per question; older ones are in the minutes


class NotesPane(VerticalScroll, can_focus=True):
    """The frame the notes scroll in: `a` or Tab gives it the focus, then ↑ ↓ PgUp PgDn Home End scroll it
    and Enter opens them for correcting (as `c` does anywhere on the screen).

    Focused, its top border says so and which keys scroll, so that no one types into it believing it a field.
    """

    BINDINGS = [Binding("enter", "screen.correct_notes", "Rätta anteckningar", show=False)]

    DEFAULT_CSS = """
    NotesPane:focus {
        background: $boost;
        border-title-style: bold;
        border-title-color: $text;
    }
    """

    def on_focus(self) -> None:
        self.border_title = "Anteckningar ↑ ↓ PgUp PgDn · Enter rätta · Tab vidare"

    def on_blur(self) -> None:
        self.border_title = None


class NotesView(Static):
    """The current question's notes: this meeting's (newest first), open actions carried over from earlier
    meetings, then earlier meetings' notes (newest first).

    This meeting's at the top and newest first, so that a note just entered is the first line under the
    heading: the pane is five lines high at 80×24, and in the order of the minutes the newest fell below the
    fold. The carried-over actions follow: seen on arriving at a question (when this meeting has no notes on
    it yet), a scroll away once the discussion has begun.
    """

    @classmethod
    def text(cls, session: Session, current: Meeting | None, notes: list[tuple[Meeting, Note]],
             today: dt.date, *, reading: bool = False) -> Text:
        """`reading`: the earlier meetings are still being read (the pane says so)."""
        text = Text()
        ours = [n for m, n in notes if m is current]
        earlier = [(m, n) for m, n in notes if m is not current]
        carried = [(m, n) for m, n in earlier if is_open_action(n, today)]
        text.append("Detta möte", "bold underline")
        text.append("\n")
        if not ours:
            text.append("Inga anteckningar ännu. Tryck n för att skriva.\n", "dim")
        for note in reversed(ours):
            cls._line(text, session, note)
        if carried:
            text.append("Öppna åtgärder från tidigare möten (x: markera klar)", "bold underline")
            text.append("\n")
            for meeting, note in carried:
                text.append(f"{meeting.id} ", "dim")
                cls._line(text, session, note)
        if reading:
            text.append("Läser tidigare möten …\n", "dim")
        if earlier:
            text.append("Tidigare möten", "bold underline")
            text.append("\n")
            last = None
            for meeting, note in reversed(earlier[-EARLIER_SHOWN:]):
                if meeting is not last:
                    text.append(f"{short_date(meeting.date)}\n", "bold")
                    last = meeting
                cls._line(text, session, note)
            if len(earlier) > EARLIER_SHOWN:
                text.append(f"… och {len(earlier) - EARLIER_SHOWN} äldre anteckningar, se tidigare protokoll\n",
                            "dim")
        return text

    @staticmethod
    def _line(text: Text, session: Session, note: Note) -> None:
        text.append(f"{note.at:%H:%M} ")
        if note.kind != "note":
            text.append(f"{KIND_LABELS[note.kind]}: ", KIND_STYLES.get(note.kind, "bold"))
        party = session.party(note.party)
        if party:
            text.append(f"[{one_line(party.name)}] ", "bold")
        speaker = session.participant(note.by)
        if speaker:
            text.append(f"{one_line(speaker.name)}: ")
        shown = note.text if len(note.text) <= NOTE_SHOWN else note.text[:NOTE_SHOWN]
        text.append(visible(shown))
        if len(note.text) > NOTE_SHOWN:
            text.append(f" … ({len(note.text) - NOTE_SHOWN} tecken till)", "italic")
        if note.kind == "action":
            owner = session.participant(note.owner)
            details = [f"ansvarig {one_line(owner.name)}" if owner else "",
                       f"klart senast {note.due}" if note.due else "", f"✓ klar {note.done}" if note.done else ""]
            details = [d for d in details if d]
            if details:
                text.append(f" ({', '.join(details)})", "italic")
        text.append("\n")
