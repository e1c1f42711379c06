"""The start-up reference (PRODUCT.md §8): a minimal Textual app with a header, one TextArea and a footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, TextArea

# Drawn in the header of the first frame; the start benchmark waits for it.
MARK = "Minimal referens"


class MinimalApp(App):
    TITLE = MARK

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextArea()
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
