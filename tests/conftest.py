"""Shared fixtures and helpers: a private data dir per test, the CLI as a subprocess, the demo session
(at the real date or at a pinned moment), and Hypothesis profiles."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import settings

from samverka.fileio import SessionLock
from samverka.sessions.clock import now
from samverka.sessions.demo import ensure_demo
from samverka.sessions.model import Meeting
from samverka.sessions.opened import OpenedSession, open_session
from samverka.sessions.store import SessionStore

ROOT = Path(__file__).resolve().parent.parent
TZ = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 23, 10, 0, 0, tzinfo=TZ)  # the pinned moment of tests that set the clock

T = TypeVar("T")

# Few examples while working, many in CI; HYPOTHESIS_PROFILE picks one explicitly.
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev"))


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("SAMVERKA_DIR", str(data))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # recovery files with nowhere else to go
    return data


@pytest.fixture
def cli(data_dir: Path):
    """Run `samverka ARGS…` as a user would, in a subprocess with no terminal.

    `preexec_fn` runs in the child before samverka starts (to set resource limits).
    """

    def invoke(*args: str, stdin: str = "", preexec_fn: Callable[[], None] | None = None) -> Result:
        env = {**os.environ, "SAMVERKA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "samverka", *args],
            input=stdin, capture_output=True, text=True, env=env, timeout=60, preexec_fn=preexec_fn,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return invoke


@pytest.fixture
def demo_path(data_dir: Path) -> Path:
    """The demo session made at the real date (its meeting a week before today)."""
    return ensure_demo(data_dir / "sessions" / "demo", None)


@pytest.fixture
def demo(demo_path: Path) -> SessionStore:
    return SessionStore.open(demo_path, None)


@pytest.fixture
def pinned_demo_path(data_dir: Path) -> Path:
    """The demo session made at NOW, for tests that pin the clock (the TUI's and the snapshots')."""
    return ensure_demo(data_dir / "sessions" / "demo", None, when=NOW)


@pytest.fixture
def pinned_visit_paths(data_dir: Path) -> list[Path]:
    """The roll-up demo's five visits of one follow-up (and its plan) made at NOW: the picker's and a visit's
    TUI tests."""
    from samverka.sessions.demo_rollup import ensure_rollup_demo

    return ensure_rollup_demo(data_dir / "sessions", None, when=NOW)


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenedSession]:
    """The demo (its meeting a week before the pinned moment) opened for editing at NOW, as the CLI does:
    no saving thread, each change written when applied."""
    path = ensure_demo(tmp_path / "sessions" / "demo", None, when=NOW - dt.timedelta(days=7))
    found = open_session(path, None, clock=lambda: NOW)
    yield found
    found.close(reason="test")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a Pilot scenario (or any coroutine) to its end; what it returns."""
    return asyncio.run(coro)


def meeting_on(store: SessionStore, day: dt.date | None = None, start: dt.time | None = None) -> Meeting:
    """The meeting a change made on `day` (today by the real clock) goes to, found or started as the app
    does it (`OpenedSession.today`), starting at `start` (now)."""
    moment = dt.datetime.combine(day or now().date(), start or now().time())  # a wall time of the session
    return OpenedSession(store, None, None, [], clock=lambda: moment).today(create=True)


def files(directory: Path) -> dict[str, bytes]:
    """Every file's bytes but the lock's (which says who holds the session)."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and p.name != SessionLock.NAME}


@contextmanager
def wall_days() -> Iterator[list[dt.date]]:
    """The dates the real clock shows while the block runs: one, or two when it passes midnight.

    The CLI and the app in a subprocess take today from the real clock; wrap the call to learn
    which day's meeting file it may have written.
    """
    days = [now().date()]  # the sessions' day: Swedish time, whatever the machine's TZ (PRODUCT.md §4)
    yield days
    after = now().date()
    if after != days[0]:
        days.append(after)


def meeting_files(session: Path, days: list[dt.date]) -> list[Path]:
    """The meeting files of `days` that exist in `session`, earliest first."""
    return [path for day in days if (path := session / "meetings" / f"{day.isoformat()}.toml").exists()]


def assert_user_error(result: Result, *fragments: str) -> None:
    """Exit 1 with one line on stderr, no traceback, containing each fragment."""
    assert result.code == 1, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
