"""A process over many meetings in the exports: the last minutes adjusted at the next meeting, actions followed up
until they are done, and only open actions in the draft. Read back token by token with markdown-it-py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markdown_it.token import Token

from export_fixture import (
    ACTION_A,
    ACTION_B,
    ACTION_C,
    ACTION_D,
    DECISION_1,
    DECISION_2,
    DECISION_3,
    agreement_session,
    at,
    headings,
    list_items,
    pack,
    paragraphs,
    parse,
    plain,
    section,
    tables,
    workflow_session,
)
from samverka import exporters
from samverka.sessions.model import Meeting, Note, Session

AGREEMENT = pack("lokalt-samverkansavtal")
ADJUSTMENT = "§ 1 Justering av föregående protokoll"
FOLLOW_UP = "Uppföljning av åtgärder"
FOLLOW_UP_HEADER = ["Åtgärd", "Ansvarig", "Klart senast", "Från möte", "Status"]
ROW_A = [ACTION_A, "Frida Holm", "2027-01-29", "2027-01-12"]
ROW_B = [ACTION_B, "Cecilia Lind", "2027-01-26", "2027-01-12"]


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return workflow_session(tmp_path)


def minutes(session: Session, meeting_id: str) -> list[Token]:
    return parse(exporters.minutes(session, AGREEMENT, session.meeting(meeting_id)))


def items(tokens: list[Token]) -> list[str]:
    """The § headings, in order."""
    return [text for level, text in headings(tokens) if level == 2 and text.startswith("§")]


def header(tokens: list[Token]) -> list[str]:
    """The header fields: the list items before the first level-2 heading."""
    end = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2")
    return list_items(tokens[:end])


def texts(tokens: list[Token]) -> list[str]:
    """Every piece of inline text in the document: headings, paragraphs, list items and table cells."""
    return [plain(t) for t in tokens if t.type == "inline"]


def action(session: Session, text: str) -> Note:
    return next(n for m in session.meetings for n in m.notes if n.text == text)


# --- § 1 Justering av föregående protokoll ---------------------------------------------------------


def test_first_meeting_has_no_adjustment_item(session: Session):
    assert items(minutes(session, "2027-01-12")) == [
        "§ 1 Nivåer och vägar för frågorna (fråga 3.2)",
        "§ 2 Arbetsplatsträffen och dialogen chef–medarbetare (fråga 3.3)",
    ]


def test_adjustment_is_item_1_and_the_agenda_follows(session: Session):
    assert items(minutes(session, "2027-02-02")) == [
        ADJUSTMENT,
        "§ 2 Arbetsplatsträffen och dialogen chef–medarbetare (fråga 3.3)",
        "§ 3 Arbetsmiljö och samverkan (fråga 3.5)",
    ]
    assert items(minutes(session, "2027-02-23")) == [
        ADJUSTMENT,
        "§ 2 Arbetsmiljö och samverkan (fråga 3.5)",
        "§ 3 Roller, mötesformer och dokumentation (fråga 3.6)",
    ]


def test_adjustment_item_of_adjusted_minutes_says_by_whom_and_when(session: Session):
    item = section(minutes(session, "2027-02-02"), ADJUSTMENT)
    assert paragraphs(item) == [
        "Protokollet från mötet 2027-01-12 har justerats 2027-02-02 av Bo Berg (Arbetsgivaren) och "
        "Cecilia Lind (OFR/ST).",
    ]
    assert [t.type for t in item if t.type.endswith("_open")] == ["paragraph_open"]


def test_adjustment_item_of_minutes_not_yet_adjusted_names_who_is_to_sign(session: Session):
    assert paragraphs(section(minutes(session, "2027-02-23"), ADJUSTMENT)) == [
        "Protokollet från mötet 2027-02-02 är ännu inte justerat. Justerare: Bo Berg (Arbetsgivaren) och "
        "David Öberg (Saco-S).",
    ]
    session.meeting("2027-02-02").adjusters = []
    assert paragraphs(section(minutes(session, "2027-02-23"), ADJUSTMENT)) == [
        "Protokollet från mötet 2027-02-02 är ännu inte justerat.",
    ]


def test_adjustment_item_shows_the_previous_minutes_as_they_are_now(session: Session):
    second = session.meeting("2027-02-02")
    second.justified, second.justified_by, second.justified_at = True, ["bo", "david"], dt.date(2027, 2, 23)
    assert paragraphs(section(minutes(session, "2027-02-23"), ADJUSTMENT)) == [
        "Protokollet från mötet 2027-02-02 har justerats 2027-02-23 av Bo Berg (Arbetsgivaren) och "
        "David Öberg (Saco-S).",
    ]


def test_adjusted_without_signers_or_date(session: Session):
    first = session.meeting("2027-01-12")
    first.justified_by, first.justified_at = [], None
    assert paragraphs(section(minutes(session, "2027-02-02"), ADJUSTMENT)) == [
        "Protokollet från mötet 2027-01-12 har justerats.",
    ]
    assert "Status: Justerat" in header(minutes(session, "2027-01-12"))
    first.justified_by = ["bo", "cecilia", "david", "bo"]
    assert paragraphs(section(minutes(session, "2027-02-02"), ADJUSTMENT)) == [
        "Protokollet från mötet 2027-01-12 har justerats av Bo Berg (Arbetsgivaren), Cecilia Lind (OFR/ST) och "
        "David Öberg (Saco-S).",
    ]


def test_adjustment_of_motesanteckningar(session: Session):
    session.minutes_title = "Mötesanteckningar"
    tokens = minutes(session, "2027-02-23")
    assert items(tokens)[0] == "§ 1 Justering av föregående mötesanteckningar"
    assert paragraphs(section(tokens, "§ 1 Justering av föregående mötesanteckningar")) == [
        "Mötesanteckningarna från mötet 2027-02-02 är ännu inte justerade. Justerare: Bo Berg (Arbetsgivaren) "
        "och David Öberg (Saco-S).",
    ]
    tokens = minutes(session, "2027-02-02")
    assert paragraphs(section(tokens, "§ 1 Justering av föregående mötesanteckningar"))[0].startswith(
        "Mötesanteckningarna från mötet 2027-01-12 har justerats 2027-02-02 av")
    assert header(minutes(session, "2027-01-12"))[-1] == \
        "Status: Justerade 2027-02-02 av Bo Berg (Arbetsgivaren) och Cecilia Lind (OFR/ST)"


@pytest.mark.parametrize("previous", ["2026-01-01", "2027-02-23", ""])
def test_previous_that_names_no_other_meeting_gives_no_adjustment_item(session: Session, previous: str):
    session.meeting("2027-02-23").previous = previous
    assert items(minutes(session, "2027-02-23"))[0] == "§ 1 Arbetsmiljö och samverkan (fråga 3.5)"


def test_adjustment_names_a_days_later_meeting_as_such(tmp_path: Path):
    session = agreement_session(tmp_path)
    later = Meeting(id="2026-12-15", date=dt.date(2026, 12, 15), previous="2026-12-08-2")
    session.meetings.append(later)
    assert paragraphs(section(minutes(session, "2026-12-15"), ADJUSTMENT)) == [
        "Protokollet från mötet 2026-12-08 (möte 2 denna dag) är ännu inte justerat.",
    ]


def test_items_numbers_shift_everywhere(session: Session):
    session.meeting("2027-02-23").items["3.5"].adjusted_at_once = True
    item = section(minutes(session, "2027-02-23"), "§ 2 Arbetsmiljö och samverkan (fråga 3.5)")
    assert paragraphs(item)[-1] == "§ 2 förklarades omedelbart justerad."


# --- header status and Justering -------------------------------------------------------------------


def test_header_status_of_adjusted_minutes_says_when_and_by_whom(session: Session):
    tokens = minutes(session, "2027-01-12")
    assert header(tokens)[-1] == "Status: Justerat 2027-02-02 av Bo Berg (Arbetsgivaren) och Cecilia Lind (OFR/ST)"
    assert paragraphs(section(tokens, "Justering")) == [
        "Protokollet är justerat 2027-02-02 av Bo Berg (Arbetsgivaren) och Cecilia Lind (OFR/ST).",
    ]
    assert header(minutes(session, "2027-02-02"))[-1] == "Status: Ojusterat"
    assert header(minutes(session, "2027-02-23"))[-1] == "Status: Ojusterat"


# --- Uppföljning av åtgärder -----------------------------------------------------------------------


def test_follow_up_comes_after_the_items_and_before_this_meetings_actions(session: Session):
    found = [text for level, text in headings(minutes(session, "2027-02-23")) if level == 2]
    assert found[found.index(FOLLOW_UP) - 1].startswith("§ 3 ")
    assert found[found.index(FOLLOW_UP) + 1] == "Åtgärder"
    assert FOLLOW_UP not in [text for _, text in headings(minutes(session, "2027-01-12"))]


def test_follow_up_at_the_second_meeting(session: Session):
    follow_up = section(minutes(session, "2027-02-02"), FOLLOW_UP)
    assert paragraphs(follow_up) == [
        "Åtgärder från tidigare möten som var öppna när mötet började, med status vid mötet.",
    ]
    assert tables(follow_up) == [[FOLLOW_UP_HEADER, [*ROW_A, "Pågår"], [*ROW_B, "Klar 2027-02-02"]]]


def test_follow_up_at_the_third_meeting_carries_only_what_was_still_open(session: Session):
    # A is carried a second time; B was followed up at the second meeting, C was done before the third.
    assert tables(section(minutes(session, "2027-02-23"), FOLLOW_UP)) == [[FOLLOW_UP_HEADER, [*ROW_A, "Pågår"]]]


def test_decisions_are_never_carried_over(session: Session):
    decisions = {"2027-01-12": DECISION_1, "2027-02-02": DECISION_2, "2027-02-23": DECISION_3}
    for meeting_id, own in decisions.items():
        shown = texts(minutes(session, meeting_id))
        assert any(own in text for text in shown)
        others = [d for m, d in decisions.items() if m != meeting_id]
        assert not any(d in text for d in others for text in shown), meeting_id


def test_follow_up_status_is_as_of_the_meeting(session: Session):
    action(session, ACTION_A).done = dt.date(2027, 3, 1)  # after the third meeting: still ongoing at it
    assert tables(section(minutes(session, "2027-02-23"), FOLLOW_UP))[0][1:] == [[*ROW_A, "Pågår"]]
    action(session, ACTION_A).done = dt.date(2027, 2, 23)  # done at the third meeting
    assert tables(section(minutes(session, "2027-02-23"), FOLLOW_UP))[0][1:] == [[*ROW_A, "Klar 2027-02-23"]]
    assert tables(section(minutes(session, "2027-02-02"), FOLLOW_UP))[0][1:] == [
        [*ROW_A, "Pågår"], [*ROW_B, "Klar 2027-02-02"],
    ]


def test_follow_up_without_open_actions_says_so(session: Session):
    action(session, ACTION_A).done = dt.date(2027, 2, 20)
    follow_up = section(minutes(session, "2027-02-23"), FOLLOW_UP)
    assert tables(follow_up) == []
    assert paragraphs(follow_up) == ["Inga åtgärder från tidigare möten var öppna när mötet började."]


def test_follow_up_orders_meetings_of_the_same_day(tmp_path: Path):
    session = agreement_session(tmp_path)
    short = session.meeting("2026-12-08-2")
    short.notes.append(Note(at(short.date, "16:10"), "3.2", "action", "Lista grupperna.", owner="bo"))
    session.meetings.append(Meeting(id="2026-12-15", date=dt.date(2026, 12, 15)))
    # The day's first meeting does not follow up the day's second; the second follows up the first.
    assert [row[3] for row in tables(section(minutes(session, "2026-12-08"), FOLLOW_UP))[0][1:]] == \
        ["2026-11-24", "2026-11-24"]
    assert [row[3] for row in tables(section(minutes(session, "2026-12-08-2"), FOLLOW_UP))[0][1:]] == \
        ["2026-11-24", "2026-11-24", "2026-12-08"]
    rows = tables(section(minutes(session, "2026-12-15"), FOLLOW_UP))[0][1:]
    assert rows[-1] == ["Lista grupperna.", "Bo Berg", "–", "2026-12-08 (möte 2 denna dag)", "Pågår"]


# --- this meeting's actions ------------------------------------------------------------------------


def test_actions_table_has_a_status_as_of_the_meeting(session: Session):
    rows = tables(section(minutes(session, "2027-02-02"), "Åtgärder"))[0]
    assert rows == [
        ["Åtgärd", "Ansvarig", "Klart senast", "Fråga", "Status"],
        [ACTION_C, "Bo Berg", "2027-02-16", "3.5", "Pågår"],  # done 2027-02-16, after this meeting
    ]
    action(session, ACTION_C).done = dt.date(2027, 2, 2)
    assert tables(section(minutes(session, "2027-02-02"), "Åtgärder"))[0][1][-1] == "Klar 2027-02-02"
    assert tables(section(minutes(session, "2027-02-23"), "Åtgärder"))[0][1:] == [
        [ACTION_D, "Frida Holm", "2027-03-16", "3.6", "Pågår"],
    ]


# --- the draft's appendix --------------------------------------------------------------------------


def test_draft_appendix_lists_only_open_actions(session: Session):
    appendix = section(parse(exporters.draft(session, AGREEMENT)), "Bilaga: Öppna frågor")
    actions = section(appendix, "Öppna åtgärder", 3)
    assert paragraphs(actions) == []
    assert tables(actions) == [[
        ["Åtgärd", "Ansvarig", "Klart senast", "Fråga", "Möte"],
        [ACTION_A, "Frida Holm", "2027-01-29", "3.2", "2027-01-12"],
        [ACTION_D, "Frida Holm", "2027-03-16", "3.6", "2027-02-23"],
    ]]
    shown = texts(appendix)
    assert not any(done in text for done in (ACTION_B, ACTION_C) for text in shown)
    assert not any("framgår inte" in text for text in shown)


def test_draft_appendix_when_every_action_is_done(session: Session):
    for meeting in session.meetings:
        for note in meeting.notes:
            if note.kind == "action":
                note.done = note.done or dt.date(2027, 3, 1)
    actions = section(parse(exporters.draft(session, AGREEMENT)), "Öppna åtgärder", 3)
    assert tables(actions) == []
    assert paragraphs(actions) == ["Alla antecknade åtgärder är klara."]
