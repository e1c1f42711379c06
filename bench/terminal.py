"""A program in a real pseudo-terminal (120×40, xterm-256color): spawn it, send keys, time what it writes back."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

COLS, ROWS = 120, 40
ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    """The user's environment with a fixed terminal, and nothing that changes how Textual runs."""
    dropped = ("NO_COLOR", "COLORTERM", "COLUMNS", "LINES")  # SSH passes TERM on, COLORTERM usually not
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k not in dropped}
    env["TERM"] = "xterm-256color"
    env["PYTHONPATH"] = str(ROOT)
    return env


class Terminal:
    """One child process on the slave side of a pty; we play the terminal on the master side."""

    def __init__(self, argv: list[str], *, cwd: Path = ROOT) -> None:
        env = _env()
        self.output = bytearray()
        self.arrivals: list[tuple[int, float]] = []  # (output length after a read, perf_counter() of the read)
        self.spawned = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the program asks for it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.exited = False

    def read(self, timeout: float) -> bytes:
        """What the program wrote within `timeout` seconds (b"" if nothing)."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed its side
            self.exited = True
            return b""
        if not data:
            self.exited = True
        self.output += data
        self.arrivals.append((len(self.output), time.perf_counter()))
        return data

    def arrived(self, marker: bytes, start: int = 0) -> float | None:
        """perf_counter() of the read that completed the first `marker` at or after offset `start`, if any."""
        found = self.output.find(marker, start)
        if found < 0:
            return None
        end = found + len(marker)
        return next(at for length, at in self.arrivals if length >= end)

    def wait_for(self, marker: bytes, timeout: float, start: int = 0) -> float | None:
        """perf_counter() when `marker` first appeared in the output after offset `start`; None on time-out."""
        deadline = time.perf_counter() + timeout
        while (at := self.arrived(marker, start)) is None:
            left = deadline - time.perf_counter()
            if left <= 0 or self.exited:
                return None
            self.read(left)
        return at

    def settle(self, quiet: float, timeout: float = 5.0) -> tuple[int, float | None]:
        """Read until nothing comes for `quiet` seconds: bytes read and when the last of them came."""
        deadline = time.perf_counter() + timeout
        count, last = 0, None
        while time.perf_counter() < deadline and not self.exited:
            data = self.read(quiet)
            if not data:
                break
            count += len(data)
            last = time.perf_counter()
        return count, last

    def send(self, data: bytes) -> float:
        """Write `data` to the program; the time just before (the program may run before write returns)."""
        sent = time.perf_counter()
        os.write(self.fd, data)
        return sent

    def peak_rss_kib(self) -> int | None:
        """The child's peak resident set (VmHWM) so far, in KiB."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return None

    def close(self) -> None:
        """Kill the child outright: the benchmarks run on throw-away copies, so nothing needs saving."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def compile_sources() -> None:
    """Byte-compile the programs measured, as an installed package is: compiling is not start-up.

    With PYTHONDONTWRITEBYTECODE set (as on CI machines) nothing else writes the .pyc files, and every
    start would compile the project's sources again while Textual's come compiled by pip.
    """
    import compileall

    for package in ("samverka", "phases", "sessions", "exporters", "tui", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)


def python(*args: str) -> list[str]:
    """argv running this interpreter (the project's venv) with `args`."""
    return [sys.executable, *args]
