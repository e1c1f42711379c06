"""The main screen's notes: the quick note checked on Enter as strictly as the CLI, the notes pane following
the newest note, and `a` to read it by keyboard. Mixed into MainScreen, so that the screen stays readable in
one sitting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.errors import UserError
from samverka.sessions.model import KIND_LABELS
from samverka.sessions.quicknote import check_quick_note, plain_note
from samverka.text import one_line, sentence
from samverka.tui.widgets.notes import NotesPane, NotesView

if TYPE_CHECKING:
    from rich.text import Text

    from samverka.tui.screens.main import MainScreen

INSIST = "Rätta texten, eller tryck Enter igen: då sparas den som vanlig anteckning, precis som den står."


class NotesActions:
    _refused_note: str | None = None  # the quick-note line last kept for what is wrong in it

    def note_accepted(self: MainScreen, line: str) -> bool:
        """Enter in the quick note (its `accepts`): False keeps a line the CLI would refuse in the input and
        says what is wrong; Enter on the same line again takes it, to be saved as typed (`add_note`)."""
        if self.read_only or not line.strip():
            return True
        problems = check_quick_note(line, self.session, self.pack, self.current)[1]
        if not problems or line == self._refused_note:
            self._refused_note = None
            return True
        self._refused_note = line
        named = sentence(one_line(problems[0]))[:-1] + (f" (och {len(problems) - 1} till)" if len(problems) > 1 else "")
        # The status line, under the input, keeps it in sight (short: it shares the line with the mode);
        # the message says it all, every problem and what Enter again does.
        self._status(f"{named} — Enter igen sparar ändå", "bold")
        self.notify(" ".join(sentence(one_line(p)) for p in problems) + f" {INSIST}", severity="warning",
                    timeout=8)
        return False

    def add_note(self: MainScreen, line: str) -> bool:
        """Turn a typed line into a note of the current question and save it; False if it is no note.

        A line with something the CLI would refuse (taken only when Enter insisted, or when quitting) is
        saved as a plain note of what was typed: never a tag silently left in the text as if it were one.
        """
        draft, problems = check_quick_note(line, self.session, self.pack, self.current)
        self.save_fields_now()  # typed before the note: undone after it
        try:
            note = self.opened.add_note(self.current, plain_note(line) if problems else draft)
        except UserError as err:
            self.notify(sentence(one_line(err.message)), severity="warning")
            return False
        self.refresh_notes()
        self.refresh_bar()
        self._status(f"{KIND_LABELS[note.kind]} sparas…")
        return True

    def refresh_notes(self: MainScreen) -> None:
        """The notes of the current question, the pane at its top: where this meeting's newest note is."""
        self.query_one(NotesView).update(self._notes_text())
        self.query_one(NotesPane).scroll_home(animate=False)

    def _notes_text(self: MainScreen) -> Text:
        return NotesView.text(self.session, self.opened.today(), self.opened.notes_for(self.current),
                              self.opened.clock().date(), reading=self.opened.history_pending)

    def action_focus_notes(self: MainScreen) -> None:
        if self.nav_open:  # a narrow terminal's navigation covers the pane
            self.action_toggle_nav()
        # At once, not deferred like focus(): the arrows typed right after `a` are for the pane.
        self.set_focus(self.query_one(NotesPane))
