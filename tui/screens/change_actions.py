"""The main screen's keys for taking back and correcting what was recorded: undo and redo (ctrl+z, ctrl+y),
the notes (c), the parties and participants (F5). Mixed into MainScreen, so that the screen stays readable in
one sitting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.errors import UserError
from samverka.sessions.edits import Touched
from samverka.text import one_line, sentence
from samverka.tui.widgets import PhaseNav

if TYPE_CHECKING:
    from samverka.tui.screens.main import MainScreen


class ChangeActions:
    async def action_undo(self: MainScreen) -> None:
        await self._take_back(undo=True)

    async def action_redo(self: MainScreen) -> None:
        await self._take_back(undo=False)

    async def _take_back(self: MainScreen, *, undo: bool) -> None:
        """Undo (or redo) one change, saved like any edit; the screen then shows the session as it now is.
        Field text still waiting for a pause in typing is a change of its own: it is taken in first."""
        if not self._editable():
            return
        self.save_fields_now()
        try:
            touched = self.opened.undo() if undo else self.opened.redo()
        except UserError as err:
            self.notify(sentence(one_line(err.message)), severity="warning")
            return
        if not touched:
            self.notify("Inget att ångra." if undo else "Inget att göra om.")
            return
        await self.changed_elsewhere()
        self._status("Sparar…")
        self.notify("Ångrat (ctrl+y gör om)." if undo else "Gjort om (ctrl+z ångrar).", timeout=3)

    async def changed_elsewhere(self: MainScreen) -> None:
        """Show the session anew after a change not made on this screen's card (undo, a dialog)."""
        self.query_one(PhaseNav).refresh_all()
        await self._card().show(self.current, self.opened.today())
        self.refresh_notes()
        self.refresh_bar()

    def action_correct_notes(self: MainScreen) -> None:
        from samverka.tui.dialogs import CorrectNotesScreen

        if not self._editable():
            return
        self.save_fields_now()  # the dialog saves at once: what was typed before goes first

        async def closed(changed: bool | None) -> None:
            if changed:
                await self.changed_elsewhere()
                self._status("Rättat. Sparar…")

        self.app.push_screen(CorrectNotesScreen(self.opened, self.current), closed)

    def action_people(self: MainScreen) -> None:
        from samverka.tui.dialogs import PeopleScreen

        if not self._editable():
            return

        async def closed(_: object) -> None:
            await self.changed_elsewhere()

        self.app.push_screen(PeopleScreen(self.opened, self.apply_change), closed)

    def apply_change(self: MainScreen, touched: Touched) -> None:
        """What a dialog changed, saved (and undoable) like a change of the screen's own."""
        self._apply(touched)
