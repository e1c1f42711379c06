"""Session directories on disk (PRODUCT.md §4): load and validate against the pack, save file by file."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import re
import threading
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from phases import Pack, find_pack
from samverka import fileio, tomlfile
from samverka.errors import UserError
from samverka.schema import Source, Table
from sessions.model import (
    FORMAT,
    ITEM_TYPES,
    MINUTES_TITLES,
    NOTE_KINDS,
    OUTCOMES,
    PARTY_KINDS,
    AgendaItem,
    Meeting,
    Note,
    Participant,
    Party,
    QuestionState,
    ReadinessChange,
    Session,
)

SESSION_FILE = "session.toml"
MEETINGS_DIR = "meetings"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MEETING_ID = re.compile(r"^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?:-(\d+))?$")

_SESSION_HEADER = """\
# samverka-session. Filen går att redigera för hand; kommentarer behålls när appen sparar.
# Format: se README (Sessionsfiler). Ändra inte 'format'.
"""
_MEETING_HEADER = """\
# Ett möte i samverka-sessionen. Tider i lokal tid; anteckningar i tidsordning.
"""


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
        _check_format(top)
        pack_id = top.text("pack")
        try:
            pack = find_pack(pack_id, packs_dir)
        except UserError as err:
            top.fail(err.message, "pack")
        session = _read_session(top, path, pack)
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
            meeting = _read_meeting(Table(Source(meeting_file, text), data), meeting_file, self.session, self.pack)
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
    def create(cls, sessions_dir: Path, slug: str, organisation: str, title: str, pack: Pack) -> SessionStore:
        if not SLUG.match(slug):
            raise UserError(f"ogiltigt namn '{slug}': använd a–z, 0–9 och '-' (högst 64 tecken)")
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
        )
        store = cls(session, pack, {})
        store.save()
        return store

    def session_file(self) -> Path:
        return self.session.path / SESSION_FILE

    def meeting_file(self, meeting: Meeting) -> Path:
        return self.session.path / MEETINGS_DIR / f"{meeting.id}.toml"

    def snapshot(self, meetings: list[Meeting], *, session: bool = True) -> list[Pending]:
        """What the given files should hold now, as plain values detached from the model.

        Cheap, taken on the UI thread; `write` may then run on another thread while the
        model goes on changing.
        """
        pending = [Pending(self.session_file(), session_values(self.session), _SESSION_HEADER)] if session else []
        pending += [Pending(self.meeting_file(m), meeting_values(m), _MEETING_HEADER) for m in meetings]
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
                    failed = failed or err
        if failed is not None:
            raise failed
        return written

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

    def meeting_today(
        self, today: dt.date | None = None, *, create: bool = True, start: dt.time | None = None
    ) -> Meeting | None:
        """The latest meeting held today, else a new one (on disk at its first save, starting now
        or at `start`) or None."""
        from sessions.workflow import start_meeting

        today = today or dt.date.today()
        todays = [m for m in self.session.meetings if m.date == today]
        if todays or not create:
            return todays[-1] if todays else None
        self.ensure_history()  # a new meeting takes over from the last one and gets a fresh id
        todays = [m for m in self.session.meetings if m.date == today]
        if todays:
            return todays[-1]
        start = start or now().time()
        return start_meeting(self.session, self.pack, today, start.replace(second=0, microsecond=0))

    def _write(self, pending: Pending) -> bool:
        path, values = pending.path, pending.values
        known = self._disk.get(path)
        if known is not None and known.values == values:
            return False
        self._check_unchanged(path, known)
        text = self._appended(path, known, values) or self._synced(path, known, pending.header, values)
        fileio.make_dir(path.parent)
        fileio.write_atomic(path, text)
        self._disk[path] = _Disk(text, values, _stat(path))
        return True

    def _synced(self, path: Path, known: _Disk | None, header: str, values: dict[str, Any]) -> str:
        """The file's text with `values` brought into its (parsed, editable) document."""
        from sessions.tomldoc import sync

        doc = self._document(path, known, header)
        # The document holds exactly what was last read or written (a file changed by someone
        # else was refused above), so only what differs from that needs looking at.
        sync(doc, values, known.values if known else None)
        return doc.as_string()

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

        from sessions.tomldoc import new_item

        added = tomlkit.document()
        added["notes"] = new_item(after[len(before):])
        return known.text.rstrip("\n") + "\n\n" + added.as_string()

    def prepare(self, meeting: Meeting) -> None:
        """Parse a meeting's file for editing ahead of its first save (on a background thread)."""
        path = self.meeting_file(meeting)
        with self._lock:
            known = self._disk.get(path)
            if known is not None:
                self._document(path, known, _MEETING_HEADER)

    def _document(self, path: Path, known: _Disk | None, header: str) -> Any:
        doc = self._docs.get(path)
        if doc is None:
            doc = tomlfile.parse_document(known.text if known else header)
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


def now() -> dt.datetime:
    """Local time with offset, to the second: the timestamps written to the files."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


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


def _check_format(top: Table) -> None:
    version = top.get("format", int)
    if version > FORMAT:
        top.fail(f"filen har format {version}, nyare än denna version av samverka kan läsa ({FORMAT}); "
                 "uppgradera samverka. Filen lämnas orörd.", "format")
    if version < 1:
        top.fail(f"'format' ska vara {FORMAT}", "format")


def _read_session(top: Table, path: Path, pack: Pack) -> Session:
    session = Session(
        path=path,
        title=top.text("title"),
        organisation=top.text("organisation"),
        pack=pack.id,
        pack_version=top.integer("pack_version", 1, 10**6, pack.version),
        created=top.get("created", dt.datetime),
        minutes_title=top.choice("minutes_title", MINUTES_TITLES, MINUTES_TITLES[0]),
        basis=top.text("basis", "Lokalt samverkansavtal"),
    )
    for t in top.tables("parties"):
        party = Party(t.text("id"), t.choice("kind", PARTY_KINDS), t.text("name"))
        if session.party(party.id):
            t.fail(f"parten '{party.id}' finns redan", "id")
        session.parties.append(party)
    for t in top.tables("participants"):
        participant = Participant(t.text("id"), t.text("name"), t.text("role"), t.text("party", optional=True))
        if session.participant(participant.id):
            t.fail(f"deltagaren '{participant.id}' finns redan", "id")
        if pack.role(participant.role) is None:
            t.fail(f"okänd roll '{participant.role}' (roller: {', '.join(r.id for r in pack.roles)})", "role")
        if participant.party is not None and session.party(participant.party) is None:
            t.fail(f"okänd part '{participant.party}'", "party")
        session.participants.append(participant)
    questions = top.table("questions", optional=True)
    for question_id, t in questions.subtables() if questions else ():
        _known_question(t, question_id, pack, None)
        answers = t.table("answers", optional=True)
        canvas = t.table("canvas", optional=True)
        session.questions[question_id] = QuestionState(
            readiness=t.integer("readiness", 0, 4, 0),
            revisit=t.get("revisit", bool, False),
            answers=answers.strings() if answers else {},
            canvas=canvas.strings() if canvas else {},
        )
    return session


def _read_meeting(top: Table, path: Path, session: Session, pack: Pack) -> Meeting:
    _check_format(top)

    def participant(t: Table, key: str) -> str | None:
        value = t.text(key, optional=True)
        if value is not None and session.participant(value) is None:
            t.fail(f"okänd deltagare '{value}'", key)
        return value

    def participants(key: str) -> list[str]:
        values = top.texts(key, [])
        for value in values:
            if session.participant(value) is None:
                top.fail(f"okänd deltagare '{value}' i '{key}'", key)
        return values

    def party(t: Table) -> str | None:
        value = t.text("party", optional=True)
        if value is not None and session.party(value) is None:
            t.fail(f"okänd part '{value}'", "party")
        return value

    meeting = Meeting(
        id=path.stem,
        date=top.get("date", dt.date),
        start=top.get("start", dt.time, None),
        end=top.get("end", dt.time, None),
        place=top.text("place", ""),
        chair=participant(top, "chair"),
        secretary=participant(top, "secretary"),
        adjusters=participants("adjusters"),
        attendees=participants("attendees"),
        agenda=top.texts("agenda", []),
        justified=top.get("justified", bool, False),
        justified_by=participants("justified_by"),
        justified_at=top.get("justified_at", dt.date, None),
        previous=top.text("previous", optional=True),
    )
    if meeting.date.isoformat() != path.stem[:10]:
        top.fail(f"'date' ({meeting.date}) stämmer inte med filnamnet ({path.name})", "date")
    for question_id in meeting.agenda:
        _known_question(top, question_id, pack, "agenda")
    items = top.table("items", optional=True)
    for question_id, t in items.subtables() if items else ():
        _known_question(t, question_id, pack, None)
        meeting.items[question_id] = AgendaItem(
            type=t.choice("type", ITEM_TYPES, None),
            outcome=t.choice("outcome", OUTCOMES, None),
            adjusted_at_once=t.get("adjusted_at_once", bool, False),
            seconds=t.integer("seconds", 0, 10**7, 0),
        )
    for t in top.tables("notes"):
        question_id = t.text("question")
        _known_question(t, question_id, pack, "question")
        kind = t.choice("kind", NOTE_KINDS, "note")
        meeting.notes.append(Note(
            at=t.get("at", dt.datetime),
            question=question_id,
            kind=kind,
            text=t.text("text"),
            party=party(t),
            by=participant(t, "by"),
            owner=participant(t, "owner"),
            due=t.get("due", dt.date, None),
            done=t.get("done", dt.date, None),
        ))
    for t in top.tables("readiness_changes"):
        question_id = t.text("question")
        _known_question(t, question_id, pack, "question")
        meeting.readiness_changes.append(ReadinessChange(
            question=question_id,
            before=t.integer("from", 0, 4),
            after=t.integer("to", 0, 4),
            at=t.get("at", dt.datetime),
        ))
    return meeting


def _known_question(t: Table, question_id: str, pack: Pack, key: str | None) -> None:
    if question_id not in pack.questions:
        t.fail(f"okänd fråga '{question_id}' (finns inte i paketet '{pack.id}')", key)


def session_values(session: Session) -> dict[str, Any]:
    """session.toml as plain values, in the order a new file gets them."""
    return {
        "format": FORMAT,
        "title": session.title,
        "organisation": session.organisation,
        "pack": session.pack,
        "pack_version": session.pack_version,
        "created": session.created,
        "minutes_title": session.minutes_title,
        "basis": session.basis,
        "parties": [{"id": p.id, "kind": p.kind, "name": p.name} for p in session.parties],
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "party": p.party} for p in session.participants
        ],
        "questions": {
            question_id: {
                "readiness": state.readiness,
                "revisit": state.revisit,
                "answers": dict(state.answers),
                "canvas": dict(state.canvas),
            }
            for question_id, state in session.questions.items()
        },
    }


def meeting_values(meeting: Meeting) -> dict[str, Any]:
    """A meeting file as plain values, in the order a new file gets them."""
    return {
        "format": FORMAT,
        "date": meeting.date,
        "start": meeting.start,
        "end": meeting.end,
        "place": meeting.place,
        "chair": meeting.chair,
        "secretary": meeting.secretary,
        "adjusters": list(meeting.adjusters),
        "attendees": list(meeting.attendees),
        "agenda": list(meeting.agenda),
        "justified": meeting.justified,
        "justified_by": list(meeting.justified_by) or None,
        "justified_at": meeting.justified_at,
        "previous": meeting.previous,
        "items": {
            question_id: {
                "type": item.type,
                "outcome": item.outcome,
                "adjusted_at_once": item.adjusted_at_once,
                "seconds": item.seconds,
            }
            for question_id, item in meeting.items.items()
        },
        "notes": [
            {
                "at": note.at,
                "question": note.question,
                "kind": note.kind,
                "party": note.party,
                "by": note.by,
                "text": note.text,
                "owner": note.owner,
                "due": note.due,
                "done": note.done,
            }
            for note in meeting.notes
        ],
        "readiness_changes": [
            {"question": c.question, "from": c.before, "to": c.after, "at": c.at}
            for c in meeting.readiness_changes
        ],
    }


@dataclass
class Opened:
    """A session opened for the TUI: its store, and the lock if we are its one writer."""

    store: SessionStore
    lock: fileio.SessionLock | None
    holder: fileio.Holder | None  # who holds the lock when we could not get it
    warnings: list[str]

    @property
    def read_only(self) -> bool:
        return self.lock is None


def open_session(path: Path, packs_dir: Path | None, *, read_only: bool = False) -> Opened:
    """Open a session, as its writer if nobody else is, cleaning up our own stale temp files.

    The lock is taken before the files are read, so a writer never starts from a stale view.
    """
    path = session_dir(path)
    lock, holder = lock_session(path, read_only)
    try:
        store, warnings = read_session(path, packs_dir, writer=lock is not None)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Opened(store, lock, holder, warnings)


def lock_session(path: Path, read_only: bool) -> tuple[fileio.SessionLock | None, fileio.Holder | None]:
    """The session's lock if we can have it (never when read-only), else who holds it."""
    return (None, None) if read_only else fileio.SessionLock.acquire(path)


def read_session(path: Path, packs_dir: Path | None, *, writer: bool,
                 history: bool = True) -> tuple[SessionStore, list[str]]:
    """The session's files read and checked (see `SessionStore.open`), with warnings about files
    that are not ours.

    A writer (the lock is held) also clears away temp files that an earlier run of ours left behind.
    """
    gc.disable()  # loading makes many small objects that all live on: no point collecting meanwhile
    try:
        store = SessionStore.open(path, packs_dir, history=history)
    finally:
        gc.enable()
    if writer:
        for directory in (path, path / MEETINGS_DIR):
            fileio.remove_stale_temps(directory)
    files = [path / SESSION_FILE, *_meeting_files(path / MEETINGS_DIR)]
    return store, [f"{file}: {why}" for file in files if (why := fileio.foreign(file))]


def fingerprint(path: Path) -> tuple:
    """Cheap identity of a session's files on disk, to notice changes made by others."""
    files = [path / SESSION_FILE]
    meetings = path / MEETINGS_DIR
    if meetings.is_dir():
        files += sorted(meetings.glob("*.toml"))
    return tuple((file.name, _stat(file)) for file in files)
