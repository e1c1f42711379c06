"""The command palette: each screen offers only what it can do, in Swedish, and every way of quitting saves (B1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import TextArea

from conftest import run
from samverka.tui.commands import COMMANDS
from tui_helpers import main_screen, picker_app, read_toml, session_app, today_file

MAIN_ENTRIES = {f"{c.category}: {c.description}" for c in COMMANDS}
QUIT_ENTRY = "Session: Spara och avsluta"
TEXTUAL_ENTRIES = ("Quit", "Theme", "Keys", "Screenshot", "Maximize", "Minimize")


async def palette_entries(app: App, pilot: Pilot) -> list[str]:
    """Open the palette and read every entry it offers before anything is typed."""
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await app.workers.wait_for_complete()  # the palette gathers its entries in a worker
    await pilot.pause()
    options = app.screen.query_one(CommandList).options
    return [option.hit.text or str(option.hit.prompt) for option in options]


def test_the_main_screen_palette_lists_its_commands_in_swedish_and_none_of_textuals(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            return await palette_entries(app, pilot)

    entries = run(scenario())
    assert sorted(entries) == sorted(MAIN_ENTRIES)  # each "Kategori: Åtgärd" from the command table, once
    assert entries.count(QUIT_ENTRY) == 1
    assert not [e for e in entries if any(name in e for name in TEXTUAL_ENTRIES)]


@pytest.mark.parametrize("where", ["picker", "dialog"])
def test_other_screens_palettes_offer_only_quitting(data_dir: Path, pinned_demo_path: Path, where: str):
    async def scenario():
        app = picker_app(data_dir) if where == "picker" else session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            if where == "dialog":
                await pilot.press("o")  # the overview: main-screen commands would do nothing here
            return await palette_entries(app, pilot)

    assert run(scenario()) == [QUIT_ENTRY]


@pytest.mark.parametrize("how", ["ctrl+q", "ctrl+q over a dialog", "textual quit action", "main palette",
                                 "palette over a dialog"])
def test_every_way_of_quitting_saves_a_field_and_a_half_typed_note(pinned_demo_path: Path, how: str):
    """B1: Textual's own quit left without saving a half-typed note or a field still inside its save delay."""

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n", *"Halvskriven")
            main_screen(app).query_one("#canvas--foretradare", TextArea).focus()
            await pilot.press(*"Två per part")  # typed last: quitting comes inside the field's save delay
            if how.startswith("ctrl+q"):
                if how.endswith("dialog"):
                    await pilot.press("escape", "m")
                await pilot.press("ctrl+q")
            elif how == "textual quit action":
                await app.run_action("quit")
            else:
                if how == "palette over a dialog":
                    await pilot.press("escape", "o")
                await pilot.press("ctrl+p", *"avsluta")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert app.screen.query_one(CommandList).highlighted_option.hit.text == QUIT_ENTRY
                await pilot.press("enter")
            await pilot.pause()
        return app.return_code

    assert run(scenario()) == 0
    assert read_toml(pinned_demo_path / "session.toml")["questions"]["1.1"]["canvas"]["foretradare"] == "Två per part"
    assert read_toml(today_file(pinned_demo_path))["notes"][-1]["text"] == "Halvskriven"


@pytest.mark.parametrize("reason", ["SIGHUP", "SIGTERM"])
def test_a_signal_saves_the_field_and_keeps_the_half_typed_note_for_the_next_open(pinned_demo_path: Path,
                                                                                    reason: str):
    """A dropped connection: the field goes to session.toml, the half-typed note to the recovery file."""
    from samverka.sessions.opened import open_session

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            main_screen(app).query_one("#canvas--foretradare", TextArea).focus()
            await pilot.press(*"Två per part")
            await pilot.press("escape", "n", *"Halvskriven")
            main_screen(app).close_session(reason)  # what the signal handler runs before exit (and a watchdog)
            await pilot.pause()

    run(scenario())
    assert read_toml(pinned_demo_path / "session.toml")["questions"]["1.1"]["canvas"]["foretradare"] == "Två per part"
    opened = open_session(pinned_demo_path, None)
    found, warning = opened.read_recovery()
    assert warning is None and found.half_typed == ("1.1", "Halvskriven") and found.reason == reason
    opened.close(reason="test")


def test_the_palette_speaks_swedish_when_nothing_matches(pinned_demo_path: Path):
    from textual.widgets import Input

    from samverka.tui.dialogs.palette import NO_MATCHES, PLACEHOLDER

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+p")
            assert app.screen.query_one(Input).placeholder == PLACEHOLDER
            await pilot.press(*"zzzq")
            await pilot.pause(1.5)  # Textual waits a moment before it says that nothing matched
            return [str(option.prompt.renderable) for option in app.screen.query_one(CommandList).options]

    assert run(scenario()) == [NO_MATCHES]
