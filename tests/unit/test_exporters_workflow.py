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
ADJUSTMENT = "§ 4 Föregående protokoll och uppföljning av åtgärder"
FOLLOW_UP = ADJUSTMENT
FOLLOW_UP_HEADER = ["Åtgärd", "Ansvarig", "Klart senast", "Från möte", "Status"]
ROW_A = [ACTION_A, "Frida Holm (Arbetsgivaren)", "2027-01-29", "2027-01-12"]
ROW_B = [ACTION_B, "Cecilia Lind (OFR/ST)", "2027-01-26", "2027-01-12"]


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return workflow_session(tmp_path)


def minutes(session: Session, meeting_id: str) -> list[Token]:
    return parse(exporters.minutes(session, AGREEMENT, session.meeting(meeting_id)))


def items(tokens: list[Token]) -> list[str]:
    """The § headings after the three opening ones, up to Nästa möte."""
    found = [text for level, text in headings(tokens) if level == 2 and text.startswith("§")]
    return found[3:-2]


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
        "§ 4 Nivåer och vägar för frågorna",
        "§ 5 Arbetsplatsträffen och dialogen chef–medarbetare",
        "§ 6 Övriga frågor",
    ]


def test_previous_minutes_and_follow_up_come_before_the_agenda(session: Session):
    assert items(minutes(session, "2027-02-02")) == [
        ADJUSTMENT,
        "§ 5 Arbetsplatsträffen och dialogen chef–medarbetare",
        "§ 6 Arbetsmiljö och samverkan",
        "§ 7 Övriga frågor",
    ]


def test_adjustment_of_adjusted_minutes_says_by_whom_and_when(session: Session):
    assert paragraphs(section(minutes(session, "2027-02-02"), ADJUSTMENT))[0] == (
        "Protokollet från mötet 2027-01-12 har justerats 2027-02-02 av Bo Berg (Arbetsgivaren) och "
        "Cecilia Lind (OFR/ST).")


def test_adjustment_of_minutes_not_yet_adjusted_names_who_is_to_sign(session: Session):
    assert paragraphs(section(minutes(session, "2027-02-23"), ADJUSTMENT))[0] == (
        "Protokollet från mötet 2027-02-02 är ännu inte justerat. Justerare: Bo Berg (Arbetsgivaren), "
        "Cecilia Lind (OFR/ST), David Öberg (Saco-S) och Eva Åkesson (Seko).")


def test_adjustment_of_motesanteckningar(session: Session):
    session.minutes_title = "Mötesanteckningar"
    heading = "§ 4 Föregående mötesanteckningar och uppföljning av åtgärder"
    assert paragraphs(section(minutes(session, "2027-02-23"), heading))[0].startswith(
        "Mötesanteckningarna från mötet 2027-02-02 är ännu inte justerade.")
    assert header(minutes(session, "2027-01-12"))[-1] == \
        "Status: Justerade 2027-02-02 av Bo Berg (Arbetsgivaren) och Cecilia Lind (OFR/ST)"


def test_adjustment_names_a_days_later_meeting_as_such(tmp_path: Path):
    session = agreement_session(tmp_path)
    later = Meeting(id="2026-12-15", date=dt.date(2026, 12, 15), previous="2026-12-08-2")
    session.meetings.append(later)
    assert paragraphs(section(minutes(session, "2026-12-15"), ADJUSTMENT))[0] == \
        "Protokollet från mötet 2026-12-08 (möte 2 denna dag) är ännu inte justerat."


def test_adjusted_at_once_is_in_the_header_status(session: Session):
    session.meeting("2027-02-23").items["3.5"].adjusted_at_once = True
    tokens = minutes(session, "2027-02-23")
    assert header(tokens)[-1] == "Status: Ojusterat (§ 5 omedelbart justerad)"
    assert "Paragrafen förklaras omedelbart justerad." in paragraphs(section(tokens, "§ 5 Arbetsmiljö och samverkan"))


def test_next_meeting_is_the_planned_one(session: Session):
    assert paragraphs(section(minutes(session, "2027-02-23"), "§ 8 Nästa möte")) == [
        "Nästa möte hålls 2027-03-16 kl. 09.00, Konferensrum Ekan, plan 3.",
    ]


def test_absent_party_has_no_adjuster_line(session: Session):
    tokens = minutes(session, "2027-02-23")
    assert list_items(section(tokens, "Frånvarande / anmält förhinder", 3)) == ["Saco-S"]
    item = section(tokens, "§ 5 Arbetsmiljö och samverkan")
    assert list_items(item)[-4:] == ["Arbetsgivaren: Överens", "OFR/ST: Överens", "Saco-S: Deltog inte",
                                     "Seko: Överens"]
    signed_for = [p.split("\n")[0] for p in paragraphs(section(tokens, "Underskrifter")) if "……" in p]
    assert signed_for == ["Sekreterare", "Ort och datum", "För arbetsgivaren", "För OFR/ST", "För Seko"]


# --- header status and Justering -------------------------------------------------------------------


def test_header_status_of_adjusted_minutes_says_when_and_by_whom(session: Session):
    tokens = minutes(session, "2027-01-12")
    assert header(tokens)[-1] == "Status: Justerat 2027-02-02 av Bo Berg (Arbetsgivaren) och Cecilia Lind (OFR/ST)"
    assert "Protokollet är justerat 2027-02-02 av Bo Berg (Arbetsgivaren) och Cecilia Lind (OFR/ST)." in \
        paragraphs(section(tokens, "Underskrifter"))
    assert header(minutes(session, "2027-02-02"))[-1] == "Status: Ojusterat"


# --- Uppföljning av åtgärder -----------------------------------------------------------------------


def test_follow_up_at_the_second_meeting(session: Session):
    follow_up = section(minutes(session, "2027-02-02"), FOLLOW_UP)
    assert paragraphs(follow_up)[1] == \
        "Åtgärder från tidigare möten som var öppna när mötet började, med status vid mötet:"
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
    assert paragraphs(follow_up)[-1] == "Inga åtgärder från tidigare möten var öppna när mötet började."


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
    assert rows[-1] == ["Lista grupperna.", "Bo Berg (Arbetsgivaren)", "–", "2026-12-08 (möte 2 denna dag)", "Pågår"]


# --- this meeting's actions ------------------------------------------------------------------------


def test_actions_table_has_this_meetings_new_actions(session: Session):
    assert tables(section(minutes(session, "2027-02-23"), "Åtgärder"))[0] == [
        ["Åtgärd", "Ansvarig", "Klart senast"],
        [ACTION_D, "Frida Holm (Arbetsgivaren)", "2027-03-16"],
    ]


# --- the draft's appendix --------------------------------------------------------------------------


def test_draft_appendix_lists_only_open_actions(session: Session):
    appendix = section(parse(exporters.draft(session, AGREEMENT)), "Bilaga: Öppna frågor")
    actions = section(appendix, "Öppna åtgärder", 3)
    assert paragraphs(actions) == []
    assert tables(actions) == [[
        ["Åtgärd", "Ansvarig", "Klart senast", "Möte"],
        [ACTION_A, "Frida Holm (Arbetsgivaren)", "2027-01-29", "2027-01-12"],
        [ACTION_D, "Frida Holm (Arbetsgivaren)", "2027-03-16", "2027-02-23"],
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
