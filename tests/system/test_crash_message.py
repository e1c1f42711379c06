"""A crash of the app in a real terminal: one line naming the problem and where the report went, never a
traceback with local variables (which quotes the session's text onto the meeting room's screen)."""

from __future__ import annotations

import os
import pty
import re
import struct
import sys
import textwrap
import threading
import time
import tomllib
from pathlib import Path

from conftest import ROOT
from pty_app import _ANSI
from samverka.sessions import recovery

SECRET = "Hemlig anteckning om lönerna"


def spawn(args: list[str], data_dir: Path, hook: Path, state: Path) -> tuple[int, int, bytearray]:
    """samverka in a pty, with `hook` imported first (it plants the fault)."""
    pid, fd = pty.fork()
    if pid == 0:
        env = {**os.environ, "TERM": "xterm-256color", "SAMVERKA_DIR": str(data_dir), "XDG_STATE_HOME": str(state),
               "COLUMNS": "120", "LINES": "40",
               "PYTHONPATH": os.pathsep.join([str(ROOT), str(hook.parent)])}
        code = f"import {hook.stem}, sys; from samverka.cli import main; sys.exit(main())"
        os.execve(sys.executable, [sys.executable, "-c", code, *args], env)
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    raw = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            raw.extend(chunk)

    threading.Thread(target=read, daemon=True).start()
    return pid, fd, raw


def text(raw: bytearray) -> str:
    return _ANSI.sub("", bytes(raw).decode("utf-8", "replace"))


def wait_for(raw: bytearray, needle: str, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while needle not in text(raw):
        assert time.monotonic() < end, f"{needle!r} never appeared: {text(raw)[-500:]!r}"
        time.sleep(0.05)


def test_a_crash_says_one_line_and_where_the_report_is(demo_path: Path, data_dir: Path, tmp_path: Path):
    hook = tmp_path / "hook" / "plant_fault.py"
    hook.parent.mkdir()
    hook.write_text(textwrap.dedent(f"""\
        from samverka.tui.screens.main import MainScreen

        def toggle_revisit(self):
            raise ValueError({SECRET!r} + " " + self.session.title)

        MainScreen.action_toggle_revisit = toggle_revisit
        """), encoding="utf-8")
    state = tmp_path / "state"
    pid, fd, raw = spawn(["open", "demo"], data_dir, hook, state)
    status = None
    try:
        wait_for(raw, "Kommandon (n skriver")
        for key in "nHalvskriv":
            os.write(fd, key.encode())
            time.sleep(0.02)
        time.sleep(0.3)
        os.write(fd, b"\x1b")  # leave the note input; its text stays
        time.sleep(0.3)
        shown = len(raw)
        os.write(fd, b"r")
        end = time.monotonic() + 10
        while status is None and time.monotonic() < end:
            done, code = os.waitpid(pid, os.WNOHANG)
            status = os.waitstatus_to_exitcode(code) if done else None
            time.sleep(0.05)
        assert status == 1, text(raw)[-800:]
        time.sleep(0.2)
    finally:
        if status is None:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    after = text(raw[shown:])
    assert "Traceback" not in after and "locals" not in after and SECRET not in after, after
    lines = [line for line in after.splitlines() if line.strip()]
    message = [line for line in lines if line.startswith("samverka: ")]
    assert len(message) == 1 and "internt fel (ValueError" in message[0], lines
    report = Path(re.search(r"rapport: (\S+\.txt)", message[0]).group(1))
    assert report.is_relative_to(state / "samverka")
    assert "ValueError" in report.read_text(encoding="utf-8")
    rescue = tomllib.loads((demo_path / recovery.NAME).read_text(encoding="utf-8"))
    assert rescue["half_typed"]["text"] == "Halvskriv"
