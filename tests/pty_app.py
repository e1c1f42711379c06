"""Run samverka in a real pseudo-terminal, as over SSH: type bytes, read what reaches the terminal, send signals."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

from conftest import ROOT

_ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class PtyApp:
    """samverka in a pseudo-terminal of `size`, which `resize` changes as a resized SSH window does.

    `env` replaces the environment the child gets (default: this one with TERM=xterm-256color, the data
    dir, and no COLUMNS/LINES, which would pin the first size); `stderr` sends the child's stderr to a file
    first, `close_stderr` closes it (`2>file`, `2>&-`).
    """

    def __init__(self, args: list[str], data_dir: Path | None = None, size: tuple[int, int] = (120, 40), *,
                 env: dict[str, str] | None = None, stderr: Path | None = None, close_stderr: bool = False) -> None:
        self.raw = bytearray()
        if env is None:
            env = {**os.environ, "TERM": "xterm-256color", "SAMVERKA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
            for name in ("NO_COLOR", "COLUMNS", "LINES"):
                env.pop(name, None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: the terminal's size set before samverka starts (no race with its first frame)
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
            if stderr is not None:
                os.dup2(os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
            if close_stderr:
                os.close(2)
            os.execve(sys.executable, [sys.executable, "-m", "samverka", *args], env)
        self.pid, self.fd = pid, fd
        self.status: int | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.raw.extend(chunk)

    @property
    def text(self) -> str:
        return _ANSI.sub("", bytes(self.raw).decode("utf-8", "replace"))

    def wait_for(self, needle: str, timeout: float = 15.0) -> None:
        end = time.monotonic() + timeout
        while needle not in self.text:
            if time.monotonic() > end:
                raise AssertionError(f"{needle!r} never appeared; screen text ends with {self.text[-500:]!r}")
            time.sleep(0.05)

    def type(self, keys: str | bytes, pause: float = 0.02) -> None:
        data = keys.encode() if isinstance(keys, str) else keys
        for byte in data:
            os.write(self.fd, bytes([byte]))
            time.sleep(pause)

    def signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def resize(self, width: int, height: int) -> None:
        """What a resized SSH window does: the terminal's size changes and the program gets SIGWINCH."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.signal(signal.SIGWINCH)

    def wait_exit(self, timeout: float) -> int | None:
        """The exit status, or None if still running after `timeout` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                time.sleep(0.2)  # the last bytes on their way to the reader
                return self.status
            time.sleep(0.02)
        return None

    def close(self) -> None:
        if self.status is None and self.wait_exit(0) is None:
            os.kill(self.pid, signal.SIGKILL)
            self.wait_exit(5)
        os.close(self.fd)
