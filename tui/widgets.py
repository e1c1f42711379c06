"""The main screen's own widgets: they render the model and post intents, never edit it themselves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Edit

from phases import Pack
from samverka.text import one_line, visible
from sessions.model import KIND_LABELS, Meeting, Note, Session, is_open_action

GLYPHS = "○◔◑◕●"
REVISIT = "↺"
OUTCOME_LABELS = {"overens": "överens", "ej_overens": "ej överens"}
KIND_STYLES = {
    "decision": "bold",
    "action": "bold",
    "disagreement": "bold reverse",
    "statement": "italic",
}
_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def short_date(day) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


NOTE_SHOWN = 2_000  # characters of one note shown in the notes pane; the rest is in the file and the minutes
EARLIER_SHOWN = 30  # notes from earlier meetings shown per question; older ones are in the minutes


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


class ReadinessSlider(Widget, can_focus=True):
    """Readiness 0–4 shown as a bar with value and the pack's label, so it reads without colour."""

    BINDINGS = [
        Binding("left", "step(-1)", "Sänk beredskap", show=False),
        Binding("right", "step(1)", "Höj beredskap", show=False),
    ]
    DEFAULT_CSS = """
    ReadinessSlider { height: 1; width: 1fr; }
    ReadinessSlider:focus { text-style: bold; }
    """
    CELL = 4
    value: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        """The user asked for another readiness."""

        value: int

    def __init__(self, labels: tuple[str, ...], value: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = labels
        self.set_reactive(ReadinessSlider.value, value)

    def render(self) -> Text:
        filled = self.value * self.CELL
        empty = (len(self.labels) - 1) * self.CELL - filled
        text = Text("Beredskap ")
        text.append("█" * filled, "bold")
        text.append("●", "bold")
        text.append("░" * empty, "dim")
        text.append(f" {self.value}/4 · {one_line(self.labels[self.value])}")
        return text

    def action_step(self, delta: int) -> None:
        self.post_message(self.Changed(max(0, min(4, self.value + delta))))

    def on_click(self, event: events.Click) -> None:
        offset = event.x - len("Beredskap ")
        if 0 <= offset <= (len(self.labels) - 1) * self.CELL:
            self.post_message(self.Changed(round(offset / self.CELL)))


class PhaseNav(OptionList):
    """Phases with their questions, each with readiness glyph and revisit mark."""

    @dataclass
    class Picked(Message):
        question_id: str

    def __init__(self, session: Session, pack: Pack, current: str, **kwargs) -> None:
        self.session = session
        self.pack = pack
        options: list[Option] = []
        for phase in pack.phases:
            options.append(Option(Text(f"{phase.number} {one_line(phase.title)}", "bold"), disabled=True))
            options.extend(Option(self.prompt(q.id), id=q.id) for q in phase.questions)
        super().__init__(**kwargs)
        # Given to the constructor, options get the first one highlighted, which would move the screen
        # there: the screen's own question is shown instead, silently.
        with self.prevent(OptionList.OptionHighlighted):
            self.add_options(options)
        self.show(current)

    def prompt(self, question_id: str) -> Text:
        state = self.session.state(question_id)
        question = self.pack.questions[question_id]
        text = Text(f"{GLYPHS[state.readiness]} {question_id} ")
        text.append(one_line(question.title))
        if state.revisit:
            text.append(f" {REVISIT}", "bold")
        return text

    def refresh_question(self, question_id: str) -> None:
        self.replace_option_prompt(question_id, self.prompt(question_id))

    def show(self, question_id: str) -> None:
        index = self.get_option_index(question_id)
        if self.highlighted != index:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(event.option.id))


class NotesView(Static):
    """The current question's notes: this meeting's first, then earlier meetings' (newest first)."""

    @classmethod
    def text(cls, session: Session, current: Meeting | None, notes: list[tuple[Meeting, Note]],
             today: dt.date, *, reading: bool = False) -> Text:
        """`reading`: the earlier meetings are still being read (the pane says so)."""
        text = Text()
        ours = [n for m, n in notes if m is current]
        earlier = [(m, n) for m, n in notes if m is not current]
        carried = [(m, n) for m, n in earlier if is_open_action(n, today)]
        if carried:
            text.append("Öppna åtgärder från tidigare möten (x: markera klar)", "bold underline")
            text.append("\n")
            for meeting, note in carried:
                text.append(f"{meeting.id} ", "dim")
                cls._line(text, session, note)
        text.append("Detta möte", "bold underline")
        text.append("\n")
        if not ours:
            text.append("Inga anteckningar ännu. Tryck n för att skriva.\n", "dim")
        for note in ours:
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


class Guidance(Static):
    """The question's guidance under a heading that folds it away (g, or a click)."""

    @dataclass
    class Toggled(Message):
        """The user clicked the heading."""

    open: reactive[bool] = reactive(False, layout=True)

    def __init__(self, guidance: str, open_: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.guidance = guidance
        self.set_reactive(Guidance.open, open_)

    def render(self) -> Text:
        text = Text(f"{'▼' if self.open else '▶'} Vägledning (g)", "bold")
        if self.open:
            text.append("\n" + visible(self.guidance), "")
        return text

    def on_click(self) -> None:
        self.post_message(self.Toggled())


class KeyBar(Widget):
    """The main screen's most used keys on one line, and the palette's key at the right; a click runs one.

    One widget drawn as one line of text: Textual's Footer mounts a widget per key and restyles them all
    at every change of focus, which cost a fifth of the time to the first frame.
    """

    COMPONENT_CLASSES = {"key-bar--key"}
    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        color: $footer-description-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """
    PALETTE = ("^p", "palett", "command_palette")

    def __init__(self, keys: list[tuple[str, str, str]], **kwargs) -> None:
        """`keys`: (key as shown, description, action) in the order shown."""
        super().__init__(**kwargs)
        self.keys = keys
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        width = self.size.width
        palette = self._entry(*self.PALETTE[:2], key_style)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        spans = []
        for key, description, action in self.keys:
            entry = self._entry(key, description, key_style)
            if len(text) + len(entry) > width - len(palette) - 1:
                break
            spans.append((len(text), len(text) + len(entry), action))
            text.append_text(entry)
        text.pad_right(max(0, width - len(text) - len(palette)))
        spans.append((len(text), len(text) + len(palette), self.PALETTE[2]))
        text.append_text(palette)
        self._spans = spans
        return text

    @staticmethod
    def _entry(key: str, description: str, key_style) -> Text:
        entry = Text(f" {key} ", key_style)
        entry.append(f"{description} ")
        return entry

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                target = self.app if action == self.PALETTE[2] else self.screen
                await target.run_action(action)
                return


class MeetingBar(Static):
    """Date, meeting time, the current question's timebox, who is present."""


class StatusLine(Static):
    """Save state and short messages."""
