"""Correcting what was recorded: the current question's notes, each edited or removed from the keyboard."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from samverka.errors import UserError
from samverka.sessions.edits import NOTE_FIELDS, NoteDraft, day_from_text
from samverka.sessions.model import KIND_LABELS, NOTE_KINDS, Meeting, Note
from samverka.sessions.opened import OpenedSession
from samverka.text import counted, one_line, sentence
from samverka.tui.dialogs.base import Checklist, Dialog, Field, KeysInOrder, Listing, command
from samverka.tui.widgets import SafeTextArea, short_date


class CorrectingDialog(Dialog):
    """A list of what was recorded: Enter opens the highlighted entry in a form, ctrl+s saves the form, Del
    removes the entry highlighted or open after a confirmation in the dialog. Esc goes back from the
    confirmation or the form, then closes.

    Subclasses say what is listed (`rows`), how an entry is edited (`compose_form`, `save`) and removed (`what`,
    `remove`); each change is made and saved at once. Returns whether anything was changed.
    """

    DEFAULT_CSS = """
    /* A form is longer than any screen: it scrolls between the dialog's edges and its buttons. */
    .correcting.-form {
        height: 90%;
    }

    .correcting-body {
        height: 1fr;
    }

    #records {
        height: auto;
        max-height: 15;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    .correcting TextArea {
        height: auto;
        max-height: 6;
    }

    #confirm-row {
        height: 1;
        display: none;
    }

    #confirm-row Label {
        width: 1fr;
    }

    #said {
        height: auto;
    }
    """

    BINDINGS = [
        *Dialog.BINDINGS,
        command("escape", "back", "Tillbaka", id="back"),
        command("ctrl+s", "save", "Spara", id="save"),
        command("delete", "delete", "Ta bort", id="delete"),
    ]
    ON_ENTER = {"records": "open", "save": "save", "delete": "delete", "back": "back", "confirm": "remove"}

    FIRST_FIELD = ""  # the form's field that has the focus when it opens

    def __init__(self) -> None:
        super().__init__()
        self.changed = False
        self.editing: object | None = None  # what the form edits; None while the list is shown
        self.removing: object | None = None  # what the confirmation asks to remove
        self.said = Text()  # the last confirmation or refusal, kept from the form to the list
        self._rows: list[Text] = []
        self._targets: list[object | None] = []  # what each row of the list stands for (None: a heading)
        self._highlighted = 0  # the row to highlight when the list is shown again
        self._marked: int | None = None  # the row that carries the highlight's mark
        self._focus_before: Widget | None = None

    def heading(self) -> str:
        """The line over the list."""
        raise NotImplementedError

    def rows(self) -> Iterable[tuple[Text, object | None]]:
        """The list's rows and what each stands for; None makes a row a heading that cannot be picked."""
        raise NotImplementedError

    def below_list(self) -> Text | None:
        """A line under the list, if there is something to say about it."""
        return None

    def compose_form(self, target: object) -> ComposeResult:
        raise NotImplementedError

    def save(self, target: object) -> str | None:
        """Make the form's change (UserError if refused): what to say, or None if nothing changed."""
        raise NotImplementedError

    def what(self, target: object) -> str:
        """How the confirmation names what it removes ("anteckningen")."""
        raise NotImplementedError

    def remove_entry(self, target: object) -> str:
        """Remove it (UserError if refused): what to say."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog correcting" if self.editing is None else "dialog correcting -form"):
            if self.editing is None:
                yield Label(Text(self.heading(), "bold"))
                rows = list(self.rows())
                self._rows = [text for text, _ in rows]
                self._targets = [target for _, target in rows]
                yield Listing(*[Option(self._prompt(i, marked=False), disabled=target is None)
                                for i, target in enumerate(self._targets)], id="records")
                below = self.below_list()
                if below is not None:
                    yield Static(below, id="below-list")
            else:
                with VerticalScroll(classes="correcting-body"):
                    yield from self.compose_form(self.editing)
                with Horizontal(classes="buttons"):
                    yield Button("Spara (ctrl+s)", id="save", variant="primary")
                    yield Button("Ta bort (Del)", id="delete")
                    yield Button("Tillbaka (Esc)", id="back")
            with Horizontal(id="confirm-row"):
                yield Label(id="confirm-prompt")
                yield Button("Ta bort", id="confirm", variant="error", compact=True)
            yield Static(self.said, id="said")
        yield Footer()

    def on_mount(self) -> None:
        self._focus()

    def _focus(self) -> None:
        """At once (the keys typed next may be on their way): the form's first field, or the list."""
        self.refresh_bindings()
        if self.editing is not None:
            field = self.query_one(self.FIRST_FIELD)
            if isinstance(field, TextArea):
                field.move_cursor(field.document.end)  # where a correction most often goes on
            self.set_focus(field)
            return
        listing = self.query_one("#records", Listing)
        rows = [i for i, target in enumerate(self._targets) if target is not None]
        if rows:  # the row that was open, or the nearest one left
            listing.highlighted = min(rows, key=lambda i: abs(i - self._highlighted))
        self.set_focus(listing)

    async def _show(self, editing: object | None) -> None:
        self.editing = editing
        self._marked = None
        await self.recompose()
        self._focus()

    def _prompt(self, index: int, *, marked: bool) -> Text:
        return Text.assemble(("▶ " if marked else "  ", "bold"), self._rows[index])

    @on(OptionList.OptionHighlighted, "#records")
    def mark(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted row is marked, not only coloured."""
        listing, highlighted = event.option_list, event.option_index
        for index in {self._marked, highlighted} - {None}:
            listing.replace_option_prompt_at_index(index, self._prompt(index, marked=index == highlighted))
        self._marked = highlighted

    def _say(self, text: str, style: str = "") -> None:
        self.said = Text(text, style)
        self.query_one("#said", Static).update(self.said)

    def _refused(self, error: UserError) -> None:
        self._say(sentence(one_line(error.message)), "bold")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        name = parameters[0] if action == "in_order" and parameters else action
        if self.removing is not None:  # the confirmation answers Enter and Esc, nothing else
            return name in ("enter", "remove", "back")
        if name == "close":
            return self.editing is None
        if name in ("back", "save"):
            return self.editing is not None
        if name == "delete":  # in a text field Del deletes a character
            return not isinstance(self.focused, Input | TextArea)
        return True

    async def action_open(self) -> None:
        listing = self.query_one("#records", Listing)
        if listing.highlighted is None or self._targets[listing.highlighted] is None:
            return
        self._highlighted = listing.highlighted
        self.said = Text()
        await self._show(self._targets[listing.highlighted])

    async def action_save(self) -> None:
        try:
            said = self.save(self.editing)
        except UserError as err:
            self._refused(err)
            return
        self.changed = self.changed or said is not None
        self.said = Text(said or "Inget ändrat.")
        await self._show(None)

    def action_delete(self) -> None:
        target = self.editing
        if target is None:
            listing = self.query_one("#records", Listing)
            target = self._targets[listing.highlighted] if listing.highlighted is not None else None
            if target is None:
                return
            self._highlighted = listing.highlighted
        self.removing = target
        self._focus_before = self.focused
        self.query_one("#confirm-prompt", Label).update(
            Text(f"Ta bort {self.what(target)}? Enter: ta bort · Esc: behåll", "bold"))
        self.query_one("#confirm-row").display = True
        self.set_focus(self.query_one("#confirm", Button))
        self.refresh_bindings()

    def _end_confirmation(self) -> None:
        self.removing = None
        self.query_one("#confirm-row").display = False
        self.set_focus(self._focus_before)
        self.refresh_bindings()

    async def action_remove(self) -> None:
        target = self.removing
        try:
            said = self.remove_entry(target)
        except UserError as err:
            self._end_confirmation()
            self._refused(err)
            return
        self.removing = None
        self.changed = True
        self.said = Text(said)
        await self._show(None)

    async def action_back(self) -> None:
        """Keep what the confirmation asks about, or leave the form unsaved."""
        if self.removing is not None:
            self._end_confirmation()
            self._say("")
        else:
            self.said = Text()
            await self._show(None)

    def action_close(self) -> None:
        self.dismiss(self.changed)


class NoteText(KeysInOrder, SafeTextArea):
    """A note's text in the form: several lines, its keys taken in the order typed."""


class CorrectNotesScreen(CorrectingDialog):
    """The current question's notes that can still be corrected: the meeting going on first, then earlier
    meetings whose minutes are not justified, newest first. A note's text, kind, party, speaker, owner and due
    day are corrected, or it is moved to another question or removed; each change is saved at once through
    `OpenedSession.correct_note`. Returns True if any note was changed."""

    FIRST_FIELD = "#note-text"
    ON_ENTER = {**CorrectingDialog.ON_ENTER, "note-due": "save"}

    def __init__(self, opened: OpenedSession, question_id: str) -> None:
        super().__init__()
        self.opened = opened
        self.question_id = question_id

    def heading(self) -> str:
        return f"Rätta anteckningar, fråga {self.question_id} — Enter: ändra"

    def _notes(self) -> tuple[list[tuple[Meeting, Note]], int]:
        """The notes that can be corrected, in the order listed, and how many are left out as justified."""
        current = self.opened.today()
        pairs = self.opened.notes_for(self.question_id)
        correctable = [(m, n) for m, n in reversed(pairs) if not m.justified]
        return sorted(correctable, key=lambda pair: pair[0] is not current), len(pairs) - len(correctable)

    def rows(self) -> Iterable[tuple[Text, object | None]]:
        session = self.opened.session
        current = self.opened.today()
        notes, _ = self._notes()
        if not notes:
            yield Text("Inga anteckningar att rätta för frågan.", "dim"), None
        for meeting, note in notes:
            row = Text()
            if meeting is not current:
                row.append(f"{short_date(meeting.date)} ", "dim")
            row.append(f"{note.at:%H:%M} ")
            row.append(KIND_LABELS[note.kind], "bold")
            party = session.party(note.party)
            if party is not None:
                row.append(f" [{one_line(party.name)}]")
            row.append(f"  {one_line(note.text)}")
            yield row, (meeting, note)

    def below_list(self) -> Text | None:
        _, left_out = self._notes()
        if not left_out:
            return None
        left = counted(left_out, "anteckning", "anteckningar")
        return Text(f"{left} från justerade protokoll visas inte: de kan inte ändras.", "dim")

    def compose_form(self, target: object) -> ComposeResult:
        meeting, note = target
        session = self.opened.session
        yield Label(Text(f"Anteckning {short_date(meeting.date)} {note.at:%H:%M}", "bold"))
        yield Label("Text (Enter: ny rad)")
        yield NoteText(note.text, id="note-text", soft_wrap=True)
        yield Label("Sort")
        yield Checklist(*[Selection(Text(KIND_LABELS[kind]), kind, kind == note.kind) for kind in NOTE_KINDS],
                        one=True, id="note-kind")
        yield Label("Part")
        yield Checklist(Selection(Text("ingen part"), None, note.party is None),
                        *[Selection(Text(one_line(p.name)), p.id, p.id == note.party) for p in session.parties],
                        one=True, id="note-party")
        yield Label("Vem sa det")
        yield self._people("note-by", note.by)
        yield Label("Ansvarig — bara för en åtgärd")
        yield self._people("note-owner", note.owner)
        yield Label("Klart senast, ÅÅÅÅ-MM-DD — bara för en åtgärd")
        yield Field(note.due.isoformat() if note.due else "", id="note-due", compact=True, restrict=r"[0-9-]*",
                    max_length=10)
        yield Label("Fråga")
        yield Checklist(*[Selection(Text(f"{q.id} {one_line(q.title)}"), q.id, q.id == note.question)
                          for q in self.opened.pack.questions.values()], one=True, id="note-question")

    def _people(self, widget_id: str, chosen: str | None) -> Checklist:
        return Checklist(Selection(Text("ingen"), None, chosen is None),
                         *[Selection(Text(f"{one_line(p.name)} (@{p.id})"), p.id, p.id == chosen)
                           for p in self.opened.session.participants], one=True, id=widget_id)

    def save(self, target: object) -> str | None:
        meeting, note = target
        chosen = {widget.id: widget.chosen for widget in self.query(Checklist)}
        action = chosen["note-kind"] == "action"
        text = self.query_one("#note-text", NoteText).text
        draft = NoteDraft(chosen["note-kind"], text, party=chosen["note-party"], by=chosen["note-by"],
                          # An owner or a due day left in the form of a note that is no action is not its own.
                          owner=chosen["note-owner"] if action else None,
                          due=day_from_text(self.query_one("#note-due", Field).value) if action else None)
        question = chosen["note-question"]
        before = [getattr(note, name) for name in NOTE_FIELDS]
        self.opened.correct_note(meeting, note, question, draft)
        if before == [getattr(note, name) for name in NOTE_FIELDS]:
            return None
        if question != self.question_id:
            return f"Anteckningen är flyttad till fråga {question}."
        return "Anteckningen är ändrad."

    def what(self, target: object) -> str:
        return "anteckningen"

    def remove_entry(self, target: object) -> str:
        meeting, note = target
        self.opened.correct_note(meeting, note, self.question_id, None)
        return "Anteckningen är borttagen."
