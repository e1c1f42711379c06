"""The main screen's keys for the meeting: setting it up (m) — which starts no meeting —, starting it (F4),
adding people (d), actions (x) and adjusting the previous minutes (F2). Mixed into MainScreen, so that the
screen stays readable in one sitting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.errors import UserError
from samverka.sessions import edits
from samverka.sessions.edits import Touched
from samverka.sessions.model import Meeting, Note
from samverka.text import one_line, sentence

if TYPE_CHECKING:
    from samverka.tui.screens.main import MainScreen


class MeetingActions:
    def action_meeting(self: MainScreen) -> None:
        from samverka.tui.dialogs import MeetingScreen

        if not self._editable():
            return
        meeting = self.opened.to_set_up()  # setting up starts no meeting: it is planned until it starts
        self.save_fields_now()  # what was typed before the setup goes first (its undo comes after)

        async def done(setup: edits.MeetingSetup | None) -> None:
            if setup is None:
                return
            try:
                self.opened.set_up(meeting, setup)
            except UserError as err:
                self.notify(sentence(one_line(err.message)), severity="warning", timeout=8)
                return
            self._status("Sparar…")
            previous = self.session.meeting(meeting.previous) if meeting.previous else None
            if setup.justify_previous and previous is not None and previous.justified:
                self.notify(f"{self.session.minutes_title} från {previous.id} är justerat.")
            if meeting.planned:
                self.notify(f"Mötet {meeting.date} är planerat; det startar med första anteckningen eller F4.")
            await self.changed_elsewhere()

        self.app.push_screen(MeetingScreen(self.session, self.pack, meeting, register=self.register), done)

    async def action_begin_meeting(self: MainScreen) -> None:
        """Start the meeting now (the one planned for today, else a new one): its clock starts."""
        if not self._editable():
            return
        if self.opened.today() is not None:
            self.notify("Mötet pågår redan.")
            return
        meeting = self._meeting()
        self.notify(f"Mötet {meeting.id} har startat {meeting.start:%H:%M}.")
        self._apply(Touched(meetings=(meeting,)))
        await self.changed_elsewhere()

    def register(self: MainScreen, registration: edits.Registration) -> str | None:
        """Apply what the participant dialog returned; the new person's id, if there is one."""
        person, touched = edits.register(self.session, self.pack, registration)
        self._apply(touched)
        return person.id if person is not None else None

    def action_participants(self: MainScreen) -> None:
        from samverka.tui.dialogs import ParticipantScreen

        if not self._editable():
            return

        def added(registration: edits.Registration | None) -> None:
            if registration is None:
                return
            person_id = self.register(registration)
            meeting = self.opened.today()  # adding someone starts no meeting; during one, they are present
            if person_id is not None and meeting is not None:
                self._apply(edits.attend(meeting, person_id))
                self.notify(f"{one_line(self.session.participant(person_id).name)} är med och antecknad som "
                            f"närvarande (id @{person_id}).")
            elif person_id is not None:
                self.notify(f"{one_line(self.session.participant(person_id).name)} är tillagd (id @{person_id}).")
            self.refresh_bar()

        self.app.push_screen(ParticipantScreen(self.session, self.pack), added)

    def action_actions(self: MainScreen) -> None:
        from samverka.tui.dialogs import ActionsScreen

        if not self._editable():
            return

        def closed(toggled: list[tuple[Meeting, Note]] | None) -> None:
            if toggled:
                self._apply(edits.toggle_actions_done(toggled, self.opened.clock().date()))
                self.refresh_notes()

        self.app.push_screen(ActionsScreen(self.session, self.current, self.opened.clock().date()), closed)

    def action_justify_previous(self: MainScreen) -> None:
        if not self._editable():
            return
        # Signing the previous minutes starts no meeting: between meetings it is the next one's previous.
        meeting = self.opened.today() or self.opened.to_set_up()
        previous, touched = edits.justify_previous(self.session, meeting, self.opened.clock().date())
        if previous is None:
            self.notify("Det finns inget ojusterat föregående protokoll.")
            return
        self._apply(touched)
        self.notify(f"{self.session.minutes_title} från {previous.id} är justerat.")

    def action_positions(self: MainScreen) -> None:
        """Each party's position on the current item of the meeting going on; saving them starts it if need be
        (looking starts nothing: the dialog shows the attendance of the meeting as it is set up)."""
        from samverka.tui.dialogs import PositionsScreen

        if not self._editable():
            return

        async def kept(positions: dict[str, str] | None) -> None:
            if positions is not None:
                meeting = self._meeting()
                self._apply(edits.set_positions(self.session, meeting, self.current, positions))
                self._card().refresh_title(meeting)

        self.app.push_screen(PositionsScreen(self.session, self.opened.to_set_up(), self.current), kept)

    def action_agree(self: MainScreen) -> None:
        """The parties agree on the svarsmall text as it stands: a copy goes into the meeting's record."""
        if not self._editable():
            return
        self.save_fields_now()
        try:
            edits.agreed_texts(self.session, self.pack, self.current, self.opened.now())  # before a meeting starts
            agreed, touched = edits.record_agreed(self.session, self.pack, self._meeting(), self.current,
                                                  self.opened.now())
        except UserError as err:
            self.notify(sentence(one_line(err.message)), severity="warning")
            return
        self._apply(touched)
        self.notify(f"Överenskommen text antecknad ({len(agreed)} fält); den citeras i protokollet. ctrl+z ångrar.")
