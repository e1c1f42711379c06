"""The protocol's keys in session files (PRODUCT.md §4, additions): `group`, `registry`, a participant's
`title`; a meeting's `number`, `kind`, `basis`, `absent`, its items' `positions` and its `[[agreed]]` texts.
Files without them load and stay byte for byte; each round-trips in every shape a person may write; a wrong
value is refused in one line naming file, line and key, and the file is left as it was."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from samverka.errors import UserError
from samverka.sessions.format import meeting_values, session_values
from samverka.sessions.model import AgreedText, Note
from samverka.sessions.store import SessionStore

STOCKHOLM = dt.timezone(dt.timedelta(hours=1))  # Europe/Stockholm in November: the session's default zone
DAY = "2026-11-22"

SESSION = """\
# Skrivet för hand.
format = 1
title = "Lokalt samverkansavtal 2027"
organisation = "Myndigheten X"
pack = "lokalt-samverkansavtal"
created = 2026-11-22T09:00:00+01:00
{session_keys}
[[parties]]
id = "ag"
kind = "arbetsgivare"
name = "Arbetsgivaren"

[[parties]]
id = "st"
kind = "arbetstagare"
name = "OFR/ST"

[[parties]]
id = "saco"
kind = "arbetstagare"
name = "Saco-S"

{participants}
"""
PARTICIPANTS = """\
[[participants]]
id = "anna"
name = "Anna Ek"
role = "chef"
party = "ag"

[[participants]]
id = "cecilia"
name = "Cecilia Lind"
role = "facklig"
party = "st"
"""
MEETING = """\
format = 1
date = {day}
attendees = ["anna", "cecilia"]
agenda = ["1.1", "1.2"]
egen = 7  # okänd för appen
{meeting_keys}
{information}
[[notes]]
at = {day}T09:12:00+01:00
question = "1.1"
text = "Första."
"""
INFORMATION = '[items."1.2"]\ntype = "information"\n'  # an item of every meeting file of these tests


def write(root: Path, *, session_keys: str = "", participants: str = PARTICIPANTS, meeting_keys: str = "",
          information: str = INFORMATION, day: str = DAY) -> Path:
    path = root / "avtal"
    (path / "meetings").mkdir(parents=True, exist_ok=True)
    (path / "session.toml").write_text(SESSION.format(session_keys=session_keys, participants=participants),
                                       encoding="utf-8")
    (path / "meetings" / f"{day}.toml").write_text(MEETING.format(day=day, meeting_keys=meeting_keys,
                                                                  information=information),
                                                   encoding="utf-8")
    return path


def files(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*.toml"))}


def saved_meeting(path: Path, day: str = DAY) -> dict:
    return tomllib.loads((path / "meetings" / f"{day}.toml").read_text(encoding="utf-8"))


def saved_session(path: Path) -> dict:
    return tomllib.loads((path / "session.toml").read_text(encoding="utf-8"))


# --- format 1 files without the additions ----------------------------------------------------------


def test_a_file_without_the_additions_loads_with_their_defaults_and_is_not_rewritten(tmp_path: Path):
    path = write(tmp_path)
    before = files(path)
    store = SessionStore.open(path, None)
    session, meeting = store.session, store.session.meetings[0]
    assert (session.group, session.registry, session.participants[0].title) == (None, None, None)
    assert (meeting.number, meeting.kind, meeting.basis, meeting.absent, meeting.agreed) == (None, None, None, [], [])
    assert meeting.items["1.2"].positions == {}
    assert store.save() == []
    assert files(path) == before


def test_an_edit_elsewhere_writes_none_of_the_additions(tmp_path: Path):
    path = write(tmp_path)
    store = SessionStore.open(path, None)
    store.session.edit_state("1.1").readiness = 2
    at = dt.datetime(2026, 11, 22, 9, 30, tzinfo=STOCKHOLM)
    store.session.meetings[0].notes.append(Note(at, "1.2", "note", "Ny."))
    store.session.meetings[0].items["1.2"].seconds = 60
    assert len(store.save()) == 2
    top, meeting = saved_session(path), saved_meeting(path)
    assert not {"group", "registry"} & top.keys() and all("title" not in p for p in top["participants"])
    assert not {"number", "kind", "basis", "absent", "agreed"} & meeting.keys()
    assert "positions" not in meeting["items"]["1.2"]


# --- every addition round-trips ---------------------------------------------------------------------


def test_every_addition_written_by_the_app_reads_back_the_same(tmp_path: Path):
    path = write(tmp_path)
    store = SessionStore.open(path, None)
    session, meeting = store.session, store.session.meetings[0]
    session.group, session.registry = "Partsgemensam arbetsgrupp", "2026/1234"
    session.participants[0].title = "HR-chef"
    meeting.number, meeting.kind, meeting.basis, meeting.absent = 7, "arbetsgrupp", "", ["saco"]
    meeting.items["1.2"].positions = {"ag": "overens", "st": "avstar"}
    meeting.agreed.append(AgreedText("1.1", "behorighet", 'Ordföranden "företräder"\noch undertecknar.',
                                     dt.datetime(2026, 11, 22, 10, 5, tzinfo=STOCKHOLM)))
    assert len(store.save()) == 2

    again = SessionStore.open(path, None).session
    assert session_values(again) == session_values(session)
    assert meeting_values(again.meetings[0]) == meeting_values(meeting)
    assert SessionStore.open(path, None).save() == []
    shape = saved_meeting(path)
    assert shape["items"]["1.2"]["positions"] == {"ag": "overens", "st": "avstar"}
    assert shape["agreed"][0]["field"] == "behorighet" and shape["basis"] == ""
    assert shape["egen"] == 7


def test_additions_set_back_to_their_defaults_leave_the_file(tmp_path: Path):
    path = write(tmp_path, session_keys='registry = "2026/1234"\n', meeting_keys=(
        'number = 3\nkind = "samverkan"\nabsent = ["saco"]\n\n[items."1.1"]\ntype = "samverkan"\n'
        'egen = "i"\n\n[items."1.1".positions]\nag = "overens"\nst = "ej_overens"\n\n'
        f'[[agreed]]\nquestion = "1.1"\nfield = "behorighet"\ntext = "Text."\nat = {DAY}T10:05:00+01:00\n'))
    store = SessionStore.open(path, None)
    meeting = store.session.meetings[0]
    store.session.registry = None
    meeting.number, meeting.kind, meeting.absent, meeting.agreed = None, None, [], []
    meeting.items["1.1"].positions.clear()
    store.save()
    assert "registry" not in saved_session(path)
    data = saved_meeting(path)
    assert not {"number", "kind", "absent", "agreed"} & data.keys()
    assert data["items"]["1.1"] == {"type": "samverkan", "egen": "i"}


def test_a_position_taken_back_is_removed_from_the_file_and_the_others_stay(tmp_path: Path):
    path = write(tmp_path, meeting_keys=(
        '\n[items."1.1".positions]  # per part\nag = "overens"\nst = "ej_overens"  # ST reserverar sig\n'))
    store = SessionStore.open(path, None)
    del store.session.meetings[0].items["1.1"].positions["ag"]
    store.save()
    text = (path / "meetings" / f"{DAY}.toml").read_text(encoding="utf-8")
    assert saved_meeting(path)["items"]["1.1"]["positions"] == {"st": "ej_overens"}
    assert "# ST reserverar sig" in text


def test_an_answer_the_model_no_longer_has_is_removed_and_unknown_keys_stay(tmp_path: Path):
    """An undone answer leaves the model's dict without the field: the file follows (it used to keep it)."""
    path = write(tmp_path, session_keys='\n[questions."1.1"]\nreadiness = 1\negen = "q"\n\n'
                                        '[questions."1.1".answers]\nbehorighet = "Text."\n')
    store = SessionStore.open(path, None)
    store.session.edit_state("1.1").answers["arbetsgivarpart"] = "Ny."
    store.save()
    del store.session.edit_state("1.1").answers["behorighet"]
    store.save()
    question = saved_session(path)["questions"]["1.1"]
    assert question["answers"] == {"arbetsgivarpart": "Ny."} and question["egen"] == "q"


# --- hand-written shapes ----------------------------------------------------------------------------

ITEM_SHAPES = {
    "inline-item": ('items = {{ "1.1" = {{ type = "samverkan", positions = {{ {positions} }}, egen = "i" }},'
                    ' "1.2" = {{ type = "information" }} }}\n'),
    "inline-positions": '\n[items."1.1"]\ntype = "samverkan"\npositions = {{ {positions} }}\negen = "i"\n',
    "dotted": 'items."1.1".type = "samverkan"\nitems."1.1".egen = "i"\n{dotted}\n',
    "positions-table": '\n[items."1.1"]\ntype = "samverkan"\negen = "i"\n\n[items."1.1".positions]\n{lines}\n',
}
AGREED_SHAPES = {
    "inline-array": ('agreed = [\n  {{ question = "1.1", field = "behorighet", text = """Ordföranden\nundertecknar.""",'
                     ' at = {day}T10:05:00, egen = "a" }},  # överenskommet\n]\n'),
    "tables": ('\n[[agreed]]\nquestion = "1.1"\nfield = "behorighet"\ntext = """Ordföranden\nundertecknar."""\n'
               'at = {day}T10:05:00\negen = "a"\n'),
}
TITLED = [  # as tables after the parties, or an inline array before them
    PARTICIPANTS.replace('party = "ag"\n', 'party = "ag"\ntitle = "HR-chef"\n'),
    'participants = [\n  { id = "anna", name = "Anna Ek", role = "chef", party = "ag", title = "HR-chef" },\n'
    '  { id = "cecilia", name = "Cecilia Lind", role = "facklig", party = "st" },\n]\n',
]


def hand_written(root: Path, item_shape: str, agreed_shape: str, participants: str) -> Path:
    pairs = {"ag": "overens", "st": "ej_overens"}
    item = ITEM_SHAPES[item_shape].format(
        positions=", ".join(f'{k} = "{v}"' for k, v in pairs.items()),
        dotted="\n".join(f'items."1.1".positions.{k} = "{v}"' for k, v in pairs.items()),
        lines="\n".join(f'{k} = "{v}"' for k, v in pairs.items()))
    agreed = AGREED_SHAPES[agreed_shape].format(day=DAY)
    top_level = 'number = 2\nkind = "arbetsgrupp"\nbasis = "Parternas överenskommelse"\nabsent = ["saco"]\n'
    # Keys that are no table must come before the first [header]: put each shape where a person would.
    keys = top_level + "".join(s for s in (item, agreed) if not s.startswith("\n")) + "".join(
        s for s in (item, agreed) if s.startswith("\n"))
    inline = participants.startswith("participants")
    return write(root, session_keys='group = "Partsgemensam arbetsgrupp"\nregistry = "2026/1234"\n'
                 + (participants if inline else ""), participants="" if inline else participants, meeting_keys=keys,
                 information="" if item_shape == "inline-item" else INFORMATION)


SHAPES = [(i, a, p) for i in ITEM_SHAPES for a in AGREED_SHAPES for p in range(len(TITLED))]


@pytest.mark.parametrize(("item_shape", "agreed_shape", "titled"), SHAPES,
                         ids=[f"{i}-{a}-{p}" for i, a, p in SHAPES])
def test_hand_written_additions_load_save_unchanged_and_take_edits(tmp_path: Path, item_shape, agreed_shape, titled):
    path = hand_written(tmp_path, item_shape, agreed_shape, TITLED[titled])
    before = files(path)
    store = SessionStore.open(path, None)
    session, meeting = store.session, store.session.meetings[0]
    assert (session.group, session.registry, session.participants[0].title) == (
        "Partsgemensam arbetsgrupp", "2026/1234", "HR-chef")
    assert (meeting.number, meeting.kind, meeting.basis, meeting.absent) == (
        2, "arbetsgrupp", "Parternas överenskommelse", ["saco"])
    assert meeting.items["1.1"].positions == {"ag": "overens", "st": "ej_overens"}
    assert meeting.agreed == [AgreedText("1.1", "behorighet", "Ordföranden\nundertecknar.",
                                         dt.datetime(2026, 11, 22, 10, 5, tzinfo=STOCKHOLM))]
    assert store.save() == []
    assert files(path) == before

    session.participants[1].title = "Ordförande ST-sektionen"
    session.registry = "2026/99"
    meeting.number, meeting.absent = 3, []
    meeting.items["1.1"].positions = {"st": "overens", "saco": "avstar"}  # ag taken back, st changed, saco new
    meeting.agreed.append(AgreedText("1.2", "tillampningsomrade", "Hela myndigheten.",
                                     dt.datetime(2026, 11, 22, 11, 0, tzinfo=STOCKHOLM)))
    meeting.items["1.2"].positions["ag"] = "overens"
    assert len(store.save()) == 2

    again = SessionStore.open(path, None).session
    assert session_values(again) == session_values(session)
    assert meeting_values(again.meetings[0]) == meeting_values(meeting)
    data = saved_meeting(path)
    assert data["egen"] == 7 and data["items"]["1.1"]["egen"] == "i"
    assert [a.get("egen") for a in data["agreed"]] == ["a", None]  # the hand-written entry keeps its own key
    assert "absent" not in data
    assert SessionStore.open(path, None).save() == []


# --- wrong values are refused at their line ---------------------------------------------------------

BAD = [
    ("meeting", 'absent = ["saco"]', 'absent = ["lo"]', "okänd part 'lo' i 'absent'"),
    ("meeting", 'ag = "overens"', 'lo = "overens"', "okänd part 'lo' i 'items.1.1.positions'"),
    ("meeting", 'ag = "overens"', 'ag = "enig"', "'items.1.1.positions.ag' ska vara overens | ej_overens | avstar"),
    ("meeting", 'ag = "overens"', "ag = true", "'items.1.1.positions.ag' ska vara en sträng"),
    ("meeting", 'kind = "arbetsgrupp"', 'kind = "styrelse"', "'kind' ska vara arbetsgrupp | samverkan | forhandling"),
    ("meeting", "number = 2", "number = 0", "'number' ska vara ett positivt heltal, inte 0"),
    ("meeting", "number = 2", "number = -4", "'number' ska vara ett positivt heltal, inte -4"),
    ("meeting", "number = 2", 'number = "7"', "'number' ska vara ett heltal"),
    ("meeting", 'question = "1.1"\nfield', 'question = "9.9"\nfield', "okänd fråga '9.9'"),
    ("meeting", 'text = """Ordföranden', 'text = 3\nx = """Ordföranden', "'agreed.text' ska vara en sträng"),
    ("meeting", "at = 2026-11-22T10:05:00", "at = 2026-11-22", "'agreed.at' ska vara en tidpunkt"),
    ("meeting", 'basis = "Parternas överenskommelse"', "basis = 11", "'basis' ska vara en sträng"),
    ("session", 'registry = "2026/1234"', "registry = 2026", "'registry' ska vara en sträng"),
    ("session", 'title = "HR-chef"', "title = 1", "'participants.title' ska vara en sträng"),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), BAD, ids=[b[2] for b in BAD])
def test_a_wrong_addition_is_refused_in_one_line_at_its_key_and_the_file_is_left(tmp_path: Path, file, old, new,
                                                                                   message):
    path = hand_written(tmp_path, "positions-table", "tables", TITLED[0])  # tables: each key on its own line
    target = path / "session.toml" if file == "session" else path / "meetings" / f"{DAY}.toml"
    text = target.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    before = files(path)
    with pytest.raises(UserError) as caught:
        SessionStore.open(path, None)
    err = caught.value
    assert (err.path, "\n" in err.message) == (target, False)
    assert message in err.message, err.message
    assert err.line == next(i + 1 for i, line in enumerate(text.splitlines()) if new.splitlines()[0] in line), str(err)
    assert files(path) == before
