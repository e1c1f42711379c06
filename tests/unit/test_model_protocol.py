"""The protocol's model (PRODUCT.md §4, additions), headless: which parties are absent, the outcome that
follows from each party's position, the protocol number proposed, a meeting's basis, and what a visit is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samverka.sessions.model import (
    AgendaItem,
    Meeting,
    Participant,
    Party,
    Session,
    absent_parties,
    is_visit,
    item_outcome,
    meeting_basis,
    present_parties,
    proposed_number,
)

CREATED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture
def session() -> Session:
    """The employer and three unions; a person for each, one of the employer's, and one of no party."""
    return Session(
        path=Path("/sessioner/avtal"), title="Lokalt samverkansavtal 2027", organisation="Myndigheten X",
        pack="lokalt-samverkansavtal", pack_version=1, created=CREATED,
        parties=[Party("ag", "arbetsgivare", "Arbetsgivaren"), Party("st", "arbetstagare", "OFR/ST"),
                 Party("saco", "arbetstagare", "Saco-S"), Party("seko", "arbetstagare", "Seko")],
        participants=[Participant("anna", "Anna", "chef", "ag", "HR-chef"),
                      Participant("bo", "Bo", "arbetsgivarforetradare", "ag"),
                      Participant("cecilia", "Cecilia", "facklig", "st"),
                      Participant("david", "David", "facklig", "saco"),
                      Participant("eva", "Eva", "facklig", "seko"),
                      Participant("fredrik", "Fredrik", "medarbetare", None)],
    )


def meeting(day: str, attendees: tuple[str, ...] = (), **kwargs) -> Meeting:
    return Meeting(id=day, date=dt.date.fromisoformat(day[:10]), attendees=list(attendees), **kwargs)


def ids(parties: list[Party]) -> list[str]:
    return [p.id for p in parties]


# --- absent and present parties -----------------------------------------------------------------


def test_absent_parties_are_those_declared_and_those_with_nobody_present(session: Session):
    held = meeting("2026-11-20", ("anna", "cecilia", "fredrik"), absent=["seko"])
    assert ids(absent_parties(session, held)) == ["saco", "seko"]  # Saco-S came without notice, Seko sent word
    assert ids(present_parties(session, held)) == ["ag", "st"]


def test_a_person_of_no_party_makes_no_party_present(session: Session):
    held = meeting("2026-11-20", ("fredrik",))
    assert ids(absent_parties(session, held)) == ["ag", "st", "saco", "seko"]
    assert present_parties(session, held) == []


def test_declared_absence_counts_even_with_someone_of_the_party_in_the_room(session: Session):
    held = meeting("2026-11-20", ("anna", "cecilia", "david", "eva"), absent=["st"])
    assert ids(absent_parties(session, held)) == ["st"]


def test_a_meeting_without_attendance_taken_has_only_the_declared_absent(session: Session):
    assert ids(absent_parties(session, meeting("2026-11-20", absent=["saco"]))) == ["saco"]
    assert ids(present_parties(session, meeting("2026-11-20"))) == ["ag", "st", "saco", "seko"]


# --- the outcome that follows from the positions -------------------------------------------------

EVERYONE = ("anna", "cecilia", "david", "eva")


@pytest.mark.parametrize(("attendees", "positions", "outcome", "expected"), [
    (EVERYONE, {}, None, None),
    (EVERYONE, {}, "overens", "overens"),  # a format 1 file: the item's own outcome
    (EVERYONE, {}, "ej_overens", "ej_overens"),
    (EVERYONE, {"ag": "overens", "st": "overens", "saco": "overens", "seko": "overens"}, None, "overens"),
    (EVERYONE, {"ag": "overens", "st": "overens", "saco": "avstar", "seko": "overens"}, None, "overens"),
    (EVERYONE, {"ag": "overens", "st": "overens", "saco": "ej_overens", "seko": "overens"}, "overens", "ej_overens"),
    (EVERYONE, {"saco": "ej_overens"}, None, "ej_overens"),  # one disagreement stands at once
    (EVERYONE, {"ag": "overens", "st": "overens", "saco": "overens"}, "overens", None),  # Seko has not said
    (EVERYONE, {"ag": "avstar", "st": "avstar", "saco": "avstar", "seko": "avstar"}, None, None),
    (("anna", "cecilia"), {"ag": "overens", "st": "overens"}, None, "overens"),  # the absent have no say
    (("anna", "cecilia"), {"ag": "overens", "st": "overens", "saco": "ej_overens"}, None, "overens"),
    (("anna", "cecilia"), {"saco": "ej_overens"}, "overens", "overens"),  # only an absent party's: as written
])
def test_item_outcome_follows_from_the_positions_of_the_parties_present(
        session: Session, attendees, positions, outcome, expected):
    held = meeting("2026-11-20", attendees, items={"1.2": AgendaItem("samverkan", outcome, positions=positions)})
    assert item_outcome(session, held, "1.2") == expected


def test_item_outcome_counts_a_declared_absence(session: Session):
    positions = {"ag": "overens", "st": "overens", "saco": "overens", "seko": "ej_overens"}
    item = AgendaItem("samverkan", positions=positions)
    held = meeting("2026-11-20", EVERYONE, absent=["seko"], items={"1.2": item})
    assert item_outcome(session, held, "1.2") == "overens"


def test_an_item_not_on_record_has_no_outcome(session: Session):
    assert item_outcome(session, meeting("2026-11-20", EVERYONE), "1.2") is None


# --- the protocol number ---------------------------------------------------------------------------


def test_the_first_meeting_is_proposed_number_one(session: Session):
    assert proposed_number(session, meeting("2026-11-20")) == 1


def test_the_number_proposed_is_one_after_the_last_meeting_held_before(session: Session):
    session.meetings = [meeting("2026-10-01", number=6), meeting("2026-11-20", number=7),
                        meeting("2026-12-01", planned=True), meeting("2026-12-15", number=9)]
    assert proposed_number(session, meeting("2026-12-08")) == 8  # a planned meeting is no protocol
    assert proposed_number(session, session.meetings[2]) == 8  # nor does it count for itself
    assert proposed_number(session, meeting("2026-12-20")) == 10
    assert proposed_number(session, session.meetings[1]) == 7  # a meeting after it does not count


def test_held_meetings_without_a_number_count_on_from_the_last_number(session: Session):
    session.meetings = [meeting("2026-09-01"), meeting("2026-10-01", number=4), meeting("2026-11-01"),
                        meeting("2026-11-01-2")]
    assert proposed_number(session, meeting("2026-11-20")) == 7
    assert proposed_number(session, session.meetings[3]) == 6  # the day's second meeting after its first
    session.meetings[1].number = None
    assert proposed_number(session, meeting("2026-11-20")) == 5  # no number at all: the year's count


def test_numbers_start_again_each_calendar_year(session: Session):
    session.meetings = [meeting("2026-11-20", number=7), meeting("2026-12-15", number=8)]
    assert proposed_number(session, meeting("2027-01-12")) == 1
    session.meetings.append(meeting("2027-01-12", number=1))
    assert proposed_number(session, meeting("2027-02-02")) == 2


# --- a meeting's basis -----------------------------------------------------------------------------


def test_a_meetings_basis_overrides_the_sessions_and_may_be_none_at_all(session: Session):
    session.basis = "11 och 19 §§ MBL"
    assert meeting_basis(session, meeting("2026-11-20")) == "11 och 19 §§ MBL"
    assert meeting_basis(session, meeting("2026-11-20", basis="Parternas överenskommelse 2026-10-01")) == (
        "Parternas överenskommelse 2026-10-01")
    assert meeting_basis(session, meeting("2026-11-20", basis="")) == ""  # a working group: no basis


# --- a visit is more than a group that meets -------------------------------------------------------


def test_a_visit_names_its_group_and_the_day_it_was_visited(session: Session):
    assert not is_visit(session)
    session.group = "Centrala samverkansgruppen"  # the body that meets: every session may name one
    assert not is_visit(session)
    session.visited = dt.date(2026, 9, 14)
    assert is_visit(session)
    session.group = "  "
    assert not is_visit(session)


def test_a_visit_set_up_without_its_day_stays_a_visit_once_a_meeting_is_held(session: Session):
    """Files of the first visits: `group`, no `visited`; the day is that of the first meeting."""
    session.group = "Förvaltningsgrupp kultur"
    session.meetings.append(Meeting(id="2026-09-14", date=dt.date(2026, 9, 14), planned=True))
    assert not is_visit(session)  # only planned
    session.meetings.append(Meeting(id="2026-09-15", date=dt.date(2026, 9, 15)))
    assert is_visit(session)
