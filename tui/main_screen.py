"""The screen a facilitator lives in during a meeting: navigation, question card, readiness, notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Collapsible, Footer, Input, Label, Static, TextArea

from samverka.errors import UserError
from samverka.text import one_line, visible
from sessions.model import AgendaItem, Meeting, Note, ReadinessChange
from sessions.quicknote import parse_quick_note
from sessions.store import SessionStore
from tui.autosave import AutoSaver
from tui.commands import bindings
from tui.widgets import KIND_LABELS, REVISIT, MeetingBar, NotesView, PhaseNav, ReadinessSlider, StatusLine, short_date

FIELD_SAVE_DELAY = 0.8  # seconds of quiet after typing in a field before it is saved
NARROW = 110  # below this width the navigation collapses
MIN_SIZE = (80, 24)
QUICK_NOTE_PLACEHOLDER = "text  ·  b: beslut  a: åtgärd @vem ÅÅÅÅ-MM-DD  o: oenighet  p: protokollsanteckning  #part"

Clock = Callable[[], dt.datetime]


@dataclass
class Saved(Message):
    """The autosave thread finished a batch."""

    written: list[Path]
    error: UserError | None


class MainScreen(Screen):
    BINDINGS = bindings()

    def __init__(self, store: SessionStore, *, read_only: bool, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.session = store.session
        self.pack = store.pack
        self.read_only = read_only
        self.clock = clock
        self.current = next(iter(self.pack.questions))
        self.guidance_open = False
        self.nav_open = False
        self.saver: AutoSaver | None = None
        self.save_error: UserError | None = None
        self._field_timer: Timer | None = None
        self._quit_anyway = False
        self._question_since = clock()
        self._notes: dict[str, list[tuple[Meeting, Note]]] = {q: [] for q in self.pack.questions}
        for meeting in self.session.meetings:
            for note in meeting.notes:
                self._notes[note.question].append((meeting, note))

    def compose(self) -> ComposeResult:
        yield MeetingBar(id="meeting-bar")
        if self.read_only:
            yield Static(Text("Skrivskyddad — sessionen kan läsas men inte ändras", "bold"), id="banner")
        with Horizontal(id="body"):
            yield PhaseNav(self.session, self.pack, id="nav")
            with Vertical(id="main"):
                yield VerticalScroll(id="card", can_focus=True)
                with VerticalScroll(id="notes-scroll"):
                    yield NotesView(id="notes")
                with Horizontal(id="quick-note-row"):
                    yield Label("Anteckning ›", id="quick-note-label")
                    yield Input(
                        placeholder=QUICK_NOTE_PLACEHOLDER,
                        id="quick-note", compact=True, disabled=self.read_only, select_on_focus=False,
                    )
        yield Static(id="too-small")
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one("#quick-note", Input).cursor_blink = False
        if not self.read_only:
            self.saver = AutoSaver(self.store, lambda written, error: self.post_message(Saved(written, error)))
        self.set_interval(60, self.refresh_bar)
        self._status(Text("Öppnad. Inget osparat."))
        await self.go_to(self.current)
        self.query_one("#card").focus()

    # --- the current question -------------------------------------------------------------

    async def go_to(self, question_id: str) -> None:
        if question_id not in self.pack.questions:
            return
        self._record_time()
        self.current = question_id
        self.query_one(PhaseNav).show(question_id)
        await self._build_card()
        self.refresh_notes()
        self.refresh_bar()

    def _record_time(self) -> None:
        """Add the time spent on the question we are leaving to its agenda item."""
        now = self.clock()
        seconds = int((now - self._question_since).total_seconds())
        self._question_since = now
        meeting = self.meeting(create=False)
        if meeting is not None and seconds > 0 and not self.read_only:
            meeting.items.setdefault(self.current, AgendaItem()).seconds += seconds

    async def _build_card(self) -> None:
        question = self.pack.questions[self.current]
        state = self.session.state(self.current)
        card = self.query_one("#card", VerticalScroll)
        await card.remove_children()
        widgets = [
            Static(self._title_text(), id="q-title"),
            Static(Text(visible(question.prompt)), id="q-prompt"),
            Collapsible(Static(Text(visible(question.guidance))), title="Vägledning (g)",
                        collapsed=not self.guidance_open, id="guidance"),
            ReadinessSlider(self.pack.readiness_labels, state.readiness, id="slider"),
            Static(Text("Svarsmall", "bold underline"), classes="section"),
        ]
        for field in question.fields:
            widgets += self._text_field("answer", field.id, field.label, field.help, state.answers.get(field.id, ""))
        if question.canvas:
            widgets.append(Static(Text("Dialogduk", "bold underline"), classes="section"))
        for prompt in question.canvas:
            widgets += self._text_field("canvas", prompt.id, prompt.label, "", state.canvas.get(prompt.id, ""))
        await card.mount_all(widgets)
        card.scroll_home(animate=False)

    def _text_field(self, kind: str, field_id: str, label: str, help_text: str, value: str) -> list:
        area = TextArea(value, id=f"{kind}--{field_id}", soft_wrap=True, read_only=self.read_only,
                        classes="field", tab_behavior="focus")
        area.cursor_blink = False
        widgets: list = [Label(Text(one_line(label), "bold"), classes="field-label")]
        if help_text:
            widgets.append(Label(Text(one_line(help_text), "dim"), classes="field-help"))
        widgets.append(area)
        return widgets

    def refresh_notes(self) -> None:
        self.query_one(NotesView).show(self.session, self.meeting(create=False), self._notes[self.current])
        self.query_one("#notes-scroll").scroll_home(animate=False)

    def refresh_bar(self) -> None:
        now = self.clock()
        meeting = self.meeting(create=False)
        parts = [short_date(now.date())]
        if meeting is not None and meeting.start is not None:
            start = dt.datetime.combine(meeting.date, meeting.start, now.tzinfo)
            minutes = max(0, int((now - start).total_seconds() // 60))
            parts.append(f"möte {meeting.start:%H:%M}, {minutes} min")
            if meeting.attendees:
                parts.append(f"närvarande {len(meeting.attendees)}")
        else:
            parts.append("inget möte i dag än")
        question = self.pack.questions[self.current]
        on_question = int((now - self._question_since).total_seconds() // 60)
        box = f"fråga {self.current}: {on_question} min"
        if question.timebox_minutes:
            box += f" av {question.timebox_minutes}"
        parts.append(box)
        text = Text(" · ".join(parts))
        text.append(f"  {one_line(self.session.title)}", "bold")
        self.query_one(MeetingBar).update(text)

    # --- the model changes ---------------------------------------------------------------

    def meeting(self, *, create: bool = True) -> Meeting | None:
        """Today's meeting; the first change of the day starts it."""
        today = self.clock().date()
        existing = self.store.meeting_today(today, create=False)
        if existing is not None or not create:
            return existing
        meeting = self.store.meeting_today(today)
        self.refresh_bar()
        return meeting

    def _editable(self) -> bool:
        if self.read_only:
            self.notify("Skrivskyddad: inget kan ändras.", severity="warning")
        return not self.read_only

    def save_soon(self, *, session: bool = True) -> None:
        """Hand the changed files to the autosave thread (a snapshot; writing happens off this thread)."""
        if self.saver is None:
            return
        meeting = self.meeting()
        self.saver.submit(self.store.snapshot([meeting] if meeting else [], session=session))
        self._status(Text("Sparar…"))

    def on_saved(self, message: Saved) -> None:
        self.save_error = message.error
        if message.error is not None:
            self._status(Text(f"Kunde inte spara: {one_line(str(message.error))} — ctrl+s försöker igen",
                              "bold reverse"))
            self.set_timer(5, self._retry_save)
        elif message.written or self._status_text().startswith("Sparar"):
            self._status(Text(f"Sparat {self.clock():%H:%M:%S}"))

    def _retry_save(self) -> None:
        if self.save_error is not None:
            self.save_all()

    def save_all(self) -> None:
        if self.saver is not None:
            self._record_time()
            self.saver.submit(self.store.snapshot(self.session.meetings))
            self._status(Text("Sparar…"))

    def _status(self, text: Text) -> None:
        self.query_one(StatusLine).update(text)

    def _status_text(self) -> str:
        return str(self.query_one(StatusLine).render())

    def set_readiness(self, value: int) -> None:
        value = max(0, min(4, value))
        before = self.session.readiness(self.current)
        if value == before or not self._editable():
            return
        self.session.edit_state(self.current).readiness = value
        self.meeting().readiness_changes.append(ReadinessChange(self.current, before, value, self._now()))
        self.query_one(ReadinessSlider).value = value
        self.query_one(PhaseNav).refresh_question(self.current)
        self.save_soon()

    def _now(self) -> dt.datetime:
        return self.clock().astimezone().replace(microsecond=0)

    # --- events ------------------------------------------------------------------------

    async def on_phase_nav_picked(self, message: PhaseNav.Picked) -> None:
        if message.question_id != self.current:
            await self.go_to(message.question_id)

    def on_readiness_slider_changed(self, message: ReadinessSlider.Changed) -> None:
        self.set_readiness(message.value)

    @on(TextArea.Changed)
    def field_changed(self, event: TextArea.Changed) -> None:
        kind, _, field_id = (event.text_area.id or "").partition("--")
        state = self.session.state(self.current)
        values = state.answers if kind == "answer" else state.canvas
        if self.read_only or values.get(field_id, "") == event.text_area.text:
            return
        state = self.session.edit_state(self.current)
        (state.answers if kind == "answer" else state.canvas)[field_id] = event.text_area.text
        self.meeting()
        if self._field_timer is None:
            self._field_timer = self.set_timer(FIELD_SAVE_DELAY, self._save_fields)
        else:
            self._field_timer.reset()
        self._status(Text("Ändrat…"))

    def _save_fields(self) -> None:
        self._field_timer = None
        self.save_soon()

    @on(Input.Submitted, "#quick-note")
    def note_entered(self, event: Input.Submitted) -> None:
        if event.value.strip() and self._editable():
            self.add_note(event.input)

    def add_note(self, field: Input) -> None:
        """Turn the quick-note input's text into a note of the current question and save it."""
        parsed = parse_quick_note(field.value, self.session)
        if not parsed.text:
            self.notify("Anteckningen är tom.", severity="warning")
            return
        meeting = self.meeting()
        note = Note(at=self._now(), question=self.current, kind=parsed.kind, text=parsed.text,
                    party=parsed.party, by=parsed.by, owner=parsed.owner, due=parsed.due)
        meeting.notes.append(note)
        self._notes[self.current].append((meeting, note))
        field.value = ""
        self.refresh_notes()
        self.save_soon(session=False)
        self._status(Text(f"{KIND_LABELS[note.kind]} sparas…"))

    def on_resize(self) -> None:
        width, height = self.size
        self.set_class(width < NARROW, "-narrow")
        too_small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        self.set_class(too_small, "-too-small")
        if too_small:
            self.query_one("#too-small", Static).update(Text(
                f"Terminalen är för liten ({width}×{height}). samverka behöver minst 80×24."))

    def on_key(self, event) -> None:
        if event.key == "escape" and isinstance(self.focused, Input | TextArea):
            event.stop()
            self.query_one("#card").focus()

    # --- actions (keys, palette) ---------------------------------------------------------

    async def action_next_question(self) -> None:
        await self._step(1)

    async def action_previous_question(self) -> None:
        await self._step(-1)

    async def _step(self, delta: int) -> None:
        ids = list(self.pack.questions)
        index = ids.index(self.current) + delta
        if 0 <= index < len(ids):
            await self.go_to(ids[index])

    def action_focus_note(self) -> None:
        if self._editable():
            self.query_one("#quick-note").focus()

    def action_readiness(self, delta: int) -> None:
        self.set_readiness(self.session.readiness(self.current) + delta)

    def action_set_readiness(self, value: int) -> None:
        self.set_readiness(value)

    async def action_toggle_revisit(self) -> None:
        if not self._editable():
            return
        state = self.session.edit_state(self.current)
        state.revisit = not state.revisit
        self.query_one(PhaseNav).refresh_question(self.current)
        title = self.query_one("#q-title", Static)
        title.update(self._title_text())
        self.save_soon()

    def _title_text(self) -> Text:
        question = self.pack.questions[self.current]
        phase = self.pack.phase_of(self.current)
        text = Text(f"Fas {phase.number}: {one_line(phase.title)}\n", "dim")
        text.append(f"{question.id} {one_line(question.title)}", "bold")
        if self.session.state(self.current).revisit:
            text.append(f"  {REVISIT} återkom", "bold reverse")
        return text

    def action_toggle_guidance(self) -> None:
        guidance = self.query_one("#guidance", Collapsible)
        guidance.collapsed = not guidance.collapsed
        self.guidance_open = not guidance.collapsed

    def action_toggle_nav(self) -> None:
        self.nav_open = not self.nav_open
        self.set_class(self.nav_open, "-nav-open")
        if self.nav_open:
            self.query_one(PhaseNav).focus()

    def action_overview(self) -> None:
        from tui.screens import OverviewScreen

        async def jump(question_id: str | None) -> None:
            if question_id:
                await self.go_to(question_id)

        self.app.push_screen(OverviewScreen(self.session, self.pack), jump)

    def action_meeting(self) -> None:
        from tui.screens import MeetingScreen

        if not self._editable():
            return

        def done(changed: bool | None) -> None:
            if changed:
                self.refresh_bar()
                self.save_soon()

        self.app.push_screen(MeetingScreen(self.session, self.meeting()), done)

    def action_export(self) -> None:
        from tui.screens import ExportScreen

        self.app.push_screen(ExportScreen(self.store, self.clock))

    def action_help(self) -> None:
        from tui.screens import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_save(self) -> None:
        if self._editable():
            self.save_all()

    def action_save_and_quit(self) -> None:
        if self.saver is None:
            self.app.exit(0)
            return
        half_typed = self.query_one("#quick-note", Input)
        if half_typed.value.strip():
            self.add_note(half_typed)
        self.save_all()
        if not self.saver.flush() or self.saver.last_error is not None:
            error = self.saver.last_error
            if self._quit_anyway:
                self.app.exit(1)
                return
            self._quit_anyway = True
            self.notify(f"Kunde inte spara: {one_line(str(error))}. Tryck ctrl+q igen för att avsluta ändå.",
                        severity="error", timeout=10)
            return
        self.app.exit(0)
