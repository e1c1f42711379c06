"""Run samverka in a real pseudo-terminal, as over SSH: type bytes, read what reaches the terminal, send signals."""

from __future__ import annotations

import os
import pty
import re
import signal
import struct
import sys
import threading
import time
from pathlib import Path

from conftest import ROOT

_ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class PtyApp:
    def __init__(self, args: list[str], data_dir: Path, size: tuple[int, int] = (120, 40)) -> None:
        self.raw = bytearray()
        pid, fd = pty.fork()
        if pid == 0:  # the child: become samverka
            env = {**os.environ, "TERM": "xterm-256color", "SAMVERKA_DIR": str(data_dir),
                   "PYTHONPATH": str(ROOT), "COLUMNS": str(size[0]), "LINES": str(size[1])}
            env.pop("NO_COLOR", None)
            os.execve(sys.executable, [sys.executable, "-m", "samverka", *args], env)
        import fcntl
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
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

    def wait_exit(self, timeout: float) -> int | None:
        """The exit status, or None if still running after `timeout` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            time.sleep(0.02)
        return None

    def close(self) -> None:
        if self.status is None and self.wait_exit(0) is None:
            os.kill(self.pid, signal.SIGKILL)
            self.wait_exit(5)
        os.close(self.fd)
