"""What the main screen shows when the terminal is below its minimum size, and what it does meanwhile; and
the keeper that gives the focus back to whatever is hidden and shown again."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

MIN_SIZE = (80, 24)


def shown(widget: Widget) -> bool:
    """Is `widget` part of the screen's layout (neither it nor a container around it hidden)?"""
    return widget.is_attached and all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))


class FocusKeeper:
    """Gives the focus back where it was when what held it is hidden and shown again (else the next letters
    typed into a half-typed note run as commands).

    A part of the screen goes away in two ways: it is set aside on purpose — `lend` the focus to what covers
    it (the narrow layout's navigation, "Terminalen är för liten") and `give_back` when that goes — or a
    layout hides it (a terminal narrowed below the navigation's threshold): the keeper sees that after
    every layout pass, puts the focus on the screen's AUTO_FOCUS meanwhile and returns it once it is shown.
    """

    def __init__(self, owner: Widget) -> None:
        self._owner = owner
        self._lent: dict[Widget, Widget | None] = {}  # borrower -> where the focus was before
        self._hidden: Widget | None = None  # the focus a layout hid
        self._stand_in: Widget | None = None  # what holds the focus until then

    @property
    def screen(self) -> Screen:
        return self._owner.screen

    def watch_layout(self) -> None:
        """Start checking after every layout pass (call once the owner is mounted)."""
        self.screen.screen_layout_refresh_signal.subscribe(self._owner, self._laid_out, immediate=True)

    def lend(self, borrower: Widget) -> None:
        """Focus `borrower` for a while; `give_back` returns the focus to where it is now."""
        if borrower not in self._lent:
            self._lent[borrower] = self.screen.focused
        self.screen.set_focus(borrower)

    def lend_while(self, borrower: Widget, covering: bool) -> None:
        """`lend` while `borrower` covers the rest of the screen, `give_back` once it no longer does."""
        if covering:
            self.lend(borrower)
        else:
            self.give_back(borrower)

    def give_back(self, borrower: Widget) -> None:
        """`borrower` goes away: the focus returns to where it was when it was lent, unless it has been
        put somewhere else meanwhile."""
        if borrower not in self._lent:
            return
        before = self._lent.pop(borrower)
        focused = self.screen.focused
        if focused is None or focused is borrower or focused is self._stand_in:
            self.screen.set_focus(before if before is not None and before.is_attached else None)

    def _laid_out(self, screen: Screen) -> None:
        focused = screen.focused
        hidden = self._hidden
        if hidden is not None and (not hidden.is_attached or shown(hidden)):
            self._hidden = None
            if hidden.is_attached and (focused is None or focused is self._stand_in or not shown(focused)):
                screen.set_focus(hidden)
            self._stand_in = None
        elif focused is not None and not shown(focused):
            if hidden is None:
                self._hidden = focused
            self._stand_in = self._auto_focus(screen)
            screen.set_focus(self._stand_in)

    @staticmethod
    def _auto_focus(screen: Screen) -> Widget | None:
        """The widget the screen focuses first, if it is shown now."""
        if not screen.AUTO_FOCUS:
            return None
        for widget in screen.query(screen.AUTO_FOCUS):
            if widget.focusable and shown(widget):
                return widget
        return None


class TooSmall(Static, can_focus=True):
    """Takes the focus while the screen is hidden, so no key reaches a field or command behind it, and
    gives it back where it was once the terminal is large enough again (a resized SSH window). Owns the
    screen's FocusKeeper."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.focus_keeper = FocusKeeper(self)

    def on_mount(self) -> None:
        self.focus_keeper.watch_layout()

    def fit(self, width: int, height: int) -> bool:
        """The terminal is now `width`×`height`: True if that is too small."""
        too_small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        if too_small:
            self.update(Text(f"Terminalen är för liten ({width}×{height}). samverka behöver minst "
                             f"{MIN_SIZE[0]}×{MIN_SIZE[1]}; ctrl+q sparar och avslutar."))
        self.focus_keeper.lend_while(self, too_small)
        return too_small

    def on_paste(self, event: events.Paste) -> None:
        # Nothing behind this screen may change, but a paste must not vanish without a word either.
        event.stop()
        self.notify("Terminalen är för liten: inget klistrades in.", severity="warning")
