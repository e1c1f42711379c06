"""The command line speaks Swedish throughout: argparse's own words (the usage line, usage errors with exit 2,
the help's headings), and counts of one in the singular ("1 möte")."""

from __future__ import annotations

import re

import pytest

ENGLISH = re.compile(r"\b(usage|error|invalid|choose from|required|unrecognized|expected|options|positional|"
                     r"not allowed|show this help)\b", re.IGNORECASE)


@pytest.mark.parametrize(("args", "said"), [
    (["nosuchcmd"], "samverka: fel: KOMMANDO: 'nosuchcmd' finns inte (välj bland 'demo', 'new'"),
    (["note"], "samverka note: fel: det här saknas: SLUG, --question, TEXT"),
    (["note", "demo", "--question"], "samverka note: fel: --question: ett värde behövs"),
    (["list", "--bogus"], "samverka: fel: känns inte igen: --bogus"),
    (["export", "demo"], "samverka export: fel: ett av --minutes --status --agreement --report behövs"),
    (["export", "demo", "--minutes", "--agreement"],
     "samverka export: fel: --agreement: kan inte anges tillsammans med --minutes"),
    (["rollup", "--format", "xls"], "samverka rollup: fel: --format: 'xls' finns inte (välj bland 'md', 'csv')"),
])
def test_usage_errors_are_said_in_swedish(cli, args: list[str], said: str):
    result = cli(*args)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("användning: samverka")
    assert result.err.splitlines()[-1].startswith(said), result.err
    assert not ENGLISH.search(result.err), result.err


@pytest.mark.parametrize("args", [["-h"], ["note", "-h"], ["rollup", "-h"]])
def test_help_headings_are_swedish(cli, args: list[str]):
    result = cli(*args)
    assert result.code == 0 and result.out.startswith("användning: samverka")
    assert "\nflaggor:\n" in result.out and "visa den här hjälpen och avsluta" in result.out
    assert not ENGLISH.search(result.out), result.out


def test_positional_arguments_have_a_swedish_heading(cli):
    result = cli("note", "-h")
    assert "\nargument:\n  SLUG\n  TEXT\n" in result.out


def test_counts_of_one_are_singular(cli, data_dir):
    assert cli("new", "s", "--org", "Myndigheten").code == 0
    assert cli("note", "s", "--question", "1.1", "--kind", "action", "Ta fram en tidplan").code == 0
    listed = cli("list")
    assert listed.code == 0
    assert listed.out.split("  ")[3:] == ["1 möte", "1 anteckning", "0 %", "1 öppen åtgärd\n"]
    checked = cli("check", str(data_dir / "sessions" / "s"))
    assert checked.out.endswith(": 1 möte, 1 anteckning\n"), checked.out
