"""A visit of the central follow-up in the TUI (PRODUCT.md §9): `b` steps the area's agreed rating, `B` says
which group was visited when, and the export dialog gives the group's feedback sheet."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Input, Static

from conftest import NOW, run
from export_fixture import headings, parse, section, tables
from samverka.sessions.catalog import create_session
from samverka.tui.dialogs import ExportScreen, VisitScreen
from samverka.tui.screens.typing import BURST_GAP
from samverka.tui.widgets import VisitRating
from tui_helpers import main_screen, read_toml, session_app, settle

STADSBYGGNAD = -1  # the last of the demo's visits; its area "Förutsättningar för samverkan" (4.1, 4.2) is unrated


def listen(app: App) -> list[str]:
    """Every notice the app shows from now on."""
    notices: list[str] = []
    shown = app.notify

    def notify(message: str, **kwargs) -> None:
        notices.append(message)
        shown(message, **kwargs)

    app.notify = notify
    return notices


def chosen(app: App) -> str:
    """The step of the scale the card marks (●)."""
    steps = str(app.screen.query_one("#rating", VisitRating).render()).splitlines()[1].split("  ")
    marked = [step[2:] for step in steps if step.startswith("●")]
    assert len(marked) == 1, steps
    return marked[0]


def answers(path: Path, question: str) -> dict[str, str]:
    return read_toml(path / "session.toml").get("questions", {}).get(question, {}).get("answers", {})


def test_b_steps_the_areas_rating_saves_it_and_shows_it_on_the_card(pinned_visit_paths: list[Path]):
    visit = pinned_visit_paths[STADSBYGGNAD]
    assert "bedomning" not in answers(visit, "4.1")
    steps: list[tuple[str, str]] = []

    async def scenario():
        app = session_app(visit)
        async with app.run_test(size=(80, 24)) as pilot:
            await main_screen(app).go_to("4.2")  # any question of the area rates it
            assert chosen(app) == "ej bedömd"
            for _ in range(5):
                await pilot.press("b")
                await settle(app, pilot)
                steps.append((chosen(app), answers(visit, "4.1")["bedomning"]))
            await main_screen(app).go_to("4.1")  # the area's first question, where the rating is kept
            assert chosen(app) == "Fungerar väl"

    run(scenario())
    assert steps == [("Fungerar väl", "val"), ("Fungerar delvis", "delvis"), ("Behöver utvecklas", "utveckla"),
                     ("ej bedömd", ""), ("Fungerar väl", "val")]


def test_b_outside_the_areas_changes_nothing_and_says_why(pinned_visit_paths: list[Path]):
    visit = pinned_visit_paths[STADSBYGGNAD]
    before = (visit / "session.toml").read_bytes()

    async def scenario():
        app = session_app(visit)
        async with app.run_test(size=(80, 24)) as pilot:
            notices = listen(app)
            await main_screen(app).go_to("1.4")  # the overall question: no area, no rating
            assert not app.screen.query("#rating")
            await pilot.press("b")
            await settle(app, pilot)
            return notices

    notices = run(scenario())
    assert len(notices) == 1 and "hör inte till något utvecklingsområde" in notices[0]
    assert (visit / "session.toml").read_bytes() == before


def test_b_and_B_on_a_session_that_is_no_visit_change_nothing_and_say_why(pinned_demo_path: Path):
    before = (pinned_demo_path / "session.toml").read_bytes()

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            notices = listen(app)
            assert not app.screen.query("#rating")
            await pilot.press("b")
            await pilot.pause(BURST_GAP)  # distinct command keys, each deliberate: not a word
            await pilot.press("B")
            await settle(app, pilot)
            assert not isinstance(app.screen, VisitScreen)
            return notices

    notices = run(scenario())
    assert len(notices) == 2
    assert "ingen besöksguide" in notices[0] and "inga besök" in notices[1]
    assert (pinned_demo_path / "session.toml").read_bytes() == before


def test_B_makes_a_follow_up_session_a_visit_and_then_b_rates(data_dir: Path):
    path = create_session(data_dir / "sessions", "besok-miljo", "Staden", "", "uppfoljning", None)

    async def scenario():
        app = session_app(path)
        async with app.run_test(size=(120, 40)) as pilot:
            notices = listen(app)
            await main_screen(app).go_to("2.1")
            await pilot.press("b")  # no visit yet: nothing but a notice pointing to B
            assert "tryck B" in notices[-1] and not app.screen.query("#rating")
            await pilot.pause(BURST_GAP)  # distinct command keys, each deliberate: not a word
            await pilot.press("B")
            assert isinstance(app.screen, VisitScreen)
            await pilot.press(*"Förvaltningsgrupp miljö", "tab", *"2026-13-01", "ctrl+s")
            assert isinstance(app.screen, VisitScreen)  # no such day: the dialog stays and says so
            error = str(app.screen.query_one("#visit-error", Static).render())
            assert error == "Ogiltigt datum '2026-13-01': skriv ÅÅÅÅ-MM-DD."
            app.screen.query_one("#visit-day", Input).value = ""
            await pilot.press("ctrl+s")  # no day: the day of the first meeting
            await settle(app, pilot)
            assert chosen(app) == "ej bedömd"  # a visit now: the card shows the rating
            await pilot.press("b")
            await settle(app, pilot)

    run(scenario())
    saved = read_toml(path / "session.toml")
    assert saved["group"] == "Förvaltningsgrupp miljö" and saved["visited"] == NOW.date()  # no meeting held: today
    assert answers(path, "2.1")["bedomning"] == "val"


def test_B_cancelled_keeps_the_visit_as_it_was(pinned_visit_paths: list[Path]):
    visit = pinned_visit_paths[0]
    before = read_toml(visit / "session.toml")

    async def scenario():
        app = session_app(visit)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("B")
            assert app.screen.query_one("#visit-group", Input).value == "Förvaltningsgrupp kultur"
            assert app.screen.query_one("#visit-day", Input).value == before["visited"].isoformat()
            await pilot.press(*" och fritid", "escape")
            await settle(app, pilot)

    run(scenario())
    after = read_toml(visit / "session.toml")
    assert (after["group"], after["visited"]) == (before["group"], before["visited"])


def test_the_export_dialog_of_a_visit_writes_the_groups_feedback_sheet(pinned_visit_paths: list[Path]):
    visit = pinned_visit_paths[0]

    async def scenario():
        app = session_app(visit)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            assert isinstance(app.screen, ExportScreen)
            assert app.screen.query_one("#export-file", Input).value == "besok-kultur-aterkoppling.md"
            await pilot.press("ctrl+s")
            await pilot.pause()
            return str(app.screen.query_one("#export-result", Static).render())

    said = run(scenario())
    sheet = visit / "besok-kultur-aterkoppling.md"
    assert said.startswith("Skrev ") and said.endswith(str(sheet))
    tokens = parse(sheet.read_text(encoding="utf-8"))
    assert headings(tokens)[0] == (1, "Återkoppling till Förvaltningsgrupp kultur")
    ratings = tables(section(tokens, "Gruppens bedömning"))[0]
    assert ratings[0] == ["Utvecklingsområde", "Bedömning"]
    assert ratings[1] == ["Förståelsen för samverkan", "Fungerar väl"]
