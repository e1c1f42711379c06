"""The base of every dialog: a centred modal that Esc closes, and the styles all dialogs share."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen


class Dialog(ModalScreen):
    """A modal that Esc closes."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }

    .dialog {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        background: $surface;
        border: round $primary;
        padding: 0 1;
    }

    .buttons {
        height: auto;
        margin-top: 1;
    }

    .buttons Button {
        margin-right: 2;
    }

    SelectionList, RadioSet {
        height: auto;
        max-height: 8;
    }
    """

    BINDINGS = [Binding("escape", "close", "Stäng", id="close")]

    def action_close(self) -> None:
        self.dismiss(None)
