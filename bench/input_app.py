"""The typing reference (PRODUCT.md §8): a stock Textual Input, focused, in an otherwise empty app."""

from textual.app import App, ComposeResult
from textual.widgets import Input

# The input's placeholder, drawn in the first frame; the typing benchmark waits for it.
MARK = "Referens-Input"


class InputApp(App):
    def compose(self) -> ComposeResult:
        yield Input(placeholder=MARK)


if __name__ == "__main__":
    InputApp().run()
