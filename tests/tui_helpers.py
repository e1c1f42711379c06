"""Helpers for driving the TUI headless: a pinned clock, the demo at a fixed date, waiting for saves."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from sessions.demo import ensure_demo
from sessions.store import open_session
from tui.app import SamverkaApp
from tui.main_screen import MainScreen

TZ = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 23, 10, 0, 0, tzinfo=TZ)


def clock() -> dt.datetime:
    return NOW


def pinned_demo(data_dir: Path) -> Path:
    return ensure_demo(data_dir / "sessions" / "demo", None, when=NOW)


def session_app(path: Path, *, read_only: bool = False) -> SamverkaApp:
    return SamverkaApp(opened=open_session(path, None, read_only=read_only), clock=clock)


def picker_app(data_dir: Path) -> SamverkaApp:
    return SamverkaApp(sessions_dir=data_dir / "sessions", packs_dir=data_dir / "packs", clock=clock)


def read_toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def today_file(session: Path) -> Path:
    return session / "meetings" / f"{NOW.date().isoformat()}.toml"


def main_screen(app: App) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


async def settle(app: App, pilot: Pilot) -> None:
    """Let pending messages run, then wait until the autosave thread has written everything."""
    await pilot.pause()
    screen = main_screen(app)
    assert screen.saver is not None
    assert screen.saver.flush(5)
    await pilot.pause()
