"""The central follow-up across groups (PRODUCT.md §9), headless: the pack's visit guide, the visit keys
in session.toml, gathering visits, the roll-up and the feedback sheet read back with markdown-it-py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pytest

from export_fixture import headings, list_items, parse, plain, section, tables
from samverka.errors import UserError
from samverka.exporters import rollup
from samverka.exporters.feedback import feedback
from samverka.exporters.target import check_target
from samverka.phases import builtin_packs_dir, find_pack, load_pack
from samverka.sessions.catalog import create_session
from samverka.sessions.demo_rollup import ensure_rollup_demo
from samverka.sessions.edits import set_visit
from samverka.sessions.rollup import PLAN_FILE, Plan, gather, read_plan, visits
from samverka.sessions.store import SessionStore

PACK = find_pack("uppfoljning", None)
WHEN = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
GROUPS = ["Förvaltningsgrupp kultur", "Förvaltningsgrupp utbildning", "Förvaltningsgrupp äldreomsorg",
          "Förvaltningsgrupp Norra stadsdelen", "Förvaltningsgrupp stadsbyggnad"]
AREAS = ["Förståelsen för samverkan", "Tillitsfull dialog", "Förutsättningar för samverkan",
         "Fortsatt gemensam utveckling"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sessions = tmp_path_factory.mktemp("rollup") / "sessions"
    ensure_rollup_demo(sessions, None, WHEN)
    return sessions


@pytest.fixture
def sessions(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "sessions"
    shutil.copytree(pristine, copy)
    return copy


def report(sessions: Path) -> str:
    found = gather([], [], sessions, None)
    return rollup.markdown(rollup.build([s.session for s in found.stores], found.stores[0].pack, found.plan))


# --- the pack and the session files ------------------------------------------------------------


def test_rollup_pack_has_an_identical_visit_guide_per_area():
    guide = PACK.visit
    assert guide is not None
    assert [a.title for a in guide.areas] == AREAS
    for area in guide.areas:
        assert 2 <= len(area.questions) <= 3
        assert all(PACK.questions[q].phase_id == area.phase_id for q in area.questions)
        assert guide.rating_field not in {f.id for f in PACK.questions[area.questions[0]].fields}
    assert [r.label for r in guide.ratings] == ["Fungerar väl", "Fungerar delvis", "Behöver utvecklas"]
    assert guide.rating(" fungerar DELVIS ") == guide.rating("delvis") == guide.ratings[1]
    assert guide.rating("Bra") is None and guide.rating(None) is None
    assert "egen" in guide.rating_source


def test_rollup_pack_refuses_a_visit_guide_naming_an_unknown_question(tmp_path: Path):
    text = (builtin_packs_dir() / "uppfoljning.toml").read_text(encoding="utf-8")
    broken = text.replace('questions = ["4.1", "4.2"]', 'questions = ["4.1", "9.9"]')
    (tmp_path / "uppfoljning.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_pack(tmp_path / "uppfoljning.toml")
    line = broken.splitlines().index('questions = ["4.1", "9.9"]') + 1
    assert caught.value.line == line and "okänd fråga '9.9'" in caught.value.message


def test_rollup_session_without_visit_keys_loads_and_is_not_rewritten(tmp_path: Path):
    path = create_session(tmp_path, "cesam", "Staden", "Uppföljning 2026", "uppfoljning", None)
    before = (path / "session.toml").read_bytes()
    store = SessionStore.open(path, None)
    assert store.session.group is None and store.session.visited is None
    assert store.save() == []
    assert (path / "session.toml").read_bytes() == before
    assert b"group" not in before and b"visited" not in before


def test_rollup_visit_keys_round_trip_and_keep_comments(tmp_path: Path):
    path = create_session(tmp_path, "besok", "Staden", "Uppföljning 2026", "uppfoljning", None)
    file = path / "session.toml"
    file.write_text(file.read_text(encoding="utf-8") + "# vår egen kommentar\n", encoding="utf-8")
    store = SessionStore.open(path, None)
    store.save()
    set_visit(store.session, "  Förvaltningsgrupp kultur ", dt.date(2026, 9, 18))
    assert store.save() == [file]
    again = SessionStore.open(path, None).session
    assert (again.group, again.visited) == ("Förvaltningsgrupp kultur", dt.date(2026, 9, 18))
    assert "# vår egen kommentar" in file.read_text(encoding="utf-8")
    with pytest.raises(UserError):
        set_visit(again, " ", None)


# --- gathering visits ------------------------------------------------------------------------------


def test_rollup_visits_groups_a_follow_up_for_the_picker(sessions: Path):
    found = visits(sessions, None)
    assert len(found) == 1
    follow_up = found[0]
    assert follow_up.title == "Uppföljning av samverkansavtalet 2026"
    assert [v.group for v in follow_up.visits] == GROUPS
    assert [v.day for v in follow_up.visits] == sorted(v.day for v in follow_up.visits)
    kultur, byggnad = follow_up.visits[0], follow_up.visits[-1]
    assert kultur.progress.percent == 100
    assert byggnad.progress.rated == 3 and byggnad.progress.answered < byggnad.progress.fields


def test_rollup_gather_refuses_a_session_of_another_pack(sessions: Path):
    other = create_session(sessions, "avtal", "Staden", "", "lokalt-samverkansavtal", None)
    with pytest.raises(UserError, match="hör till paketet 'lokalt-samverkansavtal'"):
        gather([other], [], sessions, None)
    with pytest.raises(UserError, match="hör till paketet 'lokalt-samverkansavtal'"):
        gather([], [sessions], sessions, None)
    assert len(gather([], [], sessions, None).stores) == 5  # the data dir: only the pack's visits


def test_rollup_gather_refuses_a_named_session_that_is_no_visit_and_passes_it_over_in_a_dir(sessions: Path):
    central = create_session(sessions, "cesam", "Älvby stad (exempel)", "Uppföljning av samverkansavtalet 2026",
                             "uppfoljning", None)
    with pytest.raises(UserError, match="inget besök"):
        gather([central], [], sessions, None)
    assert len(gather([], [sessions], sessions, None).stores) == 5


def test_rollup_gather_refuses_to_mix_follow_ups_in_the_data_dir(sessions: Path):
    path = create_session(sessions, "besok-2025", "Älvby stad (exempel)", "Uppföljning 2025", "uppfoljning", None)
    store = SessionStore.open(path, None)
    set_visit(store.session, "Förvaltningsgrupp kultur", dt.date(2025, 9, 1))
    store.save()
    with pytest.raises(UserError, match="flera uppföljningar"):
        gather([], [], sessions, None)
    assert len(gather([path], [], sessions, None).stores) == 1


def test_rollup_plan_is_found_beside_the_sessions_and_checked(sessions: Path, tmp_path: Path):
    found = gather([], [], sessions, None)
    assert found.plan.path == sessions / PLAN_FILE
    assert len(found.plan.groups) == 7
    bad = tmp_path / "plan.toml"
    bad.write_text('[[groups]]\nname = "A"\n\n[[groups]]\nname = "a"\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_plan(bad)
    assert caught.value.line == 5 and "finns redan" in caught.value.message


# --- the roll-up -----------------------------------------------------------------------------------


def test_rollup_report_coverage_names_groups_not_visited(sessions: Path):
    tokens = parse(report(sessions))
    coverage = tables(section(tokens, "Täckning"))[0]
    assert coverage[0] == ["Förvaltningsgrupp", "Förvaltning", "Besökt", "Kommentar", "Session"]
    rows = {row[0]: row for row in coverage[1:]}
    assert set(rows) == {*GROUPS, "Förvaltningsgrupp Södra stadsdelen", "Förvaltningsgrupp miljö"}
    assert rows["Förvaltningsgrupp miljö"][2] == "Ej besökt"
    assert rows["Förvaltningsgrupp miljö"][3].startswith("Besöket flyttades")
    assert rows["Förvaltningsgrupp kultur"][2] == "2026-09-14" and rows["Förvaltningsgrupp kultur"][4] == "besok-kultur"


def test_rollup_report_matrix_is_a_table_of_groups_by_areas(sessions: Path):
    matrix = tables(section(parse(report(sessions)), "Bedömning per utvecklingsområde"))[0]
    assert matrix[0] == ["Förvaltningsgrupp", *AREAS]
    assert [row[0] for row in matrix[1:]] == GROUPS
    assert matrix[1][1:] == ["Fungerar väl", "Fungerar väl", "Fungerar delvis", "Fungerar väl"]
    assert matrix[5][3] == "Saknas"


def test_rollup_report_quotes_each_group_under_its_area(sessions: Path):
    tokens = parse(report(sessions))
    area = section(tokens, "1. Förståelsen för samverkan")
    field = section(area, "2.3 Introduktion av nya chefer och förtroendevalda – Introduktion i samverkanssystemet", 4)
    items = list_items(field)
    assert items[2] == ("Förvaltningsgrupp äldreomsorg (Behöver utvecklas):\nNya enhetschefer får ingen "
                        "introduktion i samverkan. Det behövs en introduktion som är densamma i hela förvaltningen.")
    assert [item.split(" (")[0] for item in items] == GROUPS
    themes = list_items(section(area, "Teman i svaren", 3))
    assert themes[0].startswith("Introduktion av nya chefer och förtroendevalda – 5 av 5: Förvaltningsgrupp kultur")
    dialog = section(tokens, "2. Tillitsfull dialog")
    views = list_items(section(dialog, "Skilda uppfattningar inom grupperna", 3))
    assert views[1].startswith("Förvaltningsgrupp äldreomsorg, Kommunal: Parterna är inte överens")


def test_rollup_report_shows_a_missing_answer_as_missing(sessions: Path):
    tokens = parse(report(sessions))
    dialog = section(tokens, "2. Tillitsfull dialog")
    heading = "3.4 Frågor som berör flera förvaltningar eller avdelningar – Förslag till ordning"
    items = list_items(section(dialog, heading, 4))
    assert items[-1] == "Förvaltningsgrupp stadsbyggnad (Fungerar väl): Svar saknas."
    missing = list_items(section(tokens, "Saknade svar"))
    byggnad = next(m for m in missing if m.startswith("Förvaltningsgrupp stadsbyggnad:"))
    assert "bedömning av Förutsättningar för samverkan" in byggnad
    assert "3.4 Frågor som berör flera förvaltningar eller avdelningar – Förslag till ordning" in byggnad


def test_rollup_report_actions_by_level_and_statements_by_party(sessions: Path):
    tokens = parse(report(sessions))
    actions = section(tokens, "Åtgärder per nivå")
    assert [h for h in headings(actions)] == [(3, "Förvaltningsgruppen"), (3, "Förvaltningen"), (3, "Central nivå")]
    central = tables(section(actions, "Central nivå", 3))[0]
    assert central[1][:3] == ["Ta fram en ordning för frågor som berör flera förvaltningar.",
                              "Förvaltningsgrupp kultur", "Karin Sjö (Älvby stad)"]
    statements = section(tokens, "Protokollsanteckningar")
    assert [h for _, h in headings(statements)] == ["Älvby stad", "Kommunal", "Sveriges Lärare"]
    kommunal = list_items(section(statements, "Kommunal", 3))
    assert kommunal == ["Förvaltningsgrupp äldreomsorg, 2026-10-05:\nKommunal anser att schemaförändringen inom "
                        "heltidsresan skulle ha samverkats innan beslutet fattades och att medarbetarnas synpunkter "
                        "inte har kunnat påverka."]


def test_rollup_without_a_plan_cannot_name_groups_not_visited(sessions: Path):
    found = gather([], [], sessions, None)
    text = rollup.markdown(rollup.build([s.session for s in found.stores], found.stores[0].pack, Plan()))
    tokens = parse(text)
    assert [row[0] for row in tables(section(tokens, "Täckning"))[0][1:]] == GROUPS
    assert "Ingen uppföljningsplan angavs" in text
    assert list_items(tokens)[2] == "Genomförd av: –"


def test_rollup_user_text_never_breaks_the_report(sessions: Path):
    store = SessionStore.open(sessions / "besok-kultur", None)
    set_visit(store.session, "Grupp | <b>x</b>\n# rubrik", store.session.visited)
    store.session.edit_state("2.1").answers["forstaelse"] = "- lista\n\n| a | b |\n|---|---|\n## inte rubrik"
    store.session.edit_state("2.1").answers["bedomning"] = "**bra**"
    store.save()
    text = report(sessions)
    for flavour in ("commonmark", "js-default", "js-default+linkify"):
        tokens = parse(text, flavour)
        assert [t.type for t in tokens if t.type.startswith("html")] == []
        matrix = tables(section(tokens, "Bedömning per utvecklingsområde"))[0]
        assert matrix[1][:2] == ["Grupp | <b>x</b> # rubrik", "Oklar"]
        assert "## inte rubrik" not in [h for _, h in headings(tokens)]
    missing = list_items(section(parse(text), "Saknade svar"))
    assert "Grupp | <b>x</b> # rubrik: bedömningen av Förståelsen för samverkan är skriven som ”**bra**”, som " \
           "inte finns på skalan." in missing


def test_rollup_matrix_csv_for_a_spreadsheet(sessions: Path):
    found = gather([], [], sessions, None)
    built = rollup.build([s.session for s in found.stores], found.stores[0].pack, found.plan)
    rows = list(csv.reader(io.StringIO(rollup.matrix_csv(built)), delimiter=";"))
    assert rows[0] == ["Förvaltningsgrupp", "Besökt", "Session", *AREAS]
    assert [r[0] for r in rows[1:]] == GROUPS
    assert rows[5][3:] == ["Fungerar väl", "Fungerar väl", "Saknas", "Fungerar väl"]
    set_visit(found.stores[0].session, "=HYPERLINK(\"x\")", None)
    built = rollup.build([s.session for s in found.stores], found.stores[0].pack, found.plan)
    assert list(csv.reader(io.StringIO(rollup.matrix_csv(built)), delimiter=";"))[1][0] == "'=HYPERLINK(\"x\")"


# --- the feedback sheet ----------------------------------------------------------------------------


def test_rollup_feedback_sheet_gives_a_group_its_own_answers_and_the_central_feedback(sessions: Path):
    store = SessionStore.open(sessions / "besok-kultur", None)
    tokens = parse(feedback(store.session, store.pack))
    assert headings(tokens)[0] == (1, "Återkoppling till Förvaltningsgrupp kultur")
    assert tables(section(tokens, "Gruppens bedömning"))[0][1] == ["Förståelsen för samverkan", "Fungerar väl"]
    area = section(tokens, "Förutsättningar för samverkan")
    assert "Mötena ligger på tisdagar, då ombuden har sin fackliga tid." in [plain(t) for t in area
                                                                          if t.type == "inline"]
    central = [plain(t) for t in section(tokens, "Den centrala samverkansgruppens återkoppling") if t.type == "inline"]
    assert any(text.startswith("Gruppen arbetar vidare med arbetsmiljön") for text in central)
    other = SessionStore.open(sessions / "besok-norr", None)
    central = [plain(t) for t in section(parse(feedback(other.session, other.pack)),
                                         "Den centrala samverkansgruppens återkoppling") if t.type == "inline"]
    assert central == ["Återkopplingen är inte skriven ännu."]


# --- where -o may write ----------------------------------------------------------------------------


def test_rollup_output_never_goes_over_a_session_pack_plan_or_special_file(sessions: Path, tmp_path: Path):
    visit = sessions / "besok-kultur"
    meeting = next((visit / "meetings").iterdir())
    for target in (visit / "session.toml", meeting, visit / ".samverka.lock", sessions, visit / "ny.toml"):
        with pytest.raises(UserError):
            check_target(target, None)
    with pytest.raises(UserError, match="processpaket"):
        check_target(builtin_packs_dir() / "uppfoljning.toml", None)
    with pytest.raises(UserError, match="läses av"):
        check_target(sessions / PLAN_FILE, None, [sessions / PLAN_FILE])
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="ingen vanlig fil"):
        check_target(fifo, None)
    check_target(visit / "rapport.md", None)  # an export beside a session's files is fine
    check_target(tmp_path / "rapport.md", None)


def test_rollup_of_one_follow_ups_visits_is_written_into_a_directory_named_after_it(sessions: Path):
    """The picker's roll-up: the visits it lists, the plan beside them, one Markdown file in the data dir."""
    visits_listed = [v.path for v in visits(sessions, None)[0].visits]
    path = rollup.write_follow_up(visits_listed, sessions, None, sessions.parent)
    assert path == sessions.parent / "sammanstallning-uppfoljning-av-samverkansavtalet-2026.md"
    tokens = parse(path.read_text(encoding="utf-8"))
    assert tables(section(tokens, "Bedömning per utvecklingsområde"))[0][0] == ["Förvaltningsgrupp", *AREAS]
    assert "Förvaltningsgrupp miljö" in [row[0] for row in tables(section(tokens, "Täckning"))[0][1:]]
    assert rollup.write_follow_up(visits_listed, sessions, None, sessions.parent) == path  # again: replaced
