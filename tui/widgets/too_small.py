"""What the main screen shows when the terminal is below its minimum size, and what it does meanwhile."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

MIN_SIZE = (80, 24)


class TooSmall(Static, can_focus=True):
    """Takes the focus while the screen is hidden, so no key reaches a field or command behind it, and
    gives it back where it was once the terminal is large enough again (a resized SSH window)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._kept: Widget | None = None

    def fit(self, width: int, height: int) -> bool:
        """The terminal is now `width`×`height`: True if that is too small."""
        too_small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        screen = self.screen
        if too_small:
            self.update(Text(f"Terminalen är för liten ({width}×{height}). samverka behöver minst "
                             f"{MIN_SIZE[0]}×{MIN_SIZE[1]}; ctrl+q sparar och avslutar."))
            if screen.focused is not self:
                self._kept = screen.focused
                screen.set_focus(self)
        elif screen.focused is self or self._kept is not None:
            kept, self._kept = self._kept, None
            screen.set_focus(kept if kept is not None and kept.is_attached else None)
        return too_small
