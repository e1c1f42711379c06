"""The screen a facilitator lives in during a meeting: phase navigation, the question card, notes, the meeting bar.

A view: every change is an edit of `sessions.edits` applied through the `OpenedSession`, which saves.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea

from samverka import places
from samverka.errors import UserError
from samverka.sessions import edits
from samverka.sessions.edits import NOTHING, Touched
from samverka.sessions.model import Meeting
from samverka.sessions.opened import OpenedSession
from samverka.text import one_line, sentence
from samverka.tui.commands import SamverkaCommands, bindings, key_bar
from samverka.tui.screens.change_actions import ChangeActions
from samverka.tui.screens.meeting_actions import MeetingActions
from samverka.tui.screens.notes_actions import NotesActions
from samverka.tui.screens.typing import TypingGuard, typing_bindings
from samverka.tui.screens.visit_actions import VisitActions
from samverka.tui.widgets import KeyBar, MeetingBar, NotesView, PhaseNav, QuestionCard, ReadinessSlider, StatusLine
from samverka.tui.widgets.banner import ReadOnlyBanner
from samverka.tui.widgets.inputs import IdSuggester, NoteEntry, PastesIntoNote
from samverka.tui.widgets.notes import NotesPane
from samverka.tui.widgets.too_small import TooSmall

FIELD_SAVE_DELAY = 0.8  # seconds of quiet after typing in a field before it is saved
EXIT_SAVE_WAIT = 1.2  # seconds a signal lets the last save take
NARROW = 110  # below this width the navigation collapses


class HistoryRead(Message):
    """The earlier meetings have been read (or failed to be) and can be taken in."""


@dataclass
class Saved(Message):
    """The saving thread finished a batch."""

    written: list[Path]
    error: UserError | None


class MainScreen(TypingGuard, PastesIntoNote, NotesActions, ChangeActions, MeetingActions, VisitActions, Screen):
    BINDINGS = [*typing_bindings(), *bindings()]  # the guard first: it sees every printable key before a command
    COMMANDS = {SamverkaCommands}
    AUTO_FOCUS = "#card"

    def __init__(self, opened: OpenedSession, *, question: str | None = None) -> None:
        super().__init__()
        self.opened = opened
        self.session = opened.session
        self.pack = opened.pack
        self.read_only = opened.read_only
        question = question or places.recall(self.session.path)  # reopened: where this user left it
        self.current = question if question in self.pack.questions else next(iter(self.pack.questions))
        self.nav_open = False
        self.save_error: UserError | None = None
        self._fields: Touched = NOTHING  # field edits waiting for a pause in typing
        self._burst: set[tuple[str, str, str]] = set()  # the fields they changed: (question, kind, field)
        self._field_timer: Timer | None = None
        self._field_changed_at = 0.0
        self._retry: Timer | None = None
        self._quit_anyway = False

    def compose(self) -> ComposeResult:
        # Everything the first frame shows is built here, so it takes one layout pass, not one per part.
        yield MeetingBar(self.opened, self.current, id="meeting-bar")
        if self.read_only:
            yield ReadOnlyBanner(self.opened, id="banner")
        with Horizontal(id="body"):
            yield PhaseNav(self.session, self.pack, self.current, id="nav")
            with Vertical(id="main"):
                yield QuestionCard(self.session, self.pack, self.current, read_only=self.read_only,
                                   guidance_open=False, meeting=self.opened.today(), id="card")
                with NotesPane(id="notes-scroll"):
                    yield NotesView(self._notes_text(), id="notes")
                yield NoteEntry(read_only=self.read_only, accepts=self.note_accepted,
                                suggester=IdSuggester(self.session), id="quick-note-row")
        yield TooSmall(id="too-small")
        yield StatusLine("Skrivskyddad." if self.read_only else "Öppnad. Inget osparat.", id="status")
        yield KeyBar(key_bar(), id="keys")

    def on_mount(self) -> None:
        for warning in self.opened.warnings:
            self.notify(one_line(warning), severity="warning", timeout=10)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """Work the first frame need not wait for."""
        self.opened.start_autosave(lambda written, error: self.post_message(Saved(written, error)))
        if self.opened.recovery_waiting() and self._history():
            # Offered before anything can be typed over what it holds.
            self._offer_recovery()
        self.opened.read_ahead(lambda: self.post_message(HistoryRead()))

    # --- the earlier meetings, read after the first frame --------------------------------

    def on_history_read(self) -> None:
        self._history()

    def _history(self, entering: str = "") -> bool:
        """Every meeting in the model (waiting for the earlier ones if they are still being read).

        False, after closing the session with the error, if one of them cannot be read: the screen
        never works on half a session. `entering`: a note being entered, kept in the recovery file then.
        """
        if not self.opened.history_pending:
            return True
        try:
            self.opened.ensure_history()
        except UserError as err:
            self.close_session("tidigare möten kunde inte läsas", entering)
            self.app.fail(err)
            return False
        self.refresh_notes()
        return True

    # --- two facilitators, crashes, dropped connections ----------------------------------

    def on_read_only_banner_changed(self) -> None:
        self.app.follow_session(self.current)

    def action_take_over(self) -> None:
        if not self.read_only:
            self.notify("Sessionen är redan öppen för redigering här.")
            return
        self.app.open_session(self.session.path, question=self.current)

    def _offer_recovery(self) -> None:
        found, warning = self.opened.read_recovery()
        if warning:
            self.notify(one_line(warning), severity="warning", timeout=15)
        if found is None:
            return
        from samverka.tui.dialogs import RestoreScreen

        async def answer(restore: bool | None) -> None:
            if not restore:
                self.opened.decline_recovery()
                self.notify("Återställningsfilen sparades undan; inget återställdes.")
                return
            self.opened.restore(found)
            self._status("Sparar…")
            if found.half_typed:
                question, text = found.half_typed
                await self.go_to(question)
                note_input = self.query_one("#quick-note", Input)
                note_input.value = text
                note_input.focus()
            else:
                await self._card().show(self.current, self.opened.today())
                self.refresh_notes()
            self.notify("Återställt.")

        self.app.push_screen(RestoreScreen(found.summary()), answer)

    def close_session(self, reason: str, entering: str = "") -> None:
        """The way out when the app must stop (a signal, a failed read): everything into the session
        files, and what cannot go there — the half-typed note, with `entering` ahead of it — into the
        recovery file."""
        self._record_time()
        places.remember(self.session.path, self.current)
        half = " ".join(t for t in (entering.strip(), self.query_one("#quick-note", Input).value.strip()) if t)
        self.opened.close((self.current, half) if half else None, reason=reason, wait=EXIT_SAVE_WAIT)

    # --- the current question -------------------------------------------------------------

    def _card(self) -> QuestionCard:
        return self.query_one(QuestionCard)

    def _bar(self) -> MeetingBar:
        return self.query_one(MeetingBar)

    async def go_to(self, question_id: str) -> None:
        if question_id not in self.pack.questions:
            return
        self._record_time(going_to=question_id)
        self.current = question_id
        self.query_one(PhaseNav).show(question_id)
        await self._card().show(question_id, self.opened.today())
        self.refresh_notes()
        self.refresh_bar()

    def _record_time(self, going_to: str | None = None) -> None:
        """Add the time spent on the current question so far to its agenda item (leaving it for `going_to`)."""
        seconds = self._bar().leave_question(going_to or self.current)
        meeting = self.opened.today()
        if meeting is not None and not self.read_only:
            self._apply(edits.record_time(meeting, self.current, seconds), quiet=True)

    def refresh_bar(self) -> None:
        self._bar().repaint()

    def on_meeting_bar_time_up(self) -> None:
        if self.app.bell_enabled:
            self.app.bell()

    # --- changes ---------------------------------------------------------------------------

    def _editable(self, entering: str = "") -> bool:
        """May the model change now? Not when read-only, nor before every meeting is in."""
        if self.read_only:
            self.notify("Skrivskyddad: inget kan ändras.", severity="warning")
            return False
        return self._history(entering)

    def _meeting(self) -> Meeting:
        """Today's meeting; the first change of the day starts it."""
        meeting = self.opened.today()
        if meeting is None:
            meeting = self.opened.today(create=True)
            self.refresh_bar()
        return meeting

    def _apply(self, touched: Touched, *, quiet: bool = False) -> None:
        """Save what a change touched (off this thread). Field text typed before it is a change made before it:
        it goes first, so that undo takes them back in the order they were made."""
        if touched.undo and self._fields:
            self.save_fields_now()
        if touched:
            self.opened.apply(touched)
            if not quiet:
                self._status("Sparar…")

    def on_saved(self, message: Saved) -> None:
        self.save_error = message.error
        self.query_one(StatusLine).saved(bool(message.written), message.error, self.opened.clock())
        if message.error is not None and self._retry is None:
            self._retry = self.set_timer(5, self._retry_save)

    def _retry_save(self) -> None:
        self._retry = None
        if self.save_error is not None:
            self.save_all()

    def save_all(self) -> None:
        self._record_time()
        self.opened.save_all()
        self._status("Sparar…")

    def _status(self, text: str, style: str = "") -> None:
        self.query_one(StatusLine).say(text, style)

    def set_readiness(self, value: int) -> None:
        if value == self.session.readiness(self.current) or not self._editable():
            return
        self._apply(edits.set_readiness(self.session, self._meeting(), self.current, value, self.opened.now()))
        self._card().refresh_readiness()
        self.query_one(PhaseNav).refresh_question(self.current)

    # --- events ------------------------------------------------------------------------

    async def on_phase_nav_picked(self, message: PhaseNav.Picked) -> None:
        if message.question_id != self.current:
            await self.go_to(message.question_id)

    def on_readiness_slider_changed(self, message: ReadinessSlider.Changed) -> None:
        self.set_readiness(message.value)

    @on(Input.Changed, "#quick-note")
    def note_typed(self) -> None:
        self._bar().typed()

    def on_question_card_field_edited(self, event: QuestionCard.FieldEdited) -> None:
        self._bar().typed()
        touched = edits.set_field(self.session, self.current, event.kind, event.field_id, event.text)
        if not touched or not self._history():  # the text is in the model: leaving keeps it in the recovery file
            return
        field = (self.current, event.kind, event.field_id)
        if field in self._burst:  # the field's first step in the burst puts back what it held before all of it
            touched = Touched(touched.session, touched.meetings)
        self._burst.add(field)
        self._fields |= touched
        self._field_changed_at = time.monotonic()
        if self._field_timer is None:
            self._field_timer = self.set_timer(FIELD_SAVE_DELAY, self._save_fields)
        self._status("Ändrat…")

    def _save_fields(self) -> None:
        """Save once typing in a field has paused for FIELD_SAVE_DELAY (one timer, not one per key)."""
        quiet = time.monotonic() - self._field_changed_at
        if quiet < FIELD_SAVE_DELAY:
            self._field_timer = self.set_timer(FIELD_SAVE_DELAY - quiet, self._save_fields)
            return
        self.save_fields_now()

    def save_fields_now(self) -> None:
        """The field text typed since the last pause, saved now: one change (one undo) for it all."""
        if self._field_timer is not None:
            self._field_timer.stop()
            self._field_timer = None
        touched, self._fields = self._fields, NOTHING
        self._burst.clear()
        self._apply(touched)

    @on(Input.Submitted, "#quick-note")
    def note_entered(self, event: Input.Submitted) -> None:
        if event.value.strip() and self._editable(entering=event.value):
            self.add_note(event.value)

    def on_resize(self) -> None:
        width, height = self.size
        self.set_class(width < NARROW, "-narrow")
        self.set_class(self.query_one(TooSmall).fit(width, height), "-too-small")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.has_class("-too-small"):  # nothing acts behind "Terminalen är för liten" but quitting
            return action == "save_and_quit"
        # `n` is a priority binding so the focus moves before the keys typed right after it are
        # routed (a burst like `nHej⏎` over SSH); inside a text field it is just the letter n.
        return not (action in ("focus_note", "focus_notes") and isinstance(self.focused, Input | TextArea))

    # --- actions (keys, palette) ---------------------------------------------------------

    async def action_next_question(self) -> None:
        await self._step(1, self._agenda())

    async def action_previous_question(self) -> None:
        await self._step(-1, self._agenda())

    async def action_next_in_pack(self) -> None:
        await self._step(1, list(self.pack.questions))

    async def action_previous_in_pack(self) -> None:
        await self._step(-1, list(self.pack.questions))

    def _agenda(self) -> list[str]:
        """What j and k walk: the agenda of the meeting going on (or planned next), else the whole pack."""
        meeting = self.opened.today() or self.opened.planned()
        return list(meeting.agenda) if meeting is not None and meeting.agenda else list(self.pack.questions)

    async def _step(self, delta: int, ids: list[str]) -> None:
        """To the question `delta` steps on in `ids`; from a question not in them, to the nearest in pack order."""
        if self.current not in ids:
            order = list(self.pack.questions)
            position = order.index(self.current)
            later = [q for q in ids if order.index(q) > position]
            earlier = [q for q in ids if order.index(q) < position]
            target = (later[:1] if delta > 0 else earlier[-1:])
            if target:
                await self.go_to(target[0])
            return
        index = ids.index(self.current) + delta
        if 0 <= index < len(ids):
            await self.go_to(ids[index])

    def action_focus_note(self) -> None:
        if self._editable():
            if self.nav_open:  # a narrow terminal's navigation covers the input: never type unseen
                self.action_toggle_nav()
            # At once, not deferred like focus(): the next key may already be on its way.
            self.set_focus(self.query_one("#quick-note"))

    def action_readiness(self, delta: int) -> None:
        self.set_readiness(self.session.readiness(self.current) + delta)

    def action_set_readiness(self, value: int) -> None:
        self.set_readiness(value)

    def action_toggle_revisit(self) -> None:
        if self._editable():
            self._apply(edits.toggle_revisit(self.session, self.current))
            self.query_one(PhaseNav).refresh_question(self.current)
            self._card().refresh_title(self.opened.today())

    def _item_edit(self, edit) -> None:
        """An edit of the current question's item in today's meeting."""
        if self._editable():
            meeting = self._meeting()
            try:
                self._apply(edit(meeting, self.current))
            except UserError as err:
                self.notify(sentence(one_line(err.message)), severity="warning")
                return
            self._card().refresh_title(meeting)

    def action_cycle_type(self) -> None:
        self._item_edit(edits.cycle_item_type)

    def action_cycle_outcome(self) -> None:
        self._item_edit(edits.cycle_outcome)

    def action_toggle_adjusted(self) -> None:
        self._item_edit(edits.toggle_adjusted)

    def action_toggle_guidance(self) -> None:
        self._card().toggle_guidance()

    def action_toggle_nav(self) -> None:
        self.nav_open = not self.nav_open
        self.set_class(self.nav_open, "-nav-open")
        self.query_one(TooSmall).focus_keeper.lend_while(self.query_one(PhaseNav), self.nav_open)

    def action_overview(self) -> None:
        from samverka.tui.dialogs import OverviewScreen

        if not self._history():
            return

        async def jump(question_id: str | None) -> None:
            if question_id:
                await self.go_to(question_id)

        self.app.push_screen(OverviewScreen(self.session, self.pack, self.opened.clock().date()), jump)

    def action_export(self) -> None:
        from samverka.tui.dialogs import ExportScreen

        if self._history():
            self.app.push_screen(ExportScreen(self.session, self.pack))

    def action_help(self) -> None:
        from samverka.tui.dialogs import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_save(self) -> None:
        if self._editable():
            self.save_all()

    def action_save_and_quit(self) -> None:
        """Quit (ctrl+q, the palette, Textual's own quit): the half-typed note becomes a note, everything
        is saved; when a save fails, a second ctrl+q quits anyway with what failed in the recovery file."""
        note_input = self.query_one("#quick-note", Input)
        if not self.read_only and note_input.value.strip() and self._history() and self.add_note(note_input.value):
            note_input.value = ""
        self._record_time()
        places.remember(self.session.path, self.current)
        half = note_input.value.strip()
        closed = self.opened.close((self.current, half) if half else None,
                                   reason="avslutad trots att sparandet misslyckades", force=self._quit_anyway)
        if closed.error is None:
            self.app.exit(0)
        elif self._quit_anyway:
            self.app.exit(1)
        else:
            self._quit_anyway = True
            self.notify(f"Kunde inte spara: {one_line(str(closed.error))}. Tryck ctrl+q igen för att avsluta ändå.",
                        severity="error", timeout=10)
