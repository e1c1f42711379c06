"""Terminals and streams, as processes: the TUI starts only on a terminal that can draw (else one line and
exit 1, the picker too), draws on the terminal even with stderr redirected or closed, and a closed or full
stdout, an over-long name, a file in place of meetings/ and an unset HOME each give one line and exit 1."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, Result, assert_user_error, files
from pty_app import PtyApp

LONG = "a" * 300


def _env(data_dir: Path, **changes: str | None) -> dict[str, str]:
    env = {**os.environ, "SAMVERKA_DIR": str(data_dir), "PYTHONPATH": str(ROOT), "COLUMNS": "120", "LINES": "40"}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _run(args: list[str], env: dict[str, str], *, stdout=subprocess.PIPE, close: int | None = None,
         cwd: Path | None = None, timeout: float = 30) -> Result:
    """samverka with stdin from /dev/null and stderr captured; `close` is a descriptor closed before it
    starts (`>&-`). A run that hangs is killed and fails the test."""
    done = subprocess.run([sys.executable, "-m", "samverka", *args], stdin=subprocess.DEVNULL, stdout=stdout,
                          stderr=subprocess.PIPE, env=env, cwd=cwd, timeout=timeout,
                          preexec_fn=(lambda: os.close(close)) if close is not None else None)
    out = done.stdout.decode("utf-8", "replace") if isinstance(done.stdout, bytes) else ""
    return Result(done.returncode, out, done.stderr.decode("utf-8", "replace"))


# --- the TUI only where it can draw -----------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["open", "demo"]], ids=["picker", "open"])
@pytest.mark.parametrize("term", ["dumb", None, ""], ids=["dumb", "unset", "empty"])
def test_a_terminal_that_cannot_draw_gets_one_line_and_no_escape_codes(args: list[str], term: str | None,
                                                                       demo_path: Path, data_dir: Path):
    before = files(demo_path)
    app = PtyApp(args, env=_env(data_dir, TERM=term))
    try:
        assert app.wait_exit(15) == 1
    finally:
        app.close()
    said = bytes(app.raw).decode("utf-8", "replace")
    assert "\x1b" not in said, said
    assert said.count("\n") == 1 and said.startswith("samverka: ") and "TERM" in said, said
    assert files(demo_path) == before


def test_the_picker_with_stdout_in_a_pipe_says_so_instead_of_drawing_and_hanging(data_dir: Path):
    _, slave = pty.openpty()  # keys from a terminal, output into a pipe: `samverka | less`
    try:
        done = subprocess.run([sys.executable, "-m", "samverka"], stdin=slave, capture_output=True,
                              env=_env(data_dir, TERM="xterm-256color"), timeout=20)
    finally:
        os.close(slave)
    result = Result(done.returncode, done.stdout.decode(), done.stderr.decode())
    assert_user_error(result, "behöver en terminal")
    assert result.out == "" and "\x1b" not in result.err


@pytest.mark.parametrize("how", ["file", "closed"])
def test_with_stderr_redirected_the_screen_is_on_the_terminal_and_the_log_stays_clean(how: str, demo_path: Path,
                                                                                     data_dir: Path, tmp_path: Path):
    log = tmp_path / "stderr.log"
    app = PtyApp(["open", "demo"], env=_env(data_dir, TERM="xterm-256color"),
                    stderr=log if how == "file" else None, close_stderr=how == "closed")
    try:
        app.wait_for("Lokalt samver")  # seen, not drawn into the log
        app.type("n")
        app.type("Syns på skärmen\r")
        time.sleep(0.5)
        app.type("\x11")  # ctrl+q
        assert app.wait_exit(10) == 0
    finally:
        app.close()
    assert "Syns på skärmen" in app.text
    assert "\x1b[?1049l" in bytes(app.raw).decode("utf-8", "replace")  # the terminal is given back
    if how == "file":
        assert log.read_bytes() == b""
    for path in demo_path.rglob("*"):  # no screen in any file the session opened
        if path.is_file():
            assert b"\x1b" not in path.read_bytes(), path
    assert any("Syns på skärmen" in p.read_text(encoding="utf-8") for p in (demo_path / "meetings").glob("*.toml"))


# --- stdout closed or full ----------------------------------------------------------------------


COMMANDS = {
    "list": ["list"],
    "export": ["export", "demo", "--minutes"],
    "packs": ["packs"],
    "check": ["check", "{demo}"],
    "demo --no-open": ["demo", "--no-open"],
    "note": ["note", "demo", "--question", "1.1", "en anteckning"],
}


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_closed_stdout_is_one_line_and_nothing_done(args: list[str], demo_path: Path, data_dir: Path):
    before = files(demo_path)
    result = _run([a.replace("{demo}", str(demo_path)) for a in args], _env(data_dir), stdout=None, close=1)
    assert_user_error(result, "standard ut är stängd")
    assert files(demo_path) == before


def test_export_o_needs_no_stdout(demo_path: Path, data_dir: Path, tmp_path: Path):
    target = tmp_path / "protokoll.md"
    result = _run(["export", "demo", "--minutes", "-o", str(target)], _env(data_dir), stdout=None, close=1)
    assert (result.code, result.err) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_full_stdout_is_one_line_and_exit_1(args: list[str], demo_path: Path, data_dir: Path):
    with open("/dev/full", "wb") as full:
        result = _run([a.replace("{demo}", str(demo_path)) for a in args], _env(data_dir), stdout=full)
    assert_user_error(result, "standard ut", "disken är full")


# --- names and places -----------------------------------------------------------------------------


def test_a_300_character_slug_is_refused_in_one_short_line(data_dir: Path):
    result = _run(["new", LONG, "--org", "X"], _env(data_dir))
    assert_user_error(result, "ogiltigt namn", "300 tecken")
    assert len(result.err) < 200
    assert not (data_dir / "sessions").exists() or not any((data_dir / "sessions").iterdir())


@pytest.mark.parametrize("args", [["open", LONG], ["export", LONG, "--minutes"], ["note", LONG, "--question", "1.1",
                                  "x"], ["check", LONG], ["rollup", LONG], ["list", "--dir", f"/tmp/{LONG}"]],
                         ids=["open", "export", "note", "check", "rollup", "list --dir"])
def test_a_300_character_name_is_one_line_not_a_traceback(args: list[str], demo_path: Path, data_dir: Path):
    assert_user_error(_run(args, _env(data_dir)))


@pytest.mark.parametrize("args", [["list"], ["check", "{demo}"], ["export", "demo", "--agreement"],
                                  ["export", "demo", "--minutes"], ["note", "demo", "--question", "1.1", "x"]],
                         ids=["list", "check", "export --agreement", "export --minutes", "note"])
def test_meetings_replaced_by_a_file_is_one_line_never_ok(args: list[str], demo_path: Path, data_dir: Path):
    import shutil

    shutil.rmtree(demo_path / "meetings")
    (demo_path / "meetings").write_text("inte en katalog\n", encoding="utf-8")
    before = files(demo_path)
    result = _run([a.replace("{demo}", str(demo_path)) for a in args], _env(data_dir))
    assert_user_error(result, "meetings", "ingen katalog")
    assert files(demo_path) == before


# `new` only with a relative HOME: unset or empty, the code before the fix would create a session in the
# password database's home or in /.local of the machine running the tests.
@pytest.mark.parametrize(("home", "args"), [(None, ["list"]), ("", ["list"]), ("relativ", ["list"]),
                                            ("relativ", ["new", "ny", "--org", "X"])],
                         ids=["unset-list", "empty-list", "relative-list", "relative-new"])
def test_without_a_usable_home_the_data_dir_is_never_guessed(home: str | None, args: list[str], data_dir: Path,
                                                             tmp_path: Path):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    env = _env(data_dir, HOME=home, SAMVERKA_DIR=None, XDG_DATA_HOME=None)
    assert_user_error(_run(args, env, cwd=cwd), "HOME")
    assert not any(cwd.iterdir())
