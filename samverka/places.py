"""Where each user left each session: reopening it starts at that question.

Kept in the user's own state directory (not the session's files: looking is no edit, and two people on a
shared server each have their own place), one line per session: the question id, a tab, the session's path.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from samverka import fileio, paths
from samverka.errors import UserError

PLACES_FILE = "platser.txt"
KEPT = 200  # sessions remembered, the latest left last


def _file() -> Path:
    return paths.state_dir() / PLACES_FILE


def _read() -> dict[str, str]:
    """Session path -> question id; a file that cannot be read is as good as none."""
    try:
        lines = _file().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    return {path: question for question, sep, path in (line.partition("\t") for line in lines) if sep and path}


def recall(session: Path) -> str | None:
    """The question this user was at when they last left `session`."""
    return _read().get(str(session.resolve()))


def remember(session: Path, question: str) -> None:
    """Note where this user leaves `session`; never in the way of quitting (a full disk loses only this)."""
    places = _read()
    key = str(session.resolve())
    places.pop(key, None)
    places[key] = question
    text = "".join(f"{q}\t{p}\n" for p, q in list(places.items())[-KEPT:] if "\n" not in p)
    with contextlib.suppress(UserError, OSError):
        fileio.write_atomic(fileio.private_dir(paths.state_dir()) / PLACES_FILE, text, private=True)
