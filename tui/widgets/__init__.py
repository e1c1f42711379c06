"""The main screen's own widgets: they render the model and post intents, never edit it themselves."""

from samverka.tui.widgets.display import GLYPHS, OUTCOME_LABELS, REVISIT, short_date
from samverka.tui.widgets.guidance import Guidance
from samverka.tui.widgets.inputs import QuickNoteInput, SafeInput, SafeTextArea
from samverka.tui.widgets.key_bar import KeyBar
from samverka.tui.widgets.meeting_bar import MeetingBar
from samverka.tui.widgets.nav import PhaseNav
from samverka.tui.widgets.notes import NotesView
from samverka.tui.widgets.question_card import QuestionCard
from samverka.tui.widgets.readiness import ReadinessSlider
from samverka.tui.widgets.status_line import StatusLine
from samverka.tui.widgets.visit_rating import VisitRating

__all__ = [
    "GLYPHS",
    "OUTCOME_LABELS",
    "REVISIT",
    "Guidance",
    "KeyBar",
    "MeetingBar",
    "NotesView",
    "PhaseNav",
    "QuestionCard",
    "QuickNoteInput",
    "ReadinessSlider",
    "SafeInput",
    "SafeTextArea",
    "StatusLine",
    "VisitRating",
    "short_date",
]
