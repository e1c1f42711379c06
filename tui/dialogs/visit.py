"""Which group a visit of the central follow-up concerns and when it was visited (PRODUCT.md §9)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Label, Static

from samverka.errors import UserError
from samverka.sessions.edits import day_from_text
from samverka.text import one_line, sentence
from samverka.tui.dialogs.base import Dialog, Field, command

VisitDetails = tuple[str, dt.date | None]  # the group, the day of the visit (None: its first meeting's)


class VisitScreen(Dialog):
    """Returns the group and the day as typed (checked), or None when cancelled."""

    DEFAULT_CSS = """
    #visit-body {
        max-width: 80;
    }

    #visit-error {
        height: auto;
        color: $warning;
    }
    """

    BINDINGS = [*Dialog.BINDINGS, command("ctrl+s", "save", "Spara", id="save")]
    ON_ENTER = {"visit-group": "save", "visit-day": "save", "save": "save", "cancel": "close"}

    def __init__(self, group: str | None, visited: dt.date | None) -> None:
        super().__init__()
        self.group = group or ""
        self.visited = visited

    def compose(self) -> ComposeResult:
        with Vertical(id="visit-body", classes="dialog"):
            yield Label(Text("Besök i uppföljningen", "bold"))
            yield Static(Text("Med en grupp blir sessionen ett besök: varje utvecklingsområde får gruppens "
                              "bedömning (b), och besöket sammanställs med de andra i sessionslistan (r).", "dim"))
            yield Label("Gruppen som besöks")
            yield Field(self.group, id="visit-group", compact=True)
            yield Label("Besöksdag, ÅÅÅÅ-MM-DD (tomt: dagen för första mötet)")
            yield Field(self.visited.isoformat() if self.visited else "", id="visit-day", compact=True,
                        restrict=r"[0-9-]*")
            yield Static(id="visit-error")
            with Horizontal(classes="buttons"):
                yield Button("Spara (ctrl+s)", id="save", variant="primary")
                yield Button("Avbryt (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#visit-group"))  # at once: the keys typed next may be on their way

    def action_save(self) -> None:
        group = self.query_one("#visit-group", Field).value.strip()
        error = self.query_one("#visit-error", Static)
        if not group:
            error.update(Text("Ange gruppen som besöks.", "bold"))
            return
        try:
            day = day_from_text(self.query_one("#visit-day", Field).value)
        except UserError as err:
            error.update(Text(sentence(one_line(err.message)), "bold"))
            return
        self.dismiss((group, day))
