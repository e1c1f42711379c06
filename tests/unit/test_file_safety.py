"""Never lose a note, without a terminal: locks, symlinks, temp files, recovery, bad files, a faithful round trip."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import meeting_on
from samverka import fileio
from samverka.cli import main
from samverka.errors import UserError
from samverka.sessions import edits, recovery
from samverka.sessions.clock import now
from samverka.sessions.model import Note
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore

# --- two facilitators ------------------------------------------------------------------------


def test_second_opener_is_read_only_and_told_who_holds_it(demo_path: Path):
    first = open_session(demo_path, None)
    assert not first.read_only
    second = open_session(demo_path, None)
    assert second.read_only and second.lock is None
    assert second.holder is not None and second.holder.pid == os.getpid()
    assert "@" in second.holder.describe() and "sedan" in second.holder.describe()
    first.lock.release()
    third = open_session(demo_path, None)  # the holder is gone: the next opener writes
    assert not third.read_only
    third.lock.release()


# --- symlinks, ownership, temp files ---------------------------------------------------------


def test_planted_symlink_at_the_lock_is_refused(demo_path: Path, tmp_path: Path):
    victim = tmp_path / "victim"
    victim.write_text("orörd")
    (demo_path / fileio.SessionLock.NAME).symlink_to(victim)
    with pytest.raises(UserError, match="symbolisk länk"):
        open_session(demo_path, None)
    assert victim.read_text() == "orörd"


def test_planted_symlink_at_the_recovery_name_is_not_followed(demo: SessionStore, tmp_path: Path):
    victim = tmp_path / "victim"
    victim.write_text("orörd")
    planted = demo.session.path / recovery.NAME
    planted.symlink_to(victim)
    found, warning = recovery.read_recovery(demo.session, demo.pack)
    assert found is None and "ignoreras" in warning
    recovery.write_recovery(demo, ("1.1", "halv"), "test")
    assert victim.read_text() == "orörd"
    assert not planted.is_symlink() and stat.S_IMODE(planted.stat().st_mode) == 0o600


def test_stale_temp_files_of_ours_are_cleaned_on_open_and_only_ours(demo_path: Path):
    ours = demo_path / f".session.toml{fileio.TEMP_MARK}99999-abcd1234"
    ours_meeting = demo_path / "meetings" / f".2026-01-01.toml{fileio.TEMP_MARK}4242-00ff"
    other = demo_path / ".session.toml.swp"
    for path in (ours, ours_meeting, other):
        path.write_text("x")
    opened = open_session(demo_path, None, read_only=True)
    assert ours.exists()  # a reader never cleans
    opened = open_session(demo_path, None)
    assert not ours.exists() and not ours_meeting.exists() and other.exists()
    opened.lock.release()


def test_symlinked_session_file_gives_a_warning(demo_path: Path):
    real = demo_path.parent / "elsewhere.toml"
    (demo_path / "session.toml").rename(real)
    (demo_path / "session.toml").symlink_to(real)
    opened = open_session(demo_path, None, read_only=True)
    assert any("symbolisk länk" in w for w in opened.warnings)


# --- recovery --------------------------------------------------------------------------------


def test_recovery_file_holds_what_the_files_lack(demo: SessionStore):
    meeting = meeting_on(demo)
    meeting.notes.append(Note(now(), "1.2", "action", "Osparad åtgärd", owner="bo", due=dt.date(2027, 1, 9)))
    demo.session.edit_state("2.1").answers["syfte"] = "Osparat syfte"
    path = recovery.write_recovery(demo, ("1.3", "Halvskri"), "SIGHUP")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    found, warning = recovery.read_recovery(demo.session, demo.pack)
    assert warning is None
    assert found.half_typed == ("1.3", "Halvskri")
    assert [(m, n.text, n.owner) for m, n in found.notes] == [(meeting.id, "Osparad åtgärd", "bo")]
    assert found.answers == {"2.1": {"syfte": "Osparat syfte"}}
    assert "en halvskriven anteckning till fråga 1.3" in found.summary()
    fresh = SessionStore.open(demo.session.path, None)
    edits.restore(fresh.session, found)
    fresh.save()
    reopened = SessionStore.open(demo.session.path, None).session
    assert reopened.meetings[-1].notes[-1].text == "Osparad åtgärd"
    assert reopened.state("2.1").answers["syfte"] == "Osparat syfte"


def test_nothing_unsaved_writes_no_recovery_file(demo: SessionStore):
    assert recovery.write_recovery(demo, None, "SIGTERM") is None
    assert not (demo.session.path / recovery.NAME).exists()


def test_broken_recovery_file_is_ignored_with_a_warning(demo: SessionStore):
    (demo.session.path / recovery.NAME).write_text("written = [\n")
    found, warning = recovery.read_recovery(demo.session, demo.pack)
    assert found is None and warning.startswith("trasig återställningsfil ignoreras")


def test_recovery_entries_that_do_not_fit_are_left_out_not_trusted(demo: SessionStore):
    (demo.session.path / recovery.NAME).write_text(
        'format = 1\nwritten = 2026-11-23T10:00:00+01:00\nreason = "SIGHUP"\n'
        '[[notes]]\nmeeting = "igår"\nat = 2026-11-23T10:00:00+01:00\nquestion = "1.1"\nkind = "note"\ntext = "a"\n'
        '[[notes]]\nmeeting = "2026-11-23"\nat = 2026-11-23T10:01:00+01:00\nquestion = "1.1"\nkind = "note"\n'
        'text = "behåll texten"\nparty = "zz"\nby = "okand"\n', encoding="utf-8")
    found, warning = recovery.read_recovery(demo.session, demo.pack)
    assert warning is None
    assert [(m, n.text, n.party, n.by) for m, n in found.notes] == [("2026-11-23", "behåll texten", None, None)]
    edits.restore(demo.session, found)
    demo.save()
    assert SessionStore.open(demo.session.path, None).session.meeting("2026-11-23").notes[0].text == "behåll texten"


# --- saving ----------------------------------------------------------------------------------


def test_one_refused_file_does_not_keep_the_others_from_being_saved(demo: SessionStore):
    session_file = demo.session.path / "session.toml"
    session_file.write_text(session_file.read_text(encoding="utf-8") + "\n# handredigerat\n", encoding="utf-8")
    demo.session.edit_state("1.2").readiness = 1
    meeting_on(demo, dt.date(2030, 3, 3)).notes.append(Note(now(), "1.1", "note", "Räddad"))
    with pytest.raises(UserError, match="ändrats på disk"):
        demo.save()
    assert "Räddad" in (demo.session.path / "meetings" / "2030-03-03.toml").read_text(encoding="utf-8")


# --- malformed files -------------------------------------------------------------------------

CORPUS = sorted((Path(__file__).parent / "data" / "toml-test" / "invalid").rglob("*.toml"))


def test_toml_test_invalid_corpus_is_refused_cleanly(capsys):
    assert len(CORPUS) > 150
    for path in CORPUS:
        before = path.read_bytes()
        assert main(["check", str(path)]) == 1, path
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(f"samverka: {path}"), err
        assert "Traceback" not in err
        assert path.read_bytes() == before


# --- fuzzing the round trip ------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(ANY_TEXT, min_size=1, max_size=4), answer=ANY_TEXT, name=ANY_TEXT, place=ANY_TEXT)
def test_load_edit_save_reload_is_faithful(demo_path: Path, notes, answer, name, place):
    store = SessionStore.open(demo_path, None)
    meeting = meeting_on(store, dt.date(2031, 5, 5))
    meeting.place = place
    at = now()
    for text in notes:
        meeting.notes.append(Note(at, "1.2", "statement", text, party="st"))
    store.session.edit_state("3.1").answers["mbl"] = answer
    store.session.participants[1].name = name
    store.save()
    reopened = SessionStore.open(demo_path, None).session
    assert reopened.meeting(meeting.id) == meeting
    assert reopened.state("3.1").answers["mbl"] == answer
    assert reopened.participants[1].name == name
    for path in demo_path.rglob("2031-05-05*.toml"):
        path.unlink()
