"""ctrl+z and ctrl+y on the main screen, as a facilitator uses them: each kind of change made by its key, then
undone (the files as before) and redone (as after); setting up a meeting, which starts none; j and k on the
agenda."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList

from conftest import NOW, run
from samverka.tui.dialogs import ActionsScreen, MeetingScreen
from samverka.tui.screens.main import FIELD_SAVE_DELAY
from samverka.tui.screens.typing import BURST_GAP
from tui_helpers import main_screen, on_disk, read_toml, session_app, settle, today_file


async def keys(pilot, *pressed: str) -> None:
    """Command keys pressed one by one, each deliberate (never a burst the typing guard takes for a word)."""
    for key in pressed:
        await pilot.press(key)
        await pilot.pause(BURST_GAP)


async def field_edit(pilot) -> None:
    await pilot.press("tab", *"Ny text")  # Tab: the first svarsmall field
    await pilot.pause(FIELD_SAVE_DELAY + 0.2)
    await pilot.press("escape")  # out of the field: ctrl+z is the screen's again (in the field, the field's own)


async def action_done(pilot) -> None:
    await pilot.press("n", *"a: Boka lokal @bo", "enter")
    await pilot.pause(BURST_GAP)
    await keys(pilot, "escape", "x")
    assert isinstance(pilot.app.screen, ActionsScreen)
    await pilot.press("enter", "escape")


async def setup(pilot) -> None:
    await keys(pilot, "m")
    assert isinstance(pilot.app.screen, MeetingScreen)
    pilot.app.screen.query_one("#place", Input).value = "Ljusgården"
    pilot.app.screen.query_one("#attendees", SelectionList).select_all()
    await pilot.press("ctrl+s")


CHANGES = {
    "readiness": lambda pilot: keys(pilot, "plus"),
    "revisit": lambda pilot: keys(pilot, "r"),
    "item type": lambda pilot: keys(pilot, "t"),
    "outcome": lambda pilot: keys(pilot, "u"),
    "adjusted": lambda pilot: keys(pilot, "i"),
    "note": lambda pilot: pilot.press("n", *"Vi är överens om syftet", "enter", "escape"),
    "field": field_edit,
    "action done": action_done,
    "setup": setup,
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_ctrl_z_undoes_and_ctrl_y_redoes_each_kind_of_change(pinned_demo_path: Path, kind: str):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await keys(pilot, "f4")  # the meeting starts, so that undoing leaves the files as they were
            await main_screen(app).go_to("2.1")  # not yet rated, nothing recorded
            await settle(app, pilot)
            before = on_disk(pinned_demo_path)
            if kind == "action done":  # the action is one change, marking it done the next
                await pilot.press("n", *"a: Boka lokal @bo", "enter")
                await pilot.pause(BURST_GAP)
                await settle(app, pilot)
                before = on_disk(pinned_demo_path)
                await keys(pilot, "escape", "x")
                await pilot.press("enter", "escape")
            else:
                await CHANGES[kind](pilot)
            await settle(app, pilot)
            after = on_disk(pinned_demo_path)
            assert after != before

            await pilot.press("ctrl+z")
            await settle(app, pilot)
            assert on_disk(pinned_demo_path) == before
            assert any("Ångrat" in str(n.message) for n in app._notifications)

            await pilot.press("ctrl+y")
            await settle(app, pilot)
            assert on_disk(pinned_demo_path) == after

    run(scenario())


def test_undo_repeats_back_to_the_start_and_says_when_there_is_nothing_left(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await keys(pilot, "f4")
            await settle(app, pilot)
            before = on_disk(pinned_demo_path)
            await keys(pilot, "plus", "plus", "r", "t")
            await pilot.press("n", *"En anteckning", "enter", "escape")
            await settle(app, pilot)
            for _ in range(5):
                await pilot.press("ctrl+z")
            await settle(app, pilot)
            assert on_disk(pinned_demo_path) == before
            screen = main_screen(app)
            assert screen.session.readiness(screen.current) == read_toml(
                pinned_demo_path / "session.toml").get("questions", {}).get(screen.current, {}).get("readiness", 0)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert any("Inget att ångra" in str(n.message) for n in app._notifications)
            assert "En anteckning" not in str(screen.query_one("#notes").render())

    run(scenario())


def test_setting_up_people_and_the_agenda_creates_no_meeting_and_starts_no_clock(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("d", *"Gästa Lind", "enter")
            await pilot.pause(BURST_GAP)
            await setup(pilot)
            await settle(app, pilot)
            planned = read_toml(today_file(pinned_demo_path))
            assert planned["planned"] is True and "start" not in planned and not planned.get("notes")
            assert main_screen(app).opened.today() is None
            await pilot.press("n", *"Första anteckningen", "enter")
            await settle(app, pilot)
            started = read_toml(today_file(pinned_demo_path))
            assert "planned" not in started and started["start"] == NOW.time().replace(second=0)
            assert started["place"] == "Ljusgården" and [n["text"] for n in started["notes"]] == [
                "Första anteckningen"]

    run(scenario())


def test_j_and_k_follow_the_agenda_and_l_and_h_walk_the_whole_pack(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await keys(pilot, "m")
            agenda = pilot.app.screen.query_one("#agenda", SelectionList)
            agenda.deselect_all()
            agenda.select("1.2")
            agenda.select("2.1")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            screen = main_screen(app)
            await screen.go_to("1.1")
            await keys(pilot, "j")
            assert screen.current == "1.2"
            await keys(pilot, "j")
            assert screen.current == "2.1"
            await keys(pilot, "k")
            assert screen.current == "1.2"
            await keys(pilot, "l")
            assert screen.current == "1.3"
            await keys(pilot, "h", "h")
            assert screen.current == "1.1"

    run(scenario())


def test_reopening_starts_where_the_user_left_off(pinned_demo_path: Path):
    async def leave_at_2_1():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await main_screen(app).go_to("2.1")
            await pilot.press("ctrl+q")

    async def reopen() -> str:
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return main_screen(app).current

    run(leave_at_2_1())
    assert run(reopen()) == "2.1"


def test_text_typed_just_before_another_change_is_undone_after_it(pinned_demo_path: Path):
    """The field's text waits for a pause before it is saved; a command right after it is still the later
    change: ctrl+z takes that back first, then the whole text typed (one step for the burst)."""

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            await keys(pilot, "f4")
            await screen.go_to("2.1")
            await settle(app, pilot)
            await pilot.press("tab", *"Ny text", "escape")
            await pilot.pause(BURST_GAP)
            await pilot.press("r")  # within the field's save delay
            await settle(app, pilot)
            state = screen.session.state("2.1")
            assert state.revisit and list(state.answers.values()) == ["Ny text"]
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert not screen.session.state("2.1").revisit and list(screen.session.state("2.1").answers.values()) == [
                "Ny text"]
            await pilot.press("ctrl+z")
            await settle(app, pilot)
            assert "2.1" not in screen.session.questions  # as it was before the text, in one step

    run(scenario())
