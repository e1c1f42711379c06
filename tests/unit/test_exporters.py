"""Minutes, Arbetsläge, agreement draft and follow-up report, read back token by token with markdown-it-py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markdown_it.token import Token

from export_fixture import (
    AGREED_PURPOSE,
    FLAVOURS,
    agreement_session,
    at,
    followup_session,
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
from samverka.errors import UserError
from samverka.sessions.model import Meeting, Note, Session

AGREEMENT = pack("lokalt-samverkansavtal")
FOLLOWUP = pack("uppfoljning")
JARGON = ("beredskap", "processpaket", "/4", "Tidsåtgång", "(fråga", "Beslut")


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return agreement_session(tmp_path)


@pytest.fixture
def followup(tmp_path: Path) -> Session:
    return followup_session(tmp_path)


def first_minutes(session: Session, flavour: str = "commonmark") -> list[Token]:
    return parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-11-24")), flavour)


def texts(tokens: list[Token]) -> list[str]:
    return [plain(t) for t in tokens if t.type == "inline"]


def signatures(tokens: list[Token], title: str = "Underskrifter") -> list[list[str]]:
    """Each signature paragraph as its lines (what is signed for, the line, the name)."""
    return [p.split("\n") for p in paragraphs(section(tokens, title)) if "……" in p]


# --- minutes: header, attendance, form -------------------------------------------------------------


@pytest.mark.parametrize("flavour", list(FLAVOURS))
def test_minutes_follow_the_protocol_form(session: Session, flavour: str):
    found = headings(first_minutes(session, flavour))
    assert found[0] == (1, "Protokoll från Partsgemensam arbetsgrupp för översyn av lokalt samverkansavtal – "
                           "möte nr 1/2026")
    assert [text for level, text in found if level == 2] == [
        "Närvarande",
        "§ 1 Mötets öppnande",
        "§ 2 Val av justerare",
        "§ 3 Fastställande av dagordning",
        "§ 4 Parter och mandat",
        "§ 5 Det nuvarande avtalet",
        "§ 6 Vad har fungerat – och vad har inte?",
        "§ 7 Varför samverkar vi?",
        "§ 8 Övrig fråga: Roller, mötesformer och dokumentation",
        "§ 9 Nästa möte",
        "§ 10 Mötets avslutande",
        "Åtgärder",
        "Underskrifter",
    ]


def test_minutes_have_no_tool_jargon_clock_times_or_question_numbers(tmp_path: Path):
    for build, pack_ in ((agreement_session, AGREEMENT), (workflow_session, AGREEMENT),
                         (followup_session, FOLLOWUP)):
        session = build(tmp_path)
        for meeting in (m for m in session.meetings if not m.planned):
            shown = texts(parse(exporters.minutes(session, pack_, meeting)))
            assert not [t for t in shown if any(word in t for word in JARGON)], meeting.id
            # Clock times only in the header's Tid and in Nästa möte.
            timed = [t for t in shown if " kl. " in f" {t}" and not t.startswith(("Tid:", "Nästa möte"))]
            assert timed == [], meeting.id


def test_header_per_meeting_kind_basis_and_registry(session: Session):
    header = list_items(first_minutes(session))[:8]
    assert header == [
        "Organisation: Exempelmyndigheten",
        "Dnr: AGV 2026/114",
        "Mötesform: Arbetsgruppsmöte",
        # a working group meets on no basis: no Grund line at all
        "Avser: Lokalt samverkansavtal 2027",
        "Datum: 2026-11-24",
        "Tid: kl. 09.00–11.30",
        "Plats: Konferensrum Ekan, plan 3",
        "Status: Ojusterat (§ 7 omedelbart justerad)",
    ]
    second = list_items(parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-12-08"))))
    assert "Grund: Parternas överenskommelse 2026-10-15 om översyn av lokalt samverkansavtal" in second


def test_number_is_proposed_when_not_set(session: Session):
    session.meeting("2026-12-08").number = None
    tokens = parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-12-08")))
    assert headings(tokens)[0][1].endswith("– möte nr 2/2026")


def test_attendance_per_party_with_titles_and_absent_parties(session: Session):
    tokens = parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-12-08")))
    attendance = section(tokens, "Närvarande")
    assert [text for _, text in headings(attendance)] == [
        "För arbetsgivaren", "För OFR/ST", "För Saco-S", "Frånvarande / anmält förhinder",
    ]
    assert list_items(section(attendance, "För arbetsgivaren", 3)) == [
        "Anna Ek, HR-direktör, ordförande", "Frida Holm, HR-specialist, sekreterare", "Bo Berg, enhetschef",
    ]
    assert list_items(section(attendance, "Frånvarande / anmält förhinder", 3)) == ["Seko"]
    others = section(first_minutes(session), "Övriga närvarande", 3)
    assert list_items(others) == ["Göran Nyström, verksamhetsutvecklare"]


# --- minutes: each § ------------------------------------------------------------------------------


def test_information_item_has_no_outcome(session: Session):
    item = section(first_minutes(session), "§ 4 Parter och mandat")
    assert paragraphs(item) == ["Ärendetyp: Informationsärende", "Parterna har tagit del av informationen."]
    assert "Parternas ståndpunkter" not in texts(item)


def test_positions_per_party_and_disagreement_with_each_partys_view(session: Session):
    item = section(first_minutes(session), "§ 6 Vad har fungerat – och vad har inte?")
    shown = paragraphs(item)
    positions = shown.index("Parternas ståndpunkter")
    assert list_items(item)[2:6] == ["Arbetsgivaren: Överens", "OFR/ST: Överens", "Saco-S: Ej överens",
                                     "Seko: Avstår"]
    assert shown[positions + 1:positions + 5] == [
        "Oenighet",
        "Parterna är inte överens om huruvida samverkansgruppen har fått frågorna i tid.",
        "Arbetsgivaren: Frågorna har lämnats till gruppen så snart underlagen var klara.",
        "Saco-S: Samverkansgruppen har fått frågorna för sent, senast om omorganisationen.",
    ]
    # notes summarised by party, no times
    assert list_items(item)[:2] == [
        "OFR/ST: Arbetsplatsträffarna fungerar väl på de flesta enheter.\nPå två enheter har de ställts in "
        "under hösten.",
        "Göran Nyström: Medarbetare upplever att informationen om omorganisationen kom sent.",
    ]


def test_absent_party_is_named_in_the_positions(session: Session):
    tokens = parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-12-08")))
    item = section(tokens, "§ 7 Vad ska samverkas – och vad inte?")
    assert list_items(item)[-4:] == ["Arbetsgivaren: Överens", "OFR/ST: Överens", "Saco-S: Ej överens",
                                     "Seko: Deltog inte"]
    assert "Parterna är inte överens." in paragraphs(item)


def test_statement_names_its_party_and_is_quoted_verbatim(session: Session):
    item = section(first_minutes(session), "§ 6 Vad har fungerat – och vad har inte?")
    lead = paragraphs(item).index("Saco-S lämnar följande protokollsanteckning:")
    quote_open = next(i for i, t in enumerate(item) if t.type == "blockquote_open")
    assert [plain(t) for t in item[quote_open:] if t.type == "inline"][:2] == [
        "Saco-S anser att avtalet måste ange när en fråga ska lyftas till förhandling enligt 14 § MBL.",
        "Vi vill att detta antecknas till protokollet.",
    ]
    assert lead > 0


def test_agreement_quotes_the_agreed_text_with_the_reservation_and_is_adjusted_at_once(session: Session):
    item = section(first_minutes(session), "§ 7 Varför samverkar vi?")
    shown = paragraphs(item)
    assert "Parternas överenskommelse" in shown
    assert "Parterna är överens om följande text (Avtalets syfte):" in shown
    quoted = [plain(t) for t in item[next(i for i, t in enumerate(item) if t.type == "blockquote_open"):]
              if t.type == "inline"][:2]
    assert quoted == AGREED_PURPOSE.split("\n\n")
    assert AGREEMENT.reservation in shown
    assert "Paragrafen förklaras omedelbart justerad." in shown
    lines = [p.split("\n") for p in shown if "……" in p]
    assert [(line[0], line[2]) for line in lines] == [
        ("För arbetsgivaren", "Bo Berg"), ("För OFR/ST", "Cecilia Lind"), ("För Saco-S", "David Öberg"),
        ("För Seko", "Eva Åkesson"),
    ]


def test_agreed_text_is_the_snapshot_not_the_current_answer(session: Session):
    session.edit_state("2.1").answers["syfte"] = "Ändrad efteråt."
    item = section(first_minutes(session), "§ 7 Varför samverkar vi?")
    assert "Ändrad efteråt." not in texts(item)


def test_no_reservation_outside_a_working_group(session: Session):
    session.meeting("2026-11-24").kind = "samverkan"
    assert AGREEMENT.reservation not in paragraphs(first_minutes(session))


def test_untreated_agenda_item_is_tabled(session: Session):
    tokens = parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-12-08")))
    assert paragraphs(section(tokens, "§ 6 Mål och önskade effekter")) == ["Ärendet bordläggs."]


def test_other_items_are_raised_by_a_party(session: Session):
    tokens = first_minutes(session)
    assert paragraphs(section(tokens, "§ 3 Fastställande av dagordning")) == [
        "Dagordningen fastställs med följande övriga fråga: Roller, mötesformer och dokumentation "
        "(anmäld av Arbetsgivaren).",
    ]


def test_actions_table_names_owner_and_party(session: Session):
    assert tables(section(first_minutes(session), "Åtgärder")) == [[
        ["Åtgärd", "Ansvarig", "Klart senast"],
        ["Ta fram en jämförelse mellan 2018 års avtal och Samverkan för framtiden.", "Frida Holm (Arbetsgivaren)",
         "2026-12-04"],
        ["Sammanställa erfarenheter från arbetsplatsträffarna inför nästa möte.", "Cecilia Lind (OFR/ST)",
         "2026-12-04"],
    ]]


# --- minutes: signatures -------------------------------------------------------------------------


def test_secretary_then_one_adjuster_line_per_party_present_nobody_twice(session: Session):
    tokens = parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-12-08")))
    lines = signatures(tokens)
    assert [(line[0], line[-1]) for line in lines] == [
        ("Sekreterare", "Frida Holm"),
        ("Ort och datum", "……………………………………………"),
        ("För arbetsgivaren", "Bo Berg"), ("För OFR/ST", "Cecilia Lind"), ("För Saco-S", "David Öberg"),
    ]
    assert "Vid protokollet" in paragraphs(tokens) and "Justeras" in paragraphs(tokens)


def test_party_present_without_adjuster_gets_an_empty_line(session: Session):
    meeting = session.meeting("2026-12-08")
    meeting.adjusters = ["bo", "bo", "frida", "cecilia"]  # a duplicate and the secretary
    lines = signatures(parse(exporters.minutes(session, AGREEMENT, meeting)))
    assert [(line[0], line[-1]) for line in lines][2:] == [
        ("För arbetsgivaren", "Bo Berg"), ("För OFR/ST", "Cecilia Lind"), ("För Saco-S", "……………………………………………"),
    ]
    names = [line[-1] for line in lines if not line[-1].startswith("……")]
    assert len(names) == len(set(names))


def test_motesanteckningar_without_adjusters_are_approved_at_the_next_meeting(followup: Session):
    meeting = followup.meetings[0]
    tokens = parse(exporters.minutes(followup, FOLLOWUP, meeting))
    assert headings(tokens)[0] == (1, "Mötesanteckningar från Central samverkansgrupp (Cesam) – möte nr 9/2026")
    assert "Status: Ojusterade" in list_items(tokens)
    meeting.adjusters = []
    tokens = parse(exporters.minutes(followup, FOLLOWUP, meeting))
    assert "Status: Godkänns vid nästa möte" in list_items(tokens)
    assert "Justeras" not in paragraphs(tokens)


def test_planned_meeting_has_no_minutes(tmp_path: Path):
    session = workflow_session(tmp_path)
    with pytest.raises(UserError, match="planerat"):
        exporters.minutes(session, AGREEMENT, session.meeting("2027-03-16"))
    assert exporters.select_meeting(session, "latest").id == "2027-02-23"
    with pytest.raises(UserError):
        exporters.select_meeting(session, "2027-03-16")


def test_empty_meeting_of_an_empty_session(tmp_path: Path):
    session = Session(tmp_path / "tom", "", "", AGREEMENT.id, 1, dt.datetime(2026, 1, 1))
    meeting = Meeting(id="2026-01-02", date=dt.date(2026, 1, 2))
    session.meetings.append(meeting)
    tokens = parse(exporters.minutes(session, AGREEMENT, meeting))
    assert headings(tokens)[0] == (1, "Protokoll – möte nr 1/2026")
    assert "Organisation: (ej angiven)" in list_items(tokens)
    assert paragraphs(section(tokens, "§ 2 Val av justerare")) == ["Justerare utses inte."]
    assert headings(parse(exporters.draft(session, AGREEMENT)))[0] == (1, "Lokalt samverkansavtal – utkast")


def test_unknown_ids_show_as_ids(session: Session):
    meeting = session.meeting("2026-11-24")
    meeting.attendees.append("okand")
    meeting.notes.append(Note(at(meeting.date, "11:21"), "9.9", "note", "Utanför paketet."))
    tokens = first_minutes(session)
    assert "okand" in list_items(section(tokens, "Övriga närvarande", 3))
    assert (2, "§ 9 Övrig fråga: 9.9") in headings(tokens)


def test_control_characters_are_shown_escaped(session: Session):
    session.organisation = "Myndigheten\x1b[2J X\x07"
    assert "Organisation: Myndigheten\\x1b[2J X\\x07" in list_items(first_minutes(session))


def test_notes_with_naive_and_aware_times_sort_without_error(session: Session):
    meeting = session.meeting("2026-11-24")
    meeting.notes.append(Note(dt.datetime(2026, 11, 24, 9, 1), "1.1", "note", "Utan tidszon."))
    assert list_items(section(first_minutes(session), "§ 4 Parter och mandat"))[0] == "Utan tidszon."


# --- Arbetsläge ------------------------------------------------------------------------------------


def test_status_holds_what_the_minutes_leave_out(session: Session):
    tokens = parse(exporters.status(session, AGREEMENT, session.meeting("2026-12-08")))
    assert [text for level, text in headings(tokens) if level == 2] == [
        "Hur klara är vi?", "Ändrat vid mötet", "Frågor att återkomma till", "Öppna åtgärder", "Oenighet",
        "Innan protokollet justeras",
    ]
    phase_1 = tables(section(tokens, "Fas 1. Utgångsläge och lärdomar", 3))[0]
    assert phase_1[0] == ["Fråga", "Hur klara", "Återkom", "Tid", "Tidsram"]
    assert phase_1[4] == ["1.4 Vad har fungerat – och vad har inte?", "Nästan klar", "Ja", "20 min", "40 min"]
    assert tables(section(tokens, "Ändrat vid mötet"))[0][1:] == [
        ["1.4 Vad har fungerat – och vad har inte?", "Pågår", "Nästan klar"],
        ["3.1 Vad ska samverkas – och vad inte?", "Ej påbörjad", "Påbörjad"],
    ]
    assert list_items(section(tokens, "Innan protokollet justeras")) == [
        "Åtgärden ”Ta fram förslag till skrivning om förhandling enligt 14 § MBL.” saknar datum.",
    ]
    assert not any("beredskap" in t.lower() for t in texts(tokens))


def test_status_warns_of_a_party_without_adjuster_and_an_undescribed_disagreement(session: Session):
    meeting = session.meeting("2026-12-08")
    meeting.adjusters = ["bo"]
    meeting.notes = [n for n in meeting.notes if n.kind != "statement"]
    gaps = list_items(section(parse(exporters.status(session, AGREEMENT, meeting)), "Innan protokollet justeras"))
    assert gaps[:3] == [
        "OFR/ST är närvarande men har ingen justerare.",
        "Saco-S är närvarande men har ingen justerare.",
        "3.1 Vad ska samverkas – och vad inte?: oenigheten är inte beskriven.",
    ]


# --- agreement draft and follow-up report ----------------------------------------------------------


def agreement(session: Session, flavour: str = "commonmark") -> list[Token]:
    return parse(exporters.draft(session, AGREEMENT), flavour)


@pytest.mark.parametrize("flavour", list(FLAVOURS))
def test_draft_has_only_agreement_sections_then_signatures_and_appendix(session: Session, flavour: str):
    found = [text for level, text in headings(agreement(session, flavour)) if level == 2]
    main = sorted((s for s in AGREEMENT.sections if s.document is None), key=lambda s: s.order)
    assert found == [*(f"{n}. {s.title}" for n, s in enumerate(main, start=1)), "Underskrifter",
                     "Bilaga: Öppna frågor"]
    assert len(main) < len(AGREEMENT.sections)


def test_draft_opens_with_the_preamble_and_has_no_jargon(session: Session):
    tokens = agreement(session)
    assert AGREEMENT.preamble in paragraphs(tokens)
    assert list_items(tokens)[:3] == ["Organisation: Exempelmyndigheten", "Avser: Lokalt samverkansavtal 2027",
                                      "Status: Utkast – 1 av 10 avsnitt är klara"]
    assert not [t for t in texts(tokens) if "beredskap" in t.lower() or "Processpaket" in t or "/4" in t]


def test_draft_signature_block_per_party(session: Session):
    lines = signatures(agreement(session))
    assert [line[0] for line in lines] == ["Ort och datum", "För arbetsgivaren", "För OFR/ST", "För Saco-S",
                                           "För Seko"]


def test_unsettled_section_says_how_ready_in_the_packs_words(session: Session):
    body = section(agreement(session), "2. Syfte och mål")
    assert paragraphs(body)[0] == "Ej klart – frågor som inte är klara:"
    assert list_items(body)[0] == "Varför samverkar vi? – hur klara: Nästan klar"


def test_answers_fill_the_fields_verbatim_and_empty_ones_are_marked(session: Session):
    tokens = agreement(session)
    assert paragraphs(section(tokens, "Avtalets syfte", 3)) == AGREED_PURPOSE.split("\n\n")
    assert paragraphs(section(tokens, "Mål för samverkan", 3)) == ["(Ej ifyllt)"]


def test_agreements_support_the_section_they_feed(session: Session):
    body = section(agreement(session), "2. Syfte och mål")
    assert "Parternas överenskommelser" in paragraphs(body)
    assert list_items(body)[-1] == "2026-11-24: Parterna är överens om syftet med samverkan."


def test_appendix_lists_each_disagreement_on_its_own_and_the_statements(session: Session):
    appendix = section(agreement(session), "Bilaga: Öppna frågor")
    assert list_items(section(appendix, "Oenighet", 3)) == [
        "2026-11-24, Vad har fungerat – och vad har inte?: Parterna är inte överens om huruvida "
        "samverkansgruppen har fått frågorna i tid.",
        "Ståndpunkter: Arbetsgivaren överens; OFR/ST överens; Saco-S ej överens; Seko avstår",
        "Saco-S: Samverkansgruppen har fått frågorna för sent, senast om omorganisationen.",
        "Arbetsgivaren: Frågorna har lämnats till gruppen så snart underlagen var klara.",
        "2026-12-08, Vad ska samverkas – och vad inte?: Parterna är inte överens.",
        "Ståndpunkter: Arbetsgivaren överens; OFR/ST överens; Saco-S ej överens; Seko deltog inte",
    ]
    statements = section(appendix, "Parternas protokollsanteckningar", 3)
    assert [p for p in paragraphs(statements) if p.endswith("protokollsanteckning:")] == [
        "Saco-S lämnar följande protokollsanteckning:", "Saco-S lämnar följande protokollsanteckning:",
    ]


def test_report_uses_the_follow_up_packs_wording(followup: Session):
    tokens = parse(exporters.draft(followup, FOLLOWUP))
    assert headings(tokens)[0] == (1, "Uppföljning av samverkan – rapport")
    assert list_items(tokens)[2].startswith("Status: Utkast till rapport – ")
    assert paragraphs(tokens)[0].startswith("Rapporten är sammanställd ur parternas gemensamma svar")
    assert "Underskrifter" not in [text for _, text in headings(tokens)]
    assert not [t for t in texts(tokens) if "beredskap" in t.lower() or "/4" in t]


def test_exports_are_deterministic(tmp_path: Path):
    one, two = agreement_session(tmp_path / "a"), agreement_session(tmp_path / "b")
    for meeting_one, meeting_two in zip(one.meetings, two.meetings, strict=True):
        assert exporters.minutes(one, AGREEMENT, meeting_one) == exporters.minutes(two, AGREEMENT, meeting_two)
    assert exporters.draft(one, AGREEMENT) == exporters.draft(two, AGREEMENT)


def test_exports_end_with_exactly_one_newline(session: Session):
    for text in (exporters.draft(session, AGREEMENT),
                 *(exporters.minutes(session, AGREEMENT, m) for m in session.meetings)):
        assert text.endswith("\n") and not text.endswith("\n\n")
        assert not any(line != line.rstrip() for line in text.split("\n"))


# --- select_meeting and default_filename ---------------------------------------------------------


def test_select_meeting(session: Session):
    assert exporters.select_meeting(session, "latest").id == "2026-12-08-2"
    assert exporters.select_meeting(session, "2026-11-24").id == "2026-11-24"
    assert exporters.select_meeting(session, "2026-12-08").id == "2026-12-08"
    assert exporters.select_meeting(session, " 2026-12-08-2 ").id == "2026-12-08-2"


def test_latest_is_by_date_not_by_list_order(session: Session):
    session.meetings.reverse()
    assert exporters.select_meeting(session, "latest").id == "2026-12-08-2"


@pytest.mark.parametrize(("spec", "message"), [
    ("2026-12-09", "inget möte 2026-12-09 i sessionen (möten: 2026-11-24, 2026-12-08, 2026-12-08-2)"),
    ("2026-12-08-3", "inget möte 2026-12-08-3 i sessionen"),
    ("igår", "ogiltigt möte 'igår': ange latest, ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD-2"),
    ("2026-02-30", "ogiltigt datum '2026-02-30'"),
    ("26-12-08", "ogiltigt möte '26-12-08'"),
    ("la\x1btest", "ogiltigt möte 'la\\x1btest'"),
])
def test_select_meeting_errors(session: Session, spec: str, message: str):
    with pytest.raises(UserError) as raised:
        exporters.select_meeting(session, spec)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_select_meeting_without_meetings(session: Session):
    session.meetings = []
    with pytest.raises(UserError, match="sessionen har inga möten än"):
        exporters.select_meeting(session, "latest")


def test_default_filename(session: Session, followup: Session):
    assert exporters.default_filename(session, "minutes", session.meeting("2026-11-24")) == \
        "exempelmyndigheten-2027-protokoll-2026-11-24.md"
    assert exporters.default_filename(session, "minutes", session.meeting("2026-12-08-2")) == \
        "exempelmyndigheten-2027-protokoll-2026-12-08-2.md"
    assert exporters.default_filename(followup, "minutes", followup.meetings[0]) == \
        "exempelstad-uppfoljning-2026-motesanteckningar-2026-10-06.md"
    assert exporters.default_filename(session, "agreement", None) == "exempelmyndigheten-2027-avtalsutkast.md"
    assert exporters.default_filename(followup, "report", None) == \
        "exempelstad-uppfoljning-2026-uppfoljningsrapport.md"
    with pytest.raises(ValueError):
        exporters.default_filename(session, "minutes", None)
    with pytest.raises(ValueError):
        exporters.default_filename(session, "pdf", None)
