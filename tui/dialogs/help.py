"""Help: every key, generated from the command table and the dialogs' bindings, and the quick-note syntax."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from samverka.tui.commands import COMMANDS, OTHER_KEYS
from samverka.tui.dialogs.actions import ActionsScreen
from samverka.tui.dialogs.base import Dialog
from samverka.tui.dialogs.export import ExportScreen
from samverka.tui.dialogs.meeting import MeetingScreen
from samverka.tui.dialogs.new_session import NewSessionScreen
from samverka.tui.dialogs.overview import OverviewScreen
from samverka.tui.dialogs.participant import ParticipantScreen
from samverka.tui.dialogs.restore import RestoreScreen
from samverka.tui.dialogs.visit import VisitScreen
from samverka.tui.screens.picker import PickerScreen

QUICK_NOTE_HELP = (
    ("text", "en vanlig anteckning"),
    ("b: text", "beslut"),
    ("a: text @vem 2026-12-15", "åtgärd med ansvarig och klart senast (å: går också)"),
    ("o: text", "oenighet: parterna är inte överens"),
    ("p: text #part", "protokollsanteckning, partens egen formulering ordagrant"),
    ("#part", "var som helst: vilken part det gäller (partens id, t.ex. #ag, #st)"),
    ("@vem", "i andra anteckningar: vem som sa det (deltagarens id)"),
)

# The screens whose own keys the help lists, under "I <title>".
DIALOGS: tuple[tuple[str, type], ...] = (
    ("mötesinställningarna (m)", MeetingScreen),
    ("deltagarrutan (d)", ParticipantScreen),
    ("åtgärdslistan (x)", ActionsScreen),
    ("översikten (o)", OverviewScreen),
    ("exportrutan (e)", ExportScreen),
    ("besöksrutan (B)", VisitScreen),
    ("återställningsfrågan", RestoreScreen),
    ("sessionslistan", PickerScreen),
    ("rutan för ny session", NewSessionScreen),
)


class HelpScreen(Dialog):
    """Every key, generated from the command table, and the quick-note syntax."""

    BINDINGS = [*Dialog.BINDINGS, Binding("f1", "close", "Stäng", show=False, id="close-f1")]

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Hjälp — alla tangenter\n\n", "bold")
        categories: dict[str, list[tuple[str, str]]] = {}
        for command in COMMANDS:
            categories.setdefault(command.category, []).append((command.key_display, command.description))
        categories["Övrigt"] = list(OTHER_KEYS)
        for title, dialog in DIALOGS:  # every dialog's own keys, from its bindings
            categories[f"I {title}"] = [(_key_name(b), b.description) for b in dialog.BINDINGS if b.description]
        for category, rows in categories.items():
            text.append(f"{category}\n", "bold underline")
            for key, description in rows:
                text.append(f"  {key:<16}", "bold")
                text.append(f"{description}\n")
            text.append("\n")
        text.append("Snabbanteckningar (tryck n)\n", "bold underline")
        for syntax, meaning in QUICK_NOTE_HELP:
            text.append(f"  {syntax:<26}", "bold")
            text.append(f"{meaning}\n")
        text.append("\nAtt tänka på\n", "bold underline")
        text.append(
            "  Samverkansgruppen fattar inga beslut. Beslutet fattas av den chef som har\n"
            "  befogenheten, efter samverkan. Oenighet ska alltid stå i protokollet.\n"
        )
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Static(text)
        yield Footer()


def _key_name(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return binding.key.upper() if re.fullmatch(r"f\d+", binding.key) else binding.key
