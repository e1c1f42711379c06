"""The readiness slider on the question card."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from samverka.text import one_line

LABEL = "Hur klara är vi? "  # PRODUCT.md §2: the word for on-call duty is never used for this


class ReadinessSlider(Widget, can_focus=True):
    """Readiness 0–4 shown as a bar with value and the pack's label, so it reads without colour."""

    BINDINGS = [
        Binding("left", "step(-1)", "Ett steg mindre klar", show=False),
        Binding("right", "step(1)", "Ett steg klarare", show=False),
    ]
    DEFAULT_CSS = """
    ReadinessSlider { height: 1; width: 1fr; }
    ReadinessSlider:focus { text-style: bold; }
    """
    CELL = 4
    value: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        """The user asked for another readiness."""

        value: int

    def __init__(self, labels: tuple[str, ...], value: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = labels
        self.set_reactive(ReadinessSlider.value, value)

    def render(self) -> Text:
        filled = self.value * self.CELL
        empty = (len(self.labels) - 1) * self.CELL - filled
        text = Text(LABEL)
        text.append("█" * filled, "bold")
        text.append("●", "bold")
        text.append("░" * empty, "dim")
        text.append(f" {self.value}/4 · {one_line(self.labels[self.value])}")
        return text

    def action_step(self, delta: int) -> None:
        self.post_message(self.Changed(max(0, min(4, self.value + delta))))

    def on_click(self, event: events.Click) -> None:
        offset = event.x - len(LABEL)
        if 0 <= offset <= (len(self.labels) - 1) * self.CELL:
            self.post_message(self.Changed(round(offset / self.CELL)))
