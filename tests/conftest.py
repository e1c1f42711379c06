"""Shared fixtures: a private data dir per test, the CLI as a subprocess, the demo session."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sessions.demo import ensure_demo
from sessions.store import SessionStore

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("SAMVERKA_DIR", str(data))
    return data


@pytest.fixture
def cli(data_dir: Path):
    """Run `samverka ARGS…` as a user would, in a subprocess with no terminal."""

    def run(*args: str, stdin: str = "") -> Result:
        env = {**os.environ, "SAMVERKA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "samverka", *args],
            input=stdin, capture_output=True, text=True, env=env, timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def demo_path(data_dir: Path) -> Path:
    return ensure_demo(data_dir / "sessions" / "demo", None)


@pytest.fixture
def demo(demo_path: Path) -> SessionStore:
    return SessionStore.open(demo_path, None)


def assert_user_error(result: Result, *fragments: str) -> None:
    """Exit 1 with one line on stderr, no traceback, containing each fragment."""
    assert result.code == 1, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
