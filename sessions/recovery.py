"""The recovery file: what could not reach the session files when the app had to stop (PRODUCT.md §8).

Written with mode 0600 into the session directory, named per user so that two users of a shared
session never write over each other's; where the session directory cannot take it (a full disk, no
permission, moved away while open) into the user's own state directory, named by the session's
path and its directory's inode (which a rename keeps). Offered on the next open from either place;
a broken, foreign-owned or symlinked one is ignored with a warning, never trusted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samverka import fileio, paths, tomlfile
from samverka.errors import UserError
from samverka.phases import Pack
from samverka.schema import Source, Table
from samverka.sessions.clock import now
from samverka.sessions.format import read_note
from samverka.sessions.model import Note, Session
from samverka.sessions.store import MEETING_ID, SessionStore
from samverka.text import counted

NAME = f".samverka-recovery-{os.getuid()}.toml"  # this user's, in the session directory
LEGACY_NAME = ".samverka-recovery.toml"  # written by earlier versions, for whoever wrote it: still offered
# In the state directory: <slug>-<mark of the session's path>-<device>-<inode of its directory>.toml
_ELSEWHERE = re.compile(r"^.*-(?P<mark>[0-9a-f]{8})-(?P<dev>\d+)-(?P<ino>\d+)\.toml$")


@dataclass
class Recovery:
    written: dt.datetime
    reason: str
    half_typed: tuple[str, str] | None = None  # question id, text
    notes: list[tuple[str, Note]] = field(default_factory=list)  # meeting id, note
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    canvas: dict[str, dict[str, str]] = field(default_factory=dict)
    path: Path | None = None  # the file it was read from

    def summary(self) -> str:
        """What it holds, in Swedish, for the restore question."""
        parts = []
        if self.half_typed:
            parts.append(f"en halvskriven anteckning till fråga {self.half_typed[0]}")
        if self.notes:
            parts.append(counted(len(self.notes), "osparad anteckning", "osparade anteckningar"))
        fields = sum(len(v) for v in self.answers.values()) + sum(len(v) for v in self.canvas.values())
        if fields:
            parts.append(counted(fields, "osparat fält", "osparade fält"))
        return f"{self.written:%Y-%m-%d %H:%M}: " + (", ".join(parts) or "inget")


def waiting(directory: Path) -> bool:
    """Is there a recovery file for the session, in its directory or the state directory (trustworthy or not)?"""
    return bool(_places(directory))


def _places(directory: Path) -> list[Path]:
    """Where a recovery file for the session may be, those there first: the session directory (this
    user's, then one from an earlier version), then the state directory, oldest first."""
    found = [path for path in (directory / NAME, directory / LEGACY_NAME) if os.path.lexists(path)]
    try:
        info = os.stat(directory)
        folder = paths.state_dir()
        names = os.listdir(folder)
    except (OSError, RuntimeError):  # no state directory (yet), or no home to have one in
        return found
    mark = _mark(directory)
    elsewhere = []
    for name in names:
        m = _ELSEWHERE.match(name)
        if m and (m["mark"] == mark or (int(m["dev"]), int(m["ino"])) == (info.st_dev, info.st_ino)):
            with contextlib.suppress(OSError):
                elsewhere.append((os.lstat(folder / name).st_mtime, folder / name))
    return found + [path for _, path in sorted(elsewhere)]


def _mark(directory: Path) -> str:
    return hashlib.sha256(os.path.abspath(directory).encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _elsewhere(session: Session, where: tuple[int, int]) -> Path:
    """The recovery file's name in the state directory (created, 0700, if need be)."""
    slug = re.sub(r"[^A-Za-z0-9_.-]", "_", session.path.name)[:40]
    return fileio.private_dir(paths.state_dir()) / f"{slug}-{_mark(session.path)}-{where[0]}-{where[1]}.toml"


def write_recovery(store: SessionStore, half_typed: tuple[str, str] | None, reason: str, *,
                   where: tuple[int, int] | None = None) -> Path | None:
    """Write what the files lack (and a half-typed note) to the recovery file; None if nothing is missing.

    `where`: the session directory's (device, inode) when it was opened. If the directory at the
    session's path is no longer that one, or cannot take the file, it goes to the state directory.
    """
    unsaved = store.unsaved()
    if not half_typed and not any(unsaved.values()):
        return None
    import tomlkit

    session = store.session
    values: dict[str, Any] = {"format": 1, "written": now(), "reason": reason, "session": os.path.abspath(session.path)}
    if session.created is not None:  # with the path or inode, what tells this session's file from another's
        values["created"] = session.created
    if half_typed:
        values["half_typed"] = {"question": half_typed[0], "text": half_typed[1]}
    values.update({key: value for key, value in unsaved.items() if value})
    text = tomlkit.dumps(values)
    try:
        info = os.stat(session.path)
        here = (info.st_dev, info.st_ino)
    except OSError:
        here = None
    refused = None
    if here is not None and where in (None, here):
        path = session.path / NAME
        try:
            fileio.write_atomic(path, text, private=True)
            return path
        except UserError as err:
            refused = err
    try:
        path = _elsewhere(session, where or here or (0, 0))
        fileio.write_atomic(path, text, private=True)
    except (UserError, RuntimeError) as err:
        raise UserError(f"kunde inte spara återställningsfilen, varken i sessionen ({refused or 'flyttad'}) "
                        f"eller i din egen katalog ({err})") from err
    return path


def read_recovery(session: Session, pack: Pack) -> tuple[Recovery | None, str | None]:
    """The recovery file of a session, if any and trustworthy; otherwise a warning saying why it was ignored.

    Entries that do not fit the session (an unknown question or meeting) are left out, and
    attributions to unknown parties or people dropped: the restored text is kept either way.
    """
    warnings = []
    for path in _places(session.path):
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            warnings.append(f"{path}: återställningsfilen ignoreras: den är ingen vanlig fil som ägs av dig")
            continue
        try:
            text, data = tomlfile.load(path)
            if path.parent != session.path and data.get("created") != session.created:
                continue  # another session's that had the same path or inode: not for this one
            found = _read(Table(Source(path, text), data), session, pack)
        except UserError as err:
            warnings.append(f"trasig återställningsfil ignoreras: {err}")
            continue
        found.path = path
        return found, "; ".join(warnings) or None
    return None, "; ".join(warnings) or None


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


def set_aside(path: Path) -> None:
    """Keep a declined recovery file under another name, so nothing is lost by saying no (and it is
    not offered again)."""
    fileio.move_aside(path, f"{path.stem}.undan-{now():%Y%m%d-%H%M%S}.toml")


def remove(path: Path) -> None:
    fileio.remove(path)
