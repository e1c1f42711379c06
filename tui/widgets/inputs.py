"""Text inputs that never hold control characters and never blink: fields, the quick note, text areas; a paste
is kept whole or, where it does not fit, cut with a word."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import Input, Label, TextArea
from textual.widgets.text_area import Edit

from samverka.sessions.model import MAX_NOTE_LENGTH, Session
from samverka.text import one_line, visible

# Whole in the 66 columns the input has at 80×24; F1 says each in full.
QUICK_NOTE_PLACEHOLDER = "b: beslut  a: åtgärd @vem datum  o: oenighet  p: prot.ant.  #part"
# Joins the lines of a paste into a one-line field (a note is one line in the notes pane and the minutes):
# a pasted list keeps its boundaries visible in the note, the minutes and the exports, where a space would
# run "Lön" and "Arbetstid" together; one paste stays one note, edited before Enter, not several at once.
PASTED_LINES_JOIN = " / "


def pasted_line(text: str) -> tuple[str, int]:
    """Pasted `text` as one line for a one-line field, and how many non-empty lines it had: lines stripped
    and joined, empty ones dropped, tabs (a spreadsheet row) as spaces, other control characters visible."""
    lines = [line.replace("\t", " ").strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    return one_line(PASTED_LINES_JOIN.join(lines)), len(lines)


def _count(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


class SafeInput(Input):
    """An Input whose value never holds control characters: pasted or loaded ones become visible escapes.

    Its cursor does not blink: a blinking cursor repaints twice a second over SSH.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_blink = False

    def validate_value(self, value: str) -> str:
        return one_line(value)

    def _on_paste(self, event: events.Paste) -> None:
        # In place of Input's, which keeps the first line only and drops a paste over max_length silently.
        event.stop()
        event.prevent_default()
        self.paste(event.text)

    def paste(self, text: str) -> None:
        """Put pasted `text` at the cursor (over the selection): all its lines as one, as much as fits, and
        a word when lines were joined or something did not fit — nothing pasted vanishes unsaid."""
        line, lines = pasted_line(text)
        if not line:
            return
        start, end = sorted(self.selection)
        room = self.max_length - (len(self.value) - (end - start)) if self.max_length else len(line)
        cut = max(0, len(line) - max(room, 0))
        kept = line[:len(line) - cut]
        if not kept:
            self.notify(f"Fältet är fullt (högst {_count(self.max_length)} tecken): inget klistrades in.",
                        severity="warning", timeout=10)
            return
        before = self.value
        self.replace(kept, start, end)
        if self.value == before and kept != before[start:end]:
            self.notify("Det inklistrade passar inte i fältet: inget klistrades in.", severity="warning", timeout=10)
            return
        said = [f"{lines} inklistrade rader blev en rad, åtskilda med ”{PASTED_LINES_JOIN}”."] if lines > 1 else []
        if cut:
            said.append(f"{_count(cut)} tecken fick inte plats och klistrades inte in (fältet rymmer högst "
                        f"{_count(self.max_length)} tecken).")
        if said:
            self.notify(" ".join(said), severity="warning" if cut else "information", timeout=10)


class QuickNoteInput(SafeInput):
    """The quick-note input: Enter takes the line at once, so keys typed right after it start a new note.

    (Input's own Enter is a binding that runs after the keys already queued behind it.) Whether Enter takes
    the line is the screen's to decide, through `accepts`: a call, not a message, because a message would be
    answered only after those keys — which must go into a new note when the line is taken, and after the
    kept line when it is not.
    """

    def __init__(self, *args, accepts: Callable[[str], bool] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.accepts = accepts or (lambda line: True)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self.accepts(self.value):
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

    def _on_paste(self, event: events.Paste) -> None:
        # TextArea takes the paste whole, line breaks and all (no length limit); the event must not bubble on
        # to the screen, which would paste it a second time into the quick note.
        event.stop()
        if self.read_only:
            self.notify("Skrivskyddad: inget kan ändras.", severity="warning")


class PastesIntoNote:
    """For the main screen: a paste that arrives where no text field has the focus goes into the quick-note
    input, focused, to be edited before Enter — not lost, and never taken as keys."""

    def on_paste(self: Screen, event: events.Paste) -> None:
        event.stop()
        note = self.query_one("#quick-note", QuickNoteInput)
        if note.disabled:
            self.notify("Skrivskyddad: inget kan ändras.", severity="warning")
            return
        self.set_focus(note)
        note.paste(event.text)


class IdSuggester(Suggester):
    """After `@` a participant's id, after `#` a party's, completed from the session as it is now (→ takes the
    suggestion): the ids the quick note knows, without looking them up."""

    def __init__(self, session: Session) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # the line's own case is kept
        self.session = session

    async def get_suggestion(self, value: str) -> str | None:
        word = value.rsplit(None, 1)[-1] if value.strip() and not value[-1].isspace() else ""
        if len(word) < 2 or word[0] not in "@#":
            return None
        ids = [p.id for p in (self.session.participants if word[0] == "@" else self.session.parties)]
        typed = word[1:].casefold()
        found = next((i for i in ids if i.startswith(typed) and i != typed), None)
        return value + found[len(typed):] if found is not None else None


class NoteEntry(Horizontal):
    """The quick-note row: its label and the input (`#quick-note`)."""

    def __init__(self, *, read_only: bool, accepts: Callable[[str], bool] | None = None,
                 suggester: Suggester | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.read_only = read_only
        self.accepts = accepts
        self.suggester = suggester

    def compose(self) -> ComposeResult:
        yield Label("Anteckning ›", id="quick-note-label")
        yield QuickNoteInput(placeholder=QUICK_NOTE_PLACEHOLDER, max_length=MAX_NOTE_LENGTH, id="quick-note",
                             compact=True, disabled=self.read_only, select_on_focus=False, accepts=self.accepts,
                             suggester=self.suggester)
