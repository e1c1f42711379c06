"""The quick-note syntax: prefix picks the kind, tags attribute, and they leave the stored text."""

import datetime as dt

import pytest

from samverka.sessions.quicknote import parse_quick_note


@pytest.mark.parametrize(
    ("typed", "kind", "text", "party", "by", "owner", "due"),
    [
        ("Vanlig anteckning", "note", "Vanlig anteckning", None, None, None, None),
        ("b: Vi kör #ST", "decision", "Vi kör", "st", None, None, None),
        ("B:Stort B fungerar", "decision", "Stort B fungerar", None, None, None, None),
        ("a: Boka lokal @bo 2026-12-15", "action", "Boka lokal", None, None, "bo", dt.date(2026, 12, 15)),
        ("å: #ag Skicka kallelse @Cecilia", "action", "Skicka kallelse", "ag", None, "cecilia", None),
        ("o: Ej överens om tidplanen #saco", "disagreement", "Ej överens om tidplanen", "saco", None, None, None),
        ("p: #st @cecilia OFR/ST anser att … (ordagrant)", "statement", "OFR/ST anser att … (ordagrant)",
         "st", "cecilia", None, None),
        ("#okänd tagg och @ingen stannar", "note", "#okänd tagg och @ingen stannar", None, None, None, None),
        ("x: okänt prefix är text", "note", "x: okänt prefix är text", None, None, None, None),
        ("b: 2026-12-15 är inget förfallodatum för beslut", "decision",
         "2026-12-15 är inget förfallodatum för beslut", None, None, None, None),
        ("a: ogiltigt datum 2026-13-45 stannar", "action", "ogiltigt datum 2026-13-45 stannar",
         None, None, None, None),
        ("e-post: a@b.se #st", "note", "e-post: a@b.se", "st", None, None, None),
    ],
)
def test_quick_note(demo, typed, kind, text, party, by, owner, due):
    note = parse_quick_note(typed, demo.session)
    assert (note.kind, note.text, note.party, note.by, note.owner, note.due) == (kind, text, party, by, owner, due)
