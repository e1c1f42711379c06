"""Dialogs return values: the session changes only when a dialog's own "apply" is used (B2: cancel cancels)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from conftest import run
from samverka.tui.dialogs import ActionsScreen, MeetingScreen, ParticipantScreen
from tui_helpers import main_screen, read_toml, session_app, settle, today_file


def meeting_values(session: Path) -> dict:
    path = today_file(session)
    return read_toml(path) if path.exists() else {}


def test_cancelling_meeting_setup_after_adding_a_person_keeps_nothing_of_the_form(pinned_demo_path: Path):
    """B2: place typed, F3 (a new participant), Esc, Esc: the place was saved anyway."""

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("m")
            assert isinstance(app.screen, MeetingScreen)
            app.screen.query_one("#place", Input).value = "AVBRUTEN PLATS"
            await pilot.press("f3")
            assert isinstance(app.screen, ParticipantScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, MeetingScreen)
            assert app.screen.query_one("#place", Input).value == "AVBRUTEN PLATS"  # the form is kept meanwhile
            await pilot.press("escape")
            await settle(app, pilot)
            assert main_screen(app).opened.to_set_up().place != "AVBRUTEN PLATS"

    run(scenario())
    assert meeting_values(pinned_demo_path).get("place") != "AVBRUTEN PLATS"


def test_a_person_added_from_meeting_setup_is_registered_and_ticked_only_in_the_form(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("m", "f3", *"Greta Lund", "enter")
            assert isinstance(app.screen, MeetingScreen)
            assert "greta" in app.screen.query_one("#attendees").selected
            await pilot.press("escape")  # cancelled: Greta stays registered, but is not present
            await settle(app, pilot)
            assert "greta" not in main_screen(app).opened.to_set_up().attendees
            await pilot.press("m", "ctrl+s")  # the form again, saved as it is
            await settle(app, pilot)

    run(scenario())
    people = read_toml(pinned_demo_path / "session.toml")["participants"]
    assert [p["name"] for p in people if p["id"] == "greta"] == ["Greta Lund"]
    assert "greta" not in meeting_values(pinned_demo_path).get("attendees", [])


def test_f2_signs_the_previous_minutes_only_when_the_setup_is_saved(pinned_demo_path: Path):
    previous = next((pinned_demo_path / "meetings").glob("*.toml"))

    async def scenario(keys: tuple[str, ...]):
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("m", "f2", *keys)
            await settle(app, pilot)

    run(scenario(("escape",)))
    assert not read_toml(previous).get("justified")
    run(scenario(("ctrl+s",)))
    assert read_toml(previous)["justified"] is True


def test_the_actions_dialog_marks_done_what_it_returns(pinned_demo_path: Path):
    earlier = next((pinned_demo_path / "meetings").glob("*.toml"))

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("x")
            assert isinstance(app.screen, ActionsScreen)
            await pilot.press("enter")  # done
            assert all(n.done is None for n in main_screen(app).opened.session.meetings[0].notes)  # not yet
            await pilot.press("enter", "enter")  # open again, done again
            await pilot.press("escape")
            await settle(app, pilot)

    run(scenario())
    actions = [n for n in read_toml(earlier)["notes"] if n["kind"] == "action" and n["question"] == "1.1"]
    assert [str(n.get("done")) for n in actions] == ["2026-11-23"]
