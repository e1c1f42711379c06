"""The quick-note syntax (PRODUCT.md §6): a kind prefix, #party tags, and for actions @owner and a due date."""

from __future__ import annotations

import re

from samverka.errors import UserError
from samverka.phases import Pack
from samverka.sessions.edits import NoteDraft, check_note, day_from_text
from samverka.sessions.model import Session

_PREFIXES = {"b": "decision", "a": "action", "å": "action", "o": "disagreement", "p": "statement"}
_PREFIX = re.compile(r"^\s*([a-zåäö]):\s*", re.IGNORECASE)
_TAG = re.compile(r"(?<!\S)([#@])([\w-]+)")
# Looser than a day, so that a mistyped one (2026-1-5, 2026-13-45) is caught, not left in the text.
_DATE = re.compile(r"(?<!\S)(\d{4}-\d{1,2}-\d{1,2})(?!\S)")
_SECOND = {"party": "två parter", "owner": "två ansvariga", "by": "två talare"}


def parse_quick_note(line: str, session: Session) -> NoteDraft:
    """Split a typed line into kind, text and attributions; tags that name nobody stay in the text.

    `#id` names a party; `@id` names the owner of an action, or who spoke for other kinds;
    a date YYYY-MM-DD in an action is its due date. Ids match case-insensitively.
    """
    return _read(line, session)[0]


def check_quick_note(line: str, session: Session, pack: Pack, question_id: str) -> tuple[NoteDraft, list[str]]:
    """The draft of a typed line and what in it the CLI would refuse (nothing: it can be saved as it is).

    The CLI takes a party, a person and a due date as options it checks; in a typed line a tag that names
    nobody, a second party or person, or a date that is no day would silently stay in the text (the minutes
    then show `@kalle` and no owner). The screen keeps such a line and says why; saved anyway, it is
    `plain_note(line)`.
    """
    draft, problems = _read(line, session)
    try:
        check_note(session, pack, question_id, draft)
    except UserError as err:
        problems.append(err.message)
    return draft, problems


def plain_note(line: str) -> NoteDraft:
    """A typed line saved as the facilitator insisted: a plain note of exactly what was typed, tags and all."""
    return NoteDraft("note", line.strip())


def _read(line: str, session: Session) -> tuple[NoteDraft, list[str]]:
    kind = "note"
    prefix = _PREFIX.match(line)
    if prefix and prefix.group(1).lower() in _PREFIXES:
        kind = _PREFIXES[prefix.group(1).lower()]
        line = line[prefix.end() :]
    parties = {p.id.lower(): p.id for p in session.parties}
    people = {p.id.lower(): p.id for p in session.participants}
    found: dict[str, str] = {}
    problems: list[str] = []

    def tag(match: re.Match[str]) -> str:
        sign, name = match.group(1), match.group(2).lower()
        known = parties if sign == "#" else people
        slot = "party" if sign == "#" else ("owner" if kind == "action" else "by")
        if name not in known:
            problems.append(f"okänd {'part' if sign == '#' else 'deltagare'} {match.group()}")
        elif slot in found:
            problems.append(f"{_SECOND[slot]}: {sign}{found[slot]} och {match.group()}")
        else:
            found[slot] = known[name]
            return ""
        return match.group()

    line = _TAG.sub(tag, line)
    due = None
    if kind == "action":
        days = []
        for match in _DATE.finditer(line):
            try:
                days.append((match, day_from_text(match.group(1))))
            except UserError as err:
                problems.append(err.message)
        if days:  # the first day is the due date; a later one is part of the text
            match, due = days[0]
            line = line[: match.start()] + line[match.end() :]
    text = re.sub(r"[ \t]{2,}", " ", line).strip()
    return NoteDraft(kind, text, found.get("party"), found.get("by"), found.get("owner"), due), problems
