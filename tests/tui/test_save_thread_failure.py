"""A fault on the saving thread is said on the status line and the thread lives on; quitting keeps what
could not be saved in the recovery file; a crash of the app leaves one line and a report, never the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run
from samverka.sessions import recovery
from samverka.sessions.store import SessionStore
from tui_helpers import main_screen, read_toml, session_app, settle, today_file

SECRET = "Hemlig anteckning om lönerna"


@pytest.fixture
def faulty_write(monkeypatch: pytest.MonkeyPatch):
    """SessionStore.write raises an error nobody expects while `fault["on"]`."""
    fault = {"on": True}
    real_write = SessionStore.write

    def write(self, pending):
        if fault["on"]:
            raise RuntimeError(SECRET)
        return real_write(self, pending)

    monkeypatch.setattr(SessionStore, "write", write)
    return fault


async def status_text(app, pilot, wanted: str, seconds: float = 5.0) -> str:
    for _ in range(int(seconds / 0.1)):
        text = main_screen(app).query_one("#status").text
        if wanted in text:
            return text
        await pilot.pause(0.1)
    return main_screen(app).query_one("#status").text


def test_a_fault_on_the_saving_thread_is_shown_and_the_next_save_works(
        pinned_demo_path: Path, faulty_write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n", *"Sparas till slut", "enter")
            status = await status_text(app, pilot, "Kunde inte spara")
            assert "Kunde inte spara" in status and "internt fel (RuntimeError" in status, status
            assert SECRET not in status
            faulty_write["on"] = False
            await pilot.press("escape", "ctrl+s")
            await settle(app, pilot)
            assert (await status_text(app, pilot, "Sparat")).startswith("Sparat")
            assert any(n["text"] == "Sparas till slut" for n in read_toml(today_file(pinned_demo_path))["notes"])

    run(scenario())


def test_quitting_while_saves_fail_keeps_the_notes_in_the_recovery_file(
        pinned_demo_path: Path, faulty_write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n", *"Får inte gå förlorad", "enter")
            assert "Kunde inte spara" in await status_text(app, pilot, "Kunde inte spara")
            await pilot.press("escape", "ctrl+q")
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()

    run(scenario())
    assert recovery.waiting(pinned_demo_path)
    saved = read_toml(pinned_demo_path / recovery.NAME)
    assert [n["text"] for n in saved["notes"]] == ["Får inte gå förlorad"]


def test_a_crash_gives_one_line_and_a_report_and_keeps_the_half_typed_note(
        pinned_demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def boom() -> None:
        raise KeyError(SECRET)

    app = session_app(pinned_demo_path)

    async def scenario():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n", *"Halvskriven")
            main_screen(app).call_later(boom)
            await pilot.pause()

    with pytest.raises(KeyError):  # Pilot raises what crashed the app, for the test to see
        run(scenario())
    failed = str(app.failed)
    assert "\n" not in failed and SECRET not in failed
    assert failed.startswith("internt fel (KeyError")
    report = Path(failed.split("rapport: ")[1])
    assert report.is_relative_to(tmp_path / "state" / "samverka") and "KeyError" in report.read_text(encoding="utf-8")
    assert app._exit_renderables == []  # what Textual prints when the app is gone: a traceback with locals
    saved = read_toml(pinned_demo_path / recovery.NAME)
    assert saved["half_typed"]["text"] == "Halvskriven"
