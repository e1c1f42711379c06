"""The command line as a user runs it: a subprocess, exit codes, one-line errors, files on disk."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from conftest import assert_user_error, meeting_files, wall_days


def test_new_then_list_then_check(cli, data_dir: Path):
    made = cli("new", "avtal-2027", "--org", "Myndigheten X", "--title", "Lokalt samverkansavtal 2027")
    assert made.code == 0, made.err
    path = Path(made.out.strip())
    assert path == data_dir / "sessions" / "avtal-2027"
    data = tomllib.loads((path / "session.toml").read_text(encoding="utf-8"))
    assert data["organisation"] == "Myndigheten X" and data["pack"] == "lokalt-samverkansavtal"
    listed = cli("list")
    assert listed.code == 0
    assert listed.out.split("  ") == ["avtal-2027", "Lokalt samverkansavtal 2027", "lokalt-samverkansavtal",
                                      "0 möten", "0 anteckningar", "0 %", "0 öppna åtgärder\n"]
    checked = cli("check", str(path))
    assert checked.code == 0 and checked.out.startswith("ok:")


def test_new_with_the_followup_pack_and_errors(cli):
    assert cli("new", "uppf", "--org", "Staden", "--pack", "uppfoljning").code == 0
    assert_user_error(cli("new", "uppf", "--org", "Staden"), "finns redan")
    assert_user_error(cli("new", "x", "--org", "Staden", "--pack", "saknas"), "okänt processpaket 'saknas'")
    assert_user_error(cli("new", "Fel Namn", "--org", "Staden"), "ogiltigt namn")
    assert cli("new", "y").code == 2  # --org is required: bad usage


def test_demo_creates_a_working_session(cli, data_dir: Path):
    result = cli("demo", "--no-open")
    assert result.code == 0, result.err
    path = Path(result.out.strip())
    assert (path / "session.toml").is_file()
    meetings = list((path / "meetings").glob("*.toml"))
    assert len(meetings) == 1
    notes = tomllib.loads(meetings[0].read_text(encoding="utf-8"))["notes"]
    assert {n["kind"] for n in notes} == {"note", "decision", "action", "disagreement", "statement"}
    assert cli("demo", "--no-open").out == result.out  # idempotent
    assert "demo  Lokalt samverkansavtal 2027" in cli("list").out


def test_note_appends_to_todays_meeting(cli, demo_path: Path):
    with wall_days() as days:
        result = cli("note", "demo", "--question", "1.2", "--kind", "åtgärd", "--party", "st", "--by", "cecilia",
                     "--owner", "bo", "--due", "2026-12-15", "Boka", "lokal", "för", "APT")
        assert result.code == 0, result.err
        assert cli("note", "demo", "--question", "1.2", "--kind", "protokollsanteckning", "--party", "ag",
                   "Arbetsgivaren delar bilden.").code == 0
    # Both in today's meeting; in two meetings when midnight came between them.
    first, second = [note for path in meeting_files(demo_path, days)
                     for note in tomllib.loads(path.read_text(encoding="utf-8"))["notes"]]
    assert first == {**first, "question": "1.2", "kind": "action", "party": "st", "by": "cecilia",
                     "owner": "bo", "due": dt.date(2026, 12, 15), "text": "Boka lokal för APT"}
    assert second["kind"] == "statement" and second["text"] == "Arbetsgivaren delar bilden."
    assert cli("check", str(demo_path)).code == 0


def test_note_errors(cli, demo_path: Path):
    before = {p: p.read_bytes() for p in demo_path.rglob("*.toml")}
    assert_user_error(cli("note", "demo", "--question", "9.9", "text"), "okänd fråga '9.9'")
    assert_user_error(cli("note", "demo", "--question", "1.1", "--kind", "skämt", "text"), "okänd sort 'skämt'")
    assert_user_error(cli("note", "demo", "--question", "1.1", "--party", "lo", "text"), "okänd part 'lo'")
    assert_user_error(cli("note", "demo", "--question", "1.1", "--by", "zed", "text"), "okänd deltagare 'zed'")
    assert_user_error(cli("note", "demo", "--question", "1.1", "--owner", "bo", "text"), "bara åtgärder")
    assert_user_error(cli("note", "demo", "--question", "1.1", "--kind", "action", "--due", "i morgon", "t"),
                      "ogiltigt datum")
    assert_user_error(cli("note", "saknas", "--question", "1.1", "text"), "session.toml saknas")
    assert_user_error(cli("note", "demo", "--question", "1.1", " "), "tom")
    assert cli("note", "demo", "text").code == 2
    assert {p: p.read_bytes() for p in demo_path.rglob("*.toml")} == before


def test_broken_toml_is_named_with_line_and_left_byte_identical(cli, demo_path: Path):
    session_file = demo_path / "session.toml"
    broken = session_file.read_bytes().replace(b'basis = "', b'basis = ', 1)
    session_file.write_bytes(broken)
    line = broken.decode().splitlines().index(next(x for x in broken.decode().splitlines()
                                                    if x.startswith("basis = "))) + 1
    for args in (("check", str(demo_path)), ("note", "demo", "--question", "1.1", "x"), ("list",)):
        result = cli(*args)
        assert_user_error(result, f"{session_file}:{line}:")
    assert session_file.read_bytes() == broken


def test_newer_format_is_refused_and_never_overwritten(cli, demo_path: Path):
    session_file = demo_path / "session.toml"
    text = session_file.read_bytes().replace(b"format = 1", b"format = 99", 1)
    session_file.write_bytes(text)
    with wall_days() as days:
        assert_user_error(cli("note", "demo", "--question", "1.1", "x"), "format 99", "uppgradera")
    assert session_file.read_bytes() == text
    assert meeting_files(demo_path, days) == []


def test_check_a_pack_file(cli, tmp_path: Path):
    from samverka.phases import builtin_packs_dir

    ok = cli("check", str(builtin_packs_dir() / "uppfoljning.toml"))
    assert ok.code == 0 and "paket 'uppfoljning'" in ok.out
    bad = tmp_path / "trasig.toml"
    bad.write_text('id = "trasig"\nversion = "ett"\n', encoding="utf-8")
    assert_user_error(cli("check", str(bad)), f"{bad}:")
    assert_user_error(cli("check", str(tmp_path / "finns-inte")), "session.toml saknas")


def test_packs_lists_builtin_and_user_packs(cli, data_dir: Path):
    from samverka.phases import builtin_packs_dir

    user = data_dir / "packs"
    user.mkdir(parents=True)
    text = (builtin_packs_dir() / "uppfoljning.toml").read_text(encoding="utf-8")
    (user / "var-egen.toml").write_text(text.replace('id = "uppfoljning"', 'id = "var-egen"', 1), "utf-8")
    result = cli("packs")
    assert result.code == 0
    ids = [line.split("  ")[0] for line in result.out.splitlines()]
    assert ids == ["lokalt-samverkansavtal", "lokalt-samverkansavtal-kommun", "uppfoljning", "var-egen"]
    assert result.out.splitlines()[0].endswith("inbyggt")
    other = cli("--packs", str(user), "packs")
    assert other.out == result.out


def test_dir_option_overrides_environment(cli, tmp_path: Path):
    elsewhere = tmp_path / "annan"
    assert cli("--dir", str(elsewhere), "new", "a", "--org", "O").code == 0
    assert (elsewhere / "sessions" / "a" / "session.toml").is_file()
    assert cli("list").out == ""


def test_open_without_a_terminal_is_a_user_error(cli, demo_path: Path):
    assert_user_error(cli("open", "demo"), "terminal")
    assert_user_error(cli("open", "finns-inte"), "session.toml saknas")


def test_usage_errors_exit_2(cli):
    assert cli("nonsense").code == 2
    assert cli("export", "demo").code == 2
    assert cli("--help").code == 0


def test_export_minutes_draft_and_report(cli, demo_path: Path, tmp_path: Path):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    minutes = cli("export", "demo", "--minutes")
    assert minutes.code == 0, minutes.err
    tokens = md.parse(minutes.out)
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    assert headings[0].startswith("Protokoll från ") and " – möte nr " in headings[0]
    assert any(h.startswith("§ ") and h.endswith("Parter och mandat") for h in headings)  # no question numbers
    status = cli("export", "demo", "--status")
    assert status.code == 0, status.err
    status_headings = [t.content for t in md.parse(status.out) if t.type == "inline"]
    assert status_headings[0].startswith("Arbetsläge") and "Hur klara är vi?" in status_headings
    assert "Hur klara" not in minutes.out  # what leaves the signed record is in the Arbetsläge
    assert cli("export", "demo", "--status", "--meeting", "latest").code == 0
    meeting_id = next((demo_path / "meetings").glob("*.toml")).stem
    assert cli("export", "demo", "--minutes", "--meeting", meeting_id).out == minutes.out
    draft = cli("export", "demo", "--agreement")
    assert draft.code == 0 and "Ej klart" in draft.out
    target = tmp_path / "utkast.md"
    assert cli("export", "demo", "--agreement", "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8") == draft.out
    assert_user_error(cli("export", "demo", "--report"), "ger inte rapport", "--agreement")
    assert_user_error(cli("export", "demo", "--minutes", "--meeting", "2020-01-01"), "inget möte 2020-01-01")
    assert_user_error(cli("export", "demo", "--minutes", "--meeting", "igår"), "ogiltigt möte")
    assert_user_error(cli("export", "demo", "--agreement", "-o", str(tmp_path / "saknas" / "x.md")),
                      "kunde inte spara")


def test_export_report_for_the_followup_pack(cli):
    assert cli("new", "uppf", "--org", "Staden", "--pack", "uppfoljning").code == 0
    report = cli("export", "uppf", "--report")
    assert report.code == 0 and report.out.startswith("# ")
    assert_user_error(cli("export", "uppf", "--agreement"), "--report")
    assert_user_error(cli("export", "uppf", "--minutes"), "inga möten")


def test_new_names_the_group_that_meets_and_the_minutes_heading_follows(cli, data_dir: Path):
    made = cli("new", "kultur", "--org", "Staden", "--group", "Förvaltningsgrupp kultur", "--registry", "KS 2026/7")
    assert made.code == 0, made.err
    session = tomllib.loads((data_dir / "sessions" / "kultur" / "session.toml").read_text(encoding="utf-8"))
    assert (session["group"], session["registry"]) == ("Förvaltningsgrupp kultur", "KS 2026/7")
    assert cli("note", "kultur", "--question", "1.1", "Första anteckningen").code == 0
    minutes = cli("export", "kultur", "--minutes").out
    assert minutes.splitlines()[0].startswith("# Protokoll från Förvaltningsgrupp kultur – möte nr 1/")
    assert "- **Dnr:** KS 2026/7" in minutes.splitlines()
    plain = cli("new", "utan", "--org", "Staden")
    assert plain.code == 0 and "group" not in (data_dir / "sessions" / "utan" / "session.toml").read_text("utf-8")
