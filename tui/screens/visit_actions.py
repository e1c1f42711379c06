"""The main screen's keys for a visit of the central follow-up (PRODUCT.md §9): the area's agreed rating (b)
and which group is visited when (B). Mixed into MainScreen, so that the screen stays readable in one sitting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.errors import UserError
from samverka.sessions import edits
from samverka.sessions.model import is_visit
from samverka.text import one_line, sentence

if TYPE_CHECKING:
    import datetime as dt

    from samverka.tui.screens.main import MainScreen


class VisitActions:
    """Intent → edit → apply → refresh the card, like the screen's own actions. On a session that is no
    visit (or a question outside the development areas) a key changes nothing and says why."""

    def action_cycle_rating(self: MainScreen) -> None:
        if self.pack.visit is not None and not is_visit(self.session):
            self.notify("Sessionen är inget besök än: tryck B och ange gruppen som besöks.", severity="warning")
            return
        try:
            edits.rated_area(self.session, self.pack, self.current)
        except UserError as err:
            self.notify(sentence(one_line(err.message)), severity="warning")
            return
        if self._editable():
            self._apply(edits.cycle_rating(self.session, self.pack, self.current))
            self._card().refresh_rating()

    def action_visit(self: MainScreen) -> None:
        from samverka.tui.dialogs import VisitScreen

        if self.pack.visit is None:
            self.notify(f"Paketet '{one_line(self.pack.id)}' har inga besök: bara uppföljningens sessioner "
                        "kan vara besök.", severity="warning")
            return
        if not self._editable():
            return

        async def done(details: tuple[str, dt.date | None] | None) -> None:
            if details is None:
                return
            self._apply(edits.set_visit(self.session, *details, self.opened.clock().date()))
            await self._card().show(self.current, self.opened.today())
            self.notify(f"Besöket gäller {one_line(self.session.group or '')}.")

        self.app.push_screen(VisitScreen(self.session.group, self.session.visited), done)
