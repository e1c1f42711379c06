"""Where typing goes, as a reader sees it at 80×24: the focused region framed and the status line saying
"Skriver i: Svarsmall › …" on a svarsmall field, "Kommandon …" on the notes pane.

Update after a deliberate layout change with `pytest tests/tui/test_snapshots_focus.py --snapshot-update`,
and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_helpers import session_app


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "COLORTERM", "TEXTUAL"):
        monkeypatch.delenv(name, raising=False)


def test_focus_on_a_svarsmall_field(snap_compare, pinned_demo_path: Path):
    assert snap_compare(session_app(pinned_demo_path), press=["tab"], terminal_size=(80, 24))


def test_focus_on_the_notes_pane(snap_compare, pinned_demo_path: Path):
    async def focus_notes(pilot) -> None:
        pilot.app.screen.query_one("#notes-scroll").focus()
        await pilot.pause()

    assert snap_compare(session_app(pinned_demo_path), run_before=focus_notes, terminal_size=(80, 24))
