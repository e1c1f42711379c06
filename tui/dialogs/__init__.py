"""The dialogs over the main screen and the picker. Imported on first use, never at start-up."""

from samverka.tui.dialogs.actions import ActionsScreen
from samverka.tui.dialogs.base import Dialog
from samverka.tui.dialogs.corrections import CorrectNotesScreen
from samverka.tui.dialogs.export import ExportScreen
from samverka.tui.dialogs.help import HelpScreen
from samverka.tui.dialogs.meeting import MeetingScreen
from samverka.tui.dialogs.new_session import NewSessionScreen
from samverka.tui.dialogs.overview import OverviewScreen
from samverka.tui.dialogs.participant import ParticipantScreen
from samverka.tui.dialogs.people import PeopleScreen
from samverka.tui.dialogs.positions import PositionsScreen
from samverka.tui.dialogs.restore import RestoreScreen
from samverka.tui.dialogs.visit import VisitScreen

__all__ = [
    "ActionsScreen",
    "CorrectNotesScreen",
    "Dialog",
    "ExportScreen",
    "HelpScreen",
    "MeetingScreen",
    "NewSessionScreen",
    "OverviewScreen",
    "ParticipantScreen",
    "PeopleScreen",
    "PositionsScreen",
    "RestoreScreen",
    "VisitScreen",
]
