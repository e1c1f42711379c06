"""The opened session: today's meeting, saving what an edit touched, and the one way out (close)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from samverka.errors import UserError
from samverka.sessions import edits, recovery
from samverka.sessions.demo import ensure_demo
from samverka.sessions.edits import NoteDraft
from samverka.sessions.opened import open_session

TZ = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 23, 10, 0, 0, tzinfo=TZ)


def clock() -> dt.datetime:
    return NOW


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return ensure_demo(tmp_path / "sessions" / "demo", None, when=NOW)


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def today_file(path: Path) -> Path:
    return path / "meetings" / f"{NOW.date()}.toml"


def test_today_is_none_until_a_change_starts_the_meeting(path: Path):
    opened = open_session(path, None, clock=clock)
    assert opened.today() is None
    assert opened.today() is None  # looking never starts one
    meeting = opened.today(create=True)
    assert meeting.id == str(NOW.date()) and meeting.start == dt.time(10, 0)
    assert meeting.previous == opened.session.meetings[0].id  # the unsigned minutes come up for justering
    assert opened.today() is meeting
    assert not today_file(path).exists()  # on disk only when something in it is saved
    opened.close(reason="test")


def test_add_note_saves_it_in_todays_file(path: Path):
    opened = open_session(path, None, clock=clock)
    note = opened.add_note("1.2", NoteDraft("decision", "Vi börjar", party="ag"))
    assert opened.notes_for("1.2")[-1][1] is note
    saved = read(today_file(path))["notes"]
    assert [(n["question"], n["kind"], n["text"], n["party"]) for n in saved] == [("1.2", "decision", "Vi börjar",
                                                                                   "ag")]
    opened.close(reason="test")


def test_a_refused_note_starts_no_meeting(path: Path):
    opened = open_session(path, None, clock=clock)
    with pytest.raises(UserError):
        opened.add_note("1.2", NoteDraft("note", "text", party="vision"))
    assert opened.today() is None
    opened.close(reason="test")


def test_without_history_a_note_to_todays_meeting_reads_no_earlier_meeting(path: Path):
    first = open_session(path, None, clock=clock)
    first.add_note("1.1", NoteDraft("note", "Första"))
    first.close(reason="test")
    opened = open_session(path, None, history=False, clock=clock)
    assert opened.history_pending and [m.id for m in opened.session.meetings] == [str(NOW.date())]
    opened.add_note("1.1", NoteDraft("note", "Andra"))
    assert opened.history_pending  # today's meeting was there: nothing earlier was needed
    opened.close(reason="test")
    assert [n["text"] for n in read(today_file(path))["notes"]] == ["Första", "Andra"]


def test_close_saves_what_is_pending_and_lets_go_of_the_lock(path: Path):
    opened = open_session(path, None, clock=clock)
    opened.start_autosave(lambda written, error: None)
    edits.set_field(opened.session, "2.1", "answer", "syfte", "Ej sparad ännu")  # an edit not yet applied
    closed = opened.close(reason="test")
    assert closed.error is None and closed.recovery is None
    assert read(path / "session.toml")["questions"]["2.1"]["answers"]["syfte"] == "Ej sparad ännu"
    again = open_session(path, None)
    assert not again.read_only  # the lock went with close
    again.close(reason="test")
    assert opened.close(reason="again") == type(closed)()  # a second close does nothing


def test_close_keeps_a_half_typed_note_in_the_recovery_file(path: Path):
    opened = open_session(path, None, clock=clock)
    closed = opened.close(("1.4", "Halvskriven"), reason="SIGHUP")
    assert closed.recovery == path / recovery.NAME
    found, warning = recovery.read_recovery(open_session(path, None, read_only=True).session, opened.pack)
    assert warning is None and found.half_typed == ("1.4", "Halvskriven") and found.reason == "SIGHUP"


def test_a_failed_save_is_reported_and_only_a_forced_close_lets_go(path: Path):
    opened = open_session(path, None, clock=clock)
    opened.start_autosave(lambda written, error: None)
    opened.add_note("1.1", NoteDraft("note", "Sparad"))
    assert opened.flush() is None
    today_file(path).write_text(today_file(path).read_text(encoding="utf-8") + "# ändrad för hand\n",
                                encoding="utf-8")
    opened.today().notes[-1].text = "Ändrad efter handredigeringen"
    closed = opened.close(reason="test", force=False)
    assert closed.error is not None and "ändrats på disk" in str(closed.error)
    assert open_session(path, None).read_only  # still ours: the user is asked first
    closed = opened.close(reason="avslutad trots fel")
    assert closed.error is not None and closed.recovery == path / recovery.NAME
    found, _ = recovery.read_recovery(opened.session, opened.pack)
    assert [n.text for _, n in found.notes] == ["Ändrad efter handredigeringen"]
    assert not open_session(path, None).read_only


def test_read_only_refuses_changes(path: Path):
    holder = open_session(path, None, clock=clock)
    reader = open_session(path, None, clock=clock)
    assert reader.read_only and reader.holder is not None
    with pytest.raises(UserError, match="skrivskyddad"):
        reader.add_note("1.1", NoteDraft("note", "text"))
    holder.close(reason="test")
    assert reader.writer_gone()


def test_restore_takes_the_recovery_file_in_and_removes_it(path: Path):
    first = open_session(path, None, clock=clock)
    first.close(("1.4", "Halvskriven"), reason="SIGHUP")
    opened = open_session(path, None, clock=clock)
    assert opened.recovery_waiting()
    found, _ = opened.read_recovery()
    opened.restore(found)
    assert not recovery.waiting(path)
    opened.close(reason="test")
