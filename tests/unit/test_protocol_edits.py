"""The protocol's edits, headless: each party's position on an item, the text the parties agree on, and a
protokollsanteckning that always names its party."""

from __future__ import annotations

import pytest

from conftest import NOW
from samverka.errors import UserError
from samverka.sessions import edits
from samverka.sessions.edits import NoteDraft
from samverka.sessions.model import item_outcome
from tui_helpers import on_disk


def test_positions_per_party_decide_the_outcome_and_are_saved_and_undone(opened):
    session, meeting = opened.session, opened.today(create=True)
    meeting.attendees = [p.id for p in session.participants]
    opened.apply(edits.set_positions(session, meeting, "1.2", {"ag": "overens", "st": "overens"}))
    assert meeting.items["1.2"].positions == {"ag": "overens", "st": "overens"}
    opened.apply(edits.set_positions(session, meeting, "1.2", {"ag": "overens", "st": "ej_overens"}))
    assert item_outcome(session, meeting, "1.2") == "ej_overens"
    opened.flush()
    saved = on_disk(session.path)[1][-1]
    assert saved["items"]["1.2"]["positions"] == {"ag": "overens", "st": "ej_overens"}
    opened.undo()
    assert meeting.items["1.2"].positions == {"ag": "overens", "st": "overens"}
    assert not edits.set_positions(session, meeting, "1.2", {"ag": "overens", "st": "overens"})  # no change
    with pytest.raises(UserError, match="följer av parternas ståndpunkter"):
        edits.cycle_outcome(meeting, "1.2")  # the positions decide it


@pytest.mark.parametrize(("positions", "says"), [
    ({"vision": "overens"}, "okänd part 'vision'"),
    ({"ag": "kanske"}, "okänd ståndpunkt 'kanske'"),
])
def test_a_position_of_an_unknown_party_or_kind_is_refused(opened, positions, says):
    meeting = opened.today(create=True)
    with pytest.raises(UserError, match=says):
        edits.set_positions(opened.session, meeting, "1.2", positions)
    assert "1.2" not in meeting.items or not meeting.items["1.2"].positions


def test_the_agreed_text_is_a_copy_that_later_edits_do_not_change(opened):
    session, meeting = opened.session, opened.today(create=True)
    opened.apply(edits.set_field(session, "1.2", "answer", "tillampningsomrade", "  Hela myndigheten  "))
    agreed, touched = edits.record_agreed(session, opened.pack, meeting, "1.2", NOW)
    opened.apply(touched)
    others = [f for f, text in session.state("1.2").answers.items() if text.strip() and f != "tillampningsomrade"]
    assert (meeting.agreed[0].field, meeting.agreed[0].text) == ("tillampningsomrade", "Hela myndigheten")
    assert [a.field for a in agreed] == ["tillampningsomrade", *others]  # every field with text, empty ones not
    opened.apply(edits.set_field(session, "1.2", "answer", "tillampningsomrade", "Ändrat efteråt"))
    assert meeting.agreed[0].text == "Hela myndigheten"
    with pytest.raises(UserError, match=r"svarsmallen för 2\.1 är tom"):
        edits.record_agreed(session, opened.pack, meeting, "2.1", NOW)


def test_a_protokollsanteckning_names_its_party(opened):
    with pytest.raises(UserError, match="görs av en part"):
        opened.add_note("1.2", NoteDraft("statement", "Vi vill ha detta antecknat"))
    note = opened.add_note("1.2", NoteDraft("statement", "Vi vill ha detta antecknat", party="st"))
    assert note.party == "st"


def test_a_party_with_a_position_or_declared_absent_is_not_removed(opened):
    session, meeting = opened.session, opened.today(create=True)
    vision, _ = edits.add_party(session, "Vision", "arbetstagare")
    opened.apply(edits.set_positions(session, meeting, "1.2", {vision.id: "avstar"}))
    with pytest.raises(UserError, match="ståndpunkt"):
        edits.remove_party(session, vision)
    opened.undo()
    meeting.absent = [vision.id]
    with pytest.raises(UserError, match="närvaro"):
        edits.remove_party(session, vision)
    assert session.party(vision.id) is vision
