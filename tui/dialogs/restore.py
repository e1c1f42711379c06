"""The question whether to restore what a stopped app could not save."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Label, Static

from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog


class RestoreScreen(Dialog):
    """Offer to restore what a stopped app could not save (the recovery file)."""

    BINDINGS = [
        Binding("j", "answer(True)", "Ja, återställ", id="yes"),
        Binding("n", "answer(False)", "Nej, spara undan filen", id="no"),
    ]

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="restore-body", classes="dialog"):
            yield Label(Text("Osparat arbete hittades", "bold"))
            yield Static(Text(f"Förra gången avslutades samverka innan allt var sparat.\n"
                              f"Återställningsfil från {one_line(self.summary)}.\n\nÅterställ det nu?"))
            with Horizontal(classes="buttons"):
                yield Button("Ja, återställ (j)", id="yes", variant="primary")
                yield Button("Nej (n)", id="no")
        yield Footer()

    def action_answer(self, restore: bool) -> None:
        self.dismiss(restore)

    def action_close(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
