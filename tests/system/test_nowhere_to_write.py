"""Nowhere to write (issue 14, class 5): with the disk full, or the session directory moved away while
open, what was typed reaches a recovery file in the user's own state directory, the exit message names
it, and the next open of the session offers it. Real processes in a pty, a real (tiny) full disk."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from pty_app import PtyApp
from samverka.sessions.demo import ensure_demo
from samverka.sessions.opened import open_session

TITLE = "Lokalt samverkansavtal 2027"
EXIT_LINE = "samverka: det som inte kunde sparas finns i "


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs of its own, so that filling it fills nothing else (the state directory is elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"a small full disk needs `mount -t tmpfs` (root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "samverka"


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte; the filler, to free it again."""
    filler = disk / "fyllnad"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 12, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


def kept_file(state: Path) -> Path:
    kept = list(state.glob("*.toml"))
    assert len(kept) == 1, f"one recovery file in the state directory, not {kept}"
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    return kept[0]


def exit_line(app: PtyApp) -> str:
    """The one line said after the screen is gone (the stream before it holds the screen's last frames)."""
    parts = app.text.split(EXIT_LINE)
    assert len(parts) == 2, f"one exit line naming the recovery file; the terminal ends {app.text[-600:]!r}"
    return EXIT_LINE + parts[1].splitlines()[0].rstrip()


def typed_texts(data: dict) -> list[str]:
    return [note["text"] for note in data.get("notes", [])] + (
        [data["half_typed"]["text"]] if "half_typed" in data else [])


@pytest.mark.parametrize("leave", ["SIGHUP", "ctrl+q ctrl+q"])
def test_with_the_disk_full_what_was_typed_goes_to_the_state_dir_and_the_exit_says_where(
        small_disk: Path, state: Path, monkeypatch: pytest.MonkeyPatch, leave: str):
    data_dir = small_disk / "data"
    monkeypatch.setenv("SAMVERKA_DIR", str(data_dir))
    path = ensure_demo(data_dir / "sessions" / "demo", None)
    before = {p.name: p.read_bytes() for p in (path / "meetings").iterdir()}
    app = PtyApp(["open", "demo"], data_dir)
    try:
        app.wait_for(TITLE)
        filler = fill(small_disk)
        app.type("n")
        app.type("Efter att disken blev full\r")
        app.wait_for("Kunde inte spara")
        app.type("Halvskriv")
        time.sleep(0.3)
        if leave == "SIGHUP":
            app.signal(signal.SIGHUP)
            assert app.wait_exit(2.0) is not None, "still running 2 s after SIGHUP"
        else:
            app.type(b"\x11")  # the save fails: the app asks for a second ctrl+q to quit anyway
            time.sleep(1.0)
            app.type(b"\x11")
            assert app.wait_exit(5.0) is not None, "still running after the second ctrl+q"
    finally:
        app.close()
    kept = kept_file(state)
    written = tomllib.loads(kept.read_text(encoding="utf-8"))
    assert "Efter att disken blev full" in typed_texts(written) and "Halvskriv" in typed_texts(written)
    line = exit_line(app)
    assert line.startswith(EXIT_LINE) and str(kept) in line
    # Nothing half-written on the full disk: the files are as they were.
    assert {p.name: p.read_bytes() for p in (path / "meetings").iterdir()} == before
    filler.unlink()  # room again: the next open offers what was kept, and takes it in
    opened = open_session(path, None)
    assert opened.recovery_waiting()
    found, warning = opened.read_recovery()
    assert warning is None and found is not None and found.path == kept
    assert "Efter att disken blev full" in [note.text for _, note in found.notes]
    opened.restore(found)
    assert not opened.recovery_waiting() and not kept.exists()
    opened.close(reason="test")


def test_a_session_directory_renamed_while_open_fails_loudly_and_keeps_what_was_typed(
        data_dir: Path, demo_path: Path, state: Path):
    moved = demo_path.with_name("demo-flyttad")
    app = PtyApp(["open", "demo"], data_dir)
    try:
        app.wait_for(TITLE)
        os.rename(demo_path, moved)
        app.type("n")
        app.type("Efter flytten\r")
        app.wait_for("Kunde inte spara")
        app.type("Halv")
        time.sleep(0.3)
        app.signal(signal.SIGHUP)
        assert app.wait_exit(2.0) is not None, "still running 2 s after SIGHUP"
    finally:
        app.close()
    assert not demo_path.exists(), "a new directory was made at the session's old path"
    kept = kept_file(state)
    assert str(kept) in exit_line(app)
    opened = open_session(moved, None)  # where the session now is: the file is found by the directory's inode
    assert opened.recovery_waiting()
    found, warning = opened.read_recovery()
    assert warning is None and found is not None
    assert [note.text for _, note in found.notes] == ["Efter flytten"] and found.half_typed == ("1.1", "Halv")
    opened.close(reason="test")
