"""The recovery file: what could not reach the session files when the app had to stop (PRODUCT.md §8).

Written with mode 0600 into the session directory; offered on the next open; a broken,
foreign-owned or symlinked one is ignored with a warning, never trusted.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samverka import fileio, tomlfile
from samverka.errors import UserError
from samverka.phases import Pack
from samverka.schema import Source, Table
from samverka.sessions.clock import now
from samverka.sessions.format import read_note
from samverka.sessions.model import Note, Session
from samverka.sessions.store import MEETING_ID, SessionStore

NAME = ".samverka-recovery.toml"


@dataclass
class Recovery:
    written: dt.datetime
    reason: str
    half_typed: tuple[str, str] | None = None  # question id, text
    notes: list[tuple[str, Note]] = field(default_factory=list)  # meeting id, note
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    canvas: dict[str, dict[str, str]] = field(default_factory=dict)

    def summary(self) -> str:
        """What it holds, in Swedish, for the restore question."""
        parts = []
        if self.half_typed:
            parts.append(f"en halvskriven anteckning till fråga {self.half_typed[0]}")
        if self.notes:
            parts.append(f"{len(self.notes)} osparade anteckningar")
        fields = sum(len(v) for v in self.answers.values()) + sum(len(v) for v in self.canvas.values())
        if fields:
            parts.append(f"{fields} osparade fält")
        return f"{self.written:%Y-%m-%d %H:%M}: " + (", ".join(parts) or "inget")


def waiting(directory: Path) -> bool:
    """Is there a recovery file in the session directory (trustworthy or not)?"""
    return os.path.lexists(directory / NAME)


def write_recovery(store: SessionStore, half_typed: tuple[str, str] | None, reason: str) -> Path | None:
    """Write what the files lack (and a half-typed note) to the recovery file; None if nothing is missing."""
    unsaved = store.unsaved()
    if not half_typed and not any(unsaved.values()):
        return None
    import tomlkit

    values: dict[str, Any] = {"format": 1, "written": now(), "reason": reason}
    if half_typed:
        values["half_typed"] = {"question": half_typed[0], "text": half_typed[1]}
    values.update({key: value for key, value in unsaved.items() if value})
    path = store.session.path / NAME
    fileio.write_atomic(path, tomlkit.dumps(values), private=True)
    return path


def read_recovery(session: Session, pack: Pack) -> tuple[Recovery | None, str | None]:
    """The recovery file of a session, if any and trustworthy; otherwise a warning saying why it was ignored.

    Entries that do not fit the session (an unknown question or meeting) are left out, and
    attributions to unknown parties or people dropped: the restored text is kept either way.
    """
    path = session.path / NAME
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None, None
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        return None, f"{path}: återställningsfilen ignoreras: den är ingen vanlig fil som ägs av dig"
    try:
        text, data = tomlfile.load(path)
        return _read(Table(Source(path, text), data), session, pack), None
    except UserError as err:
        return None, f"trasig återställningsfil ignoreras: {err}"


def _read(top: Table, session: Session, pack: Pack) -> Recovery:
    recovery = Recovery(written=top.get("written", dt.datetime), reason=top.text("reason", ""))
    half = top.table("half_typed", optional=True)
    if half is not None and half.text("question") in pack.questions:
        recovery.half_typed = (half.text("question"), half.text("text"))
    for t in top.tables("notes"):
        if t.text("question") in pack.questions and MEETING_ID.match(t.text("meeting")):
            recovery.notes.append((t.text("meeting"), read_note(t, session, pack, lenient=True)))
    for key in ("answers", "canvas"):
        table = top.table(key, optional=True)
        for question_id, fields in table.subtables() if table else ():
            if question_id in pack.questions:
                getattr(recovery, key)[question_id] = fields.strings()
    return recovery


def set_aside(directory: Path) -> None:
    """Keep a declined recovery file under another name, so nothing is lost by saying no."""
    fileio.move_aside(directory / NAME, f".samverka-recovery-{now():%Y%m%d-%H%M%S}.toml")


def remove(directory: Path) -> None:
    fileio.remove(directory / NAME)
