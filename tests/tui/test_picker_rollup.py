"""The picker and a central follow-up (PRODUCT.md §9): the visits listed together under their follow-up, and
`r` writing the follow-up's roll-up into the data directory."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from conftest import run
from export_fixture import parse, section, tables
from samverka.tui.screens.picker import PickerScreen
from tui_helpers import picker_app, sessions_listed

TITLE = "Uppföljning av samverkansavtalet 2026"
GROUPS = ["Förvaltningsgrupp kultur", "Förvaltningsgrupp utbildning", "Förvaltningsgrupp äldreomsorg",
          "Förvaltningsgrupp Norra stadsdelen", "Förvaltningsgrupp stadsbyggnad"]
AREAS = ["Förståelsen för samverkan", "Tillitsfull dialog", "Förutsättningar för samverkan",
         "Fortsatt gemensam utveckling"]
ROLLUP = "sammanstallning-uppfoljning-av-samverkansavtalet-2026.md"


def rows(listing: OptionList) -> list[tuple[str, str | None, bool]]:
    """Each option as (its first line, its id, whether it can be picked)."""
    return [(str(o.prompt).splitlines()[0].strip(), o.id, not o.disabled) for o in listing.options]


def test_the_picker_lists_a_follow_ups_visits_together_under_it(data_dir: Path, pinned_demo_path: Path,
                                                                 pinned_visit_paths: list[Path]):
    async def scenario():
        app = picker_app(data_dir)
        async with app.run_test(size=(120, 40)) as pilot:
            await sessions_listed(pilot)
            listing = app.screen.query_one("#sessions", OptionList)
            listed = rows(listing)
            picked = []
            for _ in range(sum(row[2] for row in listed)):  # ↓ through the list: the heading is passed over
                picked.append(listing.highlighted_option.id)
                await pilot.press("down")
            return listed, picked

    listed, picked = run(scenario())
    assert listed[0][1] == str(pinned_demo_path)  # another pack's session, on its own, as before
    heading = listed[1]
    assert heading[0] == f"{TITLE} — Älvby stad (exempel)" and heading[1] is None and not heading[2]
    visits = listed[2:]
    assert [row[1] for row in visits] == [str(p) for p in pinned_visit_paths]  # by the day of the visit
    for (line, _, selectable), group in zip(visits, GROUPS, strict=True):
        assert line.startswith(group) and selectable
    kultur, stadsbyggnad = visits[0][0].split(), visits[-1][0].split()
    assert "2026-09-14" in kultur and kultur[-5:-1] == ["100", "%", "·", "4/4"]
    assert stadsbyggnad[-3:-1] == ["·", "3/4"]  # one area not rated yet
    assert picked == [str(pinned_demo_path), *(str(p) for p in pinned_visit_paths)]


def test_r_on_a_visit_writes_the_roll_up_into_the_data_dir_and_says_where(data_dir: Path, pinned_demo_path: Path,
                                                                         pinned_visit_paths: list[Path]):
    async def scenario():
        app = picker_app(data_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await sessions_listed(pilot)
            await pilot.press("down", "down", "r")  # the demo, the first visit, the third
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, PickerScreen)
            return str(app.screen.query_one("#picker-result", Static).render())

    said = run(scenario())
    written = data_dir / ROLLUP
    assert said.startswith("Sammanställningen (5 besök) skrevs till") and said.replace("\n", "").endswith(str(written))
    tokens = parse(written.read_text(encoding="utf-8"))
    matrix = tables(section(tokens, "Bedömning per utvecklingsområde"))[0]
    assert matrix[0] == ["Förvaltningsgrupp", *AREAS]
    assert [row[0] for row in matrix[1:]] == GROUPS
    coverage = tables(section(tokens, "Täckning"))[0]  # the plan beside the sessions was read
    assert "Förvaltningsgrupp miljö" in [row[0] for row in coverage[1:]]


def test_r_on_a_session_that_is_no_visit_writes_nothing_and_says_why(data_dir: Path, pinned_demo_path: Path,
                                                                     pinned_visit_paths: list[Path]):
    notices: list[str] = []

    async def scenario():
        app = picker_app(data_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await sessions_listed(pilot)
            app.notify = lambda message, **kwargs: notices.append(message)
            await pilot.press("r")  # the demo session is highlighted
            await app.workers.wait_for_complete()

    run(scenario())
    assert len(notices) == 1 and "Välj ett besök" in notices[0]
    assert not (data_dir / ROLLUP).exists()


def test_without_visits_the_picker_offers_no_roll_up(data_dir: Path, pinned_demo_path: Path):
    async def scenario():
        app = picker_app(data_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await sessions_listed(pilot)
            return "r" in app.screen.active_bindings

    assert run(scenario()) is False
