"""The key bar at the foot of the main screen."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget


class KeyBar(Widget):
    """The main screen's most used keys on one line, and the palette's key at the right; a click runs one.

    One widget drawn as one line of text: Textual's Footer mounts a widget per key and restyles them all
    at every change of focus, which cost a fifth of the time to the first frame.
    """

    COMPONENT_CLASSES = {"key-bar--key"}
    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        color: $footer-description-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """
    PALETTE = ("^p", "palett", "command_palette")

    def __init__(self, keys: list[tuple[str, str, str]], **kwargs) -> None:
        """`keys`: (key as shown, description, action) in the order shown."""
        super().__init__(**kwargs)
        self.keys = keys
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        width = self.size.width
        palette = self._entry(*self.PALETTE[:2], key_style)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        spans = []
        for key, description, action in self.keys:
            entry = self._entry(key, description, key_style)
            if len(text) + len(entry) > width - len(palette) - 1:
                break
            spans.append((len(text), len(text) + len(entry), action))
            text.append_text(entry)
        text.pad_right(max(0, width - len(text) - len(palette)))
        spans.append((len(text), len(text) + len(palette), self.PALETTE[2]))
        text.append_text(palette)
        self._spans = spans
        return text

    @staticmethod
    def _entry(key: str, description: str, key_style) -> Text:
        entry = Text(f" {key} ", key_style)
        entry.append(f"{description} ")
        return entry

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                target = self.app if action == self.PALETTE[2] else self.screen
                await target.run_action(action)
                return
