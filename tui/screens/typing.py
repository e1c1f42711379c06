"""The main screen's guards for typing in a live meeting: the status line says where typing goes, Tab from
anywhere outside a text field reaches the first svarsmall field, and words typed where no text field has the
focus go into the quick note instead of running as a string of commands. Mixed into MainScreen, so that the
screen stays readable in one sitting."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.keys import _character_to_key
from textual.widget import Widget
from textual.widgets import Input, TextArea

from samverka.text import one_line
from samverka.tui.commands import COMMANDS
from samverka.tui.widgets.nav import PhaseNav
from samverka.tui.widgets.question_card import FieldArea
from samverka.tui.widgets.status_line import StatusLine
from samverka.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from samverka.tui.screens.main import MainScreen

BURST_GAP = 0.3  # seconds: a printable key sooner than this after the previous one is part of a burst
STEPPING = frozenset("jk+-01234")  # keys a facilitator repeats fast on purpose: leafing, readiness
TO_NOTE = "n"  # focuses the quick note: where a word would go anyway, so it acts however fast it comes
# Every character a Swedish keyboard types (printable Latin-1); others run no command anyway.
GUARDED = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA1, 0x100)) if chr(c).isprintable()]
COMMAND_KEYS = frozenset(key for command in COMMANDS for key in command.keys.split(","))
DIVERTED = "Det du skrev hamnade i anteckningsfältet — Esc tar bort det"
COMMANDS_HERE = "Kommandon (n skriver en anteckning)"
LABEL_SHOWN = 30  # characters of a field's label in the status line; the field is framed on the card anyway


def typing_bindings() -> list[Binding]:
    """One priority binding per printable key, ahead of the commands: a priority binding's action runs while
    the key is routed, before the keys behind it, so the guard sees each key in the order typed and can move
    the focus to the note before the next one is delivered. A key the guard lets through goes on as usual."""
    return [Binding(_character_to_key(char), f"typed({ord(char)})", "Skyddar mot ord som kommandon", show=False,
                    priority=True, id="typing_guard") for char in GUARDED]


@dataclass
class KeyRun:
    """The printable keys that arrived outside a text field in quick succession: a command, or a word?

    The rule: a key after a pause of BURST_GAP or more is deliberate and acts as usual (a single key acts at
    once). A key sooner than that acts too when it repeats the key before it (`j j j`, `t t`, `+ +`) or when
    it and the key before it are both stepping keys (`j k`, `+ 2`), and `n` always acts (`j j n` and the
    note is typed: the note is where a word would go anyway); any other fast key — a different letter, a
    space, a digit after a letter — is typing: from it on the run is a word, and the whole run (from its
    first key, which may have acted already) goes into the quick note. Measured when the screen takes the
    key; a burst from one read of the terminal arrives together and so counts as fast. A key typed into a
    text field ends the run.
    """

    chars: str = ""
    at: float = float("-inf")
    word: bool = False  # the run has become typing: every fast key after that is typing too

    def typed(self, char: str, now: float) -> bool:
        """Take `char`, arrived at `now`; True if the run is typing (from this key or before it)."""
        fast = bool(self.chars) and now - self.at < BURST_GAP
        if not fast or (char == TO_NOTE and not self.word):
            self.chars, self.at, self.word = char, now, False
            return False
        previous = self.chars[-1]
        self.chars, self.at = self.chars + char, now
        self.word = self.word or (char != previous and not (char in STEPPING and previous in STEPPING))
        return self.word

    def acted(self) -> str:
        """The keys of the run, before the last, that are commands (they ran before the run became a word)."""
        return "".join(c for c in self.chars[:-1] if _character_to_key(c) in COMMAND_KEYS)


def typing_into(widget: Widget | None) -> bool:
    """Does a key pressed now type into a text field (not one that is read-only or disabled)?"""
    if isinstance(widget, Input):
        return not widget.disabled
    return isinstance(widget, TextArea) and not widget.read_only


class TypingGuard:
    """Where typing goes, shown and guarded. State is per screen, set on first use."""

    _run: KeyRun | None = None
    _before_divert: str | None = None  # the quick note's text before a word was put into it (Esc restores it)

    def on_mount(self: MainScreen) -> None:
        self.watch(self, "focused", self._show_where)

    def _show_where(self: MainScreen, _focused: Widget | None = None) -> None:
        """The status line's first part, on every move of the focus."""
        focused = self.focused
        note = self.query_one("#quick-note", Input)
        if focused is not note:
            self._before_divert = None
        if isinstance(focused, TooSmall):
            where = ""
        elif focused is note and self._before_divert is not None:
            where = DIVERTED
        elif isinstance(focused, FieldArea) and typing_into(focused):
            label = one_line(focused.label)
            label = label if len(label) <= LABEL_SHOWN else label[:LABEL_SHOWN - 1] + "…"
            where = f"Skriver i: {'Svarsmall' if focused.kind == 'answer' else 'Dialogduk'} › {label}"
        elif focused is note:
            where = "Skriver i: Anteckning"
        elif typing_into(focused):
            where = "Skriver i: textfält"
        else:
            where = "Kommandon (skrivskyddad)" if self.read_only else COMMANDS_HERE
        self.query_one(StatusLine).show_where(where, typing=typing_into(focused))

    def action_typed(self: MainScreen, code: int) -> None:
        """A printable key, before any command sees it: let it through (SkipAction), or, when it makes a
        word of the keys before it, put the word into the quick note."""
        if typing_into(self.focused):
            self._run = None
            raise SkipAction
        if self._run is None:
            self._run = KeyRun()
        run = self._run
        was_word = run.word
        if not run.typed(chr(code), time.monotonic()):
            raise SkipAction
        note = self.query_one("#quick-note", Input)
        if note.disabled:  # read-only: the word is swallowed, never run
            if not was_word:
                self.notify("Skrivskyddad: det du skrev kördes inte som kommandon.", severity="warning")
            return
        word, acted = run.chars, run.acted()
        self.action_focus_note()  # at once: the rest of the word is routed to the note
        if self.focused is not note:
            return
        self._run = None
        before = note.value
        note.cursor_position = len(before)
        note.insert_text_at_cursor(word)
        self._before_divert = before
        self._show_where()
        if acted:
            self.notify(f"Innan resten blev text hann {' '.join(acted)} köras som kommando.", timeout=8)

    def on_key(self: MainScreen, event: events.Key) -> None:
        if event.key != "escape" or not isinstance(self.focused, Input | TextArea):
            return
        event.stop()  # Esc leaves a text field, nothing more
        note = self.query_one("#quick-note", Input)
        if self.focused is note and self._before_divert is not None:
            note.value = self._before_divert  # the word that was not meant as a note goes again
        self._card().focus()

    def on_input_submitted(self: MainScreen, event: Input.Submitted) -> None:
        if event.input.id == "quick-note" and self._before_divert is not None:
            self._before_divert = None
            self._show_where()

    def focus_next(self: MainScreen, selector: str | type[Widget] = "*") -> Widget | None:
        """Tab: from the phase list, back to the card it chose a question for (a narrow terminal's list closes);
        from anywhere else outside a text field, the first svarsmall field in one step; from a field, the next
        one. So the phase list, Tab, Tab lands in the first svarsmall field, as Tab Tab does from the card."""
        if isinstance(self.focused, PhaseNav):
            if self.nav_open:  # a narrow terminal's navigation covers the card
                self.action_toggle_nav()
            card = self._card()
            self.set_focus(card)
            return card
        first = None if isinstance(self.focused, Input | TextArea) else self._card().first_field()
        if first is None:
            return super().focus_next(selector)
        self.set_focus(first)
        return first
