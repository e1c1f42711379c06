"""Undo and redo of every kind of change, headless: the model (and so the files) as before, then as after;
correcting notes, people and parties; and a meeting that is only set up, which is no meeting yet."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable

import pytest

from conftest import NOW
from samverka.errors import UserError
from samverka.sessions import edits
from samverka.sessions.edits import MeetingSetup, NewParty, NewPerson, NoteDraft, Registration, Touched
from samverka.sessions.format import meeting_values, session_values
from samverka.sessions.model import Session
from samverka.sessions.opened import OpenedSession
from tui_helpers import on_disk


def state(session: Session) -> tuple[dict, list[dict]]:
    """Everything the files would hold."""
    return copy.deepcopy((session_values(session), [meeting_values(m) for m in session.meetings]))


def _note(opened: OpenedSession) -> Touched:
    meeting = opened.today(create=True)
    return edits.add_note(opened.session, opened.pack, meeting, "1.2", NoteDraft("decision", "Vi gör så"), NOW)[1]


def _action_done(opened: OpenedSession) -> Touched:
    """Marking done the action `test_every_change…` added before taking the state to go back to."""
    meeting = opened.today()
    return edits.toggle_actions_done([(meeting, meeting.notes[-1])], NOW.date())


CHANGES: dict[str, Callable[[OpenedSession], Touched]] = {
    "readiness": lambda o: edits.set_readiness(o.session, o.today(create=True), "2.1", 3, NOW),
    "revisit": lambda o: edits.toggle_revisit(o.session, "1.2"),
    "field": lambda o: edits.set_field(o.session, "1.2", "answer", "tillampningsomrade", "Ny text"),
    "item type": lambda o: edits.cycle_item_type(o.today(create=True), "1.2"),
    "outcome": lambda o: edits.cycle_outcome(o.today(create=True), "1.2"),
    "adjusted": lambda o: edits.toggle_adjusted(o.today(create=True), "1.2"),
    "note": _note,
    "action done": _action_done,
    "setup": lambda o: edits.apply_setup(o.session, o.pack, o.today(create=True),
                                         MeetingSetup(place="Ljusgården", attendees=["anna", "bo"], agenda=["1.1"],
                                                      justify_previous=True), NOW.date()),
    "registration": lambda o: edits.register(o.session, o.pack, Registration(
        (NewParty("Vision", "arbetstagare"),), NewPerson("Åsa Öberg", "facklig", None)))[1],
    "visit": lambda o: edits.set_visit(o.session, "Förvaltningsgrupp kultur", NOW.date()),
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_every_change_is_undone_and_redone_and_each_step_is_saved(opened, kind):
    opened.today(create=True)
    if kind == "action done":
        opened.add_note("1.2", NoteDraft("action", "Boka lokal", owner="bo"))
    opened.save_all()
    before_model, before_files = state(opened.session), on_disk(opened.session.path)
    opened.apply(CHANGES[kind](opened))
    after_model, after_files = state(opened.session), on_disk(opened.session.path)
    assert after_model != before_model and after_files != before_files

    assert opened.undo()
    assert state(opened.session) == before_model
    assert on_disk(opened.session.path) == before_files  # saved like any edit: the files are as they were

    assert opened.redo()
    assert state(opened.session) == after_model
    assert on_disk(opened.session.path) == after_files


def test_undo_goes_back_change_by_change_and_a_new_change_ends_redo(opened):
    session = opened.session
    meeting = opened.today(create=True)
    for value in (1, 2, 3):
        opened.apply(edits.set_readiness(session, meeting, "2.1", value, NOW))
    assert session.readiness("2.1") == 3
    opened.undo()
    opened.undo()
    assert session.readiness("2.1") == 1
    opened.redo()
    assert session.readiness("2.1") == 2
    opened.apply(edits.toggle_revisit(session, "2.1"))
    assert not opened.redo()  # what was undone before the new change is gone
    opened.undo()
    opened.undo()
    opened.undo()
    assert session.readiness("2.1") == 0 and not session.state("2.1").revisit
    assert not opened.undo()


def test_time_spent_on_a_question_is_no_change_to_undo(opened):
    meeting = opened.today(create=True)
    opened.apply(edits.toggle_revisit(opened.session, "1.2"))
    opened.apply(edits.record_time(meeting, "1.2", 120))
    opened.undo()
    assert not opened.session.state("1.2").revisit  # the revisit mark, not the time, was undone
    assert meeting.items["1.2"].seconds == 120


# --- correcting notes ----------------------------------------------------------------------------------


def test_a_note_is_corrected_moved_and_deleted_and_each_undone(opened):
    meeting = opened.today(create=True)
    note = opened.add_note("1.2", NoteDraft("note", "Fel text"))
    opened.correct_note(meeting, note, "1.3", NoteDraft("disagreement", "Rätt text", party="st"))
    assert (note.question, note.kind, note.text, note.party) == ("1.3", "disagreement", "Rätt text", "st")
    assert [n for _, n in opened.notes_for("1.3")][-1] is note and note not in [n for _, n in opened.notes_for("1.2")]
    opened.correct_note(meeting, note, "1.3", None)
    assert note not in meeting.notes
    opened.undo()
    assert meeting.notes[-1] is note
    opened.undo()
    assert (note.question, note.kind, note.text, note.party) == ("1.2", "note", "Fel text", None)
    assert [n for _, n in opened.notes_for("1.2")][-1] is note


def test_notes_of_justified_minutes_cannot_be_corrected(opened):
    earlier = opened.session.meetings[0]
    opened.ensure_history()
    earlier.justified = True
    note = earlier.notes[0]
    with pytest.raises(UserError, match="justerat"):
        opened.correct_note(earlier, note, note.question, NoteDraft("note", "Ändrat i efterhand"))
    with pytest.raises(UserError, match="justerat"):
        opened.correct_note(earlier, note, note.question, None)
    assert note in earlier.notes


def test_a_correction_is_checked_like_a_new_note(opened):
    meeting = opened.today(create=True)
    note = opened.add_note("1.2", NoteDraft("note", "Text"))
    with pytest.raises(UserError, match="bara åtgärder"):
        opened.correct_note(meeting, note, "1.2", NoteDraft("note", "Text", owner="bo"))
    with pytest.raises(UserError, match="okänd fråga"):
        opened.correct_note(meeting, note, "9.9", NoteDraft("note", "Text"))
    assert (note.question, note.owner) == ("1.2", None)


# --- people and parties ------------------------------------------------------------------------------


def test_a_party_registered_as_the_employer_by_mistake_becomes_a_union(opened):
    session = opened.session
    party, touched = edits.add_party(session, "Vision", "arbetsgivare")
    opened.apply(touched)
    opened.apply(edits.edit_party(session, party, "Vision", "arbetstagare"))
    assert party.kind == "arbetstagare"
    opened.undo()
    assert party.kind == "arbetsgivare"


def test_people_and_parties_are_removed_unless_the_record_names_them(opened):
    session = opened.session
    person_id, touched = None, edits.register(session, opened.pack, Registration(
        (NewParty("Vision", "arbetstagare"),), NewPerson("Åsa Öberg", "facklig", None)))[1]
    opened.apply(touched)
    vision, asa = session.parties[-1], session.participants[-1]
    opened.apply(edits.edit_participant(session, opened.pack, asa, "Åsa Öberg", "facklig", vision.id))
    with pytest.raises(UserError, match="har deltagare"):
        edits.remove_party(session, vision)
    meeting = opened.today(create=True)
    opened.apply(edits.attend(meeting, asa.id))
    opened.apply(edits.remove_participant(session, asa, meeting))
    assert session.participant(asa.id) is None and asa.id not in meeting.attendees
    opened.apply(edits.remove_party(session, vision))
    assert session.party(vision.id) is None
    opened.undo()
    opened.undo()
    assert session.participant(asa.id) is asa and asa.id in meeting.attendees and session.party(vision.id) is vision
    assert person_id is None

    speaker = session.participants[0]
    opened.add_note("1.2", NoteDraft("note", "Sagt", by=speaker.id))
    with pytest.raises(UserError, match="anteckningarna"):
        edits.remove_participant(session, speaker, meeting)


# --- setting up is no meeting ------------------------------------------------------------------------


def test_setting_up_plans_a_meeting_that_starts_with_the_first_note(opened):
    session = opened.session
    held = len(session.meetings)
    meeting = opened.to_set_up()
    assert meeting not in session.meetings and meeting.planned
    opened.set_up(meeting, MeetingSetup(place="Ljusgården", agenda=["1.3", "1.1"], date=NOW.date()))
    assert meeting.planned and opened.today() is None  # planned, not going on
    assert meeting.agenda == ["1.1", "1.3"] and meeting.start is None
    note = opened.add_note("1.1", NoteDraft("note", "Första"))
    assert opened.today() is meeting and not meeting.planned and meeting.start is not None
    assert meeting.notes == [note] and len(session.meetings) == held + 1


def test_a_meeting_planned_for_a_later_day_is_not_today_and_not_in_the_way(opened):
    later = NOW.date() + dt.timedelta(days=7)
    meeting = opened.to_set_up()
    opened.set_up(meeting, MeetingSetup(agenda=["2.1"], date=later))
    assert meeting.id == later.isoformat() and opened.planned() is meeting
    today = opened.today(create=True)
    assert today is not meeting and today.date == NOW.date() and not today.planned
    with pytest.raises(UserError, match="kan inte flyttas"):
        opened.set_up(meeting, MeetingSetup(date=later + dt.timedelta(days=1)))
    with pytest.raises(UserError, match="först den dagen"):
        opened.set_up(meeting, MeetingSetup(date=later, begin=True))


def test_a_meeting_cannot_be_planned_for_a_day_past(opened):
    meeting = opened.to_set_up()
    with pytest.raises(UserError, match="som varit"):
        opened.set_up(meeting, MeetingSetup(date=NOW.date() - dt.timedelta(days=1)))
    assert meeting not in opened.session.meetings


def test_starting_from_setup_holds_the_meeting_now(opened):
    meeting = opened.to_set_up()
    proposed = meeting.place
    opened.set_up(meeting, MeetingSetup(place="Ljusgården", date=NOW.date(), begin=True))
    assert opened.today() is meeting and meeting.start == NOW.time().replace(second=0)
    opened.undo()  # the setup and the start were one change
    assert meeting.planned and opened.today() is None and meeting.place == proposed


# --- found in review: the index, time recorded meanwhile, refusals, a meeting held since planning ---------


def test_a_note_after_an_undo_is_listed_once(opened):
    opened.add_note("1.2", NoteDraft("note", "Första"))
    opened.undo()  # the notes index is built anew from the meetings
    opened.add_note("1.2", NoteDraft("note", "Andra"))
    assert [n.text for _, n in opened.notes_for("1.2") if n.text in ("Första", "Andra")] == ["Andra"]


def test_undoing_an_item_change_keeps_the_time_recorded_since(opened):
    meeting = opened.today(create=True)
    opened.apply(edits.cycle_item_type(meeting, "1.2"))
    opened.apply(edits.record_time(meeting, "1.3", 300))
    opened.apply(edits.record_time(meeting, "1.2", 120))
    opened.undo()
    assert meeting.items["1.3"].seconds == 300 and meeting.items["1.2"].seconds == 120
    assert meeting.items["1.2"].type is None
    opened.redo()
    assert meeting.items["1.2"].type == "information"


def test_a_refused_setup_changes_nothing(opened):
    meeting = opened.to_set_up()
    held = list(opened.session.meetings)
    with pytest.raises(UserError, match="hålls i dag"):
        opened.set_up(meeting, MeetingSetup(place="X", date=NOW.date() + dt.timedelta(days=2), begin=True))
    assert opened.session.meetings == held and meeting.place != "X"
    assert not opened.undo()


def test_a_planned_meeting_started_after_another_was_held_takes_the_next_number_and_signs_the_right_minutes(
        opened):
    planned = opened.to_set_up()
    opened.set_up(planned, MeetingSetup(date=NOW.date() + dt.timedelta(days=1), number=planned.number))
    opened.add_note("1.2", NoteDraft("note", "Ett möte hålls i dag, före det planerade"))
    today = opened.today()
    assert today.number == planned.number and [m.id for m in opened.session.meetings][-2:] == [today.id, planned.id]
    opened.clock = lambda: NOW + dt.timedelta(days=1)
    setup = MeetingSetup.of(planned)
    setup.begin, setup.justify_previous = True, True
    opened.set_up(planned, setup)
    assert planned.number == today.number + 1 and planned.previous == today.id and today.justified
