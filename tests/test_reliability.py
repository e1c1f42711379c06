"""Never lose a note on a shared server: signals, kill -9, two facilitators, symlinks, full disks, bad files."""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import signal
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pty_app import PtyApp

from conftest import ROOT, assert_user_error
from samverka import fileio
from samverka.errors import UserError
from sessions import recovery
from sessions.model import Note
from sessions.store import SessionStore, now, open_session

TODAY = dt.date.today().isoformat()


def files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*.toml"))}


# --- two facilitators -----------------------------------------------------------------------


def test_second_opener_is_read_only_and_told_who_holds_it(demo_path: Path):
    first = open_session(demo_path, None)
    assert not first.read_only
    second = open_session(demo_path, None)
    assert second.read_only and second.lock is None
    assert second.holder is not None and second.holder.pid == os.getpid()
    assert "@" in second.holder.describe() and "sedan" in second.holder.describe()
    first.lock.release()
    third = open_session(demo_path, None)  # the holder is gone: the next opener writes
    assert not third.read_only
    third.lock.release()


def test_cli_note_refuses_while_another_process_holds_the_session(cli, demo_path: Path):
    holder = open_session(demo_path, None)
    before = files(demo_path)
    assert_user_error(cli("note", "demo", "--question", "1.1", "text"), "öppen för redigering hos")
    assert files(demo_path) == before
    holder.lock.release()
    assert cli("note", "demo", "--question", "1.1", "text").code == 0


def test_a_lock_released_by_a_killed_process_is_free(demo_path: Path):
    code = ("import sys, time; from sessions.store import open_session; "
            f"o = open_session(__import__('pathlib').Path({str(demo_path)!r}), None); "
            "print('locked', flush=True); time.sleep(60)")
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "locked"
    assert open_session(demo_path, None).read_only
    child.kill()
    child.wait()
    opened = open_session(demo_path, None)
    assert not opened.read_only  # no stale lock
    opened.lock.release()


def test_read_only_viewer_sees_changes_and_can_take_over_when_the_holder_is_gone(demo_path: Path):
    import asyncio

    from tui.app import SamverkaApp
    from tui.main_screen import MainScreen
    from tui_helpers import clock, main_screen

    holder = open_session(demo_path, None)

    async def scenario():
        app = SamverkaApp(opened=open_session(demo_path, None), clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            banner = str(main_screen(app).query_one("#banner").render())
            assert "Skrivskyddad" in banner and holder.holder is None
            assert os.uname().nodename in banner
            # the holder writes a note; the viewer shows it
            holder.store.meeting_today().notes.append(Note(now(), "1.1", "decision", "Syns hos läsaren"))
            holder.store.save()
            await pilot.pause(2.5)
            assert "Syns hos läsaren" in str(main_screen(app).query_one("#notes").render())
            assert main_screen(app).read_only
            holder.lock.release()
            await pilot.pause(2.5)
            assert "ctrl+t för att ta över" in str(main_screen(app).query_one("#banner").render())
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen) and not main_screen(app).read_only

    asyncio.run(scenario())


# --- symlinks, ownership, temp files ----------------------------------------------------------


def test_planted_symlink_at_the_lock_is_refused(demo_path: Path, tmp_path: Path):
    victim = tmp_path / "victim"
    victim.write_text("orörd")
    (demo_path / fileio.SessionLock.NAME).symlink_to(victim)
    with pytest.raises(UserError, match="symbolisk länk"):
        open_session(demo_path, None)
    assert victim.read_text() == "orörd"


def test_planted_symlink_at_the_recovery_name_is_not_followed(demo: SessionStore, tmp_path: Path):
    victim = tmp_path / "victim"
    victim.write_text("orörd")
    planted = demo.session.path / recovery.NAME
    planted.symlink_to(victim)
    found, warning = recovery.read_recovery(demo.session, set(demo.pack.questions))
    assert found is None and "ignoreras" in warning
    recovery.write_recovery(demo, ("1.1", "halv"), "test")
    assert victim.read_text() == "orörd"
    assert not planted.is_symlink() and stat.S_IMODE(planted.stat().st_mode) == 0o600


def test_stale_temp_files_of_ours_are_cleaned_on_open_and_only_ours(demo_path: Path):
    ours = demo_path / f".session.toml{fileio.TEMP_MARK}99999-abcd1234"
    ours_meeting = demo_path / "meetings" / f".2026-01-01.toml{fileio.TEMP_MARK}4242-00ff"
    other = demo_path / ".session.toml.swp"
    for path in (ours, ours_meeting, other):
        path.write_text("x")
    opened = open_session(demo_path, None, read_only=True)
    assert ours.exists()  # a reader never cleans
    opened = open_session(demo_path, None)
    assert not ours.exists() and not ours_meeting.exists() and other.exists()
    opened.lock.release()


def test_symlinked_session_file_gives_a_warning(demo_path: Path):
    real = demo_path.parent / "elsewhere.toml"
    (demo_path / "session.toml").rename(real)
    (demo_path / "session.toml").symlink_to(real)
    opened = open_session(demo_path, None, read_only=True)
    assert any("symbolisk länk" in w for w in opened.warnings)


# --- recovery -------------------------------------------------------------------------------


def test_recovery_file_holds_what_the_files_lack(demo: SessionStore):
    meeting = demo.meeting_today()
    meeting.notes.append(Note(now(), "1.2", "action", "Osparad åtgärd", owner="bo", due=dt.date(2027, 1, 9)))
    demo.session.edit_state("2.1").answers["syfte"] = "Osparat syfte"
    path = recovery.write_recovery(demo, ("1.3", "Halvskri"), "SIGHUP")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    found, warning = recovery.read_recovery(demo.session, set(demo.pack.questions))
    assert warning is None
    assert found.half_typed == ("1.3", "Halvskri")
    assert [(m, n.text, n.owner) for m, n in found.notes] == [(TODAY, "Osparad åtgärd", "bo")]
    assert found.answers == {"2.1": {"syfte": "Osparat syfte"}}
    assert "en halvskriven anteckning till fråga 1.3" in found.summary()
    fresh = SessionStore.open(demo.session.path, None)
    recovery.apply_recovery(fresh, found)
    fresh.save()
    reopened = SessionStore.open(demo.session.path, None).session
    assert reopened.meetings[-1].notes[-1].text == "Osparad åtgärd"
    assert reopened.state("2.1").answers["syfte"] == "Osparat syfte"


def test_nothing_unsaved_writes_no_recovery_file(demo: SessionStore):
    assert recovery.write_recovery(demo, None, "SIGTERM") is None
    assert not (demo.session.path / recovery.NAME).exists()


def test_broken_recovery_file_is_ignored_with_a_warning(demo: SessionStore):
    (demo.session.path / recovery.NAME).write_text("written = [\n")
    found, warning = recovery.read_recovery(demo.session, set(demo.pack.questions))
    assert found is None and warning.startswith("trasig återställningsfil ignoreras")


def test_tui_offers_to_restore_and_restores(demo: SessionStore):
    import asyncio

    from textual.widgets import Input

    from tui.screens import RestoreScreen
    from tui_helpers import main_screen, session_app, settle

    demo.meeting_today().notes.append(Note(now(), "1.2", "note", "Från förra gången"))
    recovery.write_recovery(demo, ("1.3", "Halvskri"), "SIGHUP")

    async def scenario():
        app = session_app(demo.session.path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RestoreScreen)
            await pilot.press("j")
            await pilot.pause()
            screen = main_screen(app)
            assert screen.current == "1.3"
            assert screen.query_one("#quick-note", Input).value == "Halvskri"
            await settle(app, pilot)

    asyncio.run(scenario())
    assert not (demo.session.path / recovery.NAME).exists()
    notes = tomllib.loads(next((demo.session.path / "meetings").glob(f"{TODAY}*.toml")).read_text())["notes"]
    assert notes[-1]["text"] == "Från förra gången"


# --- signals in a real terminal ---------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_signal_saves_everything_and_exits_within_two_seconds(demo_path: Path, data_dir: Path, signum):
    app = PtyApp(["open", "demo"], data_dir)
    try:
        app.wait_for("Lokalt samverkansavtal 2027")
        app.type("n")
        app.type("Hela anteckningen\r")
        app.type("Halvskriv")
        time.sleep(0.3)
        started = time.monotonic()
        app.signal(signum)
        assert app.wait_exit(2.0) is not None, "still running 2 s after the signal"
        assert time.monotonic() - started < 2.0
    finally:
        app.close()
    meeting = tomllib.loads((demo_path / "meetings" / f"{TODAY}.toml").read_text(encoding="utf-8"))
    assert meeting["notes"][-1]["text"] == "Hela anteckningen"
    rescue = demo_path / recovery.NAME
    assert stat.S_IMODE(rescue.stat().st_mode) == 0o600
    assert tomllib.loads(rescue.read_text(encoding="utf-8"))["half_typed"] == {"question": "1.1", "text": "Halvskriv"}


def test_no_raw_escape_from_user_text_reaches_the_terminal(demo_path: Path, data_dir: Path):
    evil = "A\x1b]0;PWNED\x07B\x1b[2JC\x9bD\x1b]52;c;UFdORUQ=\x07E\x1b]8;;http://evil.example\x07F\u202eG"
    store = SessionStore.open(demo_path, None)
    store.session.participants[0].name = "Anna" + evil
    store.session.title = "Titel" + evil
    store.session.edit_state("1.1").answers["arbetsgivarpart"] = "Svar" + evil
    store.meeting_today().notes.append(Note(now(), "1.1", "statement", "Not" + evil, party="st"))
    store.save()
    app = PtyApp(["open", "demo"], data_dir)
    try:
        app.wait_for("Titel")
        app.wait_for("\\x1b]0;PWNED")  # shown as visible text
        time.sleep(0.5)
        app.type("n")
        app.type(b"\x1b[200~Klistrat\x1b]0;PWNED\x07in\x1b[201~")  # bracketed paste with an escape inside
        time.sleep(0.5)
        output = bytes(app.raw).decode("utf-8", "replace")
    finally:
        app.signal(signal.SIGTERM)
        app.close()
    for raw in ("\x1b]0;PWNED", "\x1b]52;c;UFdORUQ", "\x1b]8;;http://evil", "\x9b", "\u202e"):
        assert raw not in output, repr(raw)


# --- crashes and full disks -------------------------------------------------------------------

SAVE_LOOP = """
import sys, datetime as dt
from pathlib import Path
from sessions.model import Note
from sessions.store import SessionStore, now
store = SessionStore.open(Path(sys.argv[1]), None)
meeting = store.meeting_today(dt.date(2030, 1, 1))
i = 0
print("ready", flush=True)
while True:
    i += 1
    meeting.notes.append(Note(now(), "1.1", "note", f"anteckning {i} " + "å" * (i % 50)))
    store.session.edit_state("2.1").answers["syfte"] = f"version {i}"
    store.save()
"""


def test_kill_9_during_saves_never_leaves_a_broken_file(demo_path: Path):
    rng = random.Random(42)
    kills = 0
    for _ in range(120):
        child = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(demo_path)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.05))
        child.kill()
        child.wait()
        child.stdout.close()
        kills += 1
        for path in demo_path.rglob("*.toml"):
            tomllib.loads(path.read_text(encoding="utf-8"))  # raises if a file was left half-written
        opened = open_session(demo_path, None)  # every file still validates; our stale temps go
        opened.lock.release()
    assert kills == 120
    leftovers = [p for p in demo_path.rglob("*") if fileio.TEMP_MARK in p.name]
    assert leftovers == []


def test_full_disk_names_the_file_keeps_the_old_one_and_retry_works(cli, demo_path: Path, data_dir: Path):
    session_file = demo_path / "session.toml"
    before = files(demo_path)

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

    env = {**os.environ, "SAMVERKA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "samverka", "note", "demo", "--question", "1.1", "x" * 300],
                          capture_output=True, text=True, env=env, preexec_fn=small_files)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"meetings/{TODAY}.toml" in done.stderr and "kunde inte spara" in done.stderr
    assert files(demo_path) == before
    assert not [p for p in demo_path.rglob("*") if fileio.TEMP_MARK in p.name]
    assert cli("note", "demo", "--question", "1.1", "x" * 300).code == 0
    assert session_file.read_bytes() == before["session.toml"]


def test_huge_note_is_refused_clearly(cli, demo_path: Path):
    assert_user_error(cli("note", "demo", "--question", "1.1", "y" * 20_001), "för lång")


# --- malformed files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        (b"format = 1\ntitle = \"a\x00b\"\n", "NUL", 2),
        (b"format = 1\ntitle = \"\xff\xfe\"\n", "ogiltig UTF-8", 2),
        (b"format = 1\ntitle = \"a\"\ntitle = \"b\"\n", "förekommer två gånger", 3),
        (b"format = 1\nx = " + b"9" * 5000 + b"\n", "för stort heltal", 2),
        (b"format = 1\nx = " + b"[" * 3000 + b"\n", "", None),
    ],
    ids=["nul", "bad-utf8", "duplicate-key", "huge-int", "deep-nesting"],
)
def test_malformed_session_file(cli, demo_path: Path, content: bytes, message: str, line: int | None):
    session_file = demo_path / "session.toml"
    session_file.write_bytes(content)
    result = cli("check", str(demo_path))
    prefix = f"{session_file}:{line}:" if line else f"{session_file}:"
    assert_user_error(result, prefix, message)
    assert session_file.read_bytes() == content


def test_bom_is_accepted(cli, demo_path: Path):
    session_file = demo_path / "session.toml"
    session_file.write_bytes(b"\xef\xbb\xbf" + session_file.read_bytes())
    assert cli("check", str(demo_path)).code == 0
    assert cli("note", "demo", "--question", "1.1", "med BOM").code == 0


CORPUS = sorted((Path(__file__).parent / "data" / "toml-test" / "invalid").rglob("*.toml"))


def test_toml_test_invalid_corpus_is_refused_cleanly(capsys):
    from samverka.cli import main

    assert len(CORPUS) > 150
    for path in CORPUS:
        before = path.read_bytes()
        assert main(["check", str(path)]) == 1, path
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(f"samverka: {path}"), err
        assert "Traceback" not in err
        assert path.read_bytes() == before


# --- fuzzing the round trip -------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(ANY_TEXT, min_size=1, max_size=4), answer=ANY_TEXT, name=ANY_TEXT, place=ANY_TEXT)
def test_load_edit_save_reload_is_faithful(demo_path: Path, notes, answer, name, place):
    store = SessionStore.open(demo_path, None)
    meeting = store.meeting_today(dt.date(2031, 5, 5))
    meeting.place = place
    at = now()
    for text in notes:
        meeting.notes.append(Note(at, "1.2", "statement", text, party="st"))
    store.session.edit_state("3.1").answers["mbl"] = answer
    store.session.participants[1].name = name
    store.save()
    reopened = SessionStore.open(demo_path, None).session
    assert reopened.meeting(meeting.id) == meeting
    assert reopened.state("3.1").answers["mbl"] == answer
    assert reopened.participants[1].name == name
    for path in demo_path.rglob("2031-05-05*.toml"):
        path.unlink()


def test_recovery_entries_that_do_not_fit_are_left_out_not_trusted(demo: SessionStore):
    (demo.session.path / recovery.NAME).write_text(
        'format = 1\nwritten = 2026-11-23T10:00:00+01:00\nreason = "SIGHUP"\n'
        '[[notes]]\nmeeting = "igår"\nat = 2026-11-23T10:00:00+01:00\nquestion = "1.1"\nkind = "note"\ntext = "a"\n'
        '[[notes]]\nmeeting = "2026-11-23"\nat = 2026-11-23T10:01:00+01:00\nquestion = "1.1"\nkind = "note"\n'
        'text = "behåll texten"\nparty = "zz"\nby = "okand"\n', encoding="utf-8")
    found, warning = recovery.read_recovery(demo.session, set(demo.pack.questions))
    assert warning is None
    assert [(m, n.text, n.party, n.by) for m, n in found.notes] == [("2026-11-23", "behåll texten", None, None)]
    recovery.apply_recovery(demo, found)
    demo.save()
    assert SessionStore.open(demo.session.path, None).session.meeting("2026-11-23").notes[0].text == "behåll texten"


def test_export_over_a_symlink_does_not_become_world_writable(cli, demo_path: Path, tmp_path: Path):
    link = tmp_path / "utkast.md"
    link.symlink_to(tmp_path / "saknas.md")
    old = os.umask(0o022)
    try:
        assert cli("export", "demo", "--agreement", "-o", str(link)).code == 0
    finally:
        os.umask(old)
    assert not link.is_symlink() and stat.S_IMODE(link.stat().st_mode) == 0o644


def test_one_refused_file_does_not_keep_the_others_from_being_saved(demo: SessionStore):
    session_file = demo.session.path / "session.toml"
    session_file.write_text(session_file.read_text(encoding="utf-8") + "\n# handredigerat\n", encoding="utf-8")
    demo.session.edit_state("1.2").readiness = 1
    demo.meeting_today(dt.date(2030, 3, 3)).notes.append(Note(now(), "1.1", "note", "Räddad"))
    with pytest.raises(UserError, match="ändrats på disk"):
        demo.save()
    assert "Räddad" in (demo.session.path / "meetings" / "2030-03-03.toml").read_text(encoding="utf-8")
