"""The status line above the key bar: where typing goes, whether what was typed is saved, and short messages."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Static

from samverka.errors import UserError
from samverka.text import one_line


class StatusLine(Static):
    """One line in two parts: first where typing goes now (`show_where`, kept through every message, so the
    mode is never out of sight), then the save state and short messages (`say`). Repainted only when a part
    changes (typing in a field says "Ändrat…" once, not per key)."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(Text(text), **kwargs)
        self.text = text
        self._text_style = ""
        self.where = ""
        self.typing = False  # typing goes into a text field now (shown reversed, unmistakable without colour)

    def say(self, text: str, style: str = "") -> None:
        if text != self.text:
            self.text, self._text_style = text, style
            self._paint()

    def show_where(self, where: str, *, typing: bool) -> None:
        if (where, typing) != (self.where, self.typing):
            self.where, self.typing = where, typing
            self._paint()

    def _paint(self) -> None:
        line = Text()
        if self.where:
            line.append(f" {self.where} " if self.typing else self.where, "bold reverse" if self.typing else "bold")
            line.append("  ")
        line.append(self.text, self._text_style)
        self.update(line)

    def saved(self, written: bool, error: UserError | None, at: dt.datetime) -> None:
        """The saving thread finished a batch (`written`: it wrote a file)."""
        if error is not None:
            # The key first: the error names a file, and a narrow terminal cuts the end of the line.
            self.say(f"Kunde inte spara (ctrl+s försöker igen): {one_line(str(error))}", "bold reverse")
        elif written or self.text.startswith("Sparar"):
            self.say(f"Sparat {at:%H:%M:%S}")
