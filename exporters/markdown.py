"""Escaping user text for Markdown, so that no note, answer or name can change a document's structure.

The contract, checked by the tests with markdown-it-py (CommonMark with tables and raw HTML, and
"js-default" with and without linkify): escaped text parses to nothing but text, soft and hard
line breaks, and its text is the user's text after `samverka.text.visible` with these newline rules:

- every line is stripped of surrounding whitespace (Markdown would drop it anyway);
- `inline` joins the non-blank lines with a single space (headings, table cells, names);
- `lines` keeps the non-blank lines, for the caller to join with `HARD_BREAK` (a note);
- `paragraphs` also keeps blank-line paragraph breaks (answers, protokollsanteckningar).
"""

from __future__ import annotations

import re

from samverka.text import visible

# "\" + newline: a hard line break that survives editors that strip trailing spaces.
HARD_BREAK = "\\\n"

# What is escaped anywhere in a line: characters that open inline syntax (escapes, code, emphasis,
# strikethrough, links and images, raw HTML and autolinks, table cells, heading closers, e-mail
# autolinks), "&" where it could start an entity ("&amp;"), and what linkify would turn into a link:
# a dot before a letter ("x.se", "www.x.se") and a double slash ("http://", "//x").
_INLINE = re.compile(r"[\\`*_~\[\]<>|#@]|&(?=[#A-Za-z0-9])|\.(?=[^\W\d_])|/(?=/)")
# Characters that only matter where a block can start: lists, setext underlines, thematic breaks.
_LINE_START = ("-", "+", "=")
# "1." or "1)" then a space (or nothing) at a line start would open an ordered list; "1.1" would not.
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])(?=\s|$)")


def escape_line(line: str) -> str:
    """One line of user text (no newlines, already stripped) as inert Markdown."""
    escaped = _INLINE.sub(_backslash, line)
    if escaped.startswith(_LINE_START):
        return "\\" + escaped
    if escaped[:1].isdigit():
        return _ORDERED_MARKER.sub(r"\1\\\2", escaped)
    return escaped


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def lines(text: str) -> list[str]:
    """The non-blank lines of `text`, each stripped and escaped; join them with `HARD_BREAK`."""
    return [escape_line(line) for line in _stripped_lines(text) if line]


def inline(text: str) -> str:
    """`text` as one escaped line, its lines joined by a space: for headings, names and table cells."""
    return " ".join(lines(text))


def paragraphs(text: str) -> list[list[str]]:
    """The paragraphs of `text` (split at blank lines), each a list of escaped lines."""
    result: list[list[str]] = []
    current: list[str] = []
    for line in _stripped_lines(text):
        if line:
            current.append(escape_line(line))
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def is_blank(text: str | None) -> bool:
    """Whether `text` would render as nothing (missing, empty or only whitespace)."""
    return text is None or not any(_stripped_lines(text))


def _stripped_lines(text: str) -> list[str]:
    # Only "\n" separates lines: every other line-breaking control is made visible first,
    # and str.splitlines would split at characters Markdown treats as ordinary text.
    return [line.strip() for line in visible(text).split("\n")]
