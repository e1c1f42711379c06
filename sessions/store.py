"""Session directories on disk (PRODUCT.md §4): files only — read them into the model, write what changed.

No process rules (sessions/workflow.py) and no lock (sessions/opened.py) here; the TOML⇄model codec
is sessions/format.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samverka import fileio, tomlfile
from samverka.errors import UserError
from samverka.phases import Pack, find_pack
from samverka.schema import Source, Table
from samverka.sessions.clock import now
from samverka.sessions.format import (
    MEETING_HEADER,
    SESSION_HEADER,
    check_format,
    meeting_values,
    read_meeting,
    read_session,
    session_values,
)
from samverka.sessions.model import Meeting, Session

SESSION_FILE = "session.toml"
MEETINGS_DIR = "meetings"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MEETING_ID = re.compile(r"^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?:-(\d+))?$")

@dataclass
class _Disk:
    """What we last read or wrote of one file: to write only changes and to notice edits by others."""

    text: str
    values: dict[str, Any]
    stat: tuple[int, int, int] | None


@dataclass
class History:
    """Meetings before the latest day's, read after the rest so the session can be shown sooner."""

    meetings: list[Meeting]
    disk: dict[Path, _Disk]

    @classmethod
    def joined(cls, parts: Iterable[History]) -> History:
        whole = cls([], {})
        for part in parts:
            whole.meetings += part.meetings
            whole.disk.update(part.disk)
        return whole


class _LaterHistory:
    """Earlier meetings being read elsewhere: fetched once (from any thread), raising what reading raised."""

    def __init__(self, source: Callable[[], History]) -> None:
        self._source = source
        self._lock = threading.Lock()
        self._result: History | Exception | None = None

    def fetch(self) -> History:
        with self._lock:
            if self._result is None:
                try:
                    self._result = self._source()
                except Exception as err:  # kept, so that every later call raises it without reading again
                    self._result = err
        if isinstance(self._result, Exception):
            raise self._result
        return self._result


@dataclass(frozen=True)
class Pending:
    """One file's intended content, taken from the model at one moment."""

    path: Path
    values: dict[str, Any]
    header: str


class SessionStore:
    """One session directory: the model, its pack, and the files it was read from."""

    def __init__(
        self, session: Session, pack: Pack, disk: dict[Path, _Disk], earlier: list[Path] | None = None
    ) -> None:
        self.session = session
        self.pack = pack
        self._disk = disk
        self._docs: dict[Path, Any] = {}
        self._reported: dict[str, str] = {}  # internal errors of saving, by kind: the line saying where the report is
        self._lock = threading.Lock()
        self._earlier = earlier or []  # meeting files not read yet (see `open(history=False)`)
        self._later: _LaterHistory | None = None

    def __reduce__(self):
        # What was read, without the lock and the parsed documents (caches, rebuilt on demand):
        # a session read in another process arrives as if read here.
        return SessionStore, (self.session, self.pack, self._disk, self._earlier)

    @classmethod
    def open(cls, path: Path, packs_dir: Path | None, *, history: bool = True) -> SessionStore:
        """Read and check a session directory.

        Without `history`, only the meetings of the latest day are read; `read_history` reads the
        others, and the store takes them in when `ensure_history` is first called.
        """
        path = session_dir(path)
        session_file = path / SESSION_FILE
        text, data = tomlfile.load(session_file)
        top = Table(Source(session_file, text), data)
        check_format(top)
        pack_id = top.text("pack")
        try:
            pack = find_pack(pack_id, packs_dir)
        except UserError as err:
            top.fail(err.message, "pack")
        session = read_session(top, path, pack)
        disk = {session_file: _Disk(text, session_values(session), _stat(session_file))}
        files = _meeting_files(path / MEETINGS_DIR)
        split = 0 if history else _latest_day(files)
        store = cls(session, pack, disk, files[:split])
        history_now = store._read_meetings(files[split:])
        session.meetings.extend(history_now.meetings)
        disk.update(history_now.disk)
        return store

    def _read_meetings(self, files: list[Path]) -> History:
        read = History([], {})
        for meeting_file in files:
            text, data = tomlfile.load(meeting_file)
            meeting = read_meeting(Table(Source(meeting_file, text), data), meeting_file, self.session, self.pack)
            read.meetings.append(meeting)
            read.disk[meeting_file] = _Disk(text, meeting_values(meeting), _stat(meeting_file))
        return read

    @property
    def history_pending(self) -> bool:
        return bool(self._earlier)

    def read_history(self) -> Iterator[History]:
        """Read the meetings `open(history=False)` left out, a file at a time; changes nothing (any
        thread or process). In parts, so whoever hands them on can do it in small steps."""
        for path in self._earlier:
            yield self._read_meetings([path])

    def history_from(self, source: Callable[[], History]) -> None:
        """Take the left-out meetings from `source` when they are needed, not by reading them here."""
        self._later = _LaterHistory(source)

    def prefetch_history(self) -> None:
        """Wait until the left-out meetings have been read, without taking them in (any thread)."""
        later = self._later  # ensure_history may clear it meanwhile, on the model's thread
        if later is not None:
            with contextlib.suppress(Exception):  # ensure_history raises it where it can be handled
                later.fetch()

    def ensure_history(self) -> None:
        """Have every meeting in the model: wait for the left-out ones if they are still being read.

        Call it on the thread that owns the model. Raises the UserError of an unreadable meeting file.
        """
        if not self._earlier:
            return
        history = self._later.fetch() if self._later is not None else History.joined(self.read_history())
        self.session.meetings[:0] = history.meetings
        with self._lock:  # the autosave thread looks in _disk
            self._disk.update(history.disk)
        self._earlier = []
        self._later = None

    @classmethod
    def create(cls, sessions_dir: Path, slug: str, organisation: str, title: str, pack: Pack, *,
               group: str | None = None, registry: str | None = None) -> SessionStore:
        if not SLUG.match(slug):
            shown = slug if len(slug) <= 64 else f"{slug[:32]}… ({len(slug)} tecken)"
            raise UserError(f"ogiltigt namn '{shown}': använd a–z, 0–9 och '-' (högst 64 tecken)")
        path = sessions_dir / slug
        if path.exists():
            raise UserError("sessionen finns redan", path)
        fileio.make_dir(path / MEETINGS_DIR)  # and the sessions directory, on first use
        session = Session(
            path=path,
            title=title,
            organisation=organisation,
            pack=pack.id,
            pack_version=pack.version,
            created=now(),
            group=group,
            registry=registry,
        )
        store = cls(session, pack, {})
        store.save()
        return store

    def meeting_files(self) -> list[Path]:
        """The meeting files on disk now, in date order."""
        return _meeting_files(self.session.path / MEETINGS_DIR)

    def session_file(self) -> Path:
        return self.session.path / SESSION_FILE

    def meeting_file(self, meeting: Meeting) -> Path:
        return self.session.path / MEETINGS_DIR / f"{meeting.id}.toml"

    def snapshot(self, meetings: list[Meeting], *, session: bool = True) -> list[Pending]:
        """What the given files should hold now, as plain values detached from the model.

        Cheap, taken on the UI thread; `write` may then run on another thread while the
        model goes on changing.
        """
        pending = [Pending(self.session_file(), session_values(self.session), SESSION_HEADER)] if session else []
        pending += [Pending(self.meeting_file(m), meeting_values(m), MEETING_HEADER) for m in meetings]
        return pending

    def write(self, pending: list[Pending]) -> list[Path]:
        """Write each file whose values differ from what is on disk; return the files written."""
        written: list[Path] = []
        failed: UserError | None = None
        with self._lock:
            for item in pending:  # one refused file must not keep the others from being saved
                try:
                    if self._write(item):
                        written.append(item.path)
                except UserError as err:
                    self._docs.pop(item.path, None)  # it may hold what did not reach the file: parse it again
                    failed = failed or err
                except Exception as err:  # a fault of ours (or tomlkit's): say so, keep the model, save the rest
                    self._docs.pop(item.path, None)
                    failed = failed or UserError(f"kunde inte spara: {self._internal(err)}", item.path)
        if failed is not None:
            raise failed
        return written

    def _internal(self, error: Exception) -> str:
        """One line for an internal error, its report written once per kind (saves are retried)."""
        from samverka import crash

        line = self._reported.get(crash.summary(error))
        if line is None:
            line = self._reported[crash.summary(error)] = crash.one_line(error, beside=self.session.path)
        return line

    def save(self) -> list[Path]:
        """Write every changed file of the session."""
        return self.write(self.snapshot(self.session.meetings))

    def save_meeting(self, meeting: Meeting) -> bool:
        """Write one meeting's file if it changed: the cost of a note does not grow with history."""
        return bool(self.write(self.snapshot([meeting], session=False)))

    def unsaved(self) -> dict[str, Any]:
        """What the model holds that the files on disk do not: notes, answers and dialogue-canvas text."""
        result: dict[str, Any] = {"notes": [], "answers": {}, "canvas": {}}
        known = self._disk.get(self.session_file())
        on_disk = known.values["questions"] if known else {}
        for question_id, state in self.session.questions.items():
            for key, values in (("answers", state.answers), ("canvas", state.canvas)):
                saved = on_disk.get(question_id, {}).get(key, {})
                for field_id, text in values.items():
                    if saved.get(field_id, "") != text:
                        result[key].setdefault(question_id, {})[field_id] = text
        for meeting in self.session.meetings:
            known = self._disk.get(self.meeting_file(meeting))
            saved_notes = known.values["notes"] if known else []
            for note in meeting_values(meeting)["notes"]:
                if note not in saved_notes:
                    result["notes"].append({"meeting": meeting.id, **{k: v for k, v in note.items() if v is not None}})
        return result

    def _write(self, pending: Pending) -> bool:
        path, values = pending.path, pending.values
        known = self._disk.get(path)
        if known is not None and known.values == values:
            return False
        self._check_unchanged(path, known)
        text = self._appended(path, known, values) or self._synced(path, known, pending.header, values)
        fileio.make_dir(path.parent, parents=False)  # meetings/, never a session directory moved away
        fileio.write_atomic(path, text)
        self._disk[path] = _Disk(text, values, _stat(path))
        return True

    def _synced(self, path: Path, known: _Disk | None, header: str, values: dict[str, Any]) -> str:
        """The file's text with `values` brought into its (parsed, editable) document."""
        from samverka.sessions.tomldoc import sync

        doc = self._document(path, known, header)
        theirs = [key for key in doc if key not in values]  # keys of the user's own, kept as they are
        # The document holds exactly what was last read or written (a file changed by someone
        # else was refused above), so only what differs from that needs looking at.
        hand_written = sync(doc, values, known.values if known else None)
        text = doc.as_string()
        if hand_written and not self._faithful(path, text, values, theirs):
            # tomlkit could not edit this hand-written layout in place: the same keys and values in
            # a fresh layout (its comments are lost, nothing else is).
            self._docs.pop(path, None)
            text = _rebuilt(known, header, values)
            if not self._faithful(path, text, values, theirs):
                raise UserError("kunde inte spara: filens handskrivna form gick inte att uppdatera; "
                                "inget skrevs över, ändringarna finns kvar i appen", path)
        return text

    def _faithful(self, path: Path, text: str, values: dict[str, Any], theirs: list[str]) -> bool:
        """Does `text`, read as the file at `path`, give `values`, and does it keep the user's own top-level keys?"""
        try:
            data = tomlfile.parse(path, text)
            top = Table(Source(path, text), data)
            if path == self.session_file():
                read = session_values(read_session(top, path, self.pack))
            else:
                read = meeting_values(read_meeting(top, path, self.session, self.pack))
        except UserError:
            return False
        return read == values and all(key in data for key in theirs)

    def _appended(self, path: Path, known: _Disk | None, values: dict[str, Any]) -> str | None:
        """The file's text with the new notes added at its end, when new notes are all that changed and
        the file ends with its notes; else None. Parsing the whole file for editing is most of the cost
        of the first note saved after opening: a note added at the end needs only its own text."""
        if known is None or path in self._docs:  # with the document parsed, syncing it is as cheap
            return None
        before, after = known.values.get("notes") or [], values.get("notes") or []
        if not before or len(after) <= len(before) or after[: len(before)] != before:
            return None
        if any(value != known.values.get(key) for key, value in values.items() if key != "notes"):
            return None
        last = known.text.rfind("\n[[notes]]\n")
        try:  # from the last [[notes]] to the end there must be that one note and nothing else
            tail = tomllib.loads(known.text[last:]) if last >= 0 else {}
        except tomllib.TOMLDecodeError:
            return None
        if list(tail) != ["notes"] or len(tail["notes"]) != 1:
            return None
        import tomlkit

        from samverka.sessions.tomldoc import new_item

        added = tomlkit.document()
        added["notes"] = new_item(after[len(before):])
        return known.text.rstrip("\n") + "\n\n" + added.as_string()

    def prepare(self, meeting: Meeting) -> None:
        """Parse a meeting's file for editing ahead of its first save (on a background thread)."""
        path = self.meeting_file(meeting)
        with self._lock:
            known = self._disk.get(path)
            if known is not None:
                self._document(path, known, MEETING_HEADER)

    def _document(self, path: Path, known: _Disk | None, header: str) -> Any:
        from samverka.sessions.tomldoc import parse_document

        doc = self._docs.get(path)
        if doc is None:
            doc = parse_document(known.text if known else header)
            self._docs[path] = doc
        return doc

    def _check_unchanged(self, path: Path, known: _Disk | None) -> None:
        """Refuse to write over a file someone else changed (or created) since we read it."""
        current = _stat(path)
        if known is None:
            if current is not None:
                raise UserError("filen har skapats av någon annan sedan sessionen öppnades; sparar inte över den", path)
            return
        if current == known.stat:
            return
        if current is None or tomlfile.read_text(path) != known.text:
            raise UserError("filen har ändrats på disk sedan sessionen öppnades; sparar inte över ändringen", path)


def _rebuilt(known: _Disk | None, header: str, values: dict[str, Any]) -> str:
    """A file's keys and values (what it held, `values` brought in) in a layout of the app's own."""
    import tomlkit

    from samverka.sessions.tomldoc import parse_document, sync

    doc = parse_document(header)
    for key, value in (tomllib.loads(known.text) if known else {}).items():
        doc[key] = tomlkit.item(value)
    sync(doc, values, known.values if known else None)
    return doc.as_string()


def session_dir(path: Path) -> Path:
    if path.name == SESSION_FILE:
        path = path.parent
    if not (path / SESSION_FILE).is_file():
        raise UserError(f"ingen session här ({SESSION_FILE} saknas)", path)
    return path


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _meeting_files(directory: Path) -> list[Path]:
    """Meeting files in date order, a day's second meeting after its first."""
    if not directory.is_dir():
        if os.path.lexists(directory):  # a file (or a broken link) in its place: no meetings would be a lie
            raise UserError("är ingen katalog; här ska sessionens möten ligga", directory)
        return []
    found = []
    for path in directory.glob("*.toml"):
        match = MEETING_ID.match(path.stem)
        if match is None:
            raise UserError("okänt filnamn för ett möte: ska vara ÅÅÅÅ-MM-DD.toml eller ÅÅÅÅ-MM-DD-2.toml", path)
        found.append(((match.group(1), int(match.group(2) or 1)), path))
    return [path for _, path in sorted(found)]


def _latest_day(files: list[Path]) -> int:
    """Where the latest day's meeting files begin in `files` (which is in date order)."""
    if not files:
        return 0
    day = files[-1].stem[:10]
    return next(index for index, path in enumerate(files) if path.stem[:10] == day)


def fingerprint(path: Path) -> tuple:
    """Cheap identity of a session's files on disk, to notice changes made by others."""
    files = [path / SESSION_FILE]
    meetings = path / MEETINGS_DIR
    if meetings.is_dir():
        files += sorted(meetings.glob("*.toml"))
    return tuple((file.name, _stat(file)) for file in files)
