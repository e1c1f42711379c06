"""The current question's actions, to mark done or open again."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from samverka.sessions.model import Meeting, Note, Session
from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog, Listing


class ActionsScreen(Dialog):
    """The current question's actions, open ones first: Enter marks one done (or open again).

    Returns the actions toggled (each with its meeting); the notes change only when the opener applies it.
    """

    def __init__(self, session: Session, question_id: str, today: dt.date) -> None:
        super().__init__()
        self.session = session
        self.question_id = question_id
        self.today = today
        self.toggled: list[tuple[Meeting, Note]] = []

    def _done(self, note: Note) -> dt.date | None:
        """The action's done date as it will be once the toggles are applied."""
        if not any(n is note for _, n in self.toggled):
            return note.done
        return None if note.done else self.today

    def compose(self) -> ComposeResult:
        with Vertical(id="actions-body", classes="dialog"):
            yield Label(Text(f"Åtgärder för fråga {self.question_id} — Enter: klar / öppen igen", "bold"))
            yield Listing(id="actions-list")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def _actions(self) -> list[tuple[Meeting, Note]]:
        found = [(m, n) for m in self.session.meetings for n in m.notes
                 if n.kind == "action" and n.question == self.question_id]
        return sorted(found, key=lambda pair: self._done(pair[1]) is not None)

    def _fill(self) -> None:
        listing = self.query_one("#actions-list", Listing)
        highlighted = listing.highlighted
        listing.clear_options()
        self.shown = self._actions()
        for meeting, note in self.shown:
            owner = self.session.participant(note.owner)
            done = self._done(note)
            row = Text("✓ " if done else "○ ", "bold")
            row.append(one_line(note.text))
            details = [f"från {meeting.id}", f"ansvarig {one_line(owner.name)}" if owner else "",
                       f"klart senast {note.due}" if note.due else "", f"klar {done}" if done else ""]
            row.append("  (" + ", ".join(d for d in details if d) + ")", "dim")
            listing.add_option(Option(row))
        if not self.shown:
            listing.add_option(Option(Text("Inga åtgärder för frågan."), disabled=True))
        else:
            listing.highlighted = min(highlighted or 0, len(self.shown) - 1)
        self.set_focus(listing)  # at once: the keys typed next may be on their way

    @on(OptionList.OptionSelected, "#actions-list")
    def toggle(self, event: OptionList.OptionSelected) -> None:
        meeting, note = self.shown[event.option_index]
        before = len(self.toggled)
        self.toggled = [(m, n) for m, n in self.toggled if n is not note]
        if len(self.toggled) == before:
            self.toggled.append((meeting, note))
        self._fill()

    def action_close(self) -> None:
        self.dismiss(self.toggled)
