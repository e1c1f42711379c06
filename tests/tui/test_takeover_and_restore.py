"""Never lose a note, in the app: a second facilitator's read-only view and taking over, restoring after a crash."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input

from conftest import meeting_on, run
from samverka.sessions import recovery
from samverka.sessions.clock import now
from samverka.sessions.model import Note
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore
from samverka.tui.app import SamverkaApp
from samverka.tui.dialogs import RestoreScreen
from samverka.tui.screens.main import MainScreen
from tui_helpers import clock, main_screen, read_toml, session_app, settle


def test_read_only_viewer_sees_changes_and_can_take_over_when_the_holder_is_gone(demo_path: Path):
    holder = open_session(demo_path, None)

    async def scenario():
        app = SamverkaApp(opened=open_session(demo_path, None), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            banner = str(main_screen(app).query_one("#banner").render())
            assert "Skrivskyddad" in banner and holder.holder is None
            assert os.uname().nodename in banner
            # the holder writes a note; the viewer shows it
            meeting_on(holder.store).notes.append(Note(now(), "1.1", "decision", "Syns hos läsaren"))
            holder.store.save()
            await pilot.pause(2.5)
            assert "Syns hos läsaren" in str(main_screen(app).query_one("#notes").render())
            assert main_screen(app).read_only
            holder.lock.release()
            await pilot.pause(2.5)
            assert "ctrl+t för att ta över" in str(main_screen(app).query_one("#banner").render())
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen) and not main_screen(app).read_only

    run(scenario())


def test_tui_offers_to_restore_and_restores(demo: SessionStore):
    meeting = meeting_on(demo)
    meeting.notes.append(Note(now(), "1.2", "note", "Från förra gången"))
    recovery.write_recovery(demo, ("1.3", "Halvskri"), "SIGHUP")

    async def scenario():
        app = session_app(demo.session.path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RestoreScreen)
            await pilot.press("j", "n")  # commands on the main screen: not answers here
            await pilot.pause()
            assert isinstance(app.screen, RestoreScreen)
            await pilot.press("enter")
            await pilot.pause()
            screen = main_screen(app)
            assert screen.current == "1.3"
            assert screen.query_one("#quick-note", Input).value == "Halvskri"
            await settle(app, pilot)

    run(scenario())
    assert not (demo.session.path / recovery.NAME).exists()
    notes = read_toml(demo.session.path / "meetings" / f"{meeting.id}.toml")["notes"]
    assert notes[-1]["text"] == "Från förra gången"


def test_esc_at_the_restore_question_sets_the_file_aside_and_restores_nothing(demo: SessionStore):
    recovery.write_recovery(demo, ("1.3", "Halvskri"), "SIGHUP")

    async def scenario():
        app = session_app(demo.session.path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RestoreScreen)
            await pilot.press("escape")
            await pilot.pause()
            screen = main_screen(app)
            assert app.screen is screen and screen.current != "1.3"
            assert screen.query_one("#quick-note", Input).value == ""

    run(scenario())
    assert not (demo.session.path / recovery.NAME).exists()
    assert len(list(demo.session.path.glob(f"{Path(recovery.NAME).stem}.undan-*.toml"))) == 1
