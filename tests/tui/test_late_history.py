"""The app's first frame comes before the earlier meetings: the notes pane says they are being read, an edit
waits for them, and an unreadable one ends the app with its error (a note being entered is kept)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from conftest import files, run
from history_fixture import EARLIER, TODAY, break_first_meeting, history_session
from samverka.errors import UserError
from samverka.sessions import recovery
from samverka.sessions.clock import now
from samverka.sessions.model import Note
from samverka.sessions.opened import OpenedSession, lock_session, read_session
from samverka.sessions.store import History, SessionStore
from samverka.tui.app import SamverkaApp
from samverka.tui.dialogs import RestoreScreen
from samverka.tui.widgets import NotesView
from tui_helpers import clock, main_screen, read_toml, settle, today_file


def opened_without_history(path: Path, gate: threading.Event | None = None) -> OpenedSession:
    """Opened as `samverka open` opens it, the earlier meetings held back until `gate` is set."""
    lock, holder = lock_session(path, False)
    store, warnings = read_session(path, None, writer=True, history=False)
    if gate is not None:
        def source() -> History:
            assert gate.wait(10)
            return History.joined(store.read_history())

        store.history_from(source)
    return OpenedSession(store, lock, holder, warnings)


def notes_shown(app: SamverkaApp) -> str:
    return str(main_screen(app).query_one(NotesView).render())


async def wait_until(pilot, condition, tries: int = 50) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


def test_notes_pane_says_earlier_meetings_are_being_read_then_shows_them(data_dir: Path):
    path = history_session(data_dir)
    earlier_note = SessionStore.open(path, None).session.meeting(EARLIER[0]).notes[0]
    assert earlier_note.question == "1.1"
    gate = threading.Event()

    async def scenario():
        app = SamverkaApp(opened=opened_without_history(path, gate), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            try:
                await pilot.pause()
                assert main_screen(app).current == "1.1"
                shown = notes_shown(app)
                assert "Läser tidigare möten" in shown
                assert "Tidigare möten" not in shown.replace("Läser tidigare möten", "")
                assert earlier_note.text[:40] not in shown
            finally:
                gate.set()  # also when an assertion failed: the reader thread must not hold up the exit
            await wait_until(pilot, lambda: "Läser" not in notes_shown(app))
            shown = notes_shown(app)
            assert "Tidigare möten" in shown and earlier_note.text[:40] in shown
            assert not main_screen(app).opened.history_pending

    run(scenario())


def edit_while_history_is_held(path: Path, first: str, *then: str) -> dict[str, Any]:
    """Open without history, press `first` while the earlier meetings are held back for 0.3 s (the edit
    waits: the UI thread blocks until they are in), then `then`; what was seen right after `first`."""
    gate = threading.Event()
    seen: dict[str, Any] = {}

    async def scenario():
        opened = opened_without_history(path, gate)
        app = SamverkaApp(opened=opened, clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            seen["pending before"] = opened.store.history_pending
            seen["today before"] = opened.today()
            release = threading.Timer(0.3, gate.set)
            release.start()
            await pilot.press(first)
            seen["pending after"] = opened.store.history_pending
            seen["meetings"] = len(opened.store.session.meetings)
            seen["notes"] = notes_shown(app)
            await pilot.press(*then)
            await settle(app, pilot)
            release.join()

    run(scenario())
    return seen


def test_an_edit_waits_for_history_and_saves_only_todays_files(data_dir: Path):
    path = history_session(data_dir)
    before = files(path)
    seen = edit_while_history_is_held(path, "3", "n", *"Ny tanke", "enter")
    assert seen["pending before"] and not seen["pending after"]
    assert seen["meetings"] == 4 and "Tidigare möten" in seen["notes"]
    after = files(path)
    for day in EARLIER:
        name = f"meetings/{day}.toml"
        assert after[name] == before[name]
    assert read_toml(path / "session.toml")["questions"]["1.1"]["readiness"] == 3
    today = read_toml(today_file(path))
    assert today["notes"][-1]["text"] == "Ny tanke" and today["notes"][-1]["question"] == "1.1"
    assert [(c["question"], c["to"]) for c in today["readiness_changes"]][-1] == ("1.1", 3)
    assert [m.id for m in SessionStore.open(path, None).session.meetings] == [*EARLIER, str(TODAY)]


def test_the_first_edit_on_a_new_day_starts_a_meeting_after_the_history(data_dir: Path):
    last_day = TODAY - dt.timedelta(days=7)
    path = history_session(data_dir, today=last_day)
    before = files(path)
    seen = edit_while_history_is_held(path, "plus")
    assert seen["pending before"] and seen["today before"] is None and not seen["pending after"]
    after = files(path)
    for name in before:
        if name.startswith("meetings/"):
            assert after[name] == before[name]
    full = SessionStore.open(path, None)
    assert full.session.readiness("1.1") == 1
    assert [m.id for m in full.session.meetings][-2:] == [str(last_day), str(TODAY)]
    assert len(full.session.meetings) == 5
    assert full.session.meetings[-1].previous == str(last_day)


def test_an_unreadable_earlier_meeting_ends_the_app_with_its_error(data_dir: Path):
    path = history_session(data_dir)
    broken, line = break_first_meeting(path)
    before = files(path)

    async def scenario() -> SamverkaApp:
        app = SamverkaApp(opened=opened_without_history(path), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.failed is not None)
        return app

    app = run(scenario())
    assert isinstance(app.failed, UserError)
    assert (app.failed.path, app.failed.line) == (broken, line)
    assert app.return_value == 1
    assert files(path) == before  # nothing to save, so nothing written (no recovery file either)


def test_a_note_entered_as_an_earlier_meeting_fails_to_read_is_kept_for_recovery(data_dir: Path):
    path = history_session(data_dir)
    break_first_meeting(path)
    gate = threading.Event()

    async def scenario() -> SamverkaApp:
        app = SamverkaApp(opened=opened_without_history(path, gate), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            try:
                await pilot.click("#quick-note")  # focused by mouse: nothing has waited for history yet
                await pilot.press(*"Viktig rad")
                threading.Timer(0.3, gate.set).start()
                await pilot.press("enter")  # the input empties at once; the note waits for history, which fails
                await wait_until(pilot, lambda: app.failed is not None)
            finally:
                gate.set()
        return app

    assert run(scenario()).failed is not None
    kept = read_toml(path / recovery.NAME)
    assert kept["half_typed"] == {"question": "1.1", "text": "Viktig rad"}


def test_a_recovery_file_is_offered_at_once_even_for_an_earlier_meeting(data_dir: Path):
    path = history_session(data_dir)
    store = SessionStore.open(path, None)
    first = store.session.meeting(EARLIER[0])
    first.notes.append(Note(now(), "1.2", "note", "Glömd i första mötet"))
    recovery.write_recovery(store, None, "SIGHUP")

    async def scenario():
        app = SamverkaApp(opened=opened_without_history(path), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RestoreScreen)  # before a key can change what it restores
            await pilot.press("enter")
            await settle(app, pilot)

    run(scenario())
    assert not (path / recovery.NAME).exists()
    notes = read_toml(path / "meetings" / f"{EARLIER[0]}.toml")["notes"]
    assert notes[-1]["text"] == "Glömd i första mötet"
