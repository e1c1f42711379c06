"""The changes of a visit in the central follow-up (PRODUCT.md §9), headless: which group was visited when,
and each development area's jointly agreed rating — what they do, what they save, what they refuse."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from samverka.errors import UserError
from samverka.sessions import edits
from samverka.sessions.catalog import create_session
from samverka.sessions.demo import ensure_demo
from samverka.sessions.store import SessionStore

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture
def follow_up(tmp_path: Path) -> SessionStore:
    """A fresh session of the follow-up pack: no visit until it names its group."""
    return SessionStore.open(create_session(tmp_path, "besok", "Staden", "Uppföljning 2026", "uppfoljning", None),
                             None)


@pytest.fixture
def visit(follow_up: SessionStore) -> SessionStore:
    edits.set_visit(follow_up.session, "Förvaltningsgrupp kultur", dt.date(2026, 9, 14))
    follow_up.save()
    return follow_up


def saved_answers(store: SessionStore, question_id: str) -> dict[str, str]:
    data = tomllib.loads((store.session.path / "session.toml").read_text(encoding="utf-8"))
    return data.get("questions", {}).get(question_id, {}).get("answers", {})


def test_set_visit_names_the_group_and_day_and_touches_session_toml(follow_up: SessionStore):
    touched = edits.set_visit(follow_up.session, "  Förvaltningsgrupp kultur ", dt.date(2026, 9, 14))
    assert touched.session and not touched.meetings
    assert (follow_up.session.group, follow_up.session.visited) == ("Förvaltningsgrupp kultur", dt.date(2026, 9, 14))
    assert not edits.set_visit(follow_up.session, "Förvaltningsgrupp kultur", dt.date(2026, 9, 14))  # the same
    with pytest.raises(UserError, match="behöver ett namn"):
        edits.set_visit(follow_up.session, "  ", None)
    assert follow_up.session.group == "Förvaltningsgrupp kultur"


def test_day_from_text_reads_a_typed_day_or_nothing():
    assert edits.day_from_text(" 2026-09-14 ") == dt.date(2026, 9, 14)
    assert edits.day_from_text("  ") is None
    with pytest.raises(UserError, match="ogiltigt datum '2026-13-01'"):
        edits.day_from_text("2026-13-01")


def test_a_rating_set_at_any_question_of_an_area_is_kept_at_its_first_and_saved(visit: SessionStore):
    touched = edits.set_rating(visit.session, visit.pack, "3.4", "delvis")  # Tillitsfull dialog: 3.1, 3.2, 3.4
    assert touched.session and not touched.meetings
    visit.save()
    assert saved_answers(visit, "3.1")["bedomning"] == "delvis"
    assert "bedomning" not in saved_answers(visit, "3.4")
    assert not edits.set_rating(visit.session, visit.pack, "3.1", "delvis")  # unchanged: nothing to save
    edits.set_rating(visit.session, visit.pack, "3.2", "Behöver utvecklas")  # a label is stored as its id
    assert visit.session.state("3.1").answers["bedomning"] == "utveckla"


def test_cycle_rating_steps_through_the_scale_then_not_rated(visit: SessionStore):
    seen = []
    for _ in range(5):
        edits.cycle_rating(visit.session, visit.pack, "2.3")
        visit.save()
        seen.append(saved_answers(visit, "2.1")["bedomning"])
    assert seen == ["val", "delvis", "utveckla", "", "val"]


def test_cycle_rating_replaces_a_hand_written_text_the_scale_does_not_know(visit: SessionStore):
    visit.session.edit_state("4.1").answers["bedomning"] = "ganska bra"
    edits.cycle_rating(visit.session, visit.pack, "4.1")
    assert visit.session.state("4.1").answers["bedomning"] == "val"


@pytest.mark.parametrize(("question", "rating", "says"), [
    ("1.4", "val", "hör inte till något utvecklingsområde"),
    ("5.2", "val", "hör inte till något utvecklingsområde"),
    ("2.1", "bra", "okänd bedömning 'bra'"),
])
def test_set_rating_refuses_outside_the_scale_and_the_areas_and_changes_nothing(visit: SessionStore, question,
                                                                                rating, says):
    with pytest.raises(UserError, match=says):
        edits.set_rating(visit.session, visit.pack, question, rating)
    assert visit.session.state("2.1").answers.get("bedomning") is None


def test_a_rating_needs_a_visit_and_a_pack_with_a_visit_guide(follow_up: SessionStore, tmp_path: Path):
    with pytest.raises(UserError, match="inget besök"):
        edits.cycle_rating(follow_up.session, follow_up.pack, "2.1")
    agreement = SessionStore.open(ensure_demo(tmp_path / "sessions" / "demo", None, when=NOW), None)
    with pytest.raises(UserError, match="ingen besöksguide"):
        edits.cycle_rating(agreement.session, agreement.pack, "2.1")
    assert agreement.session.state("2.1").answers.get("bedomning") is None
