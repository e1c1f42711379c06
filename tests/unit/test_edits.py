"""Every change a user can make, headless: what it does to the model, what it touches, what it refuses."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from samverka.errors import UserError
from samverka.phases import find_pack
from samverka.sessions import edits
from samverka.sessions.demo import ensure_demo
from samverka.sessions.edits import MeetingSetup, NoteDraft, Touched
from samverka.sessions.model import Meeting, Note
from samverka.sessions.recovery import Recovery
from samverka.sessions.store import SessionStore
from samverka.sessions.workflow import start_meeting

TZ = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 23, 10, 0, 0, tzinfo=TZ)
PACK = find_pack("lokalt-samverkansavtal", None)


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore.open(ensure_demo(tmp_path / "sessions" / "demo", None, when=NOW), None)


@pytest.fixture
def today(store: SessionStore) -> Meeting:
    return start_meeting(store.session, store.pack, NOW.date(), dt.time(10, 0))


def only(touched: Touched, meeting: Meeting | None = None, *, session: bool = False) -> bool:
    return touched.session == session and list(touched.meetings) == ([meeting] if meeting else [])


# --- notes ---------------------------------------------------------------------------------------


def test_add_note_appends_a_checked_note_and_touches_only_its_meeting(store, today):
    note, touched = edits.add_note(store.session, PACK, today, "1.2", NoteDraft("action", "  Boka lokal ", "ag",
                                                                               owner="bo", due=dt.date(2026, 12, 1)),
                                   NOW)
    assert today.notes[-1] is note
    assert (note.text, note.kind, note.party, note.owner, note.due, note.at) == (
        "Boka lokal", "action", "ag", "bo", dt.date(2026, 12, 1), NOW)
    assert only(touched, today)


@pytest.mark.parametrize(("question", "draft", "says"), [
    ("9.9", NoteDraft("note", "text"), "okänd fråga '9.9'"),
    ("1.1", NoteDraft("note", "text", party="vision"), "okänd part 'vision'"),
    ("1.1", NoteDraft("note", "text", by="kalle"), "okänd deltagare 'kalle'"),
    ("1.1", NoteDraft("action", "text", owner="kalle"), "okänd deltagare 'kalle'"),
    ("1.1", NoteDraft("note", "text", owner="bo"), "gäller bara åtgärder"),
    ("1.1", NoteDraft("decision", "text", due=dt.date(2026, 1, 1)), "gäller bara åtgärder"),
    ("1.1", NoteDraft("note", "   "), "tom"),
    ("1.1", NoteDraft("note", "x" * 20_001), "för lång"),
])
def test_add_note_refuses_what_the_cli_refuses_and_changes_nothing(store, today, question, draft, says):
    with pytest.raises(UserError, match=says):
        edits.add_note(store.session, PACK, today, question, draft, NOW)
    assert today.notes == []


def test_draft_from_options_reads_swedish_kinds_and_dates():
    draft = edits.draft_from_options("åtgärd", "Text", owner="bo", due="2026-12-15")
    assert (draft.kind, draft.due) == ("action", dt.date(2026, 12, 15))
    with pytest.raises(UserError, match="okänd sort 'protokoll'"):
        edits.draft_from_options("protokoll", "Text")
    with pytest.raises(UserError, match="ogiltigt datum '2026-13-45'"):
        edits.draft_from_options("action", "Text", due="2026-13-45")


def test_toggle_action_done_marks_and_reopens(store):
    meeting = store.session.meetings[0]
    action = next(n for n in meeting.notes if n.kind == "action")
    assert only(edits.toggle_action_done(meeting, action, NOW.date()), meeting)
    assert action.done == NOW.date()
    edits.toggle_action_done(meeting, action, NOW.date())
    assert action.done is None


# --- the question's state ------------------------------------------------------------------------


def test_set_readiness_records_the_change_in_the_meeting(store, today):
    touched = edits.set_readiness(store.session, today, "1.3", 3, NOW)
    assert store.session.readiness("1.3") == 3
    change = today.readiness_changes[-1]
    assert (change.question, change.before, change.after, change.at) == ("1.3", 1, 3, NOW)
    assert only(touched, today, session=True)


def test_set_readiness_is_kept_on_the_scale_and_unchanged_touches_nothing(store, today):
    edits.set_readiness(store.session, today, "1.3", 9, NOW)
    assert store.session.readiness("1.3") == 4
    assert not edits.set_readiness(store.session, today, "1.3", 4, NOW)
    assert len(today.readiness_changes) == 1


def test_toggle_revisit(store):
    assert only(edits.toggle_revisit(store.session, "2.1"), session=True)
    assert store.session.state("2.1").revisit
    edits.toggle_revisit(store.session, "2.1")
    assert not store.session.state("2.1").revisit


def test_set_field_writes_the_answer_or_canvas_and_the_same_text_touches_nothing(store):
    assert only(edits.set_field(store.session, "2.1", "answer", "syfte", "Bättre dialog"), session=True)
    assert only(edits.set_field(store.session, "2.1", "canvas", "foretradare", "Tidigt"), session=True)
    state = store.session.state("2.1")
    assert (state.answers, state.canvas) == ({"syfte": "Bättre dialog"}, {"foretradare": "Tidigt"})
    assert not edits.set_field(store.session, "2.1", "answer", "syfte", "Bättre dialog")
    assert not edits.set_field(store.session, "3.1", "answer", "x", "")
    assert "3.1" not in store.session.questions  # an untouched question stays out of session.toml


# --- agenda items --------------------------------------------------------------------------------


def test_record_time_skips_leafing_past_but_counts_time_on_the_agenda(store, today):
    today.agenda = ["1.2"]
    assert not edits.record_time(today, "2.1", 600)  # not on the agenda, no notes: leafing
    assert not edits.record_time(today, "1.2", edits.BROWSING - 1)
    assert only(edits.record_time(today, "1.2", 120), today)
    assert only(edits.record_time(today, "1.2", 3), today)  # an item once started counts every second
    assert today.items["1.2"].seconds == 123
    assert "2.1" not in today.items


@pytest.mark.parametrize(("edit", "attribute", "values"), [
    (edits.cycle_item_type, "type", ["information", "samverkan", "infor_beslut", None, "information"]),
    (edits.cycle_outcome, "outcome", ["overens", "ej_overens", None, "overens"]),
    (edits.toggle_adjusted, "adjusted_at_once", [True, False, True]),
])
def test_item_edits_cycle_through_their_values(today, edit, attribute, values):
    seen = []
    for _ in values:
        assert only(edit(today, "1.2"), today)
        seen.append(getattr(today.items["1.2"], attribute))
    assert seen == values


# --- the meeting ---------------------------------------------------------------------------------


def test_apply_setup_copies_the_form_and_orders_the_agenda_as_the_pack(store, today):
    setup = MeetingSetup(place=" Rum 4 ", start=dt.time(9), end=dt.time(11), attendees=["anna", "cecilia"],
                         chair="anna", secretary="bo", adjusters=["cecilia"], agenda=["2.1", "1.1"])
    assert only(edits.apply_setup(store.session, PACK, today, setup, NOW.date()), today)
    assert (today.place, today.start, today.end, today.chair, today.secretary) == (
        "Rum 4", dt.time(9), dt.time(11), "anna", "bo")
    assert (today.attendees, today.adjusters, today.agenda) == (["anna", "cecilia"], ["cecilia"], ["1.1", "2.1"])


def test_a_setup_never_applied_changes_nothing(store, today):
    setup = MeetingSetup.of(today)
    setup.place = "AVBRUTEN PLATS"
    setup.attendees.append("anna")
    assert today.place != "AVBRUTEN PLATS" and "anna" not in today.attendees


def test_apply_setup_refuses_an_unknown_person_and_changes_nothing(store, today):
    with pytest.raises(UserError, match="okänd deltagare 'kalle'"):
        edits.apply_setup(store.session, PACK, today, MeetingSetup(place="X", chair="kalle"), NOW.date())
    assert today.place != "X"


def test_apply_setup_can_sign_the_previous_minutes(store, today):
    previous = store.session.meetings[0]
    touched = edits.apply_setup(store.session, PACK, today, MeetingSetup(justify_previous=True), NOW.date())
    assert previous.justified and previous.justified_by == previous.adjusters
    assert list(touched.meetings) == [today, previous]


def test_justify_previous_once(store, today):
    previous, touched = edits.justify_previous(store.session, today, NOW.date())
    assert previous is store.session.meetings[0] and previous.justified_at == NOW.date()
    assert only(touched, previous)
    assert edits.justify_previous(store.session, today, NOW.date()) == (None, edits.NOTHING)


def test_attend(today):
    assert only(edits.attend(today, "eva"), today)
    assert not edits.attend(today, "eva")
    assert today.attendees == ["eva"]


# --- people and parties --------------------------------------------------------------------------


def test_add_party_and_participant_get_readable_unique_ids(store):
    party, touched = edits.add_party(store.session, "Vision", "arbetstagare")
    assert (party.id, party.kind, touched.session) == ("vision", "arbetstagare", True)
    person, _ = edits.add_participant(store.session, PACK, " Åsa Öberg ", "facklig", "vision")
    assert (person.id, person.name, person.party) == ("asa", "Åsa Öberg", "vision")
    again, _ = edits.add_participant(store.session, PACK, "Åsa Berg", "medarbetare", None)
    assert again.id == "asa-2"


@pytest.mark.parametrize(("call", "says"), [
    (lambda s: edits.add_party(s, " ", "arbetstagare"), "namn"),
    (lambda s: edits.add_party(s, "Vision", "facket"), "okänd sorts part"),
    (lambda s: edits.add_participant(s, PACK, "", "facklig", None), "namn"),
    (lambda s: edits.add_participant(s, PACK, "Åsa", "ordförande", None), "okänd roll"),
    (lambda s: edits.add_participant(s, PACK, "Åsa", "facklig", "vision"), "okänd part"),
])
def test_people_and_parties_refuse_bad_input(store, call, says):
    before = (list(store.session.parties), list(store.session.participants))
    with pytest.raises(UserError, match=says):
        call(store.session)
    assert (store.session.parties, store.session.participants) == before


# --- restoring, and saving what was touched ------------------------------------------------------


def test_restore_puts_notes_and_fields_back_and_touches_their_files(store):
    note = Note(NOW, "1.1", "note", "Återställd")
    found = Recovery(written=NOW, reason="test", notes=[("2026-11-20", note)], answers={"2.1": {"syfte": "Text"}})
    touched = edits.restore(store.session, found)
    meeting = store.session.meeting("2026-11-20")
    assert meeting is not None and meeting.notes == [note]
    assert store.session.state("2.1").answers == {"syfte": "Text"}
    assert touched.session and list(touched.meetings) == [meeting]
    assert [m.id for m in store.session.meetings] == sorted(m.id for m in store.session.meetings)


def test_touched_joins_without_repeating_a_meeting(today, store):
    other = store.session.meetings[0]
    joined = Touched(meetings=(today,)) | Touched(True, (other, today))
    assert joined.session and list(joined.meetings) == [today, other]


def test_a_touched_meeting_is_what_gets_saved(store, today):
    _, touched = edits.add_note(store.session, PACK, today, "1.1", NoteDraft("note", "Sparas"), NOW)
    written = store.write(store.snapshot(list(touched.meetings), session=touched.session))
    assert written == [store.meeting_file(today)]
    saved = tomllib.loads(store.meeting_file(today).read_text(encoding="utf-8"))
    assert [n["text"] for n in saved["notes"]] == ["Sparas"]
