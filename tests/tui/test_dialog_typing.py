"""Dialogs give the same result at any typing speed; a new party's kind is chosen each time and confirmed;
ticked entries are marked as text (☑/☐), not only by colour; a meeting not yet started gets its date and can
start from its setup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from conftest import run
from samverka.phases import Pack
from samverka.sessions.edits import MeetingSetup, NewParty, NewPerson, Registration
from samverka.sessions.model import Meeting, Session
from samverka.sessions.store import SessionStore
from samverka.tui.dialogs import MeetingScreen, NewSessionScreen, ParticipantScreen
from samverka.tui.dialogs.base import Checklist
from tui_helpers import main_screen, read_toml, session_app

Opens = Callable[[Session, Pack], Screen]


def participant_dialog(session: Session, pack: Pack) -> ParticipantScreen:
    return ParticipantScreen(session, pack)


def meeting_dialog(meeting: Meeting | None = None) -> Opens:
    def opens(session: Session, pack: Pack) -> MeetingScreen:
        return MeetingScreen(session, pack, meeting or Meeting(id="2026-11-24", date=dt.date(2026, 11, 24)),
                             register=lambda registration: None)

    return opens


async def shown(app: App, pilot: Pilot, opens: Opens) -> tuple[Screen, list[Any]]:
    """The dialog `opens` makes, opened over the session's main screen; the list gets what it returns."""
    main = main_screen(app)
    dialog = opens(main.session, main.pack)
    returned: list[Any] = []
    app.push_screen(dialog, returned.append)
    await pilot.pause()
    return dialog, returned


def burst(app: App, keys: list[str]) -> None:
    """`keys` as one read of the terminal (type-ahead over a slow link): all queued before the first is
    handled. (Pilot's press waits after each key, so it never sends a burst.)"""
    for key in keys:
        char = key if len(key) == 1 else " " if key == "space" else None
        app._driver.send_message(events.Key(_character_to_key(key) if len(key) == 1 else key, char))


async def slowly(pilot: Pilot, keys: list[str]) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def typed(session: Path, opens: Opens, keys: list[str], *, fast: bool) -> Any:
    """What the dialog returns after `keys`, sent as one burst or one at a time."""
    async def scenario():
        app = session_app(session)
        async with app.run_test(size=(100, 40)) as pilot:
            _, returned = await shown(app, pilot, opens)
            if fast:
                burst(app, keys)
            else:
                await slowly(pilot, keys)
            for _ in range(5):
                await pilot.pause()
            return returned

    returned = run(scenario())
    assert len(returned) == 1, returned
    return returned[0]


# Name with a correction, Tab, the second party (Arbetsgivaren) ticked, Tab, the role two up from
# medarbetare (facklig) ticked with Enter, ctrl+s.
PARTICIPANT_KEYS = [*"Anna Berx", "backspace", "g", "tab", "down", "space", "tab", "up", "up", "enter", "ctrl+s"]


def test_the_participant_dialog_gives_the_same_person_party_and_role_for_a_burst_as_for_slow_keys(
        pinned_demo_path: Path):
    expected = Registration((), NewPerson("Anna Berg", "facklig", "ag"))
    assert typed(pinned_demo_path, participant_dialog, PARTICIPANT_KEYS, fast=False) == expected
    assert typed(pinned_demo_path, participant_dialog, PARTICIPANT_KEYS, fast=True) == expected


def test_keys_right_after_enter_in_the_name_field_are_not_part_of_the_name(pinned_demo_path: Path):
    """Enter takes the name as it is when Enter arrives, whatever is typed right behind it."""
    assert typed(pinned_demo_path, participant_dialog, [*"Bo Ek", "enter", *"xyz"], fast=True) == Registration(
        (), NewPerson("Bo Ek", "medarbetare", None))


def test_a_new_session_typed_in_one_burst_is_created_as_typed(pinned_demo_path: Path, data_dir: Path):
    """Three fields and Enter in the last, then keys meant for what comes next: they change nothing."""
    keys = [*"ny-sak", "tab", *"Staden", "tab", *"Kort titel", "enter", *"jk"]
    path = typed(pinned_demo_path, lambda session, pack: NewSessionScreen(data_dir / "sessions", None), keys,
                 fast=True)
    assert path == data_dir / "sessions" / "ny-sak"
    session = read_toml(path / "session.toml")
    assert (session["organisation"], session["title"]) == ("Staden", "Kort titel")


# Place, start and end time, the protocol's number, no basis, the second kind (samverkan), Tab past the absent
# parties, the first and third attendee ticked, Tab, the first person chosen as chair.
MEETING_KEYS = [*"Rum 4", "tab", *"09.30", "tab", *"11:00", "tab", "backspace", "backspace", *"12", "tab",
                "ctrl+u", "tab", "down", "down", "enter", "tab", "tab", "space", "down", "down", "space",
                "tab", "down", "enter", "ctrl+s"]


def test_the_meeting_dialog_gives_the_same_setup_for_a_burst_as_for_slow_keys(pinned_demo_path: Path):
    slow = typed(pinned_demo_path, meeting_dialog(), MEETING_KEYS, fast=False)
    fast = typed(pinned_demo_path, meeting_dialog(), MEETING_KEYS, fast=True)
    assert isinstance(slow, MeetingSetup)
    assert (slow.place, slow.start, slow.end) == ("Rum 4", dt.time(9, 30), dt.time(11, 0))
    assert (slow.number, slow.basis, slow.kind, slow.absent) == (12, "", "samverkan", [])
    people = sorted(SessionStore.open(pinned_demo_path, None).session.participants,
                    key=lambda p: p.party != "ag")  # the dialog lists the employer's people first
    assert slow.attendees == [people[0].id, people[2].id] and slow.chair == people[0].id
    assert fast == slow


def test_a_new_party_needs_its_kind_chosen_and_the_confirmation_names_it(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(100, 40)) as pilot:
            dialog, returned = await shown(app, pilot, participant_dialog)
            kinds = dialog.query_one("#party-kind", Checklist)
            message = dialog.query_one("#person-message", Static)
            assert kinds.selected == []  # no kind beforehand
            dialog.set_focus(dialog.query_one("#party-name"))
            await pilot.press(*"Vision", "enter")
            assert str(message.render()) == "Välj om parten är arbetstagarpart eller arbetsgivarpart."
            assert dialog.new_parties == []
            await pilot.press("shift+tab", "space", "tab", "enter")  # arbetstagarpart, then Enter in the name
            assert str(message.render()) == "Ny part: Vision (arbetstagarpart)"
            assert kinds.selected == []  # the next party's kind is chosen again, never kept
            await pilot.press(*"Arbetsgivarverket", "enter")
            assert dialog.new_parties == [NewParty("Vision", "arbetstagare")]  # refused again: no kind
            await pilot.press("shift+tab", "down", "space", "tab", "enter")
            assert str(message.render()) == "Ny part: Arbetsgivarverket (arbetsgivarpart)"
            await pilot.press("escape")
            return returned

    assert run(scenario()) == [Registration((NewParty("Vision", "arbetstagare"),
                                             NewParty("Arbetsgivarverket", "arbetsgivare")))]


def rendered(checklist: Checklist) -> list[str]:
    return [checklist.render_line(y).text.rstrip() for y in range(checklist.option_count)]


def test_ticked_and_unticked_entries_are_marked_as_text(pinned_demo_path: Path):
    people = SessionStore.open(pinned_demo_path, None).session.participants
    present = people[1]
    meeting = Meeting(id="2026-11-24", date=dt.date(2026, 11, 24), attendees=[present.id], chair=present.id)

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(100, 40)) as pilot:
            dialog, _ = await shown(app, pilot, meeting_dialog(meeting))
            return [rendered(dialog.query_one(f"#{list_id}", Checklist)) for list_id in ("attendees", "chair")]

    attendees, chair = run(scenario())
    assert len(attendees) == len(people)
    assert [line for line in attendees if line.startswith("☑ ")] == [line for line in attendees if present.name in line]
    assert [line for line in attendees if line.startswith("☐ ")] == [line for line in attendees
                                                                      if present.name not in line]
    assert chair[0] == "☐ ingen vald"
    assert [line for line in chair if line.startswith("☑ ")] == [line for line in chair if present.name in line]


def planned_meeting() -> Meeting:
    return Meeting(id="", date=dt.date(2026, 11, 30), planned=True)


def test_a_planned_meeting_gets_its_date_and_f4_starts_it(pinned_demo_path: Path):
    async def scenario(keys: list[str]):
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(100, 40)) as pilot:
            dialog, returned = await shown(app, pilot, meeting_dialog(planned_meeting()))
            assert str(dialog.query_one("Label").render()) == "Planerat möte"
            assert dialog.query_one("#date").value == "2026-11-30"
            assert rendered(dialog.query_one("#begin", Checklist)) == ["☐ Starta mötet nu (F4)"]
            await pilot.press("tab", *"2026-11-28", *keys, "ctrl+s")  # Tab selects the date: typing replaces it
            await pilot.pause()
            return returned

    [unstarted] = run(scenario([]))
    assert (unstarted.date, unstarted.begin) == (dt.date(2026, 11, 28), False)
    [started] = run(scenario(["f4"]))
    assert (started.date, started.begin) == (dt.date(2026, 11, 28), True)


def test_a_bad_or_missing_date_keeps_the_planned_meeting_open_with_a_message(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        said = []
        async with app.run_test(size=(100, 40)) as pilot:
            dialog, returned = await shown(app, pilot, meeting_dialog(planned_meeting()))
            for text in ("2026-13-45", ""):
                dialog.query_one("#date").value = text
                await pilot.press("ctrl+s")
                said.append(str(dialog.query_one("#meeting-error", Static).render()))
                assert returned == [] and app.screen is dialog
        return said

    assert run(scenario()) == ["Ogiltigt datum '2026-13-45': skriv ÅÅÅÅ-MM-DD.", "Skriv mötets datum som ÅÅÅÅ-MM-DD."]


def test_a_meeting_going_on_shows_no_date_and_nothing_to_start(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(100, 40)) as pilot:
            dialog, returned = await shown(app, pilot, meeting_dialog())
            assert str(dialog.query_one("Label").render()) == "Möte 2026-11-24"
            assert not dialog.query("#date") and not dialog.query("#begin")
            await pilot.press("f4", "ctrl+s")
            await pilot.pause()
            return returned

    [setup] = run(scenario())
    assert (setup.date, setup.begin) == (None, False)


def test_the_positions_dialog_gives_the_same_positions_for_a_burst_as_for_slow_keys(pinned_demo_path: Path):
    from samverka.tui.dialogs import PositionsScreen

    def positions_dialog(session: Session, pack: Pack) -> PositionsScreen:
        return PositionsScreen(session, Meeting(id="2026-11-24", date=dt.date(2026, 11, 24)), "1.2")

    keys = ["enter", "down", "enter", "enter", "down", "down", "enter", "enter", "enter", "ctrl+s"]
    slow = typed(pinned_demo_path, positions_dialog, keys, fast=False)
    assert slow == {"ag": "overens", "st": "ej_overens", "seko": "avstar"}
    assert typed(pinned_demo_path, positions_dialog, keys, fast=True) == slow
