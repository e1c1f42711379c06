"""Quick notes are checked as strictly as the CLI: what would silently stay in the text is named, headless."""

import datetime as dt

import pytest

from samverka.sessions.edits import NoteDraft
from samverka.sessions.quicknote import check_quick_note, parse_quick_note, plain_note


@pytest.mark.parametrize(
    ("typed", "problems"),
    [
        ("a: Boka lokal @kalle", ["okänd deltagare @kalle"]),
        ("Vi tar det #vision", ["okänd part #vision"]),
        ("a: Boka lokal @bo 2026-13-45", ["ogiltigt datum '2026-13-45': skriv ÅÅÅÅ-MM-DD"]),
        ("a: Boka lokal 2026-1-5", ["ogiltigt datum '2026-1-5': skriv ÅÅÅÅ-MM-DD"]),
        ("b: Vi kör #ag #st", ["två parter: #ag och #st"]),
        ("a: Boka @bo och @cecilia", ["två ansvariga: @bo och @cecilia"]),
        ("p: @cecilia @david #st ordagrant", ["två talare: @cecilia och @david"]),
        ("p: Vi vill ha detta till protokollet", ["en protokollsanteckning görs av en part: ange vilken (#part)"]),
        ("b: #st", ["anteckningen är tom"]),
        ("a: @kalle #vision 2026-02-30 text",
         ["okänd deltagare @kalle", "okänd part #vision", "ogiltigt datum '2026-02-30': skriv ÅÅÅÅ-MM-DD"]),
    ],
)
def test_what_the_cli_would_refuse_is_named(demo, typed, problems):
    assert check_quick_note(typed, demo.session, demo.pack, "1.1")[1] == problems


@pytest.mark.parametrize(
    "typed",
    ["a: Boka lokal @bo 2026-12-15 #ag", "Vanlig anteckning", "e-post: a@b.se #st", "o: #ST oense",
     "b: 2026-13-45 är inget förfallodatum för beslut", "a: två datum 2026-12-15 och 2026-12-20"],
)
def test_a_correct_line_has_no_problems_and_the_same_draft_as_before(demo, typed):
    draft, problems = check_quick_note(typed, demo.session, demo.pack, "1.1")
    assert problems == []
    assert draft == parse_quick_note(typed, demo.session)


def test_the_wording_is_the_clis_where_they_check_the_same(demo):
    from samverka.errors import UserError
    from samverka.sessions.edits import check_note, day_from_text

    with pytest.raises(UserError) as date_error:
        day_from_text("2026-13-45")
    assert date_error.value.message in check_quick_note("a: x 2026-13-45", demo.session, demo.pack, "1.1")[1]
    with pytest.raises(UserError) as empty_error:
        check_note(demo.session, demo.pack, "1.1", NoteDraft("decision", " "))
    assert check_quick_note("b:", demo.session, demo.pack, "1.1")[1] == [empty_error.value.message]


def test_the_draft_of_a_line_with_problems_keeps_what_it_could_read(demo):
    draft, _ = check_quick_note("a: Boka @bo @kalle 2026-12-15", demo.session, demo.pack, "1.1")
    assert (draft.kind, draft.owner, draft.due, draft.text) == ("action", "bo", dt.date(2026, 12, 15), "Boka @kalle")


def test_insisting_saves_exactly_what_was_typed_as_a_plain_note():
    typed = "a: Boka lokal @kalle 2026-13-45 #ag"
    assert plain_note(f"  {typed} ") == NoteDraft("note", typed)
