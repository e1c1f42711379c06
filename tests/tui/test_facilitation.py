"""The facilitation TUI driven headless with Pilot: press keys, then read the saved files and the screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, TextArea

from conftest import NOW, meeting_on, run
from samverka.sessions.opened import open_session
from samverka.tui.app import SamverkaApp
from samverka.tui.commands import COMMANDS, OTHER_KEYS
from samverka.tui.dialogs import HelpScreen, MeetingScreen, OverviewScreen
from samverka.tui.screens.main import MainScreen
from samverka.tui.screens.typing import BURST_GAP
from samverka.tui.widgets import Guidance, KeyBar, MeetingBar, NotesView, PhaseNav
from tui_helpers import main_screen, picker_app, read_toml, session_app, sessions_listed, settle, today_file


def test_j_k_and_arrows_in_the_navigation_move_between_questions(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            assert screen.current == "1.1"
            await pilot.press("j", "j")
            assert screen.current == "1.3"
            await pilot.press("k")
            assert screen.current == "1.2"
            for _ in range(4):
                await pilot.press("j")
            assert screen.current == "2.1"  # across the phase border
            main_screen(app).query_one(PhaseNav).focus()
            await pilot.press("down")
            assert screen.current == "2.2"
            await pilot.press("up", "up")
            assert screen.current == "1.5"

    run(scenario())


def test_readiness_keys_are_saved_with_their_changes(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(5):
                await pilot.press("j")  # 2.1, readiness 0
            await pilot.press("plus", "plus", "minus", "3")
            await settle(app, pilot)
            assert "3/4 · Nästan klar" in str(main_screen(app).query_one("#slider").render())
            await pilot.press("0", "4")
            await settle(app, pilot)

    run(scenario())
    session = read_toml(pinned_demo_path / "session.toml")
    assert session["questions"]["2.1"]["readiness"] == 4
    changes = read_toml(today_file(pinned_demo_path))["readiness_changes"]
    assert [(c["question"], c["from"], c["to"]) for c in changes] == [
        ("2.1", 0, 1), ("2.1", 1, 2), ("2.1", 2, 1), ("2.1", 1, 3), ("2.1", 3, 0), ("2.1", 0, 4)]
    assert changes[0]["at"] == NOW


def test_r_toggles_the_revisit_mark(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("j")
            await pilot.pause(BURST_GAP)  # distinct command keys, each deliberate: not a word
            await pilot.press("r")
            await settle(app, pilot)
            assert read_toml(pinned_demo_path / "session.toml")["questions"]["1.2"]["revisit"] is True
            assert "↺" in str(main_screen(app).query_one(PhaseNav).get_option("1.2").prompt)
            await pilot.press("r")
            await settle(app, pilot)
            assert read_toml(pinned_demo_path / "session.toml")["questions"]["1.2"]["revisit"] is False

    run(scenario())


def test_quick_notes_of_every_kind(pinned_demo_path: Path):
    typed = [
        "Vanlig anteckning om läget",
        "b: Parterna är överens om tidplanen #ag",
        "a: Boka lokal till nästa möte @bo 2026-12-15",
        "o: Ej överens om nivåerna #saco",
        "p: #st OFR/ST vill se en samverkansgrupp per regionkontor.",
    ]

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("j", "n")
            assert isinstance(app.focused, Input)
            await pilot.press(*typed[0], "enter")  # typed key by key; the rest pasted (Pilot keys are slow)
            for line in typed[1:]:
                main_screen(app).query_one("#quick-note", Input).value = line
                await pilot.press("enter")
            assert main_screen(app).query_one("#quick-note", Input).value == ""
            await pilot.press("escape")
            assert not isinstance(app.focused, Input)
            await pilot.press("j")  # keys work again outside the input
            assert main_screen(app).current == "1.3"
            await settle(app, pilot)

    run(scenario())
    notes = read_toml(today_file(pinned_demo_path))["notes"]
    assert [(n["question"], n["kind"], n["text"]) for n in notes] == [
        ("1.2", "note", "Vanlig anteckning om läget"),
        ("1.2", "decision", "Parterna är överens om tidplanen"),
        ("1.2", "action", "Boka lokal till nästa möte"),
        ("1.2", "disagreement", "Ej överens om nivåerna"),
        ("1.2", "statement", "OFR/ST vill se en samverkansgrupp per regionkontor."),
    ]
    assert notes[1]["party"] == "ag" and notes[3]["party"] == "saco" and notes[4]["party"] == "st"
    assert notes[2]["owner"] == "bo" and str(notes[2]["due"]) == "2026-12-15"


def test_notes_pane_shows_this_and_earlier_meetings_with_kind_and_party(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("j", "j", "j")  # 1.4 has notes from the demo meeting
            await pilot.press("n", *"Ny tanke #seko", "enter")
            shown = str(main_screen(app).query_one(NotesView).render())
            assert shown.index("Detta möte") < shown.index("Ny tanke") < shown.index("Tidigare möten")
            assert "Protokollsanteckning: [OFR/ST] Cecilia Nyberg: Det nya avtalet bör slå fast" in shown
            assert "Oenighet: [OFR/ST]" in shown
            assert "[Seko] Ny tanke" in shown

    run(scenario())


def test_user_text_is_shown_as_text_never_markup_or_escapes(pinned_demo_path: Path):
    hostile = "[b]fet[/b] [link=x]l[/] \x1b[2J\x9b31m slut"

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")
            main_screen(app).query_one("#quick-note", Input).value = hostile
            await pilot.press("enter")
            shown = str(main_screen(app).query_one(NotesView).render())
            assert "[b]fet[/b] [link=x]l[/] \\x1b[2J\\x9b31m slut" in shown
            assert "\x1b" not in shown and "\x9b" not in shown

    run(scenario())


def test_answers_typed_in_place_are_saved(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(5):
                await pilot.press("j")
            area = main_screen(app).query_one("#answer--syfte", TextArea)
            area.focus()
            await pilot.press(*"Bättre beslut")
            await pilot.press("j")  # typing, not navigation
            assert main_screen(app).current == "2.1"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert "Sparat 10:00:00" in str(main_screen(app).query_one("#status").render())

    run(scenario())
    answers = read_toml(pinned_demo_path / "session.toml")["questions"]["2.1"]["answers"]
    assert answers["syfte"] == "Bättre beslutj"


def test_field_edits_are_saved_without_ctrl_s(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            main_screen(app).query_one("#canvas--foretradare", TextArea).focus()
            await pilot.press(*"Två per part")
            await pilot.pause(1.2)
            await settle(app, pilot)

    run(scenario())
    canvas = read_toml(pinned_demo_path / "session.toml")["questions"]["1.1"]["canvas"]
    assert canvas["foretradare"] == "Två per part"


def test_overview_lists_readiness_and_revisit_and_jumps(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("o")
            assert isinstance(app.screen, OverviewScreen)
            listing = app.screen.query_one("#overview-list")
            prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
            assert any(p.startswith("Fas 1 Utgångsläge och lärdomar") for p in prompts)
            assert any("● 1.1 Parter och mandat · Klar" in p for p in prompts)
            revisit_at = next(i for i, p in enumerate(prompts) if p.startswith("Återkom (1)"))
            assert "1.4" in prompts[revisit_at + 1]
            listing.highlighted = revisit_at + 1
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert main_screen(app).current == "1.4"

    run(scenario())


def test_meeting_setup_saves_place_attendance_and_roles(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("m")
            assert isinstance(app.screen, MeetingScreen)
            app.screen.query_one("#place", Input).value = "Rum 4"
            app.screen.query_one("#attendees").select_all()
            await pilot.press("ctrl+s")
            await settle(app, pilot)

    run(scenario())
    meeting = read_toml(today_file(pinned_demo_path))
    assert meeting["place"] == "Rum 4"
    assert meeting["attendees"] == ["anna", "bo", "cecilia", "david", "eva", "fredrik"]


def test_help_lists_every_key(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one("#help-body Static").render())
            for command in COMMANDS:
                assert command.key_display in text and command.description in text
            for key, description in OTHER_KEYS:
                assert key in text and description in text
            for key, description in (("F2", "Justera föregående"), ("F3", "Ny deltagare"),
                                     ("ctrl+y", "Kopiera till urklipp"), ("escape", "Lägg undan filen")):
                assert f"  {key:<16}{description}" in text
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)

    run(scenario())


def test_command_palette_runs_commands_by_category_name(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("j", "j")  # 1.3, readiness 1
            await pilot.press("ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"Hur klara: Ett steg klarare")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause(0.3)
            await settle(app, pilot)
            assert main_screen(app).session.readiness("1.3") == 2

    run(scenario())


def test_ctrl_q_saves_and_quits(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n", *"Sista ordet", "ctrl+q")
            await pilot.pause()
        return app.return_code

    assert run(scenario()) == 0
    assert read_toml(today_file(pinned_demo_path))["notes"][-1]["text"] == "Sista ordet"


def test_read_only_changes_nothing(pinned_demo_path: Path):
    before = {p: p.read_bytes() for p in pinned_demo_path.rglob("*.toml")}

    async def scenario():
        app = session_app(pinned_demo_path, read_only=True)
        async with app.run_test(size=(120, 40)) as pilot:
            assert "Skrivskyddad" in str(app.screen.query_one("#banner").render())
            await pilot.press("plus", "3", "r", "n", *"x", "enter", "ctrl+s")
            assert main_screen(app).session.readiness("1.1") == 4
            await pilot.press("ctrl+q")

    run(scenario())
    assert {p: p.read_bytes() for p in pinned_demo_path.rglob("*.toml")} == before


def test_narrow_terminal_collapses_navigation_and_too_small_says_so(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            assert not main_screen(app).query_one(PhaseNav).display
            await pilot.press("v")
            assert main_screen(app).query_one(PhaseNav).display
            await pilot.press("v")
            await pilot.resize_terminal(70, 20)
            await pilot.pause()
            assert "för liten (70×20)" in str(app.screen.query_one("#too-small").render())

    run(scenario())


def test_picker_lists_sessions_and_creates_a_new_one(data_dir: Path, pinned_demo_path: Path):
    async def scenario():
        app = picker_app(data_dir)
        async with app.run_test(size=(120, 40)) as pilot:
            await sessions_listed(pilot)
            listing = app.screen.query_one("#sessions")
            assert "Lokalt samverkansavtal 2027" in str(listing.get_option_at_index(0).prompt)
            await pilot.press("n")
            await pilot.press(*"uppf-2027")
            await pilot.press("tab", *"Staden", "tab", *"Uppföljning 2027")
            await pilot.press("ctrl+s")
            await pilot.pause(0.3)
            assert isinstance(app.screen, MainScreen)
            assert main_screen(app).session.title == "Uppföljning 2027"

    run(scenario())
    created = read_toml(data_dir / "sessions" / "uppf-2027" / "session.toml")
    assert created["organisation"] == "Staden" and created["pack"] == "lokalt-samverkansavtal"


def test_e_exports_minutes_and_draft_into_the_session_dir(pinned_demo_path: Path):
    from markdown_it import MarkdownIt

    from samverka.tui.dialogs import ExportScreen

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            assert isinstance(app.screen, ExportScreen)
            await pilot.press("ctrl+s")  # the first choice: the agreement draft
            for _ in range(2):  # the Arbetsläge, then the demo meeting's minutes
                await pilot.press("down")
                await pilot.pause()
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert "Skrev" in str(app.screen.query_one("#export-result").render())

    run(scenario())
    md = MarkdownIt("commonmark").enable("table")
    draft = (pinned_demo_path / "demo-avtalsutkast.md").read_text(encoding="utf-8")
    assert md.parse(draft)[1].content.startswith("Lokalt samverkansavtal")
    status = next(pinned_demo_path.glob("demo-arbetslage*.md")).read_text(encoding="utf-8")
    assert md.parse(status)[1].content.startswith("Arbetsläge")
    minutes = next(pinned_demo_path.glob("demo-protokoll-*.md")).read_text(encoding="utf-8")
    heading = md.parse(minutes)[1].content
    assert heading.startswith("Protokoll från ") and " – möte nr " in heading


def test_export_dialog_copies_to_the_clipboard(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e", "down", "down", "ctrl+y")  # past the draft and the Arbetsläge: the minutes
            await pilot.pause()
            return app.clipboard

    copied = run(scenario())
    assert copied.startswith("# Protokoll")


def test_a_huge_note_from_a_file_is_shown_cut_short(pinned_demo_path: Path):
    import datetime as dt

    from samverka.sessions.model import Note
    from samverka.sessions.store import SessionStore

    store = SessionStore.open(pinned_demo_path, None)
    meeting_on(store, dt.date(2026, 11, 20)).notes.append(Note(NOW, "1.1", "note", "å" * 1_000_000))
    store.save()

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return str(main_screen(app).query_one(NotesView).render())

    shown = run(scenario())
    assert "(998000 tecken till)" in shown and len(shown) < 10_000


def test_parties_and_people_added_in_the_tui_keep_the_session_loadable(pinned_demo_path: Path):
    from samverka.sessions.store import SessionStore

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("d")
            main_screen(app)  # the dialog is on top
            app.screen.query_one("#party-kind").select("arbetstagare")  # chosen each time, never a default
            app.screen.query_one("#party-name", Input).value = "Vision [/]"
            app.screen.query_one("#party-name", Input).focus()
            await pilot.press("enter")  # adds the party and picks it for the next person
            app.screen.query_one("#person-name", Input).value = "Eva [/] [b]Ny[/b]"
            app.screen.query_one("#person-name", Input).focus()
            await pilot.press("enter")
            await settle(app, pilot)

    run(scenario())
    session = SessionStore.open(pinned_demo_path, None).session
    assert (session.parties[-1].kind, session.parties[-1].name) == ("arbetstagare", "Vision [/]")
    assert session.participants[-1].name == "Eva [/] [b]Ny[/b]"
    assert session.participants[-1].party == session.parties[-1].id


def test_export_dialog_never_writes_over_session_files(pinned_demo_path: Path):
    before = (pinned_demo_path / "session.toml").read_bytes()

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            app.screen.query_one("#export-file", Input).value = "session.toml"
            await pilot.press("ctrl+s")
            await pilot.pause()
            return str(app.screen.query_one("#export-result").render())

    assert "ska sluta på .md" in run(scenario())
    assert (pinned_demo_path / "session.toml").read_bytes() == before


def test_pasted_line_breaks_stay_line_breaks_in_answers(pinned_demo_path: Path):
    from textual import events

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            area = main_screen(app).query_one("#canvas--foretradare", TextArea)
            area.focus()
            await pilot.pause()
            app.post_message(events.Paste("rad ett\rrad två\r\nrad tre"))  # as the terminal driver does
            await pilot.pause()
            return area.text

    assert run(scenario()) == "rad ett\nrad två\nrad tre"


def test_the_meeting_clock_waits_for_the_next_key_while_someone_types(pinned_demo_path: Path):
    now = [NOW]

    def bar(screen: MainScreen) -> str:
        return str(screen.query_one("#meeting-bar").render())

    async def scenario():
        app = SamverkaApp(opened=open_session(pinned_demo_path, None), clock=lambda: now[0])
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            meeting_bar = screen.query_one(MeetingBar)
            await pilot.press("n", *"Vi börjar", "enter")  # the first note starts the meeting: its clock runs
            await pilot.press(*"Parterna")
            shown = bar(screen)
            now[0] += dt.timedelta(seconds=7)
            meeting_bar._tick()  # a second's tick while typing: not on its own
            await pilot.pause()
            assert bar(screen) == shown
            await pilot.press("s")  # with the next key, in the same frame
            assert "fråga 1.1: 00:07" in bar(screen)
            meeting_bar._typed_at -= 60  # nobody has typed for a minute: every tick repaints at once
            now[0] += dt.timedelta(seconds=2)
            meeting_bar._tick()
            assert "fråga 1.1: 00:09" in bar(screen)

    run(scenario())


def test_a_reopened_screen_shows_its_question_in_the_navigation(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path, read_only=True)
        async with app.run_test(size=(120, 24)) as pilot:
            app.follow_session("5.5")  # as when the writer saves: the viewer's screen is built anew
            await pilot.pause()
            await pilot.pause()
            screen = main_screen(app)
            nav = screen.query_one(PhaseNav)
            return screen.current, nav.scroll_y, nav.max_scroll_y

    current, scrolled, most = run(scenario())
    assert current == "5.5"
    assert most > 0 and scrolled == most  # the last question is at the bottom, in view


# --- guidance and the key bar ------------------------------------------------------------------


def test_g_and_a_click_fold_the_guidance_in_and_out(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = main_screen(app)
            first_line = screen.pack.questions["1.1"].guidance.strip().splitlines()[0][:40]
            guidance = screen.query_one(Guidance)
            assert first_line not in str(guidance.render()) and guidance.size.height == 1
            await pilot.press("g")
            await pilot.pause()
            assert first_line in str(guidance.render()) and guidance.size.height > 1
            await pilot.press("g")
            await pilot.pause()
            assert first_line not in str(guidance.render()) and guidance.size.height == 1
            await pilot.click(Guidance)
            await pilot.pause()
            assert first_line in str(screen.query_one(Guidance).render())
            await pilot.pause(BURST_GAP)  # distinct command keys, each deliberate: not a word
            await pilot.press("j")  # it stays open on the next question's card
            next_line = screen.pack.questions["1.2"].guidance.strip().splitlines()[0][:40]
            assert next_line in str(screen.query_one(Guidance).render())
            await pilot.click(Guidance)
            await pilot.pause()
            assert next_line not in str(screen.query_one(Guidance).render())

    run(scenario())


def test_clicking_a_key_in_the_key_bar_runs_it(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            bar = screen.query_one("#keys", KeyBar)
            shown = bar.render().plain
            assert len(shown) == 80 and shown.endswith(" ^p palett ")
            await pilot.click("#keys", offset=(shown.index(" j ") + 1, 0))
            assert screen.current == "1.2"
            await pilot.click("#keys", offset=(shown.index("Nästa fråga") + 2, 0))
            assert screen.current == "1.3"
            await pilot.click("#keys", offset=(shown.index(" k ") + 1, 0))
            assert screen.current == "1.2"
            gap = len(shown.rstrip().removesuffix("^p palett").rstrip()) + 1
            await pilot.click("#keys", offset=(gap, 0))
            assert screen.current == "1.2" and app.screen is screen  # between the keys: nothing
            await pilot.click("#keys", offset=(shown.index("^p") + 1, 0))
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)

    run(scenario())


def test_below_80x24_no_key_acts_and_the_focus_comes_back_where_it_was(pinned_demo_path: Path):
    """A resized SSH window: keys typed behind "Terminalen är för liten" must not run as commands, and the
    half-typed note keeps the focus once the terminal is large enough again."""

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = main_screen(app)
            await pilot.press("n", *"Halv")
            await pilot.resize_terminal(79, 24)
            await pilot.pause()
            assert "Terminalen är för liten (79×24)" in str(screen.query_one("#too-small").render())
            await pilot.press("r", "j", "x", "t", "tab", "plus", "m")
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            assert app.screen is screen  # no dialog was opened
            assert screen.current == "1.1" and not screen.session.state("1.1").revisit
            assert screen.opened.today() is None  # no item type set, no meeting started
            assert screen.focused is screen.query_one("#quick-note", Input)
            await pilot.press(*"skriven", "enter")
            await settle(app, pilot)

    run(scenario())
    assert read_toml(today_file(pinned_demo_path))["notes"][-1]["text"] == "Halvskriven"
