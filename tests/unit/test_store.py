"""Session files: faithful round trips, comments kept, bad files refused and never overwritten, atomic writes."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from conftest import meeting_on
from samverka import fileio
from samverka.errors import UserError
from samverka.sessions.clock import now
from samverka.sessions.model import AgendaItem, Note, ReadinessChange
from samverka.sessions.store import SessionStore


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_load_then_save_changes_no_bytes(demo_path: Path):
    before = snapshot(demo_path)
    store = SessionStore.open(demo_path, None)
    assert store.save() == []
    assert snapshot(demo_path) == before


def test_comment_and_unknown_keys_survive_an_app_save(demo_path: Path):
    session_file = demo_path / "session.toml"
    text = session_file.read_text(encoding="utf-8")
    text = text.replace('title = "Lokalt', '# Titeln bestämdes på första mötet.\ntitle = "Lokalt', 1)
    text += '\n[egna]\nanteckning = "behåll mig" # och mig\n'
    session_file.write_text(text, encoding="utf-8")
    store = SessionStore.open(demo_path, None)
    store.session.edit_state("2.1").answers["syfte"] = "Att utveckla verksamheten tillsammans."
    store.session.edit_state("1.1").readiness = 3
    assert store.save() == [session_file]
    saved = session_file.read_text(encoding="utf-8")
    assert "# Titeln bestämdes på första mötet.\ntitle =" in saved
    assert 'anteckning = "behåll mig" # och mig' in saved
    reopened = SessionStore.open(demo_path, None).session
    assert reopened.state("2.1").answers["syfte"] == "Att utveckla verksamheten tillsammans."
    assert reopened.readiness("1.1") == 3


def test_a_note_rewrites_only_its_meeting_file(demo_path: Path):
    store = SessionStore.open(demo_path, None)
    before = snapshot(demo_path)
    meeting = meeting_on(store, dt.date(2030, 1, 2))
    meeting.notes.append(Note(now(), "2.1", "decision", "Vi börjar med syftet."))
    assert store.save() == [demo_path / "meetings" / "2030-01-02.toml"]
    after = snapshot(demo_path)
    assert {k: v for k, v in after.items() if "2030" not in k} == before
    reopened = SessionStore.open(demo_path, None).session
    assert reopened.meetings[-1].notes[0].text == "Vi börjar med syftet."
    assert reopened.meetings[-1].notes[0].kind == "decision"


def notes_only_meeting(demo_path: Path) -> tuple[SessionStore, Path]:
    """A meeting on 2030-01-02 whose file ends with its notes and a hand-written comment."""
    store = SessionStore.open(demo_path, None)
    meeting = meeting_on(store, dt.date(2030, 1, 2))
    meeting.notes.append(Note(now(), "2.1", "decision", "Vi börjar med syftet."))
    store.save()
    path = store.meeting_file(meeting)
    path.write_text(path.read_text(encoding="utf-8") + "# Skrivet för hand.\n", encoding="utf-8")
    return SessionStore.open(demo_path, None), path


def no_document_parsing(monkeypatch) -> None:
    from samverka.sessions import tomldoc

    def refuse(text: str):
        raise AssertionError("the whole file was parsed for editing")

    monkeypatch.setattr(tomldoc, "parse_document", refuse)


def test_a_note_after_opening_is_added_to_the_end_of_the_file_as_text(demo_path: Path, monkeypatch):
    store, path = notes_only_meeting(demo_path)
    before = path.read_text(encoding="utf-8")
    no_document_parsing(monkeypatch)
    meeting = meeting_on(store, dt.date(2030, 1, 2))
    for text in ("Nästa steg är en tidplan.", 'Citat: "så här" och\nen ny rad.'):
        meeting.notes.append(Note(now(), "2.2", "note", text, by="anna"))
        assert store.save_meeting(meeting)
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n\n[[notes]]\n")  # the old text as it was, byte for byte
    reopened = SessionStore.open(demo_path, None).session.meetings[-1]
    assert [(n.question, n.text, n.by) for n in reopened.notes] == [
        ("2.1", "Vi börjar med syftet.", None),
        ("2.2", "Nästa steg är en tidplan.", "anna"),
        ("2.2", 'Citat: "så här" och\nen ny rad.', "anna"),
    ]


def test_a_note_before_other_tables_or_with_other_changes_is_synced_in_place(demo_path: Path):
    store, path = notes_only_meeting(demo_path)
    meeting = meeting_on(store, dt.date(2030, 1, 2))
    meeting.readiness_changes.append(ReadinessChange("2.1", 0, 2, now()))
    store.save_meeting(meeting)  # the file now ends with a readiness change
    meeting.notes.append(Note(now(), "2.1", "note", "Efter ändringen."))
    meeting.items.setdefault("2.1", AgendaItem()).seconds = 300  # and something else changes too
    store.save_meeting(meeting)
    text = path.read_text(encoding="utf-8")
    assert text.index("Efter ändringen.") < text.index("[[readiness_changes]]")  # among the notes
    assert "# Skrivet för hand." in text
    reopened = SessionStore.open(demo_path, None).session.meetings[-1]
    assert [n.text for n in reopened.notes][-1] == "Efter ändringen."
    assert reopened.items["2.1"].seconds == 300


def test_second_meeting_the_same_day_gets_its_own_file(demo: SessionStore):
    store = demo
    day = dt.date(2030, 1, 2)
    first = meeting_on(store, day)
    first.notes.append(Note(now(), "1.1", "note", "Första."))
    store.save()
    assert meeting_on(store, day) is first


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("session.toml", "format = 1", "format = 99", "format 99, nyare än"),
        ("session.toml", 'pack = "lokalt-samverkansavtal"', 'pack = "okant"', "okänt processpaket 'okant'"),
        ("session.toml", 'role = "chef"', 'role = "vd"', "okänd roll 'vd'"),
        ("session.toml", "readiness = 4", "readiness = 7", "mellan 0 och 4"),
        ("session.toml", '[questions."1.1"]', '[questions."9.9"]', "okänd fråga '9.9'"),
        ("meeting", 'question = "1.4"', 'question = "7.1"', "okänd fråga '7.1'"),
        ("meeting", 'party = "st"', 'party = "lo"', "okänd part 'lo'"),
        ("meeting", 'kind = "decision"', 'kind = "beslutet"', "ska vara note | decision"),
        ("meeting", "format = 1", "format = 99", "nyare än"),
        ("meeting", 'place = "', 'place = 3\nx = "', "'place' ska vara en sträng"),
        ("meeting", "end = 11:30:00", "end = 11:30:00\nend = 12:00:00", "förekommer två gånger"),
        ("meeting", 'chair = "anna"', 'chair = "anna', "strängen avslutas inte"),
    ],
)
def test_bad_files_are_refused_at_their_line_and_left_untouched(demo_path: Path, file, old, new, message):
    path = demo_path / file if file != "meeting" else next((demo_path / "meetings").glob("*.toml"))
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    before = snapshot(demo_path)
    with pytest.raises(UserError) as caught:
        SessionStore.open(demo_path, None)
    err = caught.value
    assert err.path == path
    assert message in err.message
    first_new_line = new.splitlines()[-1 if "förekommer" in message else 0]
    expected = next(i + 1 for i, line in enumerate(text.splitlines()) if first_new_line in line)
    if "förekommer" not in message:  # tomllib 3.11 reports a duplicate key at the end of the document
        assert err.line == expected, str(err)
    assert snapshot(demo_path) == before


def test_a_file_changed_on_disk_is_not_overwritten(demo: SessionStore, demo_path: Path):
    session_file = demo_path / "session.toml"
    edited = session_file.read_text(encoding="utf-8") + "\n# handredigerat\n"
    session_file.write_text(edited, encoding="utf-8")
    demo.session.edit_state("1.2").readiness = 1
    with pytest.raises(UserError, match="ändrats på disk"):
        demo.save()
    assert session_file.read_text(encoding="utf-8") == edited


def test_failed_write_leaves_old_file_and_no_temp(demo: SessionStore, demo_path: Path, monkeypatch):
    session_file = demo_path / "session.toml"
    before = snapshot(demo_path)

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    demo.session.edit_state("1.2").readiness = 1
    with pytest.raises(UserError) as caught:
        demo.save()
    assert "disken är full" in str(caught.value)  # the system's reason, in Swedish
    assert caught.value.path == session_file
    assert snapshot(demo_path) == before
    monkeypatch.undo()
    assert demo.save() == [session_file]  # nothing was lost: a retry writes it
    assert SessionStore.open(demo_path, None).session.readiness("1.2") == 1


def test_write_keeps_mode_and_new_files_follow_umask(tmp_path: Path):
    existing = tmp_path / "a.toml"
    existing.write_text("x = 1\n")
    existing.chmod(0o640)
    fileio.write_atomic(existing, "x = 2\n")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    old = os.umask(0o027)
    try:
        fileio.write_atomic(tmp_path / "b.toml", "y = 1\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "b.toml").stat().st_mode) == 0o640


def test_write_does_not_follow_a_planted_symlink_at_the_temp_name(tmp_path: Path, monkeypatch):
    victim = tmp_path / "victim"
    victim.write_text("orörd")
    target = tmp_path / "a.toml"
    planted = tmp_path / ".a.toml.samverka-tmp-planted"
    planted.symlink_to(victim)
    monkeypatch.setattr(fileio, "temp_name", lambda path: planted)
    with pytest.raises(UserError):
        fileio.write_atomic(target, "x = 1\n")
    assert victim.read_text() == "orörd"
    assert not target.exists()


def test_create_refuses_bad_slug_and_existing(data_dir: Path):
    from samverka.phases import find_pack

    pack = find_pack("uppfoljning", None)
    sessions = data_dir / "sessions"
    sessions.mkdir(parents=True)
    with pytest.raises(UserError, match="ogiltigt namn"):
        SessionStore.create(sessions, "Med Mellanslag", "Org", "T", pack)
    store = SessionStore.create(sessions, "uppf-2026", "Staden", "Uppföljning 2026", pack)
    assert (store.session.path / "session.toml").is_file()
    with pytest.raises(UserError, match="finns redan"):
        SessionStore.create(sessions, "uppf-2026", "Staden", "Uppföljning 2026", pack)
    assert SessionStore.open(store.session.path, None).session.title == "Uppföljning 2026"
