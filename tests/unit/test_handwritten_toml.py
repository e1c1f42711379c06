"""Hand-written TOML (PRODUCT.md §4): every legal shape a person may write — inline tables, dotted keys,
arrays of inline tables, local date-times without offset, literal and multi-line strings, comments —
loads, saves and keeps its keys; a fault while saving says so in one line and leaves a report."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverka.errors import UserError
from samverka.sessions import recovery
from samverka.sessions.model import AgendaItem, Note, ReadinessChange
from samverka.sessions.opened import open_session
from samverka.sessions.store import SessionStore

STOCKHOLM = dt.timezone(dt.timedelta(hours=1))  # Europe/Stockholm in November: the session's default zone
DAY = "2026-11-22"


def session_text(shape: dict) -> str:
    """session.toml as a person might write it, in the layout `shape` picks."""
    created = "2026-11-22T09:00:00" if shape["naive"] else "2026-11-22T09:00:00+01:00"
    lines = [
        "# Skrivet för hand.",
        "format = 1",
        "title = 'Lokalt samverkansavtal 2027'   # en literal sträng",
        'organisation = """Myndigheten X"""',
        'pack = "lokalt-samverkansavtal"',
        f"created = {created}",
        'egen_nyckel = "behåll"  # okänd för appen',
    ]
    parties = [
        '{ id = "ag", kind = "arbetsgivare", name = "Arbetsgivaren", farg = "blå" }',
        '{ id = "st", kind = "arbetstagare", name = "OFR/ST" }',
    ]
    people = ['{ id = "anna", name = "Anna", role = "chef", party = "ag", rum = "A1" }',
              '{ id = "cecilia", name = "Cecilia", role = "facklig", party = "st" }']
    tables: list[str] = []
    for key, rows in (("parties", parties), ("participants", people)):
        if shape["inline_arrays"]:
            lines.append(f"{key} = [  # en per rad\n  " + ",\n  ".join(rows) + ",\n]")
        else:
            for row in rows:
                body = row.strip("{} ").replace(", ", "\n")
                tables.append(f"[[{key}]]\n{body}")
    questions = shape["questions"]
    if questions == "inline":
        lines.append('questions = { "1.1" = { readiness = 2, answers = { syfte = "Att samverka." }, egen = "q" } }')
    elif questions == "dotted":
        lines += ['questions."1.1".readiness = 2', 'questions."1.1".answers.syfte = "Att samverka."',
                  'questions."1.1".egen = "q"']
    elif questions == "header_inline":
        tables.append('[questions]\n"1.1" = { readiness = 2, answers = { syfte = "Att samverka." }, egen = "q" }')
    else:
        tables.append('[questions."1.1"]\nreadiness = 2\negen = "q"\n\n[questions."1.1".answers]\n'
                      "syfte = '''Att samverka.'''")
    return "\n".join(lines) + "\n\n" + "\n\n".join(tables) + "\n"


def meeting_text(shape: dict) -> str:
    """A meeting file as a person might write it, in the layout `shape` picks."""
    at = (lambda t: f"{DAY}T{t}") if shape["naive"] else (lambda t: f"{DAY}T{t}+01:00")
    lines = ["format = 1", f"date = {DAY}", "start = 09:00:00", 'attendees = ["anna", "cecilia"]',
             'agenda = ["1.1"]', "egen = 7  # okänd för appen"]
    tables: list[str] = []
    items = shape["items"]
    if items == "inline":
        lines.append('items = { "1.1" = { type = "samverkan", egen = "i" } }')
    elif items == "dotted":
        lines += ['items."1.1".type = "samverkan"', 'items."1.1".egen = "i"']
    else:
        tables.append('[items."1.1"]\ntype = "samverkan"\negen = "i"')
    notes = [f'{{ at = {at("09:12:00")}, question = "1.1", kind = "note", text = "Första.", egen = 1 }}',
             f'{{ at = {at("09:15:00")}, question = "1.1", text = "Andra.", by = "anna", egen = 2 }}',
             f'{{ at = {at("09:20:00")}, question = "1.1", text = """Tredje\nrad.""", egen = 3 }}']
    changes = [f'{{ question = "1.1", from = 0, to = 2, at = {at("09:13:00")} }}']
    for key, rows in (("notes", notes), ("readiness_changes", changes)):
        if shape["inline_arrays"]:
            lines.append(f"{key} = [\n  " + ",  # en anteckning\n  ".join(rows) + ",\n]")
        else:
            for row in rows:
                body = row.strip("{} ").replace(", ", "\n")
                tables.append(f"# före\n[[{key}]]\n{body}")
    return "\n".join(lines) + "\n\n" + "\n\n".join(tables) + "\n"


def write_session(root: Path, shape: dict) -> Path:
    path = root / "handskriven"
    (path / "meetings").mkdir(parents=True)
    (path / "session.toml").write_text(session_text(shape), encoding="utf-8")
    (path / "meetings" / f"{DAY}.toml").write_text(meeting_text(shape), encoding="utf-8")
    return path


SHAPES = st.fixed_dictionaries({
    "naive": st.booleans(),
    "inline_arrays": st.booleans(),
    "questions": st.sampled_from(["inline", "dotted", "header_inline", "tables"]),
    "items": st.sampled_from(["inline", "dotted", "tables"]),
})

EXAMPLES = [
    {"naive": True, "inline_arrays": True, "questions": "inline", "items": "inline"},
    {"naive": True, "inline_arrays": False, "questions": "dotted", "items": "dotted"},
    {"naive": False, "inline_arrays": True, "questions": "header_inline", "items": "tables"},
]


def edit_and_save(path: Path) -> None:
    """What a meeting does to a session: every kind of value, in a place that exists and a new one."""
    store = SessionStore.open(path, None)
    session = store.session
    meeting = session.meetings[-1]
    session.edit_state("1.1").readiness = 3
    session.edit_state("1.1").answers["organisation"] = "Ny text."
    session.edit_state("1.2").readiness = 1
    session.edit_state("1.2").canvas["hinder"] = "Tid."
    session.parties[0].name = "Myndigheten"
    meeting.items["1.1"].seconds = 600
    meeting.items["1.2"] = AgendaItem(type="information", seconds=60)
    meeting.notes.pop(1)  # "Andra." goes: the others keep their own unknown keys
    meeting.notes.append(Note(dt.datetime(2026, 11, 22, 9, 30, tzinfo=STOCKHOLM), "1.2", "decision", "Fjärde."))
    meeting.readiness_changes.append(ReadinessChange("1.2", 0, 1, dt.datetime(2026, 11, 22, 9, 31, tzinfo=STOCKHOLM)))
    assert len(store.save()) == 2


def assert_kept(path: Path) -> None:
    """The edits are in the files, and so is every key the app does not know, on the table it was on."""
    session = SessionStore.open(path, None).session
    meeting = session.meetings[-1]
    assert session.readiness("1.1") == 3 and session.readiness("1.2") == 1
    assert session.state("1.1").answers == {"syfte": "Att samverka.", "organisation": "Ny text."}
    assert session.state("1.2").canvas == {"hinder": "Tid."}
    assert [p.name for p in session.parties] == ["Myndigheten", "OFR/ST"]
    assert [n.text for n in meeting.notes] == ["Första.", "Tredje\nrad.", "Fjärde."]
    assert (meeting.items["1.1"].type, meeting.items["1.1"].seconds) == ("samverkan", 600)
    assert (meeting.items["1.2"].type, meeting.items["1.2"].seconds) == ("information", 60)
    assert [(c.question, c.after) for c in meeting.readiness_changes] == [("1.1", 2), ("1.2", 1)]

    top = tomllib.loads((path / "session.toml").read_text(encoding="utf-8"))
    assert top["egen_nyckel"] == "behåll"
    assert top["parties"][0]["farg"] == "blå" and top["participants"][0]["rum"] == "A1"
    assert top["questions"]["1.1"]["egen"] == "q"
    text = (path / "meetings" / f"{DAY}.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["egen"] == 7 and data["items"]["1.1"]["egen"] == "i"
    assert [note.get("egen") for note in data["notes"]] == [1, 3, None]
    assert "# okänd för appen" in text


@pytest.mark.parametrize("shape", EXAMPLES, ids=["inline", "dotted", "header-inline"])
def test_a_hand_written_session_loads_saves_and_keeps_its_keys(tmp_path: Path, shape: dict):
    path = write_session(tmp_path, shape)
    edit_and_save(path)
    assert_kept(path)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=SHAPES)
def test_every_hand_written_shape_survives_load_edit_save_load(tmp_path_factory, shape: dict):
    path = write_session(tmp_path_factory.mktemp("shape"), shape)
    edit_and_save(path)
    assert_kept(path)
    edit_and_save_again = SessionStore.open(path, None)  # a second round edits what the app wrote
    edit_and_save_again.session.edit_state("1.1").readiness = 4
    edit_and_save_again.save()
    assert SessionStore.open(path, None).session.readiness("1.1") == 4


def test_a_time_without_offset_is_the_sessions_local_time_and_stays_as_written(tmp_path: Path):
    path = write_session(tmp_path, EXAMPLES[0])
    store = SessionStore.open(path, None)
    first = store.session.meetings[-1].notes[0]
    assert first.at == dt.datetime(2026, 11, 22, 9, 12, tzinfo=STOCKHOLM)
    assert store.session.created == dt.datetime(2026, 11, 22, 9, 0, tzinfo=STOCKHOLM)
    # An app note from a server on UTC sorts among the hand-written ones by the moment it was taken.
    utc_note = Note(dt.datetime(2026, 11, 22, 8, 14, tzinfo=dt.UTC), "1.1", "note", "Från servern.")
    store.session.meetings[-1].notes.append(utc_note)
    assert sorted(n.at for n in store.session.meetings[-1].notes)[1] == utc_note.at
    store.session.meetings[-1].notes[0].text = "Första, rättad."
    store.save()
    text = (path / "meetings" / f"{DAY}.toml").read_text(encoding="utf-8")
    assert f"at = {DAY}T09:12:00," in text  # the note edited keeps the time as its author wrote it


def test_a_recovery_into_hand_written_notes_is_restored(tmp_path: Path):
    """The recovery offer sorts the recovered notes among the meeting's: with times written without
    offset beside the app's own, that used to crash (and print the session on screen)."""
    path = write_session(tmp_path, EXAMPLES[1])
    rescue = path / recovery.NAME
    rescue.write_text(
        f'format = 1\nwritten = {DAY}T10:00:00+01:00\nreason = "test"\n\n[[notes]]\nmeeting = "{DAY}"\n'
        f'at = {DAY}T09:14:00+01:00\nquestion = "1.1"\nkind = "note"\ntext = "Återställd."\n', encoding="utf-8")
    os.chmod(rescue, 0o600)
    opened = open_session(path, None)
    try:
        found, warning = opened.read_recovery()
        assert warning is None and found is not None
        opened.restore(found)
    finally:
        opened.close(reason="test")
    notes = SessionStore.open(path, None).session.meetings[-1].notes
    assert [n.text for n in notes] == ["Första.", "Återställd.", "Andra.", "Tredje\nrad."]


def test_a_fault_while_saving_one_file_names_it_in_one_line_and_saves_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = write_session(tmp_path, EXAMPLES[2])
    store = SessionStore.open(path, None)
    secret = "Hemlig anteckning om lönerna"
    store.session.edit_state("1.1").readiness = 4
    at = dt.datetime(2026, 11, 22, 9, 40, tzinfo=STOCKHOLM)
    store.session.meetings[-1].notes.append(Note(at, "1.1", "note", secret))

    from samverka.sessions import tomldoc

    real_sync = tomldoc.sync

    def faulty(container, values, before=None, **kwargs):
        if "notes" in values:
            raise RuntimeError(secret)
        return real_sync(container, values, before, **kwargs)

    monkeypatch.setattr(tomldoc, "sync", faulty)
    with pytest.raises(UserError) as caught:
        store.save()
    line = str(caught.value)
    assert "\n" not in line and secret not in line
    assert "internt fel (RuntimeError" in line and "rapport: " in line
    report = Path(line.split("rapport: ")[1])
    assert report.parent == tmp_path / "state" / "samverka"
    assert "Traceback" in report.read_text(encoding="utf-8")
    assert report.stat().st_mode & 0o077 == 0
    assert SessionStore.open(path, None).session.readiness("1.1") == 4  # the session file was saved
    monkeypatch.setattr(tomldoc, "sync", real_sync)
    store.save()  # the fault gone, the same store saves the note
    assert SessionStore.open(path, None).session.meetings[-1].notes[-1].text == secret


def test_a_layout_tomlkit_cannot_edit_in_place_is_saved_with_every_key_in_a_fresh_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = write_session(tmp_path, EXAMPLES[0])
    real = SessionStore._faithful
    tried: list[Path] = []

    def first_edit_fails(self, file, text, values, theirs):  # as if tomlkit had put a table in the wrong place
        if file not in tried:
            tried.append(file)
            return False
        return real(self, file, text, values, theirs)

    monkeypatch.setattr(SessionStore, "_faithful", first_edit_fails)
    edit_and_save(path)
    assert len(tried) == 2
    monkeypatch.setattr(SessionStore, "_faithful", real)
    assert_kept_values(path)


def assert_kept_values(path: Path) -> None:
    """`assert_kept` without the comments, which a fresh layout cannot keep."""
    session_file, meeting_file = path / "session.toml", path / "meetings" / f"{DAY}.toml"
    for file in (session_file, meeting_file):
        file.write_text(file.read_text(encoding="utf-8") + "\n# okänd för appen\n", encoding="utf-8")
    assert_kept(path)
