"""The demo's minutes read as a union representative reads them (issue 13, item 5): the body that meets and
its Dnr, three unions with one absent, each party's position on every samverkan item, a disagreement with
each party's view, a protokollsanteckning with its party, an agreed text quoted, a paragraph adjusted at once.

The minutes are the saved demo exported as `samverka export demo --minutes` does, read back token by token."""

from __future__ import annotations

import re

import pytest
from markdown_it.token import Token

from export_fixture import headings, list_items, paragraphs, parse, plain, section
from samverka import exporters
from samverka.sessions.model import (
    MEETING_KIND_LABELS,
    POSITION_LABELS,
    Meeting,
    Party,
    absent_parties,
    item_outcome,
    present_parties,
)
from samverka.sessions.store import SessionStore


@pytest.fixture
def meeting(demo: SessionStore) -> Meeting:
    return exporters.select_meeting(demo.session, "latest")


@pytest.fixture
def tokens(demo: SessionStore, meeting: Meeting) -> list[Token]:
    return parse(exporters.minutes(demo.session, demo.pack, meeting))


def heading(store: SessionStore, question_id: str, tokens: list[Token]) -> str:
    """The heading of the agenda item's § ("§ 6 Vad har fungerat – och vad har inte?")."""
    title = re.escape(store.pack.questions[question_id].title)
    return next(text for level, text in headings(tokens) if level == 2 and re.fullmatch(rf"§ \d+ {title}", text))


def paragraph(store: SessionStore, question_id: str, tokens: list[Token]) -> list[Token]:
    """The tokens of the agenda item's §."""
    return section(tokens, heading(store, question_id, tokens))


def list_after(tokens: list[Token], lead: str) -> list[str]:
    """The items of the list right after the paragraph `lead` ("Parternas ståndpunkter")."""
    start = next(i for i, t in enumerate(tokens) if t.type == "inline" and plain(t) == lead)
    end = next(i for i in range(start, len(tokens)) if tokens[i].type == "bullet_list_close")
    return list_items(tokens[start:end + 1])


def quotes(tokens: list[Token]) -> list[str]:
    """The text of every block quote, its paragraphs joined by blank lines."""
    out: list[list[str]] = []
    inside = False
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open":
            out.append([])
            inside = True
        elif token.type == "blockquote_close":
            inside = False
        elif inside and token.type == "paragraph_open":
            out[-1].append(plain(tokens[i + 1]))
    return ["\n\n".join(parts) for parts in out]


def party_names(parties: list[Party]) -> set[str]:
    return {party.name for party in parties}


def header(tokens: list[Token]) -> dict[str, str]:
    """The header's fields ("Dnr" -> "KD 2026/318"), the list before the first section."""
    first = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2")
    return dict(item.split(": ", 1) for item in list_items(tokens[:first]))


def test_the_header_names_the_group_its_dnr_and_a_meeting_of_a_working_group(demo: SessionStore,
                                                                            meeting: Meeting, tokens: list[Token]):
    session = demo.session
    title = headings(tokens)[0]
    assert title == (1, f"Protokoll från {session.group} – möte nr {meeting.number}/{meeting.date.year}")
    fields = header(tokens)
    assert fields["Dnr"] == session.registry
    assert meeting.kind == "arbetsgrupp" and fields["Mötesform"] == MEETING_KIND_LABELS["arbetsgrupp"]
    assert "MBL" not in fields.get("Grund", "")  # a working group meets on no MBL basis


def test_attendance_lists_each_party_present_with_titles_and_the_absent_union(demo: SessionStore,
                                                                              meeting: Meeting, tokens: list[Token]):
    session = demo.session
    absent = absent_parties(session, meeting)
    assert [party.id for party in absent] == ["saco"] and meeting.absent == ["saco"]
    assert not [p for p in map(session.participant, meeting.attendees) if p and p.party == "saco"]
    present = present_parties(session, meeting)
    assert [p.kind for p in present].count("arbetstagare") == 2

    attendance = section(tokens, "Närvarande")
    groups = [text for level, text in headings(attendance) if level == 3]
    assert groups == ["För arbetsgivaren", *[f"För {p.name}" for p in present if p.kind == "arbetstagare"],
                      "Övriga närvarande", "Frånvarande / anmält förhinder"]
    assert list_items(section(attendance, "Frånvarande / anmält förhinder", 3)) == ["Saco-S"]
    listed = [item for group in groups[:-1] for item in list_items(section(attendance, group, 3))]
    for person in map(session.participant, meeting.attendees):
        assert person is not None and person.title
        assert any(item.startswith(f"{person.name}, {person.title}") for item in listed)


def test_every_samverkan_item_gives_each_party_present_its_position_and_names_the_absent(
        demo: SessionStore, meeting: Meeting, tokens: list[Token]):
    session = demo.session
    present = party_names(present_parties(session, meeting))
    absent = party_names(absent_parties(session, meeting))
    samverkan = [q for q in meeting.agenda if meeting.items[q].type == "samverkan"]
    assert len(samverkan) == 2
    for question_id in samverkan:
        lines = dict(line.split(": ", 1) for line in list_after(paragraph(demo, question_id, tokens),
                                                                "Parternas ståndpunkter"))
        assert set(lines) == present | absent
        assert {lines[name] for name in present} <= set(POSITION_LABELS.values())
        assert {lines[name] for name in absent} == {"Deltog inte"}
    outcomes = {q: item_outcome(session, meeting, q) for q in samverkan}
    assert sorted(outcomes.values()) == ["ej_overens", "overens"]


def test_the_disagreement_is_stated_jointly_then_each_party_present_in_its_own_paragraph(
        demo: SessionStore, meeting: Meeting, tokens: list[Token]):
    session = demo.session
    question_id = next(q for q in meeting.agenda if item_outcome(session, meeting, q) == "ej_overens")
    positions = list_after(paragraph(demo, question_id, tokens), "Parternas ståndpunkter")
    assert {"Arbetsgivaren: Ej överens", "OFR/ST: Ej överens", "Seko: Avstår"} <= set(positions)

    texts = paragraphs(paragraph(demo, question_id, tokens))
    after = texts[texts.index("Oenighet") + 1:]
    joint, views = after[0], after[1:4]
    assert joint.startswith("Parterna är inte överens om ")
    speakers = [view.split(": ", 1)[0] for view in views]
    assert speakers == [party.name for party in present_parties(session, meeting)]
    assert all(len(view.split(": ", 1)[1]) > 20 for view in views)  # each in its own words


def test_the_protokollsanteckning_names_its_party_and_is_quoted_verbatim(demo: SessionStore,
                                                                          meeting: Meeting, tokens: list[Token]):
    statement = next(n for n in meeting.notes if n.kind == "statement")
    party = demo.session.party(statement.party)
    assert party is not None
    item = paragraph(demo, statement.question, tokens)
    texts = paragraphs(item)
    lead = texts.index(f"{party.name} lämnar följande protokollsanteckning:")
    assert texts[lead + 1] == statement.text
    assert statement.text in quotes(item)


def test_the_agreed_text_is_quoted_verbatim_and_the_paragraph_adjusted_at_once(demo: SessionStore,
                                                                               meeting: Meeting, tokens: list[Token]):
    question_id = next(q for q in meeting.agenda if meeting.items[q].adjusted_at_once)
    agreed = [a for a in meeting.agreed if a.question == question_id]
    assert agreed and [a.text for a in agreed] == [
        demo.session.state(question_id).answers[a.field] for a in agreed]
    item = paragraph(demo, question_id, tokens)
    texts = paragraphs(item)
    assert "Parternas överenskommelse" in texts
    assert quotes(item) == [a.text for a in agreed]
    assert "Paragrafen förklaras omedelbart justerad." in texts
    number = heading(demo, question_id, tokens).split()[1]
    assert header(tokens)["Status"] == f"Ojusterat (§ {number} omedelbart justerad)"


def test_each_party_present_signs_once_and_the_minutes_have_no_tool_words(demo: SessionStore,
                                                                          meeting: Meeting, tokens: list[Token]):
    session = demo.session
    justeras = paragraphs(section(tokens, "Underskrifter"))
    signed = [p.split("\n") for p in justeras[justeras.index("Justeras") + 1:] if "……" in p][1:]  # after the date
    signers = {"arbetsgivare": "För arbetsgivaren"}
    assert [lines[0] for lines in signed] == [signers.get(p.kind, f"För {p.name}")
                                              for p in present_parties(session, meeting)]
    names = [lines[2] for lines in signed]
    assert len(set(names)) == len(names) and session.participant(meeting.secretary).name not in names

    words = " ".join(plain(t) for t in tokens if t.type == "inline")
    for word in ("beredskap", "processpaket", "Tidsåtgång"):
        assert word not in words
    assert not re.search(r"\b\d/4\b", words)
    sections = [text for level, text in headings(tokens) if level == 2 and text.startswith("§")]
    assert not [text for text in sections if re.search(r"\d\.\d|Beslut", text)]
    body = [plain(t) for t in tokens[tokens.index(next(t for t in tokens if t.tag == "h2")):] if t.type == "inline"]
    assert not [text for text in body if re.search(r"\bkl\. \d|\b\d{1,2}[.:]\d{2}\b", text)]
