"""The question whether to restore what a stopped app could not save."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Label, Static

from samverka.text import one_line
from samverka.tui.dialogs.base import Dialog, command


class RestoreScreen(Dialog):
    """Offer to restore what a stopped app could not save (the recovery file).

    It opens with the session, while keys meant for the main screen may still be on their way: it answers
    to Enter (on the focused button, Återställ at first) and Esc only, never to a letter (there j, n … are
    commands), and neither answer loses anything.
    """

    BINDINGS = [command("escape", "close", "Lägg undan filen", id="close")]
    ON_ENTER = {"yes": "answer(True)", "no": "answer(False)"}

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="restore-body", classes="dialog"):
            yield Label(Text("Osparat arbete hittades", "bold"))
            yield Static(Text(f"Förra gången avslutades samverka innan allt var sparat.\n"
                              f"Återställningsfil från {one_line(self.summary)}.\n\n"
                              "Enter återställer det nu. Esc lägger filen åt sidan: inget återställs, "
                              "men inget tas bort."))
            with Horizontal(classes="buttons"):
                yield Button("Återställ (Enter)", id="yes", variant="primary")
                yield Button("Lägg undan (Esc)", id="no")
        yield Footer()

    def action_answer(self, restore: bool) -> None:
        self.dismiss(restore)

    def action_close(self) -> None:
        self.dismiss(False)
