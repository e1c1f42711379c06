"""What the protocol needs, set from the keyboard: the meeting's kind, number, basis and absent parties in the
setup; each party's position on an item (s); the text the parties agree on (y)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from conftest import run
from samverka.tui.dialogs import MeetingScreen
from samverka.tui.dialogs.base import Checklist
from samverka.tui.dialogs.positions import PositionsScreen
from samverka.tui.screens.typing import BURST_GAP
from tui_helpers import main_screen, read_toml, session_app, settle, today_file


async def key(pilot, name: str) -> None:
    await pilot.press(name)
    await pilot.pause(BURST_GAP)  # each command key deliberate, never a word to the typing guard


def test_the_setup_sets_kind_number_basis_and_absent_parties(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await key(pilot, "m")
            dialog = app.screen
            assert isinstance(dialog, MeetingScreen)
            number = dialog.query_one("#number", Input)
            assert number.value.isdigit()  # proposed: the last one's + 1
            number.value = "7"
            dialog.query_one("#basis", Input).value = ""  # a working group: no MBL basis
            dialog.query_one("#kind", Checklist).select("arbetsgrupp")
            dialog.query_one("#group", Input).value = "Arbetsgruppen för avtalet"
            dialog.query_one("#registry", Input).value = ""
            dialog.query_one("#absent", Checklist).select("saco")
            await pilot.press("ctrl+s")
            await settle(app, pilot)

    run(scenario())
    session = read_toml(pinned_demo_path / "session.toml")
    assert session["group"] == "Arbetsgruppen för avtalet" and "registry" not in session  # the session's details
    planned = read_toml(today_file(pinned_demo_path))
    assert (planned["kind"], planned["number"], planned["basis"], planned["absent"]) == ("arbetsgrupp", 7, "",
                                                                                          ["saco"])


def test_s_steps_each_partys_position_and_y_records_the_agreed_text(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            await screen.go_to("1.2")
            await key(pilot, "s")
            assert isinstance(app.screen, PositionsScreen)
            await pilot.press("enter")  # the employer: överens
            await pilot.press("down", "enter", "enter")  # the first union: överens, then ej överens
            assert "ej överens" in str(app.screen.query_one("#positions-outcome").render())
            await pilot.press("ctrl+s")
            await pilot.pause(BURST_GAP)
            await key(pilot, "y")
            await settle(app, pilot)
            await pilot.press("ctrl+z")  # the agreed text taken back; the positions stay
            await settle(app, pilot)
            await key(pilot, "y")
            await settle(app, pilot)

    run(scenario())
    held = read_toml(today_file(pinned_demo_path))
    assert held["items"]["1.2"]["positions"] == {"ag": "overens", "st": "ej_overens"}
    answers = read_toml(pinned_demo_path / "session.toml")["questions"]["1.2"]["answers"]
    expected = [(f, t.strip()) for f, t in answers.items() if t.strip()]
    assert sorted((a["field"], a["text"]) for a in held["agreed"]) == sorted(expected)  # once: the undo took one back


def test_looking_at_positions_or_a_refused_agree_starts_no_meeting(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            await screen.go_to("2.1")  # an empty svarsmall
            await key(pilot, "s")
            assert isinstance(app.screen, PositionsScreen)
            await key(pilot, "escape")
            await key(pilot, "y")  # nothing to agree on: refused
            await settle(app, pilot)
            assert screen.opened.today() is None

    run(scenario())
    assert not today_file(pinned_demo_path).exists()
