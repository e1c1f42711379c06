"""The meeting bar: the current question's timebox, the meeting's clock, who is present, agenda position, date.

It keeps the time spent on the current question; the screen asks for it when the question changes.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from samverka.sessions.clock import seconds_between, wall
from samverka.sessions.model import Meeting
from samverka.sessions.opened import OpenedSession
from samverka.text import one_line
from samverka.tui.widgets.display import short_date

TYPING = 1.0  # seconds after a key during which the clock waits for the next key
NO_MEETING = "inget möte än — första anteckningen eller F4 startar det"


def clock_text(seconds: float) -> str:
    """mm:ss, or h:mm:ss from an hour."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


class MeetingBar(Static):
    """One line, repainted only when its text changes and never with a layout pass."""

    class TimeUp(Message):
        """The current question's timebox has just run out."""

    def __init__(self, opened: OpenedSession, question_id: str, **kwargs) -> None:
        self.opened = opened
        self.question_id = question_id
        self._since = opened.clock()  # on the current question since
        self._alarmed = False
        self._typed_at = 0.0
        self._tick_waiting = False
        text, _ = self._text()  # built before the first frame: it is part of it
        self._shown = text.plain
        super().__init__(text, **kwargs)

    def on_mount(self) -> None:
        self.set_interval(1, self._tick)

    def leave_question(self, question_id: str) -> int:
        """Another question is shown: the whole seconds spent on the one left."""
        self._meeting_going_on()  # none spent before a meeting began
        now = self.opened.clock()
        seconds = int(seconds_between(self._since, now))  # negative if the clock was set back: no time spent
        self.question_id, self._since, self._alarmed = question_id, now, False
        return seconds

    def typed(self) -> None:
        """A key was typed: a repaint the clock held back goes out with it, in the same frame."""
        self._typed_at = time.monotonic()
        if self._tick_waiting:
            self._tick_waiting = False
            self.repaint()

    def _tick(self) -> None:
        self._meeting_going_on()  # also while the repaint waits: a first note typed slowly is setup time
        # While someone types, the second's repaint waits for their next key: on its own it can hold up
        # a key's echo by a frame.
        if time.monotonic() - self._typed_at < TYPING:
            self._tick_waiting = True
        else:
            self.repaint()

    def repaint(self) -> None:
        """Show the bar as of now (only if its text changed)."""
        text, time_up = self._text()
        if text.plain != self._shown:
            self._shown = text.plain
            self.update(text, layout=False)  # one line, always: no layout pass
        if time_up and not self._alarmed:
            self._alarmed = True
            self.post_message(self.TimeUp())

    def _meeting_going_on(self) -> Meeting | None:
        """The meeting going on now, or None. Until one starts, the question's clock stands at zero: time
        spent setting up (people, parties, the agenda) is no meeting's time."""
        meeting = self.opened.today()
        if meeting is None:
            self._since = self.opened.clock()
        return meeting

    def _spent(self, meeting: Meeting) -> int:
        """Time spent on the current question in `meeting`, this visit included."""
        item = meeting.items.get(self.question_id)
        return (item.seconds if item else 0) + max(0, int(seconds_between(self._since, self.opened.clock())))

    def _text(self) -> tuple[Text, bool]:
        """What matters most in a meeting first, so that a narrow terminal cuts what matters least: the
        question's timebox, the meeting's clock, who is present, the agenda, the date, the session's title."""
        now = self.opened.clock()
        meeting = self._meeting_going_on()
        title = Text(f"  {one_line(self.opened.session.title)}", "bold")
        if meeting is None:
            return Text(f"{short_date(now.date())} · {NO_MEETING}").append_text(title), False
        question = self.opened.pack.questions[self.question_id]
        spent = self._spent(meeting)
        time_up = False
        box = f"fråga {self.question_id}: {clock_text(spent)}"
        if question.timebox_minutes:
            left = question.timebox_minutes * 60 - spent
            time_up = left < 0
            box += f" av {question.timebox_minutes} min" if not time_up else f" — tiden är ute (+{clock_text(-left)})"
        parts = []
        if meeting.start is not None:
            # Elapsed in absolute time: the start is a wall time of the session's zone on the meeting's own
            # day (a meeting goes on past midnight), so a DST change in between counts as it happened.
            start = wall(meeting.date, meeting.start, self.opened.session.zone)
            parts.append(f"möte {meeting.start:%H:%M} ({clock_text(seconds_between(start, now))})")
        if meeting.attendees:
            parts.append(self._presence(meeting))
        if self.question_id in meeting.agenda:
            parts.append(f"punkt {meeting.agenda.index(self.question_id) + 1} av {len(meeting.agenda)}")
        parts.append(short_date(now.date()))
        text = Text(box, "bold reverse" if time_up else "")
        text.append(" · " + " · ".join(parts))
        return text.append_text(title), time_up

    def _presence(self, meeting: Meeting) -> str:
        """Which parties have nobody here, by name: a party not present takes no position (PRODUCT.md §2).
        'alla parter närvarande', 'frånvarande: Saco-S, Seko'; without parties, how many are here."""
        session = self.opened.session
        if not session.parties:
            return f"närvarande {len(meeting.attendees)}"
        here = {person.party for person_id in meeting.attendees if (person := session.participant(person_id))}
        missing = [one_line(party.name) for party in session.parties if party.id not in here]
        return f"frånvarande: {', '.join(missing)}" if missing else "alla parter närvarande"
