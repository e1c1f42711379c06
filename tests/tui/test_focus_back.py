"""Whatever is hidden and shown again gives the focus back where it was: the narrow layout's navigation,
a resize across its threshold, a dialog over a half-typed note."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from conftest import run
from samverka.tui.widgets import PhaseNav
from tui_helpers import main_screen, read_toml, session_app, settle, today_file


async def palette(pilot, query: str) -> None:
    """Run a command from the palette (the way to reach one while a text field has the focus)."""
    await pilot.press("ctrl+p", *query)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.3)


def test_the_narrow_navigation_closed_gives_the_focus_back_to_the_half_typed_note(pinned_demo_path: Path):
    before = read_toml(pinned_demo_path / "session.toml")

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = main_screen(app)
            note = screen.query_one("#quick-note", Input)
            await pilot.press("n", *"Halv")
            await palette(pilot, "fasnavigeringen")
            assert screen.query_one(PhaseNav).display and not screen.query_one("#main").display
            assert screen.focused is screen.query_one(PhaseNav)
            await pilot.resize_terminal(120, 40)  # across the threshold and back, the navigation open
            await pilot.pause()
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            await pilot.press("v")
            await pilot.pause()
            assert screen.focused is note
            await pilot.press(*"skriven rad", "enter")  # letters that are commands, had the focus been lost
            await settle(app, pilot)
            assert app.screen is screen

    run(scenario())
    assert [n["text"] for n in read_toml(today_file(pinned_demo_path))["notes"]] == ["Halvskriven rad"]
    assert read_toml(pinned_demo_path / "session.toml") == before


def test_a_resize_across_the_narrow_threshold_gives_the_focus_back_to_the_navigation(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            nav = screen.query_one(PhaseNav)
            nav.focus()
            await pilot.pause()
            await pilot.resize_terminal(100, 30)  # the navigation is hidden
            await pilot.pause()
            assert screen.focused is screen.query_one("#card")  # meanwhile the focus is visible
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert screen.focused is nav
            await pilot.press("down", "enter")
            await pilot.pause()
            assert screen.current == "1.2"

    run(scenario())


def test_what_was_focused_meanwhile_is_not_taken_back(pinned_demo_path: Path):
    """The focus returns only if nobody moved it: a note started while the navigation was hidden keeps it."""

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            screen.query_one(PhaseNav).focus()
            await pilot.pause()
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            await pilot.press("n", *"Ny")
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert screen.focused is screen.query_one("#quick-note", Input)

    run(scenario())


def test_a_dialog_closed_over_a_half_typed_note_gives_the_focus_back(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            note = screen.query_one("#quick-note", Input)
            await pilot.press("n", *"Halv")
            for opens in (["f1"], ["ctrl+p"]):
                await pilot.press(*opens)
                await pilot.pause()
                assert app.screen is not screen
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is screen and screen.focused is note
            await palette(pilot, "Mötesinställningar")
            assert app.screen is not screen
            await pilot.press("escape")
            await pilot.pause()
            assert screen.focused is note
            await pilot.press(*"skriven", "enter")
            await settle(app, pilot)

    run(scenario())
    assert [n["text"] for n in read_toml(today_file(pinned_demo_path))["notes"]] == ["Halvskriven"]


def test_n_under_the_narrow_navigation_shows_the_note_input_it_focuses(pinned_demo_path: Path):
    """The focus is always visible: `n` while the navigation covers the card closes it, never types unseen."""

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = main_screen(app)
            await pilot.press("v")
            await pilot.pause()
            assert not screen.query_one("#main").display
            await pilot.press("n", *"Syns")
            await pilot.pause()
            note = screen.query_one("#quick-note", Input)
            assert screen.focused is note and note.value == "Syns"
            assert screen.query_one("#main").display and not screen.query_one(PhaseNav).display

    run(scenario())
