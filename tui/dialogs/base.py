"""The base of every dialog: a centred modal that Esc closes, the styles all dialogs share, and the fields and
lists that take keys in the order typed — a burst of type-ahead over a slow link gives what slow keys give.

Why order needs care: Textual routes each key to the widget that has the focus when the key arrives, and Tab
moves the focus at once (a priority binding of the app), but it runs a widget's own key bindings (an input's
Backspace, a list's arrows and Space) and the dialog's commands only after the key has gone up to the app —
by then the keys behind it may have moved the focus on, so the key acts in the wrong field. Here a field runs
its own bindings when it takes the key, and a dialog's commands act the moment their key arrives, after every
field has taken the keys typed before it.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.segment import Segment
from textual import events, on
from textual.actions import SkipAction
from textual.binding import Binding
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button, OptionList, SelectionList
from textual.widgets.selection_list import Selection

from samverka.tui.widgets import SafeInput

TICKED, UNTICKED = "☑", "☐"  # selection shown as text, not only by colour (NO_COLOR, colour blindness)


def command(key: str, action: str, description: str, *, id: str, show: bool = True) -> Binding:
    """A dialog's command key: it acts the moment it arrives, once the keys typed before it are in place."""
    return Binding(key, f"in_order({action!r})", description, id=id, show=show, priority=True)


class Dialog(ModalScreen):
    """A modal that Esc closes; Enter in a field or on a button runs the action `ON_ENTER` names for it."""

    ON_ENTER: ClassVar[dict[str, str]] = {}  # a field's or a button's id → the action Enter (or a click) runs

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

    Checklist {
        height: auto;
        max-height: 8;
    }
    """

    BINDINGS = [
        command("escape", "close", "Stäng", id="close"),
        Binding("enter", "enter", "Bekräfta fältet eller knappen", show=False, priority=True, id="enter"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)

    async def action_in_order(self, action: str) -> None:
        await self.settled()
        await self.run_action(action)

    async def action_enter(self) -> None:
        action = self.ON_ENTER.get(self.focused.id or "") if self.focused is not None else None
        if action is None:  # Enter is the focused widget's own (a list ticks, an input without an action)
            raise SkipAction()
        await self.action_in_order(action)

    @on(Button.Pressed)
    async def clicked(self, event: Button.Pressed) -> None:
        if event.button.id in self.ON_ENTER:
            await self.run_action(self.ON_ENTER[event.button.id])

    async def settled(self) -> None:
        """Wait until every widget that takes keys has handled those that reached it before now, and each
        container above it the messages they sent up (deepest first: messages only go up)."""
        nodes = {node for widget in self.query("*") if widget.can_focus
                 for node in widget.ancestors_with_self if isinstance(node, Widget) and node is not self}
        for depth in sorted({len(node.ancestors) for node in nodes}, reverse=True):
            await asyncio.gather(*(_caught_up(node) for node in nodes if len(node.ancestors) == depth))
        await _caught_up(self)


async def _caught_up(pump: MessagePump) -> None:
    """Until `pump` has handled what is in its queue now."""
    done = asyncio.Event()
    if pump.call_later(done.set):
        await done.wait()


class KeysInOrder:
    """For a dialog's widgets: the widget's own key bindings act when it takes the key, in the order typed,
    not once the key has gone up to the app (see the module's docstring)."""

    async def _on_key(self: Widget, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()  # taken: Input's own handler must not type it too
                return


class Field(KeysInOrder, SafeInput):
    """A dialog's text field."""


class Listing(KeysInOrder, OptionList):
    """A list to pick from with the arrows and Enter."""


class Checklist(KeysInOrder, SelectionList):
    """Entries each shown ticked ☑ or not ☐; Space or Enter ticks the highlighted one at once. With `one`, a
    choice of one: ticking an entry unticks the others, and ticking it again keeps it."""

    def __init__(self, *entries: Selection, one: bool = False, id: str | None = None) -> None:
        super().__init__(*entries, id=id)
        self.one = one

    def on_mount(self) -> None:
        # The highlight starts on the chosen entry of a choice of one, else on the first.
        values = [option.value for option in self.options]
        self.highlighted = values.index(self.chosen) if self.one and self.selected else 0

    @property
    def chosen(self) -> object | None:
        """A choice of one: the ticked entry's value (None when none is ticked)."""
        return self.selected[0] if self.selected else None

    def select(self, selection: Selection | object) -> Checklist:
        if self.one:
            self.deselect_all()
        return super().select(selection)

    def action_select(self) -> None:
        # At once: OptionList would send a message, answered after the keys already queued behind this one.
        if self.highlighted is None:
            return
        value = self.get_option_at_index(self.highlighted).value
        if self.one:
            self.select(value)
        else:
            self.toggle(value)

    def _get_left_gutter_width(self) -> int:
        return len(TICKED) + 1

    def render_line(self, y: int) -> Strip:
        # Our box in place of SelectionList's button, whose states differ only by colour. One line an entry
        # (SelectionList does not wrap), so the line's entry is found as SelectionList finds it.
        line = OptionList.render_line(self, y)
        index = self.scroll_offset.y + y
        if index >= self.option_count:
            return line
        style = next(iter(line)).style if line.cell_length else self.rich_style
        box = TICKED if self.get_option_at_index(index).value in self.selected else UNTICKED
        return Strip([Segment(f"{box} ", style), *line])
