"""On the question card of a visit: the development area's jointly agreed rating on the pack's scale."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from samverka.phases.pack import VisitArea, VisitGuide
from samverka.text import one_line

NOT_RATED = "ej bedömd"


class VisitRating(Static):
    """Every step of the scale in a row, the agreed one marked (● and reverse, so it reads without colour);
    `b` steps it. A text the scale does not know (written by hand) is shown as it is."""

    DEFAULT_CSS = """
    VisitRating { height: auto; }
    """

    def __init__(self, guide: VisitGuide, area: VisitArea, text: str | None, **kwargs) -> None:
        self.guide = guide
        self.area = area
        super().__init__(self._text(text), **kwargs)

    def show(self, text: str | None) -> None:
        """The rating as the model now has it."""
        self.update(self._text(text))

    def _text(self, text: str | None) -> Text:
        rating = self.guide.rating(text)
        out = Text("Gruppens bedömning av ", "bold")
        out.append(one_line(self.area.title), "bold")
        out.append("  (b: nästa steg)\n", "dim")
        steps = [(r.label, r == rating) for r in self.guide.ratings]
        steps.append((NOT_RATED, rating is None and not (text or "").strip()))
        for index, (label, chosen) in enumerate(steps):
            if index:
                out.append("  ")
            out.append(f"{'●' if chosen else '○'} {one_line(label)}", "bold reverse" if chosen else "dim")
        if rating is None and (text or "").strip():
            out.append(f"\nOklar: ”{one_line(text or '')}” finns inte på skalan", "bold")
        return out
