"""Correcting what was recorded, from the keyboard: a note's text, kind and question, or the note itself; a
party's kind and name, a participant's name and party, or one registered by mistake. Notes of justified
minutes are not offered; a refusal is said in the dialog and changes nothing."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.widgets import Static

from conftest import run
from samverka.sessions import edits
from samverka.sessions.edits import NoteDraft
from samverka.sessions.store import SessionStore
from samverka.tui.dialogs import CorrectNotesScreen, PeopleScreen
from samverka.tui.dialogs.base import Listing
from tui_helpers import main_screen, read_toml, session_app, settle, today_file

EARLIER = "2026-11-16"  # the demo's meeting, a week before the pinned moment; its minutes not yet justified


def earlier_file(session: Path) -> Path:
    return session / "meetings" / f"{EARLIER}.toml"


def notes_in(path: Path) -> list[dict]:
    return read_toml(path).get("notes", [])


def said(app) -> str:
    return str(app.screen.query_one("#said", Static).render())


def rows(app) -> list[str]:
    listing = app.screen.query_one("#records", Listing)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def burst(app, *keys: str) -> None:
    """Keys as one burst, as over a slow link: all queued before the first is handled (Pilot's press waits
    after each key)."""
    for key in keys:
        app._driver.send_message(events.Key(_character_to_key(key) if len(key) == 1 else key,
                                            key if len(key) == 1 else None))


async def correct_notes(app, pilot, question: str = "1.1") -> list[object]:
    """The notes dialog over the session, as `c` opens it; what it returns, once it has."""
    returned: list[object] = []
    app.push_screen(CorrectNotesScreen(main_screen(app).opened, question), returned.append)
    await pilot.pause()
    return returned


async def people(app, pilot) -> None:
    opened = main_screen(app).opened
    app.push_screen(PeopleScreen(opened, opened.apply))
    await pilot.pause()


# --- notes -----------------------------------------------------------------------------------------------------


def test_a_notes_text_and_kind_are_corrected_in_the_meeting_file(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            main_screen(app).opened.add_note("1.1", NoteDraft("note", "Budget för 2027 klar"))
            returned = await correct_notes(app, pilot)
            assert "Budget för 2027 klar" in rows(app)[0]  # the meeting going on first, highlighted
            assert rows(app)[0].startswith("▶")
            await pilot.press("enter", "ctrl+u", *"Budgeten för 2027 är beslutad", "tab", "down", "enter", "ctrl+s")
            await settle(app, pilot)
            assert said(app) == "Anteckningen är ändrad."
            assert "Beslut  Budgeten för 2027 är beslutad" in rows(app)[0]
            await pilot.press("escape")
            assert returned == [True]

    run(scenario())
    assert [(n["kind"], n["text"], n["question"]) for n in notes_in(today_file(pinned_demo_path))] == [
        ("decision", "Budgeten för 2027 är beslutad", "1.1")]


def test_the_same_keys_in_one_burst_give_the_same_correction(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            main_screen(app).opened.add_note("1.1", NoteDraft("note", "Budget för 2027 klar"))
            returned = await correct_notes(app, pilot)
            burst(app, "enter", "ctrl+u", *"Budgeten för 2027 är beslutad", "tab", "down", "enter", "ctrl+s",
                  "escape")
            await pilot.pause(0.5)
            await settle(app, pilot)
            assert returned == [True]

    run(scenario())
    assert [(n["kind"], n["text"]) for n in notes_in(today_file(pinned_demo_path))] == [
        ("decision", "Budgeten för 2027 är beslutad")]


def test_a_note_of_earlier_minutes_not_yet_justified_moves_to_another_question(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await correct_notes(app, pilot)
            assert len(rows(app)) == 3 and "16 nov 2026 09:24 Åtgärd" in rows(app)[0]  # newest first
            await pilot.press("end", "enter")  # 09:05, the first of that meeting
            await pilot.press(*["tab"] * 6)  # kind, party, speaker, owner, due day, question
            assert app.screen.focused.id == "note-question"
            await pilot.press("down", "space", "ctrl+s")
            await settle(app, pilot)
            assert said(app) == "Anteckningen är flyttad till fråga 1.2."
            assert len(rows(app)) == 2
            assert next(n for _, n in main_screen(app).opened.notes_for("1.2")).text.startswith("Parterna går")

    run(scenario())
    moved = next(n for n in notes_in(earlier_file(pinned_demo_path)) if n["text"].startswith("Parterna går"))
    assert moved["question"] == "1.2"
    assert (moved["kind"], "by" in moved, "party" in moved) == ("note", False, False)  # the rest as it was


def test_an_owner_left_in_the_form_is_dropped_when_an_action_becomes_a_decision(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await correct_notes(app, pilot)
            await pilot.press("enter", "tab", "up", "enter", "ctrl+s")  # 09:24 Åtgärd → Beslut
            await settle(app, pilot)
            assert said(app) == "Anteckningen är ändrad."

    run(scenario())
    changed = next(n for n in notes_in(earlier_file(pinned_demo_path)) if n["text"].startswith("Ta fram"))
    assert changed["kind"] == "decision" and "owner" not in changed and "due" not in changed


def test_a_bad_due_day_is_refused_in_the_form_and_changes_nothing(pinned_demo_path: Path):
    before = earlier_file(pinned_demo_path).read_bytes()

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await correct_notes(app, pilot)
            await pilot.press("enter", *["tab"] * 5, "ctrl+u", *"2026-13-45", "enter")  # 09:24 Åtgärd, due day
            await settle(app, pilot)
            assert said(app) == "Ogiltigt datum '2026-13-45': skriv ÅÅÅÅ-MM-DD."
            assert app.screen.focused.id == "note-due"  # the form stays

    run(scenario())
    assert earlier_file(pinned_demo_path).read_bytes() == before


def test_a_note_is_deleted_after_confirmation_and_esc_keeps_it(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            opened = main_screen(app).opened
            opened.add_note("1.1", NoteDraft("note", "Skrivet av misstag"))
            opened.add_note("1.1", NoteDraft("note", "Också fel"))
            returned = await correct_notes(app, pilot)
            await pilot.press("delete")
            assert "Ta bort anteckningen? Enter: ta bort · Esc: behåll" in str(
                app.screen.query_one("#confirm-prompt").render())
            await pilot.press("escape")
            await settle(app, pilot)
            assert [n["text"] for n in notes_in(today_file(pinned_demo_path))] == ["Skrivet av misstag", "Också fel"]
            assert not app.screen.query_one("#confirm-row").display
            await pilot.press("delete", "enter")  # from the list
            await settle(app, pilot)
            assert said(app) == "Anteckningen är borttagen."
            assert [n["text"] for n in notes_in(today_file(pinned_demo_path))] == ["Skrivet av misstag"]
            await pilot.press("enter", "home", "delete")  # in the text, Del deletes a character
            assert not app.screen.query_one("#confirm-row").display
            await pilot.press("tab", "delete", "enter")  # from the form, the focus on its kind
            await settle(app, pilot)
            assert notes_in(today_file(pinned_demo_path)) == []
            await pilot.press("escape")
            assert returned == [True]

    run(scenario())


def test_notes_of_justified_minutes_are_not_offered(pinned_demo_path: Path):
    store = SessionStore.open(pinned_demo_path, None)
    store.session.meetings[0].justified = True
    store.save()

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            main_screen(app).opened.add_note("1.1", NoteDraft("note", "Dagens anteckning"))
            await correct_notes(app, pilot)
            assert len(rows(app)) == 1 and "Dagens anteckning" in rows(app)[0]
            assert str(app.screen.query_one("#below-list").render()) == (
                "3 anteckningar från justerade protokoll visas inte: de kan inte ändras.")
            await pilot.press("end", "delete", "enter")
            await settle(app, pilot)

    run(scenario())
    assert len(notes_in(earlier_file(pinned_demo_path))) == 12  # the demo meeting's, as they were
    assert notes_in(today_file(pinned_demo_path)) == []


def test_nothing_changed_closes_with_false(pinned_demo_path: Path):
    before = earlier_file(pinned_demo_path).read_bytes()

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            returned = await correct_notes(app, pilot)
            await pilot.press("enter", "x", "escape")  # typed, then left unsaved
            await pilot.press("enter", "ctrl+s")  # saved as it is
            assert said(app) == "Inget ändrat."
            await pilot.press("escape")
            await settle(app, pilot)
            assert returned == [False]

    run(scenario())
    assert earlier_file(pinned_demo_path).read_bytes() == before


# --- parties and participants -------------------------------------------------------------------------------


def test_a_union_registered_as_employer_becomes_arbetstagarpart(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            opened = main_screen(app).opened
            opened.apply(edits.add_party(opened.session, "Vision", "arbetsgivare")[1])
            await people(app, pilot)
            assert "Vision  arbetsgivarpart  #vision" in rows(app)[5]
            await pilot.press("down", "down", "down", "down", "enter", "tab", "down", "enter", "ctrl+s")
            await settle(app, pilot)
            assert said(app) == "Ändrat: Vision (arbetstagarpart)"
            assert "Vision  arbetstagarpart  #vision" in rows(app)[5]

    run(scenario())
    parties = read_toml(pinned_demo_path / "session.toml")["parties"]
    assert [p["kind"] for p in parties if p["id"] == "vision"] == ["arbetstagare"]


def test_a_participant_is_renamed_and_given_a_party(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await people(app, pilot)
            assert "Fredrik Holm  Medarbetare, ingen part  @fredrik" in rows(app)[-1]
            await pilot.press("end", "enter", "ctrl+u", *"Fredrik Holmberg", "tab", "tab", *["down"] * 4, "enter")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert said(app).startswith("Ändrat: Fredrik Holmberg (")

    run(scenario())
    people_saved = read_toml(pinned_demo_path / "session.toml")["participants"]
    assert [(p["name"], p.get("party")) for p in people_saved if p["id"] == "fredrik"] == [
        ("Fredrik Holmberg", "seko")]


def test_removing_a_party_with_members_is_refused_and_changes_nothing(pinned_demo_path: Path):
    before = (pinned_demo_path / "session.toml").read_bytes()

    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await people(app, pilot)
            await pilot.press("delete")  # Arbetsgivaren, the first row
            assert "Ta bort Arbetsgivaren?" in str(app.screen.query_one("#confirm-prompt").render())
            await pilot.press("enter")
            await settle(app, pilot)
            assert said(app) == "Arbetsgivaren har deltagare (Anna Lindqvist, Bo Ekström): ändra deras part först."
            assert "#ag" in rows(app)[1]
            assert app.screen.focused is app.screen.query_one("#records")

    run(scenario())
    assert (pinned_demo_path / "session.toml").read_bytes() == before


def test_a_participant_registered_by_mistake_is_removed_and_can_be_had_back(pinned_demo_path: Path):
    async def scenario():
        app = session_app(pinned_demo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            opened = main_screen(app).opened
            opened.apply(edits.add_participant(opened.session, opened.pack, "Greta Lund", "medarbetare", None)[1])
            await people(app, pilot)
            await pilot.press("end", "delete", "enter")
            await settle(app, pilot)
            assert said(app) == "Borttagen: Greta Lund"
            assert not any("@greta" in row for row in rows(app))
            ids = [p["id"] for p in read_toml(pinned_demo_path / "session.toml")["participants"]]
            assert "greta" not in ids
            opened.undo()  # what the dialog handed to `apply` is undoable
            await settle(app, pilot)

    run(scenario())
    assert "greta" in [p["id"] for p in read_toml(pinned_demo_path / "session.toml")["participants"]]
