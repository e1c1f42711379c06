"""`samverka rollup` and `samverka demo --rollup` as a user runs them: five visits in, one report out."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from conftest import assert_user_error
from export_fixture import headings, list_items, parse, plain, section, tables

GROUPS = ["Förvaltningsgrupp kultur", "Förvaltningsgrupp utbildning", "Förvaltningsgrupp äldreomsorg",
          "Förvaltningsgrupp Norra stadsdelen", "Förvaltningsgrupp stadsbyggnad"]
AREAS = ["Förståelsen för samverkan", "Tillitsfull dialog", "Förutsättningar för samverkan",
         "Fortsatt gemensam utveckling"]


def make_visits(cli) -> None:
    made = cli("demo", "--rollup", "--no-open")
    assert made.code == 0, made.err
    assert len(made.out.split()) == 5


def test_rollup_of_five_visits_prints_coverage_matrix_and_answers(cli):
    make_visits(cli)
    done = cli("rollup")
    assert done.code == 0, done.err
    tokens = parse(done.out)
    assert headings(tokens)[:5] == [(1, "Uppföljning av samverkansavtalet 2026"), (2, "Metod"), (2, "Täckning"),
                                    (2, "Bedömning per utvecklingsområde"), (2, "Övergripande bild")]
    coverage = tables(section(tokens, "Täckning"))[0]
    visited = {row[0]: row[2] for row in coverage[1:]}
    assert visited["Förvaltningsgrupp Södra stadsdelen"] == "Ej besökt"
    assert all(visited[group][:4].isdigit() for group in GROUPS)
    matrix = tables(section(tokens, "Bedömning per utvecklingsområde"))[0]
    assert matrix[0] == ["Förvaltningsgrupp", *AREAS]
    assert [row[0] for row in matrix[1:]] == GROUPS
    for number, area in enumerate(AREAS, start=1):
        answers = section(section(tokens, f"{number}. {area}"), "Gruppernas svar", 3)
        for question in headings(answers):
            items = list_items(section(answers, question[1], 4))
            assert [item.split(" (")[0].split(":")[0] for item in items] == GROUPS, question


def test_rollup_shows_a_group_without_an_answer_as_missing(cli):
    make_visits(cli)
    tokens = parse(cli("rollup").out)
    area = section(tokens, "3. Förutsättningar för samverkan")
    items = list_items(section(area, "4.2 Mötestider och facklig tid – Förbättringar", 4))
    assert "Förvaltningsgrupp Norra stadsdelen (Fungerar väl): Svar saknas." in items
    missing = list_items(section(tokens, "Saknade svar"))
    assert missing[0] == "Förvaltningsgrupp Norra stadsdelen: 4.2 Mötestider och facklig tid – Förbättringar."


def test_rollup_refuses_a_session_of_another_pack_with_one_line(cli, data_dir: Path):
    make_visits(cli)
    assert cli("demo", "--no-open").code == 0
    assert_user_error(cli("rollup", "besok-kultur", "demo"), "demo", "lokalt-samverkansavtal")
    assert_user_error(cli("rollup", "--dir", str(data_dir)), "lokalt-samverkansavtal")
    assert cli("rollup").code == 0  # the data dir: the agreement session is not a visit, and is passed over


def test_rollup_reads_visits_copied_into_several_dirs(cli, tmp_path: Path, data_dir: Path):
    make_visits(cli)
    sessions = data_dir / "sessions"
    first, second = tmp_path / "server-a", tmp_path / "server-b"
    for folder, slugs in ((first, ["besok-kultur", "besok-norr"]), (second, ["besok-utbildning"])):
        folder.mkdir()
        for slug in slugs:
            shutil.copytree(sessions / slug, folder / slug)
    shutil.copy(sessions / "uppfoljningsplan.toml", first)
    done = cli("rollup", "--dir", str(first), "--dir", str(second), "--format", "csv")
    assert done.code == 0, done.err
    rows = list(csv.reader(io.StringIO(done.out), delimiter=";"))
    assert rows[0][3:] == AREAS
    assert [r[0] for r in rows[1:]] == ["Förvaltningsgrupp kultur", "Förvaltningsgrupp utbildning",
                                        "Förvaltningsgrupp Norra stadsdelen"]


def test_rollup_writes_a_file_but_never_over_a_session(cli, tmp_path: Path, data_dir: Path):
    make_visits(cli)
    out = tmp_path / "matris.csv"
    assert cli("rollup", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith("Förvaltningsgrupp;Besökt;Session;")
    target = data_dir / "sessions" / "besok-kultur" / "session.toml"
    before = target.read_bytes()
    assert_user_error(cli("rollup", "-o", str(target)), "session")
    assert target.read_bytes() == before


def test_rollup_export_report_of_a_visit_is_the_groups_feedback_sheet(cli):
    make_visits(cli)
    done = cli("export", "besok-utbildning", "--report")
    assert done.code == 0, done.err
    tokens = parse(done.out)
    assert headings(tokens)[0] == (1, "Återkoppling till Förvaltningsgrupp utbildning")
    assert tables(section(tokens, "Gruppens bedömning"))[0][3] == ["Förutsättningar för samverkan",
                                                                  "Behöver utvecklas"]
    statements = [plain(t) for t in section(tokens, "Protokollsanteckningar") if t.type == "inline"]
    assert statements[0] == "Sveriges Lärare lämnar följande protokollsanteckning:"
