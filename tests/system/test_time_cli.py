"""The CLI under a server's TZ that is not the session's (issue 13's done-means, issue 14 class 4): a real
subprocess with env TZ set; the session keeps Swedish time, or the zone its session.toml names."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, Result, assert_user_error
from samverka.sessions.demo import ensure_demo


def note(data_dir: Path, tz: str, text: str) -> Result:
    """`samverka note demo --question 1.2 TEXT` in a shell whose TZ is `tz`."""
    env = {**os.environ, "SAMVERKA_DIR": str(data_dir), "PYTHONPATH": str(ROOT), "TZ": tz}
    done = subprocess.run([sys.executable, "-m", "samverka", "note", "demo", "--question", "1.2", text],
                          capture_output=True, text=True, env=env, timeout=60)
    return Result(done.returncode, done.stdout, done.stderr)


def saved_notes(session: Path) -> list[dict]:
    """Every note of the session's meeting files, file by file."""
    return [n for p in sorted((session / "meetings").glob("*.toml"))
            for n in tomllib.loads(p.read_text(encoding="utf-8")).get("notes", [])]


@pytest.fixture
def demo_path(data_dir: Path) -> Path:
    return ensure_demo(data_dir / "sessions" / "demo", None)


@pytest.mark.parametrize("tz", ["UTC", "America/New_York"])
def test_note_stores_and_prints_swedish_time_whatever_the_servers_tz(data_dir: Path, demo_path: Path, tz: str):
    session_toml = (demo_path / "session.toml").read_bytes()
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    done = note(data_dir, tz, f"Under TZ={tz}")
    after = dt.datetime.now(dt.UTC)
    assert done.code == 0, done.err
    stored = next(n for n in saved_notes(demo_path) if n["text"] == f"Under TZ={tz}")["at"]
    swedish = stored.astimezone(ZoneInfo("Europe/Stockholm"))
    assert before <= stored <= after
    assert stored.utcoffset() == swedish.utcoffset(), "stored with Stockholm's offset, not the server's"
    printed = re.search(r"kl\. (\d\d\.\d\d) \(Europe/Stockholm\)", done.out)
    assert printed and printed.group(1) == f"{swedish:%H.%M}", done.out
    # The meeting file is named after the Swedish day, and session.toml is not rewritten (no key added).
    assert (demo_path / "meetings" / f"{swedish.date()}.toml").is_file()
    assert (demo_path / "session.toml").read_bytes() == session_toml


def test_notes_under_different_tz_come_in_the_order_they_were_taken(data_dir: Path, demo_path: Path):
    for tz in ("America/New_York", "UTC", "Europe/Stockholm", "Asia/Tokyo"):
        assert note(data_dir, tz, f"Under {tz}").code == 0
    mine = [n for n in saved_notes(demo_path) if n["text"].startswith("Under ")]
    assert [n["text"] for n in mine] == ["Under America/New_York", "Under UTC", "Under Europe/Stockholm",
                                         "Under Asia/Tokyo"]
    assert len({n["at"].utcoffset() for n in mine}) == 1  # one zone in the file, whatever each shell had
    assert [n["at"] for n in mine] == sorted(n["at"] for n in mine)


def test_a_session_names_its_own_zone(data_dir: Path, demo_path: Path):
    session_toml = demo_path / "session.toml"
    session_toml.write_text('timezone = "America/New_York"\n' + session_toml.read_text(encoding="utf-8"),
                            encoding="utf-8")
    done = note(data_dir, "Europe/Stockholm", "I New York")
    assert done.code == 0, done.err
    stored = next(n for n in saved_notes(demo_path) if n["text"] == "I New York")["at"]
    assert stored.utcoffset() == stored.astimezone(ZoneInfo("America/New_York")).utcoffset()
    assert "(America/New_York)" in done.out


def test_an_unknown_zone_is_one_line_and_exit_1(cli, data_dir: Path, demo_path: Path):
    session_toml = demo_path / "session.toml"
    session_toml.write_text('timezone = "Stockholm"\n' + session_toml.read_text(encoding="utf-8"),
                            encoding="utf-8")
    assert_user_error(cli("check", str(demo_path)), "session.toml:1", "okänd tidszon 'Stockholm'")
    assert_user_error(note(data_dir, "UTC", "Nej"), "okänd tidszon")
