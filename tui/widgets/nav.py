"""The phase navigation beside the question card."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from samverka.phases import Pack
from samverka.sessions.model import Session
from samverka.text import one_line
from samverka.tui.widgets.display import GLYPHS, REVISIT


class PhaseNav(OptionList):
    """Phases with their questions, each with readiness glyph and revisit mark."""

    @dataclass
    class Picked(Message):
        question_id: str

    def __init__(self, session: Session, pack: Pack, current: str, **kwargs) -> None:
        self.session = session
        self.pack = pack
        options: list[Option] = []
        for phase in pack.phases:
            options.append(Option(Text(f"{phase.number} {one_line(phase.title)}", "bold"), disabled=True))
            options.extend(Option(self.prompt(q.id), id=q.id) for q in phase.questions)
        super().__init__(**kwargs)
        # Given to the constructor, options get the first one highlighted, which would move the screen
        # there: the screen's own question is shown instead, silently.
        with self.prevent(OptionList.OptionHighlighted):
            self.add_options(options)
        self.show(current)

    def prompt(self, question_id: str) -> Text:
        state = self.session.state(question_id)
        question = self.pack.questions[question_id]
        text = Text(f"{GLYPHS[state.readiness]} {question_id} ")
        text.append(one_line(question.title))
        if state.revisit:
            text.append(f" {REVISIT}", "bold")
        return text

    def refresh_question(self, question_id: str) -> None:
        self.replace_option_prompt(question_id, self.prompt(question_id))

    def refresh_all(self) -> None:
        for question_id in self.pack.questions:
            self.refresh_question(question_id)

    def show(self, question_id: str) -> None:
        index = self.get_option_index(question_id)
        if self.highlighted != index:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(event.option.id))
