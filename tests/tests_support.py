"""Waiting for the TUI's background saves in Pilot tests."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot

from tui.main_screen import MainScreen


def main_screen(app: App) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


async def settle(app: App, pilot: Pilot) -> None:
    """Let pending messages run, then wait until the autosave thread has written everything."""
    await pilot.pause()
    screen = main_screen(app)
    assert screen.saver is not None
    assert screen.saver.flush(5)
    await pilot.pause()
