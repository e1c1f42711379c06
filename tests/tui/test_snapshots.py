"""Layout at 80×24 and 120×40: SVG snapshots of the main screen, help, overview and picker (also with a
follow-up's visits), and a visit's question card.

Update after a deliberate layout change with `pytest tests/tui/test_snapshots.py --snapshot-update`,
and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_helpers import picker_app, session_app, sessions_listed

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "COLORTERM", "TEXTUAL"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_main_screen(snap_compare, pinned_demo_path: Path, size):
    assert snap_compare(session_app(pinned_demo_path), press=["j", "j", "j"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_help(snap_compare, pinned_demo_path: Path, size):
    assert snap_compare(session_app(pinned_demo_path), press=["f1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_overview(snap_compare, pinned_demo_path: Path, size):
    assert snap_compare(session_app(pinned_demo_path), press=["o"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_picker(snap_compare, data_dir: Path, pinned_demo_path: Path, size):
    assert snap_compare(picker_app(data_dir), terminal_size=size, run_before=sessions_listed)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_picker_with_visits(snap_compare, data_dir: Path, pinned_demo_path: Path, pinned_visit_paths: list[Path],
                            size):
    assert snap_compare(picker_app(data_dir), terminal_size=size, run_before=sessions_listed)


def test_visit_card(snap_compare, pinned_visit_paths: list[Path]):
    """3.2, in the area "Tillitsfull dialog": the group's agreed rating on the pack's scale."""
    assert snap_compare(session_app(pinned_visit_paths[-1]), press=["j"] * 9, terminal_size=(80, 24))


def test_read_only_banner(snap_compare, pinned_demo_path: Path):
    assert snap_compare(session_app(pinned_demo_path, read_only=True), terminal_size=(80, 24))


def test_meeting_setup(snap_compare, pinned_demo_path: Path):
    assert snap_compare(session_app(pinned_demo_path), press=["m"], terminal_size=(80, 24))


def test_participant_form(snap_compare, pinned_demo_path: Path):
    assert snap_compare(session_app(pinned_demo_path), press=["d"], terminal_size=(80, 24))
