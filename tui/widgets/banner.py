"""The read-only banner: who holds the session, and, while it follows the writer, when it can be taken over."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from samverka.sessions.opened import OpenedSession
from samverka.text import one_line

FOLLOW_INTERVAL = 2.0  # seconds between looks at the disk


class ReadOnlyBanner(Static):
    """Looks at the disk every FOLLOW_INTERVAL: posts `Changed` when the session's files changed."""

    class Changed(Message):
        """The writer saved something: the session should be read again."""

    def __init__(self, opened: OpenedSession, **kwargs) -> None:
        self.opened = opened
        super().__init__(banner_text(opened), **kwargs)

    def on_mount(self) -> None:
        self.set_interval(FOLLOW_INTERVAL, self._follow)

    def _follow(self) -> None:
        if self.app.screen is not self.screen:  # a dialog is open: look again when it has closed
            return
        if self.opened.changed_on_disk():
            self.post_message(self.Changed())
        elif self.opened.holder is not None:
            self.update(banner_text(self.opened, free=self.opened.writer_gone()))


def banner_text(opened: OpenedSession, free: bool = False) -> Text:
    """Why the session is read-only: who holds it (and, when `free`, that they have let go), that this
    user cannot write it, or --read-only. What can be done comes first: a narrow terminal cuts the end."""
    holder = opened.holder
    if holder is None:
        why = "öppnad med --read-only" if opened.can_write else "du kan inte skriva här"
        return Text(f"Skrivskyddad — {why}; inget kan ändras", "bold")
    who = one_line(holder.describe(opened.session.zone))
    if not free:
        said = f"öppen hos {who}; ändringar där visas här"
    elif opened.can_write:
        said = f"tryck ctrl+t för att ta över (stängd hos {who})"
    else:
        said = f"du kan inte skriva här (stängd hos {who})"
    return Text(f"Skrivskyddad — {said}", "bold")
