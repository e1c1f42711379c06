"""Minutes, agreement draft and follow-up report, read back token by token with markdown-it-py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markdown_it.token import Token

from export_fixture import (
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
)
from samverka import exporters
from samverka.errors import UserError
from samverka.sessions.model import Meeting, Note, Participant, Session

AGREEMENT = pack("lokalt-samverkansavtal")
FOLLOWUP = pack("uppfoljning")


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return agreement_session(tmp_path)


@pytest.fixture
def followup(tmp_path: Path) -> Session:
    return followup_session(tmp_path)


def markup(inline: Token) -> list[str]:
    """The types of an inline token's children, without the empty text tokens emphasis leaves behind."""
    return [c.type for c in inline.children or () if c.type != "text" or c.content]


def first_minutes(session: Session, flavour: str = "commonmark"):
    return parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-11-24")), flavour)


# --- minutes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", list(FLAVOURS))
def test_minutes_heading_structure(session: Session, flavour: str):
    assert headings(first_minutes(session, flavour)) == [
        (1, "Protokoll"),
        (2, "Närvarande"),
        (3, "Arbetsgivaren"),
        (3, "OFR/ST"),
        (3, "Saco-S"),
        (3, "Seko"),
        (3, "Övriga"),
        (2, "§ 1 Parter och mandat (fråga 1.1)"),
        (2, "§ 2 Det nuvarande avtalet (fråga 1.3)"),
        (2, "§ 3 Vad har fungerat – och vad har inte? (fråga 1.4)"),
        (2, "§ 4 Varför samverkar vi? (fråga 2.1)"),
        (2, "§ 5 Roller, mötesformer och dokumentation (fråga 3.6)"),
        (2, "Åtgärder"),
        (2, "Ändrad beredskap"),
        (2, "Frågor att återkomma till"),
        (2, "Justering"),
    ]


def test_minutes_items_follow_the_agenda_then_other_noted_questions(session: Session):
    meeting = session.meeting("2026-11-24")
    meeting.agenda = ["2.1", "1.4", "1.1", "1.3"]
    items = [text for level, text in headings(first_minutes(session)) if text.startswith("§")]
    assert [item.split("(fråga ")[1].rstrip(")") for item in items] == ["2.1", "1.4", "1.1", "1.3", "3.6"]
    assert [item.split()[1] for item in items] == ["1", "2", "3", "4", "5"]


def test_minutes_header_names_organisation_basis_time_place_and_functions(session: Session):
    tokens = first_minutes(session)
    header = list_items(tokens[: next(i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2")])
    assert header == [
        "Organisation: Exempelmyndigheten",
        "Mötesform: Samverkansmöte",
        "Grund: Lokalt samverkansavtal",
        "Avser: Lokalt samverkansavtal 2027",
        "Datum: 2026-11-24",
        "Tid: kl. 09.00–11.30",
        "Plats: Konferensrum Ekan, plan 3",
        "Ordförande: Anna Ek (Arbetsgivaren)",
        "Sekreterare: Frida Holm (Arbetsgivaren)",
        "Justerare: Bo Berg (Arbetsgivaren), Cecilia Lind (OFR/ST)",
        "Status: Ojusterat",
    ]


def test_minutes_basis_is_the_sessions_choice(session: Session):
    session.basis = "MBL § 11"
    assert "Grund: MBL § 11" in list_items(first_minutes(session))


def test_attendance_is_grouped_by_party_with_roles(session: Session):
    tokens = first_minutes(session)
    assert list_items(section(tokens, "Arbetsgivaren", 3)) == [
        "Anna Ek, arbetsgivarföreträdare", "Bo Berg, chef", "Frida Holm, arbetsgivarföreträdare",
    ]
    assert list_items(section(tokens, "OFR/ST", 3)) == ["Cecilia Lind, fackligt förtroendevald"]
    assert list_items(section(tokens, "Övriga", 3)) == ["Göran Nyström, medarbetare"]


def test_item_shows_type_time_notes_in_time_order_and_actions(session: Session):
    item = section(first_minutes(session), "§ 2 Det nuvarande avtalet (fråga 1.3)")
    assert paragraphs(item)[0] == "Ärendetyp: Samverkansärende\nTidsåtgång: 14 min"
    assert list_items(item) == [
        "09.20 – Frida Holm (Arbetsgivaren): Nuvarande avtal från 2018 gäller tills ett nytt avtal träder i kraft.",
        "09.25 – Eva Åkesson (Seko): Seko påpekade att skyddskommitténs roll är otydlig i dagens avtal.",
        "09.31 – Åtgärd, Anna Ek (Arbetsgivaren): Ta fram en jämförelse mellan 2018 års avtal och Samverkan "
        "för framtiden. (ansvarig: Frida Holm, klart senast: 2026-12-04)",
    ]


def test_item_with_disagreement_and_statement(session: Session):
    item = section(first_minutes(session), "§ 3 Vad har fungerat – och vad har inte? (fråga 1.4)")
    texts = paragraphs(item)
    assert "Parterna är inte överens." in texts
    oenighet = texts.index("Oenighet")
    assert texts[oenighet - 1] == "Parterna är inte överens."
    assert list_items(item)[-1].startswith("10.05 – David Öberg (Saco-S): Saco-S anser att")
    # A note's own line break stays inside its list item.
    assert list_items(item)[0] == ("09.45 – Cecilia Lind (OFR/ST): Arbetsplatsträffarna fungerar väl på de "
                                   "flesta enheter.\nPå två enheter har de ställts in under hösten.")


def test_statement_is_a_verbatim_blockquote_attributed_to_the_party(session: Session):
    item = section(first_minutes(session), "§ 3 Vad har fungerat – och vad har inte? (fråga 1.4)")
    opens = [i for i, t in enumerate(item) if t.type == "blockquote_open"]
    assert len(opens) == 1
    lead = plain(item[opens[0] - 2])
    assert lead == "Protokollsanteckning från Saco-S (David Öberg), kl. 10.10:"
    close = next(i for i, t in enumerate(item) if t.type == "blockquote_close")
    quoted = [plain(item[i + 1]) for i in range(opens[0], close) if item[i].type == "paragraph_open"]
    assert quoted == [
        "Saco-S anser att avtalet måste ange när en fråga ska lyftas till förhandling enligt 14 § MBL.",
        "Vi vill att detta antecknas till protokollet.",
    ]


def test_outcome_agreed_and_adjusted_at_once(session: Session):
    item = section(first_minutes(session), "§ 4 Varför samverkar vi? (fråga 2.1)")
    texts = paragraphs(item)
    assert texts[0] == "Ärendetyp: Inför beslut\nTidsåtgång: 15 min"
    assert texts[-2:] == ["Parterna är överens.", "§ 4 förklarades omedelbart justerad."]
    # The outcome is bold, the adjustment a remark in italics.
    assert [markup(t)[0] for t in item if t.type == "inline"][-2:] == ["strong_open", "em_open"]
    assert list_items(item)[-1] == "10.55 – Parterna ställer sig bakom syftesformuleringen i svarsmallen."


def test_not_agreed_without_a_disagreement_note_still_says_so(session: Session):
    meeting = session.meeting("2026-12-08")
    tokens = parse(exporters.minutes(session, AGREEMENT, meeting))
    item = section(tokens, "§ 3 Vad ska samverkas – och vad inte? (fråga 3.1)")
    texts = paragraphs(item)
    # Saco-S's protokollsanteckning says what it is about.
    assert "Parterna är inte överens." in texts
    assert "Oenighet" not in texts
    meeting.notes = [n for n in meeting.notes if n.kind != "statement"]
    item = section(parse(exporters.minutes(session, AGREEMENT, meeting)), "§ 3 Vad ska samverkas – och vad inte? "
                                                                           "(fråga 3.1)")
    assert "Parterna är inte överens.\nVad oenigheten gäller är inte antecknat." in paragraphs(item)


def test_item_without_notes_is_listed(session: Session):
    tokens = parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-12-08")))
    item = section(tokens, "§ 2 Mål och önskade effekter (fråga 2.2)")
    assert paragraphs(item) == ["Ärendetyp: Samverkansärende", "(Inga anteckningar.)"]


def test_question_not_on_the_agenda_is_marked(session: Session):
    item = section(first_minutes(session), "§ 5 Roller, mötesformer och dokumentation (fråga 3.6)")
    assert paragraphs(item)[0] == "Frågan stod inte på dagordningen."


def test_actions_table(session: Session):
    assert tables(section(first_minutes(session), "Åtgärder")) == [[
        ["Åtgärd", "Ansvarig", "Klart senast", "Fråga", "Status"],
        ["Ta fram en jämförelse mellan 2018 års avtal och Samverkan för framtiden.", "Frida Holm", "2026-12-04",
         "1.3", "Pågår"],
        ["Sammanställa erfarenheter från arbetsplatsträffarna inför nästa möte.", "Cecilia Lind", "2026-12-04",
         "1.4", "Pågår"],
    ]]


def test_action_without_due_date_or_owner_shows_a_dash(session: Session):
    meeting = session.meeting("2026-12-08")
    meeting.notes.append(Note(at(meeting.date, "14:50"), "1.4", "action", "Boka lokal."))
    rows = tables(section(parse(exporters.minutes(session, AGREEMENT, meeting)), "Åtgärder"))[0]
    assert rows[1:] == [
        ["Boka lokal.", "–", "–", "1.4", "Pågår"],
        ["Ta fram förslag till skrivning om förhandling enligt 14 § MBL.", "Anna Ek", "–", "3.1", "Pågår"],
    ]


def test_readiness_changes_use_the_packs_labels(session: Session):
    assert tables(section(first_minutes(session), "Ändrad beredskap")) == [[
        ["Fråga", "Från", "Till", "Kl."],
        ["1.1 Parter och mandat", "2/4 (Halvvägs)", "4/4 (Klar – överens)", "09.15"],
        ["1.4 Vad har fungerat – och vad har inte?", "0/4 (Ej påbörjad)", "2/4 (Halvvägs)", "10.20"],
        ["2.1 Varför samverkar vi?", "1/4 (Påbörjad)", "3/4 (Nästan klar)", "11.00"],
    ]]


def test_revisit_questions_are_listed(session: Session):
    assert list_items(section(first_minutes(session), "Frågor att återkomma till")) == [
        "1.4 Vad har fungerat – och vad har inte? – beredskap 3/4 (Nästan klar)",
        "2.2 Mål och önskade effekter – beredskap 1/4 (Påbörjad)",
        "3.1 Vad ska samverkas – och vad inte? – beredskap 1/4 (Påbörjad)",
    ]


def test_signature_table_for_chair_secretary_and_each_adjuster(session: Session):
    justering = section(first_minutes(session), "Justering")
    assert paragraphs(justering) == []
    assert tables(justering) == [[
        ["Roll", "Namn", "Part", "Datum", "Underskrift"],
        ["Ordförande", "Anna Ek", "Arbetsgivaren", "", ""],
        ["Sekreterare", "Frida Holm", "Arbetsgivaren", "", ""],
        ["Justerare", "Bo Berg", "Arbetsgivaren", "", ""],
        ["Justerare", "Cecilia Lind", "OFR/ST", "", ""],
    ]]


def test_adjusted_minutes_say_so(session: Session):
    session.meeting("2026-11-24").justified = True
    tokens = first_minutes(session)
    assert "Status: Justerat" in list_items(tokens)
    assert paragraphs(section(tokens, "Justering")) == ["Protokollet är justerat."]


def test_motesanteckningar_title_and_grammar(followup: Session):
    followup.meetings[0].justified = True
    tokens = parse(exporters.minutes(followup, FOLLOWUP, followup.meetings[0]))
    assert headings(tokens)[0] == (1, "Mötesanteckningar")
    assert "Status: Justerade" in list_items(tokens)
    assert paragraphs(section(tokens, "Justering")) == ["Mötesanteckningarna är justerade."]


def test_sparse_meeting_renders_with_explicit_markers(session: Session):
    tokens = parse(exporters.minutes(session, AGREEMENT, session.meeting("2026-12-08-2")))
    header = list_items(tokens)[:11]
    assert header[4:] == ["Datum: 2026-12-08 (möte 2 denna dag)", "Tid: (ej angiven)", "Plats: (ej angiven)",
                          "Ordförande: (ej utsedd)", "Sekreterare: (ej utsedd)", "Justerare: (ej utsedda)",
                          "Status: Ojusterat"]
    assert paragraphs(section(tokens, "Närvarande")) == ["(Ingen närvaro antecknad.)"]
    assert paragraphs(section(tokens, "Åtgärder")) == ["Inga åtgärder antecknades."]
    assert paragraphs(section(tokens, "Justering")) == ["(Ordförande, sekreterare och justerare är inte utsedda.)"]


def test_empty_meeting_of_an_empty_session(tmp_path: Path):
    session = Session(tmp_path / "tom", "", "", AGREEMENT.id, 1, dt.datetime(2026, 1, 1))
    meeting = Meeting(id="2026-01-02", date=dt.date(2026, 1, 2))
    session.meetings.append(meeting)
    tokens = parse(exporters.minutes(session, AGREEMENT, meeting))
    assert [text for _, text in headings(tokens)] == [
        "Protokoll", "Närvarande", "Åtgärder", "Ändrad beredskap", "Frågor att återkomma till", "Justering",
    ]
    assert "Organisation: (ej angiven)" in list_items(tokens)
    tokens = parse(exporters.draft(session, AGREEMENT))
    assert headings(tokens)[0] == (1, "Lokalt samverkansavtal – utkast")


def test_unknown_ids_show_as_ids(session: Session):
    meeting = session.meeting("2026-11-24")
    meeting.attendees.append("okand")
    meeting.notes.append(Note(at(meeting.date, "11:20"), "1.1", "note", "Hej.", party="nopart", by="okand"))
    meeting.notes.append(Note(at(meeting.date, "11:21"), "9.9", "note", "Utanför paketet."))
    session.participants.append(Participant("utan", "Utan Roll", "okand-roll", "st"))
    meeting.attendees.append("utan")
    tokens = first_minutes(session)
    assert "okand" in list_items(section(tokens, "Övriga", 3))
    assert "Utan Roll, okand-roll" in list_items(section(tokens, "OFR/ST", 3))
    assert "11.20 – okand (nopart): Hej." in list_items(tokens)
    assert (2, "§ 6 Fråga 9.9") in headings(tokens)


def test_control_characters_are_shown_escaped(session: Session):
    session.organisation = "Myndigheten\x1b[2J X\x07"
    tokens = first_minutes(session)
    assert "Organisation: Myndigheten\\x1b[2J X\\x07" in list_items(tokens)


def test_notes_with_naive_and_aware_times_sort_without_error(session: Session):
    meeting = session.meeting("2026-11-24")
    meeting.notes.append(Note(dt.datetime(2026, 11, 24, 9, 1), "1.1", "note", "Utan tidszon."))
    items = list_items(section(first_minutes(session), "§ 1 Parter och mandat (fråga 1.1)"))
    assert items[0] == "09.01 – Utan tidszon."


# --- agreement draft and follow-up report ----------------------------------------------------------


def agreement(session: Session, flavour: str = "commonmark"):
    return parse(exporters.draft(session, AGREEMENT), flavour)


@pytest.mark.parametrize("flavour", list(FLAVOURS))
def test_draft_sections_in_pack_order_then_the_appendix(session: Session, flavour: str):
    found = headings(agreement(session, flavour))
    assert found[0] == (1, "Lokalt samverkansavtal – utkast")
    sections = [text for level, text in found if level == 2]
    expected = [f"{n}. {s.title}" for n, s in enumerate(sorted(AGREEMENT.sections, key=lambda s: s.order), 1)]
    assert sections == [*expected, "Bilaga: Öppna frågor"]
    assert [text for level, text in found if level == 3][-4:] == [
        "Frågor som inte är klara", "Markerade för återkomst", "Antecknad oenighet", "Öppna åtgärder",
    ]


def test_draft_header_counts_settled_questions_and_sections(session: Session):
    assert list_items(agreement(session))[:4] == [
        "Organisation: Exempelmyndigheten",
        "Process: Lokalt samverkansavtal 2027",
        "Processpaket: Lokalt samverkansavtal, version 1",
        "Status: Utkast – 3 av 26 frågor och 1 av 11 avsnitt är klara (beredskap 4/4).",
    ]


def test_only_sections_with_unsettled_questions_are_marked(session: Session):
    tokens = agreement(session)
    marked = []
    for number, out_section in enumerate(sorted(AGREEMENT.sections, key=lambda s: s.order), 1):
        body = section(tokens, f"{number}. {out_section.title}")
        first = plain(body[1])
        if first.startswith("Ej klart"):
            marked.append(out_section.id)
            assert markup(body[1])[0] == "strong_open"
    assert "parter-och-tillampningsomrade" not in marked
    assert len(marked) == len(AGREEMENT.sections) - 1


def test_unsettled_section_lists_its_readiness_and_what_is_missing(session: Session):
    body = section(agreement(session), "11. Giltighet och uppsägning")
    assert plain(body[1]) == "Ej klart — beredskap 3/4 (Nästan klar). Frågor som inte är klara:"
    assert list_items(body) == [
        "1.3 Det nuvarande avtalet – beredskap 3/4 (Nästan klar); ej ifyllt: Övergång till det nya avtalet",
    ]


def test_answers_fill_the_fields_verbatim_and_empty_ones_are_marked(session: Session):
    tokens = agreement(session)
    assert paragraphs(section(tokens, "Avtalets syfte", 3)) == [
        "Samverkan ska bidra till att utveckla verksamheten och till en god arbetsmiljö.",
        "Medarbetarna ska ha reellt inflytande över sitt arbete genom dialog med sin chef.",
    ]
    assert paragraphs(section(tokens, "Det vi bygger vidare på", 3)) == [
        "Arbetsplatsträffarna fungerar väl på de flesta enheter.\n"
        "Samverkansgruppen har fått tidig information i budgetfrågor.",
    ]
    empty = section(tokens, "Undantag och särskilda grupper", 3)
    assert paragraphs(empty) == ["(Ej ifyllt)"]
    assert markup(empty[1]) == ["em_open", "text", "em_close"]


def test_draft_never_invents_text(session: Session):
    """Every field paragraph is an answer's paragraph or the empty marker, nothing else."""
    tokens = agreement(session)
    allowed = {"(Ej ifyllt)"}
    for state in session.questions.values():
        for answer in state.answers.values():
            allowed.update(p.strip() for p in answer.split("\n\n"))
    for question in AGREEMENT.questions.values():
        for field in question.fields:
            for text in paragraphs(section(tokens, field.label, 3)):
                if text != "Beslut i samverkan" and not text.startswith("Ej klart"):
                    assert text in allowed, (field.label, text)


def test_decisions_support_the_section_they_feed(session: Session):
    body = section(agreement(session), "2. Syfte och mål")
    assert paragraphs(body)[-1] == "Beslut i samverkan"
    assert list_items(body)[-2:] == [
        "2026-11-24, fråga 2.1: Parterna ställer sig bakom syftesformuleringen i svarsmallen.",
        "2026-12-08, fråga 1.4: Parterna är överens om att beskrivningen av vad som fungerat förs in i utkastet.",
    ]


def test_appendix_lists_open_revisit_disagreements_and_actions(session: Session):
    appendix = section(agreement(session), "Bilaga: Öppna frågor")
    not_settled = list_items(section(appendix, "Frågor som inte är klara", 3))
    assert len(not_settled) == len(AGREEMENT.questions) - 3
    assert not_settled[0] == "1.3 Det nuvarande avtalet – beredskap 3/4 (Nästan klar)"
    assert list_items(section(appendix, "Markerade för återkomst", 3)) == [
        "1.4 Vad har fungerat – och vad har inte? – beredskap 3/4 (Nästan klar)",
        "2.2 Mål och önskade effekter – beredskap 1/4 (Påbörjad)",
        "3.1 Vad ska samverkas – och vad inte? – beredskap 1/4 (Påbörjad)",
    ]
    assert list_items(section(appendix, "Antecknad oenighet", 3)) == [
        "2026-11-24, fråga 1.4: Parterna var inte överens.",
        "2026-11-24, fråga 1.4, kl. 10.05 – David Öberg (Saco-S): Saco-S anser att samverkansgruppen har fått "
        "frågorna för sent; arbetsgivaren delar inte den bilden.",
        "2026-12-08, fråga 1.4: Parterna var överens.",
        "2026-12-08, fråga 3.1: Parterna var inte överens.",
    ]
    assert paragraphs(section(appendix, "Öppna åtgärder", 3)) == []
    assert tables(section(appendix, "Öppna åtgärder", 3)) == [[
        ["Åtgärd", "Ansvarig", "Klart senast", "Fråga", "Möte"],
        ["Ta fram en jämförelse mellan 2018 års avtal och Samverkan för framtiden.", "Frida Holm", "2026-12-04",
         "1.3", "2026-11-24"],
        ["Sammanställa erfarenheter från arbetsplatsträffarna inför nästa möte.", "Cecilia Lind", "2026-12-04",
         "1.4", "2026-11-24"],
        ["Ta fram förslag till skrivning om förhandling enligt 14 § MBL.", "Anna Ek", "–", "3.1", "2026-12-08"],
    ]]


def test_fully_settled_draft_has_no_marker_and_an_empty_appendix(session: Session):
    for question_id in AGREEMENT.questions:
        state = session.edit_state(question_id)
        state.readiness, state.revisit = 4, False
    session.meetings = []
    tokens = agreement(session)
    assert not any(text.startswith("Ej klart") for text in paragraphs(tokens))
    appendix = section(tokens, "Bilaga: Öppna frågor")
    assert paragraphs(appendix) == [
        "Alla frågor är klara.", "Inga frågor är markerade för återkomst.", "Ingen oenighet är antecknad.",
        "Inga åtgärder är antecknade.",
    ]
    assert [t for level, t in headings(appendix) if level == 3] == [
        "Frågor som inte är klara", "Markerade för återkomst", "Antecknad oenighet", "Öppna åtgärder",
    ]


def test_report_uses_the_follow_up_packs_wording(followup: Session):
    tokens = parse(exporters.draft(followup, FOLLOWUP))
    assert headings(tokens)[0] == (1, "Uppföljning av samverkan – rapport")
    assert list_items(tokens)[3].startswith("Status: Utkast till rapport – 3 av 20 frågor")
    assert paragraphs(tokens)[0].startswith("Rapporten är sammanställd ur parternas gemensamma svar")
    assert [t for level, t in headings(tokens) if level == 2][:2] == [
        "1. Inledning och genomförande", "2. Övergripande bild och avsedda effekter",
    ]
    assert not plain(section(tokens, "1. Inledning och genomförande")[1]).startswith("Ej klart")
    body = section(tokens, "4. Tillitsfull dialog")
    assert plain(body[1]).startswith("Ej klart — beredskap 0/4 (Ej påbörjad)")
    assert list_items(body)[-1] == "2026-10-06, fråga 3.3: Rapporten ska lyfta att parternas ståndpunkter ska " \
                                   "antecknas ordagrant."


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
