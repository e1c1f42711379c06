"""History loading: the latest day's meetings are read first, the earlier ones on demand or from a source."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import threading
import tomllib
from pathlib import Path

import pytest

from conftest import NOW, files, meeting_on
from history_fixture import EARLIER, TODAY, break_first_meeting, history_session, meetings, snapshot_values
from samverka.errors import UserError
from samverka.sessions import preload
from samverka.sessions.model import Note
from samverka.sessions.store import History, SessionStore
from samverka.sessions.workflow import propose_agenda

# --- the store: the latest day now, the rest on demand ----------------------------------------


def test_without_history_only_the_latest_day_is_read_and_the_rest_comes_in_whole(data_dir: Path):
    path = history_session(data_dir)
    second = path / "meetings" / f"{TODAY}-2.toml"  # a second meeting the same day belongs to the latest day
    second.write_bytes((path / "meetings" / f"{TODAY}.toml").read_bytes())
    before = files(path)
    full = SessionStore.open(path, None)
    store = SessionStore.open(path, None, history=False)
    assert [m.id for m in store.session.meetings] == [str(TODAY), f"{TODAY}-2"]
    assert store.history_pending
    store.ensure_history()
    assert not store.history_pending
    assert meetings(store) == meetings(full)
    assert [m.id for m in store.session.meetings] == [*EARLIER, str(TODAY), f"{TODAY}-2"]
    assert snapshot_values(store) == snapshot_values(full)
    assert store.unsaved() == {"notes": [], "answers": {}, "canvas": {}}
    assert store.save() == []  # the earlier files are known as read: nothing to write, nothing refused
    assert files(path) == before


def test_a_session_of_one_day_has_no_history_to_wait_for(demo_path: Path):
    store = SessionStore.open(demo_path, None, history=False)
    assert not store.history_pending
    assert meetings(store) == meetings(SessionStore.open(demo_path, None))


def test_an_earlier_meeting_file_is_written_faithfully_once_taken_in(data_dir: Path):
    path = history_session(data_dir)
    before = files(path)
    store = SessionStore.open(path, None, history=False)
    store.ensure_history()
    first = store.session.meeting(EARLIER[0])
    action = next(n for n in first.notes if n.kind == "action")
    action.done = dt.date(2026, 11, 20)
    assert store.save() == [path / "meetings" / f"{EARLIER[0]}.toml"]
    after = files(path)
    assert {k: v for k, v in after.items() if EARLIER[0] not in k} == {
        k: v for k, v in before.items() if EARLIER[0] not in k}
    reread = SessionStore.open(path, None).session.meeting(EARLIER[0])
    assert [n.done for n in reread.notes if n.text == action.text] == [dt.date(2026, 11, 20)]


def test_a_new_meeting_takes_in_history_first(data_dir: Path):
    path = history_session(data_dir)
    # A disagreement left open in the first meeting puts its question on the next agenda.
    full = SessionStore.open(path, None)
    full.session.meeting(EARLIER[0]).notes.append(
        Note(dt.datetime(2026, 11, 2, 14, 0, tzinfo=NOW.tzinfo), "3.1", "disagreement", "Oenighet om nivån."))
    full.save()
    assert "3.1" in propose_agenda(full.session, full.pack)
    before = files(path)
    store = SessionStore.open(path, None, history=False)
    assert "3.1" not in propose_agenda(store.session, store.pack)  # what the latest day alone would give
    later = TODAY + dt.timedelta(days=7)
    meeting = meeting_on(store, later, start=dt.time(9, 5))
    assert not store.history_pending
    assert [m.id for m in store.session.meetings] == [*EARLIER, str(TODAY), str(later)]
    assert meeting is store.session.meetings[-1] and meeting.id == str(later)
    assert meeting.agenda == propose_agenda(full.session, full.pack)
    last = full.session.meetings[-1]
    assert (meeting.place, meeting.chair, meeting.secretary) == (last.place, last.chair, last.secretary)
    assert meeting.previous == str(TODAY)  # today's minutes are not signed yet
    store.save()
    assert {k: v for k, v in files(path).items() if str(later) not in k} == before
    written = tomllib.loads((path / "meetings" / f"{later}.toml").read_text(encoding="utf-8"))
    assert written["agenda"] == meeting.agenda


def test_a_meeting_day_among_the_earlier_ones_is_found_not_made_again(data_dir: Path):
    path = history_session(data_dir)
    before = files(path)
    store = SessionStore.open(path, None, history=False)
    day = dt.date.fromisoformat(EARLIER[1])
    assert EARLIER[1] not in [m.id for m in store.session.meetings]
    meeting = meeting_on(store, day)
    assert meeting.id == EARLIER[1] and len(meeting.notes) == 5
    assert len(store.session.meetings) == 4
    assert store.save() == []
    assert files(path) == before


def test_an_unreadable_earlier_meeting_fails_at_ensure_history_not_at_open(data_dir: Path):
    path = history_session(data_dir)
    broken, line = break_first_meeting(path)
    with pytest.raises(UserError) as full:
        SessionStore.open(path, None)
    store = SessionStore.open(path, None, history=False)
    assert [m.id for m in store.session.meetings] == [str(TODAY)]
    for _ in range(2):  # the same error each time: the store never works on half a session
        with pytest.raises(UserError) as later:
            store.ensure_history()
        assert (later.value.path, later.value.line) == (broken, line)
        assert str(later.value) == str(full.value)
        assert store.history_pending
    with pytest.raises(UserError):
        meeting_on(store, TODAY + dt.timedelta(days=7))
    assert [m.id for m in store.session.meetings] == [str(TODAY)]


def test_history_from_a_source_is_fetched_once_and_its_error_kept(data_dir: Path):
    path = history_session(data_dir)
    store = SessionStore.open(path, None, history=False)
    calls: list[str] = []

    def source() -> History:
        calls.append(threading.current_thread().name)
        return History.joined(store.read_history())

    store.history_from(source)
    worker = threading.Thread(target=store.prefetch_history, name="worker")
    worker.start()
    worker.join(5)
    assert calls == ["worker"] and store.history_pending  # read, not yet taken in
    store.ensure_history()
    assert calls == ["worker"] and not store.history_pending
    assert [m.id for m in store.session.meetings] == [*EARLIER, str(TODAY)]

    def unreadable() -> History:
        raise UserError("trasig", path, 3, 4)

    failing = SessionStore.open(path, None, history=False)
    failing.history_from(unreadable)
    failing.prefetch_history()  # waits, never raises: the UI thread gets the error
    with pytest.raises(UserError, match="trasig"):
        failing.ensure_history()


def test_user_error_and_store_survive_pickling(data_dir: Path):
    err = pickle.loads(pickle.dumps(UserError("fel här", Path("/x/möte.toml"), 12, 5)))
    assert (err.message, err.path, err.line, err.col) == ("fel här", Path("/x/möte.toml"), 12, 5)
    assert str(err) == "/x/möte.toml:12:5: fel här"
    path = history_session(data_dir)
    store = pickle.loads(pickle.dumps(SessionStore.open(path, None, history=False)))
    assert store.history_pending
    store.ensure_history()
    assert snapshot_values(store) == snapshot_values(SessionStore.open(path, None))
    assert store.save() == []


# --- preload when the system cannot fork -------------------------------------------------------


def test_preload_reads_in_process_and_leaks_nothing_when_fork_fails(data_dir: Path, monkeypatch):
    path = history_session(data_dir)

    def no_fork():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    descriptors = len(os.listdir("/proc/self/fd"))
    opened = preload.preload(path, None)()
    assert not opened.store.history_pending and not opened.read_only
    opened.lock.release()
    assert len(os.listdir("/proc/self/fd")) == descriptors
