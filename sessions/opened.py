"""A session open for editing: the one owner of its lock, clock, today's meeting, saving and closing.

Screens and the CLI make a change with a function of `sessions.edits` and hand what it touched to
`OpenedSession.apply`; nothing else saves. Every way out — quitting, a signal, a failed read, the
app going away — goes through `close`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from samverka import fileio
from samverka.errors import UserError, reason
from samverka.phases import Pack
from samverka.sessions import edits, recovery
from samverka.sessions.clock import Clock, now, seconds_between, stamp, wall
from samverka.sessions.edits import NOTHING, NoteDraft, Touched
from samverka.sessions.model import Meeting, Note, Session, meeting_order
from samverka.sessions.store import MEETINGS_DIR, SESSION_FILE, Pending, SessionStore, fingerprint, session_dir

Saved = Callable[[list[Path], UserError | None], None]  # called on the saving thread after each batch
UNDO_DEPTH = 500  # changes that can be undone, newest first
# A meeting without an end that started less than this long ago is still going on, also past midnight
# (and when the clock has been set back by less than this): its notes stay in it.
MEETING_SPAN = dt.timedelta(hours=8)


def lock_session(path: Path, read_only: bool) -> tuple[fileio.SessionLock | None, fileio.Holder | None]:
    """The session's lock if we can have it (never when read-only, nor for a user who cannot write the
    session's files), else who holds it."""
    return (None, None) if read_only else fileio.SessionLock.acquire(path, (path / SESSION_FILE, path / MEETINGS_DIR))


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
    files = [path / SESSION_FILE, *store.meeting_files()]
    return store, [f"{file}: {why}" for file in files if (why := fileio.foreign(file))]


def open_session(path: Path, packs_dir: Path | None, *, read_only: bool = False, history: bool = True,
                 clock: Clock = now) -> OpenedSession:
    """Open a session, as its writer if nobody else is, cleaning up our own stale temp files.

    The lock is taken before the files are read, so a writer never starts from a stale view.
    Without `history`, only the latest day's meetings are read (see `SessionStore.open`).
    """
    path = session_dir(path)
    lock, holder = lock_session(path, read_only)
    try:
        store, warnings = read_session(path, packs_dir, writer=lock is not None, history=history)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return OpenedSession(store, lock, holder, warnings, clock=clock)


@dataclass(frozen=True)
class Closed:
    """How `close` went: the save's error if there was one, and where unsaved work went."""

    error: UserError | None = None
    recovery: Path | None = None


class OpenedSession:
    """One open session: the model, the files, the lock if we are its one writer, and saving."""

    def __init__(self, store: SessionStore, lock: fileio.SessionLock | None, holder: fileio.Holder | None,
                 warnings: list[str], *, clock: Clock = now) -> None:
        self.store = store
        self.lock = lock
        self.holder = holder  # who holds the lock when we could not get it
        self.warnings = warnings
        self._clock = clock
        self._saver: _AutoSaver | None = None
        self._notes: dict[str, list[tuple[Meeting, Note]]] | None = None
        self._seen_on_disk = fingerprint(self.session.path) if self.read_only else None
        self.closed = False
        self.recovered: Path | None = None  # where `close` put what the files could not take
        self._offered: Path | None = None  # the recovery file `read_recovery` read
        self._done: list[Touched] = []  # changes that can be undone, the latest last
        self._undone: list[Touched] = []  # what undo took back, for redo: the latest undo last

    @property
    def session(self) -> Session:
        return self.store.session

    @property
    def pack(self) -> Pack:
        return self.store.pack

    @property
    def read_only(self) -> bool:
        return self.lock is None

    @property
    def clock(self) -> Clock:
        """What time it is, in the session's zone, to the second: whatever zone the server (or a test's
        pinned clock, set here) gives, the day and the times shown follow the session."""
        return self.now

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self._clock = clock

    def now(self) -> dt.datetime:
        """The moment as written to the files: in the session's zone (PRODUCT.md §4)."""
        return stamp(self._clock(), self.session.zone)

    # --- today's meeting -------------------------------------------------------------------

    def today(self, *, create: bool = False) -> Meeting | None:
        """The meeting going on now: the latest held meeting if it is still going on (see `_going_on`: past
        midnight it stays one meeting), else the latest one held today; with `create`, the one planned for
        today is started, or a new one if there is none (on disk at its first save, starting now). A meeting
        only planned is not going on. A new meeting takes over from the last one, so it needs them all."""
        from samverka.sessions.workflow import start_meeting

        moment = self.now()
        found = self._going_on(moment) or self._latest_on(moment.date())
        if found is not None or not create:
            return found
        self.ensure_history()
        found = self._going_on(moment) or self._latest_on(moment.date())
        if found is not None:
            return found
        planned = self.planned()
        if planned is not None and planned.date == moment.date():
            self.apply(edits.begin(self.session, planned, moment))
            return planned
        return start_meeting(self.session, self.pack, moment.date(), moment.time().replace(second=0))

    def planned(self) -> Meeting | None:
        """The next meeting prepared but not started: the first planned for today or later."""
        today = self.now().date()
        coming = [m for m in self.session.meetings if m.planned and m.date >= today]
        return min(coming, key=meeting_order, default=None)

    def to_set_up(self) -> Meeting:
        """The meeting the setup dialog edits: the one going on, else the next planned one, else a new one
        proposed for today that is not in the session until it is saved (`set_up`)."""
        from samverka.sessions.workflow import next_meeting

        found = self.today() or self.planned()
        if found is not None:
            return found
        self.ensure_history()
        return next_meeting(self.session, self.pack, self.now().date())

    def set_up(self, meeting: Meeting, setup: edits.MeetingSetup) -> Touched:
        """The setup dialog's values into `meeting` (see `to_set_up`), planning it if it is new and starting
        it if asked to; what changed (applied: saved and undoable). Everything is checked before anything
        changes: a refusal leaves the session as it was."""
        from samverka.sessions.workflow import meeting_id

        moment = self.now()
        new = not any(m is meeting for m in self.session.meetings)
        day = (setup.date or meeting.date) if new else meeting.date
        if new and day < moment.date():
            raise UserError(f"ett möte kan inte planeras till en dag som varit ({day})")
        if setup.begin and meeting.planned and day != moment.date():
            raise UserError(f"ett möte som startas nu hålls i dag: ange datumet {moment.date()}" if new else
                            f"mötet är planerat till {meeting.date}: det kan startas först den dagen")
        if new:
            meeting.date, meeting.id = day, meeting_id(self.session, day)
            setup = dataclasses.replace(setup, date=None)
        touched = edits.apply_setup(self.session, self.pack, meeting,
                                    dataclasses.replace(setup, justify_previous=False), moment.date())
        if new:  # planned for good: undo takes back what it was set up with
            self.session.meetings.append(meeting)
            self.session.meetings.sort(key=meeting_order)
        if setup.begin:  # first: the minutes up for adjustment may be those of a meeting held since it was planned
            touched |= edits.begin(self.session, meeting, moment)
        if setup.justify_previous:
            touched |= edits.justify_previous(self.session, meeting, moment.date())[1]
        if setup.group is not None:  # the dialog shows the session's details too
            touched |= edits.set_details(self.session, setup.group, setup.registry or "")
        self.apply(touched)
        return touched

    def _going_on(self, moment: dt.datetime) -> Meeting | None:
        """The latest held meeting, if it started (in the session's zone) less than MEETING_SPAN before
        `moment`, or less than that after it (the clock was set back), and its end, if set, is not yet passed
        (an end before the start is on the next day)."""
        latest = max((m for m in self.session.meetings if not m.planned), key=meeting_order, default=None)
        if latest is None or latest.start is None:
            return None
        zone = self.session.zone
        started = wall(latest.date, latest.start, zone)
        if abs(seconds_between(started, moment)) >= MEETING_SPAN.total_seconds():
            return None
        if latest.end is not None:
            end_day = latest.date + dt.timedelta(days=1 if latest.end < latest.start else 0)
            if seconds_between(wall(end_day, latest.end, zone), moment) > 0:
                return None
        return latest

    def _latest_on(self, day: dt.date) -> Meeting | None:
        todays = [m for m in self.session.meetings if m.date == day and not m.planned]
        return max(todays, key=meeting_order) if todays else None

    # --- the earlier meetings, read after the rest -----------------------------------------

    @property
    def history_pending(self) -> bool:
        return self.store.history_pending

    def read_ahead(self, history_read: Callable[[], None]) -> None:
        """On a thread of its own, after the first frame: parse today's file for editing (so the first
        note's save need not), then wait for the earlier meetings and call `history_read` (on that
        thread) once they can be taken in. Not a UI worker: quitting must not wait for a stuck reader."""
        today = None if self.read_only else self.today()
        pending = self.history_pending

        def run() -> None:
            if today is not None:
                self.store.prepare(today)
            if pending:
                self.store.prefetch_history()
                history_read()

        if today is not None or pending:
            threading.Thread(target=run, name="samverka-read-ahead", daemon=True).start()

    def ensure_history(self) -> None:
        """Every meeting in the model (on the model's thread); UserError if one cannot be read."""
        if not self.store.history_pending:
            return
        self.store.ensure_history()
        self._notes = None
        gc.freeze()  # what came in lives as long as the session is open: keep it out of full collections

    # --- notes ---------------------------------------------------------------------------

    def notes_for(self, question_id: str) -> list[tuple[Meeting, Note]]:
        """Every note of a question in the model, in meeting order."""
        if self._notes is None:
            self._notes = {q: [] for q in self.pack.questions}
            for meeting in self.session.meetings:
                for note in meeting.notes:
                    self._notes[note.question].append((meeting, note))
        return self._notes[question_id]

    def add_note(self, question_id: str, draft: NoteDraft) -> Note:
        """A checked note in today's meeting (which it starts), saved."""
        edits.check_note(self.session, self.pack, question_id, draft)  # before a meeting is started for it
        meeting = self.today(create=True)
        notes = self.notes_for(question_id)  # the index as it is, before the note is in the meeting
        note, touched = edits.add_note(self.session, self.pack, meeting, question_id, draft, self.now())
        notes.append((meeting, note))
        self.apply(touched)
        return note

    # --- saving --------------------------------------------------------------------------

    def start_autosave(self, saved: Saved) -> None:
        """From now on `apply` hands the files to a thread of their own (the TUI); until then it writes
        them at once (the CLI)."""
        if not self.read_only and self._saver is None:
            self._saver = _AutoSaver(self.store, saved)
        gc.freeze()  # what is loaded now lives as long as the session is open

    def apply(self, touched: Touched) -> None:
        """Save the files a change touched (a snapshot now; written on the saving thread if there is one);
        a change that can be taken back becomes the one undo takes back next."""
        if not touched:
            return
        self._save(self.store.snapshot(list(touched.meetings), session=touched.session))
        if touched.undo:
            self._done = [*self._done[-UNDO_DEPTH + 1:], touched]
            self._undone.clear()

    def undo(self) -> Touched:
        """Take back the latest change not yet undone, and save; what that touched (NOTHING if none)."""
        return self._step(self._done, self._undone)

    def redo(self) -> Touched:
        """Make again the change undo took back last, and save."""
        return self._step(self._undone, self._done)

    def _step(self, source: list[Touched], target: list[Touched]) -> Touched:
        if not source:
            return NOTHING
        self._writable()
        touched = source.pop().undone()
        target.append(touched)
        self._notes = None  # a note may have come, gone or moved to another question
        self._save(self.store.snapshot(list(touched.meetings), session=touched.session))
        return touched

    def correct_note(self, meeting: Meeting, note: Note, question_id: str, draft: NoteDraft | None) -> None:
        """Edit a note (or with no draft, delete it), and save."""
        self._writable()
        if draft is None:
            touched = edits.delete_note(meeting, note)
        else:
            touched = edits.edit_note(self.session, self.pack, meeting, note, question_id, draft)
        self._notes = None
        self.apply(touched)

    def save_all(self) -> None:
        self._save(self.store.snapshot(self.session.meetings))

    def _writable(self) -> None:
        if self.read_only:
            raise UserError("sessionen är skrivskyddad: inget kan ändras")

    def _save(self, pending: list[Pending]) -> None:
        self._writable()
        if self._saver is not None:
            self._saver.submit(pending)
        else:
            self.store.write(pending)

    def flush(self, timeout: float = 10.0) -> UserError | None:
        """Wait until everything handed over is written; the error of the last save, if it failed."""
        if self._saver is None:
            return None
        if not self._saver.flush(timeout):
            return UserError("sparandet blev inte klart i tid")
        return self._saver.last_error

    # --- a recovery file from an earlier run ---------------------------------------------

    def recovery_waiting(self) -> bool:
        return not self.read_only and recovery.waiting(self.session.path)

    def read_recovery(self) -> tuple[recovery.Recovery | None, str | None]:
        """What the recovery file holds (every meeting is read first: it may name earlier ones),
        or a warning saying why it is ignored."""
        self.ensure_history()
        found, warning = recovery.read_recovery(self.session, self.pack)
        self._offered = found.path if found is not None else None
        return found, warning

    def restore(self, found: recovery.Recovery) -> None:
        """Take the recovered work into the session; the file goes once its content is safely saved."""
        self.apply(edits.restore(self.session, found))
        self._notes = None
        self.save_all()
        if self.flush() is None and found.path is not None:
            recovery.remove(found.path)

    def decline_recovery(self) -> None:
        if self._offered is not None:
            recovery.set_aside(self._offered)

    # --- read-only: following the writer ---------------------------------------------------

    def changed_on_disk(self) -> bool:
        return fingerprint(self.session.path) != self._seen_on_disk

    def writer_gone(self) -> bool:
        """Has the writer let go of the session (so that it can be taken over, by one who can write)?
        Only a look: taking the lock for it would write our name in the lock file."""
        return fileio.SessionLock.holder(self.session.path) is None

    @property
    def can_write(self) -> bool:
        """Could this user write the session's files (and so take it over when the writer lets go)?"""
        path = self.session.path
        return fileio.writable(path, (path / SESSION_FILE, path / MEETINGS_DIR))

    # --- the one way out -----------------------------------------------------------------

    def close(self, half_typed: tuple[str, str] | None = None, *, reason: str, as_note: bool = False,
              force: bool = True, wait: float = 10.0) -> Closed:
        """Save everything and let go of the session.

        `half_typed` (question, text) becomes a note when `as_note` and it can; otherwise it goes to the
        recovery file with whatever the files could not take. If a save fails and not `force`, nothing
        is let go and the error is returned, so the user can be asked first.
        """
        if self.closed:
            return Closed()
        if self.read_only:
            self.closed = True
            return Closed()
        if half_typed is not None and as_note:
            from samverka.sessions.quicknote import parse_quick_note

            with contextlib.suppress(UserError):  # not a valid note, or no history: the recovery file keeps it
                self.add_note(half_typed[0], parse_quick_note(half_typed[1], self.session))
                half_typed = None
        try:
            self.save_all()
        except UserError as err:  # written here, without a saving thread (the CLI): what failed goes on below
            error: UserError | None = err
        else:
            error = self.flush(wait)
        if error is not None and not force:
            if half_typed is not None:
                self._write_recovery(half_typed, reason)
            return Closed(error)
        written = None
        if error is not None or half_typed is not None:
            written = self._write_recovery(half_typed, reason)
        self.closed = True
        if self.lock is not None:
            self.lock.release()
        return Closed(error, written)

    def _write_recovery(self, half_typed: tuple[str, str] | None, reason: str) -> Path | None:
        with contextlib.suppress(UserError):  # nowhere left to write: the files hold what the last save got in
            where = self.lock.where if self.lock is not None else None
            written = recovery.write_recovery(self.store, half_typed, reason, where=where)
            self.recovered = written or self.recovered
            return written
        return None


class _AutoSaver:
    """One writer thread per open session; a newer snapshot of a file replaces an unwritten older one."""

    def __init__(self, store: SessionStore, done: Saved) -> None:
        self._store = store
        self._done = done
        self._pending: dict[Path, Pending] = {}
        self._busy = False
        self.last_error: UserError | None = None
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="samverka-autosave", daemon=True)
        self._thread.start()

    def submit(self, pending: list[Pending]) -> None:
        with self._condition:
            for item in pending:
                self._pending[item.path] = item
            self._condition.notify_all()

    def flush(self, timeout: float) -> bool:
        """Wait until everything submitted is written (or failed); False on time-out."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._pending and not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: bool(self._pending))
                batch = list(self._pending.values())
                self._pending.clear()
                self._busy = True
            written: list[Path] = []
            error: UserError | None = None
            try:
                written = self._store.write(batch)
            except UserError as err:
                error = err
            except OSError as err:  # anything fileio did not already turn into a UserError
                error = UserError(f"kunde inte spara: {reason(err)}")
            except Exception as err:  # a fault of ours: this thread must live on and say so, or saving stops unseen
                from samverka import crash

                error = UserError(f"kunde inte spara: {crash.one_line(err, beside=self._store.session.path)}")
            finally:
                with self._condition:
                    self.last_error = error
                    self._busy = False
                    self._condition.notify_all()
            gc.freeze()  # what was saved lives on in the model: keep it out of full collections
            with contextlib.suppress(Exception):  # a screen gone away must not stop the saving of the next change
                self._done(written, error)
