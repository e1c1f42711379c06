"""Helpers for driving the TUI headless: a pinned clock, the apps under test, waiting for saves."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from conftest import NOW
from samverka.sessions.format import meeting_values, session_values
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore
from samverka.tui.app import SamverkaApp
from samverka.tui.screens.main import MainScreen


def clock() -> dt.datetime:
    return NOW


def session_app(path: Path, *, read_only: bool = False) -> SamverkaApp:
    return SamverkaApp(opened=open_session(path, None, read_only=read_only), clock=clock)


def picker_app(data_dir: Path) -> SamverkaApp:
    return SamverkaApp(sessions_dir=data_dir / "sessions", packs_dir=data_dir / "packs", clock=clock)


def read_toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def on_disk(session: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What a session's files hold, read back through the model: an emptied table that stays as an empty key
    (`attendees = []`) or a blank line left where a table was taken away is the same content."""
    read = SessionStore.open(session, None).session
    return session_values(read), [meeting_values(m) for m in read.meetings]


def today_file(session: Path) -> Path:
    return session / "meetings" / f"{NOW.date().isoformat()}.toml"


def main_screen(app: App) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


async def settle(app: App, pilot: Pilot) -> None:
    """Let pending messages run, then wait until the autosave thread has written everything."""
    await pilot.pause()
    assert main_screen(app).opened.flush(5) is None
    await pilot.pause()


async def sessions_listed(pilot: Pilot) -> None:
    """The picker reads its summaries on a worker thread: wait until they are listed."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
