"""The screen a facilitator lives in during a meeting: navigation, question card, readiness, notes."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from samverka.errors import UserError
from samverka.text import one_line, visible
from sessions.model import (
    ITEM_TYPE_LABELS,
    ITEM_TYPES,
    KIND_LABELS,
    MAX_NOTE_LENGTH,
    OUTCOMES,
    AgendaItem,
    Meeting,
    Note,
    ReadinessChange,
)
from sessions.quicknote import parse_quick_note
from sessions.store import Opened, fingerprint
from tui.autosave import AutoSaver
from tui.commands import bindings, key_bar
from tui.widgets import (
    OUTCOME_LABELS,
    REVISIT,
    Guidance,
    KeyBar,
    MeetingBar,
    NotesView,
    PhaseNav,
    QuickNoteInput,
    ReadinessSlider,
    SafeTextArea,
    StatusLine,
    short_date,
)

FIELD_SAVE_DELAY = 0.8  # seconds of quiet after typing in a field before it is saved
BROWSING = 10  # seconds on a question below which a visit is not recorded as time spent
FOLLOW_INTERVAL = 2.0  # seconds between looks at the disk when read-only
TYPING = 1.0  # seconds after a key during which the meeting bar's clock waits for the next key
EXIT_SAVE_WAIT = 1.2  # seconds a signal lets the last save take
NARROW = 110  # below this width the navigation collapses
MIN_SIZE = (80, 24)
QUICK_NOTE_PLACEHOLDER = "text  ·  b: beslut  a: åtgärd @vem ÅÅÅÅ-MM-DD  o: oenighet  p: protokollsanteckning  #part"

Clock = Callable[[], dt.datetime]


def clock_text(seconds: float) -> str:
    """mm:ss, or h:mm:ss from an hour."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


class HistoryRead(Message):
    """The earlier meetings have been read (or failed to be) and can be taken in."""


@dataclass
class Saved(Message):
    """The autosave thread finished a batch."""

    written: list[Path]
    error: UserError | None


class MainScreen(Screen):
    BINDINGS = bindings()
    AUTO_FOCUS = "#card"

    def __init__(self, opened: Opened, *, clock: Clock, question: str | None = None) -> None:
        super().__init__()
        self.opened = opened
        self.store = opened.store
        self.session = self.store.session
        self.pack = self.store.pack
        self.read_only = opened.read_only
        self.clock = clock
        self.current = question if question in self.pack.questions else next(iter(self.pack.questions))
        self.guidance_open = False
        self.nav_open = False
        self.saver: AutoSaver | None = None
        self.save_error: UserError | None = None
        self._field_timer: Timer | None = None
        self._field_changed_at = 0.0
        self._retry: Timer | None = None
        self._quit_anyway = False
        self._bar_text = ""
        self._typed_at = 0.0
        self._tick_waiting = False
        self._alarmed = False
        self._question_since = clock()
        self._notes = self._notes_by_question()

    def _notes_by_question(self) -> dict[str, list[tuple[Meeting, Note]]]:
        """Every note in the model by question, in meeting order."""
        notes: dict[str, list[tuple[Meeting, Note]]] = {q: [] for q in self.pack.questions}
        for meeting in self.session.meetings:
            for note in meeting.notes:
                notes[note.question].append((meeting, note))
        return notes

    def compose(self) -> ComposeResult:
        # Everything the first frame shows is built here, so it takes one layout pass, not one per part.
        bar, _ = self._bar()
        self._bar_text = bar.plain
        yield MeetingBar(bar, id="meeting-bar")
        if self.read_only:
            yield Static(self._banner_text(), id="banner")
        with Horizontal(id="body"):
            yield PhaseNav(self.session, self.pack, self.current, id="nav")
            with Vertical(id="main"):
                with VerticalScroll(id="card", can_focus=True):
                    yield from self._card()
                with VerticalScroll(id="notes-scroll"):
                    yield NotesView(self._notes_text(), id="notes")
                with Horizontal(id="quick-note-row"):
                    yield Label("Anteckning ›", id="quick-note-label")
                    yield QuickNoteInput(
                        placeholder=QUICK_NOTE_PLACEHOLDER, max_length=MAX_NOTE_LENGTH,
                        id="quick-note", compact=True, disabled=self.read_only, select_on_focus=False,
                    )
        yield Static(id="too-small")
        yield StatusLine(Text("Skrivskyddad." if self.read_only else "Öppnad. Inget osparat."), id="status")
        yield KeyBar(key_bar(), id="keys")

    async def on_mount(self) -> None:
        for warning in self.opened.warnings:
            self.notify(one_line(warning), severity="warning", timeout=10)
        if self.read_only:
            self._seen_on_disk = fingerprint(self.session.path)
            self.set_interval(FOLLOW_INTERVAL, self._follow_disk)
        else:
            self.saver = AutoSaver(self.store, lambda written, error: self.post_message(Saved(written, error)))
        self.set_interval(1, self._tick)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """Work the first frame need not wait for."""
        if not self.read_only:
            from sessions import recovery

            # Offered before anything can be typed over what it holds; it may name earlier meetings.
            if recovery.waiting(self.session.path) and self._history():
                self._offer_recovery()
            today = self.meeting(create=False)
            if today is not None:  # so the first note's save does not parse the file on the spot
                self.run_worker(lambda: self.store.prepare(today), thread=True)
        if self.store.history_pending:
            # A thread of its own, not a Textual worker (those are waited for at exit): quitting must
            # not wait for a reader that is slow or stuck.
            threading.Thread(target=self._read_history, name="samverka-history", daemon=True).start()
        # What is loaded now lives as long as the session is open: keep it out of the collector's
        # full passes, which otherwise stall a keystroke now and then.
        gc.freeze()

    # --- the earlier meetings, read after the first frame --------------------------------

    def _read_history(self) -> None:
        """On a worker thread: wait until the earlier meetings are read, then hand over to the UI."""
        self.store.prefetch_history()
        self.post_message(HistoryRead())

    def on_history_read(self) -> None:
        self._history()

    def _history(self, entering: str = "") -> bool:
        """Every meeting in the model (waiting for the earlier ones if they are still being read).

        False, after saving and leaving with the error, if one of them cannot be read: the screen
        never works on half a session. `entering`: a note being entered, kept in the recovery file then.
        """
        if not self.store.history_pending:
            return True
        try:
            self.store.ensure_history()
        except UserError as err:
            self.save_before_exit("tidigare möten kunde inte läsas", entering)
            self.app.fail(err)
            return False
        self._notes = self._notes_by_question()
        self.refresh_notes()
        gc.freeze()  # as after the first frame: what came in lives as long as the session is open
        return True

    # --- two facilitators, crashes, dropped connections ----------------------------------

    def _banner_text(self, free: bool = False) -> Text:
        holder = self.opened.holder
        if holder is None:
            return Text("Skrivskyddad — öppnad med --read-only; inget kan ändras", "bold")
        text = Text(f"Skrivskyddad — sessionen är öppen hos {one_line(holder.describe())}", "bold")
        if free:
            text.append(". Den är nu stängd där: tryck ctrl+t för att ta över.")
        else:
            text.append("; ändringar där visas här")
        return text

    def _follow_disk(self) -> None:
        """Read-only: show changes as they land on disk, and say when the writer has gone."""
        from samverka.fileio import SessionLock

        if self.app.screen is not self:  # a dialog is open: look again when it has closed
            return
        seen = fingerprint(self.session.path)
        if seen != self._seen_on_disk:
            self.app.follow_session(self.current)
            return
        if self.opened.holder is not None:
            lock, _ = SessionLock.acquire(self.session.path)
            if lock is not None:
                lock.release()
            self.query_one("#banner", Static).update(self._banner_text(free=lock is not None))

    def action_take_over(self) -> None:
        if not self.read_only:
            self.notify("Sessionen är redan öppen för redigering här.")
            return
        self.app.open_session(self.session.path, question=self.current)

    def _offer_recovery(self) -> None:
        from sessions import recovery

        found, warning = recovery.read_recovery(self.session, set(self.pack.questions))
        if warning:
            self.notify(one_line(warning), severity="warning", timeout=15)
        if found is None:
            return
        from tui.screens import RestoreScreen

        async def answer(restore: bool | None) -> None:
            if not restore:
                recovery.set_aside(self.session.path)
                self.notify("Återställningsfilen sparades undan; inget återställdes.")
                return
            recovery.apply_recovery(self.store, found)
            for meeting, note in found.notes:
                self._notes[note.question].append((self.session.meeting(meeting), note))
            self.save_all()
            if self.saver is not None and self.saver.flush() and self.saver.last_error is None:
                recovery.remove(self.session.path)  # only once what it held is safely in the files
            if found.half_typed:
                question, text = found.half_typed
                await self.go_to(question)
                note_input = self.query_one("#quick-note", Input)
                note_input.value = text
                note_input.focus()
            else:
                await self._build_card()
                self.refresh_notes()
            self.notify("Återställt.")

        self.app.push_screen(RestoreScreen(found.summary()), answer)

    def save_before_exit(self, reason: str, entering: str = "") -> None:
        """Everything into the session files, and what cannot go there into the recovery file
        (with `entering`, a note entered but not yet taken in, ahead of what the note input holds)."""
        if self.saver is None:
            return
        from sessions import recovery

        self.save_all()
        self.saver.flush(EXIT_SAVE_WAIT)
        half = " ".join(t for t in (entering.strip(), self.query_one("#quick-note", Input).value.strip()) if t)
        with contextlib.suppress(UserError):  # nowhere left to write: the files hold what the last save got in
            recovery.write_recovery(self.store, (self.current, half) if half else None, reason)

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
        self._alarmed = False
        meeting = self.meeting(create=False)
        if meeting is None or self.read_only:
            return
        # Leafing past a question is not time spent on it.
        if self.current in meeting.items or (seconds >= BROWSING and self.current in meeting.agenda) or (
                seconds >= BROWSING and any(n.question == self.current for n in meeting.notes)):
            meeting.items.setdefault(self.current, AgendaItem()).seconds += seconds

    async def _build_card(self) -> None:
        card = self.query_one("#card", VerticalScroll)
        await card.remove_children()
        await card.mount_all(self._card())
        card.scroll_home(animate=False)

    def _card(self) -> list[Widget]:
        """The current question's card: title, prompt, guidance, readiness, then its fields."""
        question = self.pack.questions[self.current]
        state = self.session.state(self.current)
        widgets = [
            Static(self._title_text(), id="q-title"),
            Static(Text(visible(question.prompt)), id="q-prompt"),
            Guidance(question.guidance, self.guidance_open, id="guidance"),
            ReadinessSlider(self.pack.readiness_labels, state.readiness, id="slider"),
            Static(Text("Svarsmall", "bold underline"), classes="section"),
        ]
        for field in question.fields:
            widgets += self._text_field("answer", field.id, field.label, field.help, state.answers.get(field.id, ""))
        if question.canvas:
            widgets.append(Static(Text("Dialogduk", "bold underline"), classes="section"))
        for prompt in question.canvas:
            widgets += self._text_field("canvas", prompt.id, prompt.label, "", state.canvas.get(prompt.id, ""))
        return widgets

    def _text_field(self, kind: str, field_id: str, label: str, help_text: str, value: str) -> list[Widget]:
        heading = Text(one_line(label), "bold")
        if help_text:
            heading.append("\n" + one_line(help_text), "dim")
        area = SafeTextArea(value, id=f"{kind}--{field_id}", soft_wrap=True, read_only=self.read_only,
                            classes="field", tab_behavior="focus")
        return [Label(heading, classes="field-label"), area]

    def refresh_notes(self) -> None:
        self.query_one(NotesView).update(self._notes_text())
        self.query_one("#notes-scroll").scroll_home(animate=False)

    def _notes_text(self) -> Text:
        return NotesView.text(self.session, self.meeting(create=False), self._notes[self.current],
                              self.clock().date(), reading=self.store.history_pending)

    def _tick(self) -> None:
        """The meeting bar's clock, every second. While someone types it is repainted with their next
        key, in the same frame: on its own, a second's repaint can hold up a key's echo by a frame."""
        if time.monotonic() - self._typed_at < TYPING:
            self._tick_waiting = True
        else:
            self.refresh_bar()

    def _typed(self) -> None:
        self._typed_at = time.monotonic()
        if self._tick_waiting:
            self._tick_waiting = False
            self.refresh_bar()

    def refresh_bar(self) -> None:
        """Date, meeting clock, agenda position and the current question's timebox (repaints only on change)."""
        text, alarm = self._bar()
        if text.plain != self._bar_text:
            self._bar_text = text.plain
            self.query_one(MeetingBar).update(text, layout=False)  # one line, always: no layout pass
        if alarm and not self._alarmed:
            self._alarmed = True
            if self.app.bell_enabled:
                self.app.bell()

    def _bar(self) -> tuple[Text, bool]:
        """The meeting bar's text, and whether the current question's time is up."""
        now = self.clock()
        meeting = self.meeting(create=False)
        parts = [short_date(now.date())]
        question = self.pack.questions[self.current]
        spent = self._seconds_on_question(now)
        alarm = False
        if meeting is None:
            parts.append("inget möte i dag än")
        else:
            if meeting.start is not None:
                start = dt.datetime.combine(meeting.date, meeting.start, now.tzinfo)
                parts.append(f"möte {meeting.start:%H:%M} ({clock_text((now - start).total_seconds())})")
            if self.current in meeting.agenda:
                parts.append(f"punkt {meeting.agenda.index(self.current) + 1} av {len(meeting.agenda)}")
            if meeting.attendees:
                parts.append(f"närvarande {len(meeting.attendees)} ({self._presence(meeting)})")
        box = f"fråga {self.current}: {clock_text(spent)}"
        if question.timebox_minutes:
            left = question.timebox_minutes * 60 - spent
            alarm = left < 0
            box += f" av {question.timebox_minutes} min" if not alarm else f" — tiden är ute (+{clock_text(-left)})"
        text = Text(" · ".join(parts) + " · ")
        text.append(box, "bold reverse" if alarm else "")
        text.append(f"  {one_line(self.session.title)}", "bold")
        return text, alarm

    def _presence(self, meeting: Meeting) -> str:
        """Who is present, per party by its short id: 'ag 3 · st 2 · övriga 1'."""
        counts: dict[str, int] = {}
        for person_id in meeting.attendees:
            person = self.session.participant(person_id)
            key = person.party if person is not None and person.party else "övriga"
            counts[key] = counts.get(key, 0) + 1
        return " · ".join(f"{one_line(party)} {count}" for party, count in counts.items())

    def _seconds_on_question(self, now: dt.datetime) -> int:
        """Time spent on the current question in today's meeting, this visit included."""
        meeting = self.meeting(create=False)
        recorded = meeting.items[self.current].seconds if meeting and self.current in meeting.items else 0
        return recorded + max(0, int((now - self._question_since).total_seconds()))

    # --- the model changes ---------------------------------------------------------------

    def meeting(self, *, create: bool = True) -> Meeting | None:
        """Today's meeting; the first change of the day starts it."""
        today = self.clock().date()
        existing = self.store.meeting_today(today, create=False)
        if existing is not None or not create:
            return existing
        meeting = self.store.meeting_today(today, start=self.clock().time())
        self.refresh_bar()
        return meeting

    def _editable(self, entering: str = "") -> bool:
        """May the model change now? Not when read-only, nor before every meeting is in."""
        if self.read_only:
            self.notify("Skrivskyddad: inget kan ändras.", severity="warning")
            return False
        return self._history(entering)

    def save_soon(self, *, session: bool = True, also: list[Meeting] | None = None) -> None:
        """Hand the changed files to the autosave thread (a snapshot; writing happens off this thread).

        Today's meeting is always included; `also` names earlier meetings that changed (an action done).
        """
        if self.saver is None:
            return
        meetings = [self.meeting(), *(m for m in also or () if m is not self.meeting(create=False))]
        self.saver.submit(self.store.snapshot(meetings, session=session))
        self._status(Text("Sparar…"))

    def on_saved(self, message: Saved) -> None:
        gc.freeze()
        self.save_error = message.error
        if message.error is not None:
            self._status(Text(f"Kunde inte spara: {one_line(str(message.error))} — ctrl+s försöker igen",
                              "bold reverse"))
            if self._retry is None:
                self._retry = self.set_timer(5, self._retry_save)
        elif message.written or self._status_text().startswith("Sparar"):
            self._status(Text(f"Sparat {self.clock():%H:%M:%S}"))

    def _retry_save(self) -> None:
        self._retry = None
        if self.save_error is not None:
            self.save_all()

    def save_all(self) -> None:
        if self.saver is not None:
            self._record_time()
            self.saver.submit(self.store.snapshot(self.session.meetings))
            self._status(Text("Sparar…"))

    def _status(self, text: Text) -> None:
        if text.plain != self._status_text():  # typing in a field says "Ändrat…" once, not per key
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

    @on(Input.Changed, "#quick-note")
    def note_typed(self) -> None:
        self._typed()

    @on(TextArea.Changed)
    def field_changed(self, event: TextArea.Changed) -> None:
        self._typed()
        kind, _, field_id = (event.text_area.id or "").partition("--")
        state = self.session.state(self.current)
        values = state.answers if kind == "answer" else state.canvas
        if self.read_only or values.get(field_id, "") == event.text_area.text:
            return
        state = self.session.edit_state(self.current)
        (state.answers if kind == "answer" else state.canvas)[field_id] = event.text_area.text
        if not self._history():  # the answer is in the model: leaving keeps it in the recovery file
            return
        self.meeting()
        self._field_changed_at = time.monotonic()
        if self._field_timer is None:
            self._field_timer = self.set_timer(FIELD_SAVE_DELAY, self._save_fields)
        self._status(Text("Ändrat…"))

    def _save_fields(self) -> None:
        """Save once typing in a field has paused for FIELD_SAVE_DELAY (one timer, not one per key)."""
        quiet = time.monotonic() - self._field_changed_at
        if quiet < FIELD_SAVE_DELAY:
            self._field_timer = self.set_timer(FIELD_SAVE_DELAY - quiet, self._save_fields)
            return
        self._field_timer = None
        self.save_soon()

    @on(Input.Submitted, "#quick-note")
    def note_entered(self, event: Input.Submitted) -> None:
        if event.value.strip() and self._editable(entering=event.value):
            self.add_note(event.value)

    def add_note(self, line: str) -> None:
        """Turn a typed line into a note of the current question and save it."""
        parsed = parse_quick_note(line, self.session)
        if not parsed.text:
            self.notify("Anteckningen är tom.", severity="warning")
            return
        meeting = self.meeting()
        note = Note(at=self._now(), question=self.current, kind=parsed.kind, text=parsed.text,
                    party=parsed.party, by=parsed.by, owner=parsed.owner, due=parsed.due)
        meeting.notes.append(note)
        self._notes[self.current].append((meeting, note))
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

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and isinstance(self.focused, Input | TextArea):
            event.stop()
            self.query_one("#card").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # `n` is a priority binding so the focus moves before the keys typed right after it are
        # routed (a burst like `nHej⏎` over SSH); inside a text field it is just the letter n.
        return not (action == "focus_note" and isinstance(self.focused, Input | TextArea))

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
            # At once, not deferred like focus(): the next key may already be on its way.
            self.set_focus(self.query_one("#quick-note"))

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
        self._refresh_title()
        self.save_soon()

    def _title_text(self) -> Text:
        question = self.pack.questions[self.current]
        phase = self.pack.phase_of(self.current)
        text = Text(f"Fas {phase.number}: {one_line(phase.title)}", "dim")
        meeting = self.meeting(create=False)
        item = meeting.items.get(self.current) if meeting else None
        if item is not None:
            marks = [ITEM_TYPE_LABELS.get(item.type or "", ""), OUTCOME_LABELS.get(item.outcome or "", ""),
                     "omedelbart justerad" if item.adjusted_at_once else ""]
            if any(marks):
                text.append("  ·  " + " · ".join(m for m in marks if m), "bold")
        text.append(f"\n{question.id} {one_line(question.title)}", "bold")
        if self.session.state(self.current).revisit:
            text.append(f"  {REVISIT} återkom", "bold reverse")
        return text

    def _refresh_title(self) -> None:
        self.query_one("#q-title", Static).update(self._title_text())

    def _item(self) -> AgendaItem | None:
        """The current question's item in today's meeting, created on first use."""
        if not self._editable():
            return None
        return self.meeting().items.setdefault(self.current, AgendaItem())

    def action_cycle_type(self) -> None:
        item = self._item()
        if item is not None:
            item.type = _next(ITEM_TYPES, item.type)
            self._refresh_title()
            self.save_soon(session=False)

    def action_cycle_outcome(self) -> None:
        item = self._item()
        if item is not None:
            item.outcome = _next(OUTCOMES, item.outcome)
            self._refresh_title()
            self.save_soon(session=False)

    def action_toggle_adjusted(self) -> None:
        item = self._item()
        if item is not None:
            item.adjusted_at_once = not item.adjusted_at_once
            self._refresh_title()
            self.save_soon(session=False)

    def action_toggle_guidance(self) -> None:
        self.guidance_open = not self.guidance_open
        self.query_one(Guidance).open = self.guidance_open

    def on_guidance_toggled(self) -> None:
        self.action_toggle_guidance()

    def action_toggle_nav(self) -> None:
        self.nav_open = not self.nav_open
        self.set_class(self.nav_open, "-nav-open")
        if self.nav_open:
            self.query_one(PhaseNav).focus()

    def action_overview(self) -> None:
        from tui.screens import OverviewScreen

        if not self._history():
            return

        async def jump(question_id: str | None) -> None:
            if question_id:
                await self.go_to(question_id)

        self.app.push_screen(OverviewScreen(self.session, self.pack, self.clock().date()), jump)

    def action_meeting(self) -> None:
        from tui.screens import MeetingScreen

        if not self._editable():
            return

        async def done(changed: list[Meeting] | None) -> None:
            self.save_soon(also=changed)
            self.refresh_bar()
            await self._build_card()

        self.app.push_screen(MeetingScreen(self.session, self.pack, self.meeting(), self.clock().date()), done)

    def action_participants(self) -> None:
        from tui.screens import ParticipantScreen

        if not self._editable():
            return

        def added(person_id: str | None) -> None:
            if person_id:
                self.meeting().attendees.append(person_id)
                self.notify(f"{one_line(self.session.participant(person_id).name)} är med och antecknad som "
                            f"närvarande (id @{person_id}).")
            self.save_soon()
            self.refresh_bar()

        self.app.push_screen(ParticipantScreen(self.session, self.pack), added)

    def action_actions(self) -> None:
        from tui.screens import ActionsScreen

        if not self._editable():
            return

        def closed(changed: list[Meeting] | None) -> None:
            if changed:
                self.save_soon(session=False, also=changed)
                self.refresh_notes()

        self.app.push_screen(ActionsScreen(self.session, self.current, self.clock().date()), closed)

    def action_justify_previous(self) -> None:
        from sessions.workflow import justify_previous

        if not self._editable():
            return
        previous = justify_previous(self.session, self.meeting(), self.clock().date())
        if previous is None:
            self.notify("Det finns inget ojusterat föregående protokoll.")
            return
        self.save_soon(session=False, also=[previous])
        self.notify(f"{self.session.minutes_title} från {previous.id} är justerat.")

    def action_export(self) -> None:
        from tui.screens import ExportScreen

        if not self._history():
            return

        self.app.push_screen(ExportScreen(self.store))

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
        if half_typed.value.strip() and self._history():
            self.add_note(half_typed.value)
            half_typed.value = ""
        self.save_all()
        if not self.saver.flush() or self.saver.last_error is not None:
            error = self.saver.last_error
            if self._quit_anyway:
                self.save_before_exit("avslutad trots att sparandet misslyckades")
                self.app.exit(1)
                return
            self._quit_anyway = True
            self.notify(f"Kunde inte spara: {one_line(str(error))}. Tryck ctrl+q igen för att avsluta ändå.",
                        severity="error", timeout=10)
            return
        self.app.exit(0)


def _next(values: tuple[str, ...], current: str | None) -> str | None:
    """The next of `values` after `current`, then unset, then the first again."""
    if current is None:
        return values[0]
    index = values.index(current) + 1
    return values[index] if index < len(values) else None
