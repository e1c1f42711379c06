"""The question's guidance, folded away under its heading."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from samverka.text import visible


class Guidance(Static):
    """The question's guidance under a heading that folds it away (g, or a click)."""

    @dataclass
    class Toggled(Message):
        """The user clicked the heading."""

    open: reactive[bool] = reactive(False, layout=True)

    def __init__(self, guidance: str, open_: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.guidance = guidance
        self.set_reactive(Guidance.open, open_)

    def render(self) -> Text:
        text = Text(f"{'▼' if self.open else '▶'} Vägledning (g)", "bold")
        if self.open:
            text.append("\n" + visible(self.guidance), "")
        return text

    def on_click(self) -> None:
        self.post_message(self.Toggled())
