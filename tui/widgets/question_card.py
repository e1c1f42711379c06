"""The question card: title, prompt, guidance, how far the parties have got, in a visit the area's rating, the
svarsmall and dialogduk fields."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, Static, TextArea

from samverka.phases import Pack
from samverka.sessions.model import ITEM_TYPE_LABELS, Meeting, Session, is_visit, item_outcome
from samverka.text import one_line, visible
from samverka.tui.widgets.display import OUTCOME_LABELS, REVISIT
from samverka.tui.widgets.guidance import Guidance
from samverka.tui.widgets.inputs import SafeTextArea
from samverka.tui.widgets.readiness import ReadinessSlider
from samverka.tui.widgets.visit_rating import VisitRating


class FieldArea(SafeTextArea):
    """A svarsmall field or dialogduk prompt: knows which one it is, and its label (for the status line)."""

    def __init__(self, kind: str, field_id: str, label: str, text: str, *, read_only: bool) -> None:
        super().__init__(text, id=f"{kind}--{field_id}", soft_wrap=True, read_only=read_only, classes="field",
                         tab_behavior="focus")
        self.kind = kind
        self.field_id = field_id
        self.label = label


class QuestionCard(VerticalScroll, can_focus=True):
    """One question of the pack, rendered from the model; edits go up as messages."""

    @dataclass
    class FieldEdited(Message):
        """The text of a field changed (typed, pasted or deleted)."""

        kind: str  # "answer" (svarsmall) or "canvas" (dialogduk)
        field_id: str
        text: str

    def __init__(self, session: Session, pack: Pack, question_id: str, *, read_only: bool, guidance_open: bool,
                 meeting: Meeting | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.pack = pack
        self.question_id = question_id
        self.read_only = read_only
        self.guidance_open = guidance_open
        self._meeting = meeting

    def compose(self):
        yield from self._widgets()

    async def show(self, question_id: str, meeting: Meeting | None) -> None:
        """Another question (or the same one afresh)."""
        self.question_id, self._meeting = question_id, meeting
        await self.remove_children()
        await self.mount_all(self._widgets())
        self.scroll_home(animate=False)

    def _widgets(self) -> list[Widget]:
        question = self.pack.questions[self.question_id]
        state = self.session.state(self.question_id)
        widgets: list[Widget] = [
            Static(self._title(), id="q-title"),
            Static(Text(visible(question.prompt)), id="q-prompt"),
            Guidance(question.guidance, self.guidance_open, id="guidance"),
            ReadinessSlider(self.pack.readiness_labels, state.readiness, id="slider"),
        ]
        guide = self.pack.visit
        area = guide.area_of(self.question_id) if guide is not None and is_visit(self.session) else None
        if guide is not None and area is not None:
            widgets.append(VisitRating(guide, area, self._rating(), id="rating"))
        widgets.append(Static(Text("Svarsmall", "bold underline"), classes="section"))
        for field in question.fields:
            widgets += self._field("answer", field.id, field.label, field.help, state.answers.get(field.id, ""))
        if question.canvas:
            widgets.append(Static(Text("Dialogduk", "bold underline"), classes="section"))
        for prompt in question.canvas:
            widgets += self._field("canvas", prompt.id, prompt.label, "", state.canvas.get(prompt.id, ""))
        return widgets

    def _field(self, kind: str, field_id: str, label: str, help_text: str, value: str) -> list[Widget]:
        heading = Text(one_line(label), "bold")
        if help_text:
            heading.append("\n" + one_line(help_text), "dim")
        return [Label(heading, classes="field-label"),
                FieldArea(kind, field_id, label, value, read_only=self.read_only)]

    def first_field(self) -> FieldArea | None:
        """Where Tab goes from outside the fields: the first svarsmall field (else the first dialogduk's)."""
        return next(iter(self.query(FieldArea)), None)

    def _title(self) -> Text:
        question = self.pack.questions[self.question_id]
        phase = self.pack.phase_of(self.question_id)
        text = Text(f"Fas {phase.number}: {one_line(phase.title)}", "dim")
        item = self._meeting.items.get(self.question_id) if self._meeting else None
        if item is not None:
            outcome = item_outcome(self.session, self._meeting, self.question_id)  # the parties' positions decide
            marks = [ITEM_TYPE_LABELS.get(item.type or "", ""), OUTCOME_LABELS.get(outcome or "", ""),
                     "omedelbart justerad" if item.adjusted_at_once else ""]
            if any(marks):
                text.append("  ·  " + " · ".join(m for m in marks if m), "bold")
        text.append(f"\n{question.id} {one_line(question.title)}", "bold")
        if self.session.state(self.question_id).revisit:
            text.append(f"  {REVISIT} återkom", "bold reverse")
        return text

    def refresh_title(self, meeting: Meeting | None) -> None:
        """The item's marks or the revisit flag changed."""
        self._meeting = meeting
        self.query_one("#q-title", Static).update(self._title())

    def refresh_readiness(self) -> None:
        self.query_one(ReadinessSlider).value = self.session.readiness(self.question_id)

    def _rating(self) -> str | None:
        """The text of the agreed rating of the current question's area (kept at the area's first question)."""
        guide = self.pack.visit
        area = guide.area_of(self.question_id) if guide is not None else None
        if guide is None or area is None:
            return None
        return self.session.state(area.questions[0]).answers.get(guide.rating_field)

    def refresh_rating(self) -> None:
        """The area's rating changed."""
        for rating in self.query(VisitRating):
            rating.show(self._rating())

    def toggle_guidance(self) -> None:
        self.guidance_open = not self.guidance_open
        self.query_one(Guidance).open = self.guidance_open

    def on_guidance_toggled(self) -> None:
        self.toggle_guidance()

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        area = event.text_area
        if isinstance(area, FieldArea) and not self.read_only:
            self.post_message(self.FieldEdited(area.kind, area.field_id, area.text))
