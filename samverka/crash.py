"""Internal errors: the full report goes to a private file, the screen gets one line naming the problem.

A traceback with local variables (what Textual prints when an app crashes) quotes the session's
notes and answers; on a projector in a meeting room that is the last thing to show. The report
holds the traceback without locals, in a file only the user can read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import traceback
from pathlib import Path

from samverka import fileio
from samverka.errors import UserError
from samverka.paths import state_dir


def report(error: BaseException, *, beside: Path | None = None) -> Path | None:
    """Write `error`'s traceback to a new file in the user's state directory (or, if that cannot
    take it, in the directory `beside`); its path, or None if nowhere could take it."""
    text = f"samverka: internt fel {dt.datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z}, pid {os.getpid()}\n\n"
    text += "".join(traceback.format_exception(error))
    name = f"fel-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}-{id(error) & 0xFFFF:04x}.txt"
    for directory in _places(beside):
        try:
            fileio.make_dir(directory)
            fileio.write_atomic(directory / name, text, private=True)
        except (UserError, OSError):
            continue
        return directory / name
    return None


def summary(error: BaseException) -> str:
    """One line naming the problem: its kind and where in samverka it happened, never its message
    (which may quote the session's text)."""
    where = ""
    for frame, line in reversed(list(traceback.walk_tb(error.__traceback__))):
        module = frame.f_globals.get("__name__", "")
        if module.startswith("samverka."):
            where = f" i {module}:{line}"
            break
    return f"internt fel ({type(error).__name__}{where})"


def one_line(error: BaseException, *, beside: Path | None = None) -> str:
    """The report written, and the line to show for it: what happened and where the report went."""
    path = report(error, beside=beside)
    return summary(error) + (f"; rapport: {path}" if path else "; ingen rapport kunde skrivas")


def _places(beside: Path | None) -> list[Path]:
    places = []
    with contextlib.suppress(RuntimeError):  # no home directory to put it in
        places.append(state_dir())
    if beside is not None:
        places.append(beside)
    return places
