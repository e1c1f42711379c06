"""The status line above the key bar: whether what was typed is saved, and short messages."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Static

from samverka.errors import UserError
from samverka.text import one_line


class StatusLine(Static):
    """One line; repainted only when its text changes (typing in a field says "Ändrat…" once, not per key)."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(Text(text), **kwargs)
        self.text = text

    def say(self, text: str, style: str = "") -> None:
        if text != self.text:
            self.text = text
            self.update(Text(text, style))

    def saved(self, written: bool, error: UserError | None, at: dt.datetime) -> None:
        """The saving thread finished a batch (`written`: it wrote a file)."""
        if error is not None:
            self.say(f"Kunde inte spara: {one_line(str(error))} — ctrl+s försöker igen", "bold reverse")
        elif written or self.text.startswith("Sparar"):
            self.say(f"Sparat {at:%H:%M:%S}")
