"""No user text can change an export's structure, and every user text comes out verbatim.

"Verbatim" means: the text after `samverka.text.visible` (control characters shown as escapes),
with each line stripped of surrounding whitespace, and
- in names, titles, the place and table cells: non-blank lines joined with one space;
- in notes: non-blank lines kept as hard line breaks (blank lines dropped);
- in answers and protokollsanteckningar: lines kept, blank lines separating paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from export_fixture import FLAVOURS, PLAIN_INLINE, agreement_session, pack, parse, plain
from samverka import exporters
from samverka.exporters.markdown import HARD_BREAK, escape_line, inline, lines, paragraphs
from samverka.sessions.model import Session
from samverka.text import visible

AGREEMENT = pack("lokalt-samverkansavtal")

CHARS = "#*_[]()<>|\\`!-+=~&;:./@ \n\täöåÄÖÅéaZ09\x1b\u00a0\u2003"
FRAGMENTS = [
    "1.", "2)", "10. ", "```", "~~~", "---", "***", "___", "===", "- ", "+ ", "* ", "# ", "> ", "    ",
    "<script>", "</div>", "<!-- c -->", "<http://a.b>", "http://x.se", "www.x.se", "x.se", "//x",
    "mailto:a@b.se", "a@b.se", "[a](b)", "![i](j)", "[a]: /url", "&amp;", "&#35;", "&copy", "| a | b |",
    "|---|", "\\", "\\\n", "\n\n", "  \n", "~~s~~", "**b**", "_e_", "`c`", "t.ex.", "kl. 10:30",
]
user_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=CHARS, max_size=4)), max_size=10,
).map("".join)


# --- the test's own reading of the contract (independent of exporters.markdown) ------------------


def stripped_lines(text: str) -> list[str]:
    return [line.strip() for line in visible(text).split("\n")]


def as_inline(text: str) -> str:
    return " ".join(line for line in stripped_lines(text) if line)


def as_note(text: str) -> str:
    return "\n".join(line for line in stripped_lines(text) if line)


def as_paragraphs(text: str) -> list[str]:
    found, current = [], []
    for line in [*stripped_lines(text), ""]:
        if line:
            current.append(line)
        elif current:
            found.append("\n".join(current))
            current = []
    return found


# --- the escaping functions in every context the exports use -------------------------------------


def only_text(token: Token) -> bool:
    return all(child.type in PLAIN_INLINE for child in token.children or ())


@pytest.mark.parametrize(("text", "escaped"), [
    ("Parterna är överens.", "Parterna är överens."),
    ("11 och 19 §§ MBL; 12 och 14 §§ gäller", "11 och 19 §§ MBL; 12 och 14 §§ gäller"),
    ("1.3 kl. 10:30 (se bilaga)", "1.3 kl. 10:30 (se bilaga)"),
    ("1. Först", "1\\. Först"),
    ("- punkt", "\\- punkt"),
    ("# rubrik", "\\# rubrik"),
    ("> citat", "\\> citat"),
    ("a *b* _c_ `d` [e](f) <g> h|i ~~j~~", "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g\\> h\\|i \\~\\~j\\~\\~"),
    ("se samverka.se eller http://x.se", "se samverka\\.se eller http:\\//x\\.se"),
    ("AT&T &amp; R&D & co", "AT\\&T \\&amp; R\\&D & co"),
    ("C:\\temp\\", "C:\\\\temp\\\\"),
])
def test_escape_line_examples(text: str, escaped: str):
    assert escape_line(text) == escaped


def test_control_characters_and_newlines():
    assert lines("  rad ett \x1b[2J \n\n\t rad två\r\n") == ["rad ett \\\\x1b\\[2J", "rad två\\\\x0d"]
    assert inline("Anna\nEk") == "Anna Ek"
    assert paragraphs("a\nb\n\n\nc\n") == [["a", "b"], ["c"]]
    assert paragraphs(" \n ") == []


def contexts(text: str) -> dict[str, tuple[str, str]]:
    """Markdown snippets with `text` in each context the exports use, and the text each must show."""
    note = "- 09.12 – Anna Ek (Arbetsgivaren): " + (HARD_BREAK + "  ").join(lines(text))
    quote = "\n>\n".join("> " + (HARD_BREAK + "> ").join(p) for p in paragraphs(text))
    answer = "\n\n".join(HARD_BREAK.join(p) for p in paragraphs(text))
    return {
        "heading": (f"### {inline(text)}\n", as_inline(text)),
        "field": (f"- **Plats:** {inline(text)}\n", ("Plats: " + as_inline(text)).rstrip(" ")),
        "cell": (f"| a | b |\n|---|---|\n| {inline(text)} | x |\n", as_inline(text)),
        "note": (note + "\n", ("09.12 – Anna Ek (Arbetsgivaren): " + as_note(text)).rstrip(" ")),
        "quote": ("Protokollsanteckning:\n\n" + quote + "\n", "\n\n".join(as_paragraphs(text))),
        "answer": ("### Fält\n\n" + answer + "\n\n### Nästa\n", "\n\n".join(as_paragraphs(text))),
    }


@given(text=user_text)
def test_escaped_text_is_inert_and_verbatim_in_every_context(text: str):
    for name, (markdown, expected) in contexts(text).items():
        for flavour in FLAVOURS:
            tokens = parse(markdown, flavour)
            inlines = [t for t in tokens if t.type == "inline"]
            if name == "field":
                kinds = [c.type for c in inlines[0].children if c.type not in PLAIN_INLINE]
                assert kinds == ["strong_open", "strong_close"], (flavour, markdown)
            else:
                assert all(only_text(t) for t in inlines), (name, flavour, markdown)
            if name == "cell":
                assert [t.type for t in tokens].count("td_open") == 2, (flavour, markdown)
                shown = plain(inlines[2])
            elif name in ("quote", "answer"):
                texts = [plain(t) for t in inlines]
                shown = "\n\n".join(texts[1:-1] if name == "answer" else texts[1:])
                blocks = {t.type for t in tokens} - {"inline", "paragraph_open", "paragraph_close"}
                allowed = {"blockquote_open", "blockquote_close"} if name == "quote" and expected else set()
                if name == "answer":
                    allowed = {"heading_open", "heading_close"}
                assert blocks <= allowed, (name, flavour, markdown)
            else:
                shown = plain(inlines[0])
            assert shown == expected, (name, flavour, markdown)
            if name in ("heading", "note"):
                assert len(tokens) == (3 if name == "heading" else 7), (name, flavour, markdown)


# --- whole exports --------------------------------------------------------------------------------

INLINE_SLOTS = ("organisation", "title", "place", "party", "person")
NOTE_SLOTS = ("note", "decision", "disagreement", "action")
PARAGRAPH_SLOTS = ("statement", "answer")


def fill(base: Path, texts: dict[str, str]) -> Session:
    """The realistic session with `texts` placed in names, the place, notes of every kind and an answer."""
    session = agreement_session(base)
    session.organisation = texts["organisation"]
    session.title = texts["title"]
    session.party("st").name = texts["party"]
    session.participant("cecilia").name = texts["person"]
    meeting = session.meeting("2026-11-24")
    meeting.place = texts["place"]
    by_time = {note.at.time(): note for note in meeting.notes}
    by_time[dt.time(9, 45)].text = texts["note"]  # by cecilia, party st
    by_time[dt.time(10, 55)].text = texts["decision"]
    by_time[dt.time(10, 5)].text = texts["disagreement"]
    by_time[dt.time(10, 10)].text = texts["statement"]
    by_time[dt.time(10, 15)].text = texts["action"]
    session.questions["2.1"].answers["syfte"] = texts["answer"]
    # The next meeting adjusts these minutes and follows up their actions: names and action text in new places.
    meeting.justified, meeting.justified_by, meeting.justified_at = True, ["cecilia", "bo"], dt.date(2026, 12, 8)
    session.meeting("2026-12-08").previous = meeting.id
    return session


def exports(session: Session) -> list[str]:
    return [exporters.minutes(session, AGREEMENT, session.meeting("2026-11-24")),
            exporters.minutes(session, AGREEMENT, session.meeting("2026-12-08")),
            exporters.draft(session, AGREEMENT)]


def shape(tokens: list[Token]) -> list[tuple]:
    """The document's structure: every block token, and every inline token's markup children."""
    return [
        (t.type, t.tag, t.level, tuple(c.type for c in t.children or () if c.type not in PLAIN_INLINE))
        for t in tokens
    ]


# Placeholders that mark which slot a piece of text came from: ZZI (names, titles, the place),
# ZZN (notes), ZZP0, ZZP1, … (the paragraphs of answers and protokollsanteckningar).
_SLOT = re.compile(r"ZZ(I|N|P\d+)")
_placeholder_exports: dict[int, list[list[tuple[list[tuple], list[tuple[bool, str]]]]]] = {}


def placeholder_exports(base: Path, paragraph_count: int) -> list[list[tuple[list[tuple], list[tuple[bool, str]]]]]:
    """Per document and flavour: the shape and inline texts of the exports with placeholders as user text."""
    if paragraph_count not in _placeholder_exports:
        texts = {**dict.fromkeys(INLINE_SLOTS, "ZZI"), **dict.fromkeys(NOTE_SLOTS, "ZZN")}
        texts.update(dict.fromkeys(PARAGRAPH_SLOTS, "\n\n".join(f"ZZP{i}" for i in range(paragraph_count))))
        _placeholder_exports[paragraph_count] = [
            [_shape_and_texts(parse(document, flavour)) for flavour in FLAVOURS]
            for document in exports(fill(base, texts))
        ]
    return _placeholder_exports[paragraph_count]


def _shape_and_texts(tokens: list[Token]) -> tuple[list[tuple], list[tuple[bool, str]]]:
    """The shape, and each inline's text with whether it is a table cell (where notes are one line)."""
    texts = [(tokens[i - 1].type in ("th_open", "td_open"), plain(t)) for i, t in enumerate(tokens)
             if t.type == "inline"]
    return shape(tokens), texts


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=user_text, before=st.booleans(), after=st.booleans())
def test_user_text_never_changes_the_structure_of_an_export(tmp_path: Path, text: str, before: bool, after: bool):
    # A line before (or after) the text puts its first (or last) line at a line start (or end).
    text = ("Före\n" if before else "") + text + ("\nEfter" if after else "")
    if not text.strip():
        text = "Text"
    shown = {"I": as_inline(text), "N": as_note(text)}
    shown.update((f"P{i}", paragraph) for i, paragraph in enumerate(as_paragraphs(text)))
    in_cell = {**shown, "N": as_inline(text)}
    session = fill(tmp_path, dict.fromkeys((*INLINE_SLOTS, *NOTE_SLOTS, *PARAGRAPH_SLOTS), text))
    expected_exports = placeholder_exports(tmp_path, len(as_paragraphs(text)))
    for document, expected_flavours in zip(exports(session), expected_exports, strict=True):
        for flavour, (expected_shape, expected_texts) in zip(FLAVOURS, expected_flavours, strict=True):
            tokens = parse(document, flavour)
            assert shape(tokens) == expected_shape, (flavour, text)
            texts = [plain(t) for t in tokens if t.type == "inline"]
            assert texts == [
                _SLOT.sub(lambda m, cell=cell: (in_cell if cell else shown)[m.group(1)], t)
                for cell, t in expected_texts
            ], (flavour, text)
