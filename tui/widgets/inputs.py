"""Text inputs that never hold control characters and never blink: fields, the quick note, text areas."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, TextArea
from textual.widgets.text_area import Edit

from samverka.sessions.model import MAX_NOTE_LENGTH
from samverka.text import one_line, visible

QUICK_NOTE_PLACEHOLDER = "text  ·  b: beslut  a: åtgärd @vem ÅÅÅÅ-MM-DD  o: oenighet  p: protokollsanteckning  #part"


class SafeInput(Input):
    """An Input whose value never holds control characters: pasted or loaded ones become visible escapes.

    Its cursor does not blink: a blinking cursor repaints twice a second over SSH.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_blink = False

    def validate_value(self, value: str) -> str:
        return one_line(value)


class QuickNoteInput(SafeInput):
    """The quick-note input: Enter takes the line at once, so keys typed right after it start a new note.

    (Input's own Enter is a binding that runs after the keys already queued behind it.)
    """

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            line, self.value = self.value, ""
            self.post_message(self.Submitted(self, line))
            return
        await super()._on_key(event)


class SafeTextArea(TextArea):
    """A TextArea that shows control characters as visible escapes and never lets one in by paste."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(visible(text), **kwargs)
        self.cursor_blink = False

    def edit(self, edit: Edit):
        # A terminal pastes line breaks as carriage returns: keep them line breaks.
        edit.text = visible(edit.text.replace("\r\n", "\n").replace("\r", "\n"))
        return super().edit(edit)


class NoteEntry(Horizontal):
    """The quick-note row: its label and the input (`#quick-note`)."""

    def __init__(self, *, read_only: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        yield Label("Anteckning ›", id="quick-note-label")
        yield QuickNoteInput(placeholder=QUICK_NOTE_PLACEHOLDER, max_length=MAX_NOTE_LENGTH, id="quick-note",
                             compact=True, disabled=self.read_only, select_on_focus=False)
