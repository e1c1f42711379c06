"""Pack variants (`extends`): a variant replaces texts by id and keeps everything else of its base;
the shipped municipal agreement pack is the state one with municipal texts; broken variants are refused
at their line, in one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samverka.errors import UserError
from samverka.phases import builtin_packs_dir, find_pack, load_pack
from samverka.sessions.catalog import create_session
from samverka.sessions.store import SessionStore

BASE_ID = "lokalt-samverkansavtal"
MUNICIPAL_ID = "lokalt-samverkansavtal-kommun"

VARIANT = '''\
id = "var"
extends = "lokalt-samverkansavtal"
version = 3
title = "Variant"
description = "En variant."

[output]
preamble = "Ingress."

[minutes]
reservation = "Förbehåll."

[roles.chef]
description = "Ny chef."

[phases.rita-kartan]
source = "Ny källa."

[questions."3.1"]
guidance = """Ny vägledning."""
source = "Rita kartan – ny."

[questions."3.1".fields.mbl]
label = "Ny etikett"

[questions."3.1".canvas.grans]
label = "Ny duk?"
'''


def write(directory: Path, pack_id: str, text: str) -> Path:
    path = directory / f"{pack_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_variant_replaces_only_what_it_names(tmp_path: Path):
    base = find_pack(BASE_ID, None)
    variant = load_pack(write(tmp_path, "var", VARIANT))
    assert (variant.id, variant.extends, variant.version, variant.title) == ("var", BASE_ID, 3, "Variant")
    assert variant.path == tmp_path / "var.toml"
    question, before = variant.questions["3.1"], base.questions["3.1"]
    assert (question.guidance, question.source) == ("Ny vägledning.", "Rita kartan – ny.")
    assert (question.title, question.prompt, question.output_section) == (before.title, before.prompt,
                                                                          before.output_section)
    mbl = next(f for f in question.fields if f.id == "mbl")
    assert (mbl.label, mbl.help) == ("Ny etikett", next(f for f in before.fields if f.id == "mbl").help)
    assert [f.id for f in question.fields] == [f.id for f in before.fields]
    assert [f for f in question.fields if f.id != "mbl"] == [f for f in before.fields if f.id != "mbl"]
    assert [c.label for c in question.canvas if c.id == "grans"] == ["Ny duk?"]
    assert {k: q for k, q in variant.questions.items() if k != "3.1"} == {
        k: q for k, q in base.questions.items() if k != "3.1"}
    chef = variant.role("chef")
    assert chef is not None and chef.description == "Ny chef." and chef.title == base.role("chef").title
    phase = next(p for p in variant.phases if p.id == "rita-kartan")
    assert phase.source == "Ny källa." and phase.purpose == next(p for p in base.phases if p.id == phase.id).purpose
    assert (variant.preamble, variant.reservation) == ("Ingress.", "Förbehåll.")
    assert (variant.sections, variant.documents, variant.readiness_labels, variant.output_kind) == (
        base.sections, base.documents, base.readiness_labels, base.output_kind)


def test_variant_keeps_the_texts_it_does_not_name(tmp_path: Path):
    base = find_pack(BASE_ID, None)
    head = VARIANT.split("\n[output]")[0] + "\n"
    variant = load_pack(write(tmp_path, "var", head))
    assert (variant.preamble, variant.reservation, variant.output_title) == (
        base.preamble, base.reservation, base.output_title)
    assert variant.phases == base.phases and variant.roles == base.roles


def test_variant_builds_on_the_pack_beside_it_before_the_builtin_one(tmp_path: Path):
    text = (builtin_packs_dir() / f"{BASE_ID}.toml").read_text(encoding="utf-8")
    own = text.replace('title = "Parter och mandat"', 'title = "Våra parter"', 1)
    assert own != text
    write(tmp_path, BASE_ID, own)
    write(tmp_path, "var", VARIANT)
    assert find_pack("var", tmp_path).questions["1.1"].title == "Våra parter"
    assert find_pack("var", tmp_path).extends == BASE_ID


def test_two_variants_naming_each_other_are_refused_not_looped(tmp_path: Path):
    write(tmp_path, "a", VARIANT.replace('id = "var"', 'id = "a"').replace(f'extends = "{BASE_ID}"', 'extends = "b"'))
    write(tmp_path, "b", VARIANT.replace('id = "var"', 'id = "b"').replace(f'extends = "{BASE_ID}"', 'extends = "a"'))
    with pytest.raises(UserError) as caught:
        load_pack(tmp_path / "a.toml")
    assert caught.value.path == tmp_path / "a.toml" and caught.value.line == 2
    assert "'b' bygger själv på ett annat paket" in caught.value.message


# (description, replace this, with that, message fragment, line of the error in the new text)
BROKEN = [
    ("unknown base", f'extends = "{BASE_ID}"', 'extends = "saknas"',
     "'extends' nämner ett okänt processpaket 'saknas'", "extends ="),
    ("itself", f'extends = "{BASE_ID}"', 'extends = "var"', "kan inte bygga på sig självt", "extends ="),
    ("unknown question", '[questions."3.1"]\n', '[questions."9.9"]\n', f"'{BASE_ID}' har ingen fråga '9.9'",
     '[questions."9.9"]'),
    ("unknown field", "fields.mbl]", "fields.mbb]", "frågan 3.1 har inget svarsmallsfält 'mbb'", "fields.mbb]"),
    ("unknown canvas", "canvas.grans]", "canvas.granz]", "frågan 3.1 har ingen dialogduksfråga 'granz'",
     "canvas.granz]"),
    ("unknown role", "[roles.chef]", "[roles.vd]", f"'{BASE_ID}' har ingen roll 'vd'", "[roles.vd]"),
    ("unknown phase", "[phases.rita-kartan]", "[phases.rita]", f"'{BASE_ID}' har ingen fas 'rita'", "[phases.rita]"),
    ("section not replaceable", 'guidance = """Ny vägledning."""', 'output_section = "arbetsmiljo"',
     "okänd nyckel 'output_section'", "output_section ="),
    ("phase title not replaceable", 'source = "Ny källa."', 'title = "Ny titel"', "okänd nyckel 'title'",
     'title = "Ny titel"'),
    ("blank text", 'label = "Ny etikett"', 'label = " "', "'questions.3.1.fields.mbl.label' är tom", 'label = " "'),
    ("phases as in a full pack", '[phases.rita-kartan]\nsource = "Ny källa."', '[[phases]]\nid = "rita-kartan"',
     "ändrar texter med [phases.<id>], inte [[phases]]", "[[phases]]"),
    ("key of a full pack", "version = 3", 'version = 3\nlanguage = "en"', "okänd nyckel 'language'", "language ="),
    ("output kind", 'preamble = "Ingress."', 'kind = "report"', "okänd nyckel 'kind'", "kind ="),
    ("minutes key", 'reservation = "Förbehåll."', 'forbehall = "x"', "okänd nyckel 'forbehall'", "forbehall ="),
]


@pytest.mark.parametrize(("name", "old", "new", "message", "where"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_variant_is_refused_in_one_line_at_its_line(tmp_path: Path, name, old, new, message, where):
    assert old in VARIANT
    text = VARIANT.replace(old, new, 1)
    path = write(tmp_path, "var", text)
    with pytest.raises(UserError) as caught:
        load_pack(path)
    err = caught.value
    assert err.path == path and message in err.message, str(err)
    assert "\n" not in str(err)
    assert err.line == next(i for i, line in enumerate(text.splitlines(), 1) if where in line), str(err)


# --- the shipped municipal variant ------------------------------------------------------------------

STATE_ONLY = re.compile(r"\bstaten\b|statlig|myndighet|Samverkan för framtiden|regering", re.IGNORECASE)


def shape(pack) -> list:
    return [(p.id, p.title, [(q.id, q.output_section, [f.id for f in q.fields], [c.id for c in q.canvas])
                             for q in p.questions]) for p in pack.phases]


def test_municipal_pack_is_the_state_pack_with_municipal_texts():
    state, municipal = find_pack(BASE_ID, None), find_pack(MUNICIPAL_ID, None)
    assert municipal.extends == BASE_ID
    assert shape(municipal) == shape(state)
    assert (municipal.sections, municipal.documents, municipal.readiness_labels) == (
        state.sections, state.documents, state.readiness_labels)
    assert [r.id for r in municipal.roles] == [r.id for r in state.roles]
    changed = {q for q in state.questions if municipal.questions[q] != state.questions[q]}
    assert {"1.1", "1.2", "2.4", "3.1", "3.2", "3.5", "5.5"} <= changed

    assert "Avtal om samverkan och arbetsmiljö" in municipal.preamble
    assert "Samverkan för framtiden" in state.preamble
    guidance = {q: municipal.questions[q].guidance for q in changed}
    assert "nämnd" in guidance["3.1"] and "nämnd" not in state.questions["3.1"].guidance
    political = next(f for f in municipal.questions["3.1"].fields if f.id == "annan_beslutsfattare")
    assert "politiska" in political.label
    assert "förvaltning" in guidance["3.2"] and "central samverkansgrupp" in guidance["3.2"]
    assert "normalt också skyddskommitté" in guidance["3.5"]
    assert "FAS 05" in guidance["1.3"]
    assert "SKR" in guidance["5.5"]


def test_municipal_pack_says_nothing_state_only_outside_its_note_on_partsradet():
    municipal = find_pack(MUNICIPAL_ID, None)
    texts = [("description", municipal.description), ("preamble", municipal.preamble)]
    texts += [(r.id, r.description) for r in municipal.roles]
    for question in municipal.questions.values():
        texts += [(question.id, question.prompt), (question.id, question.guidance)]
        texts += [(question.id, f.label + " " + f.help) for f in question.fields]
        texts += [(question.id, c.label) for c in question.canvas]
    assert [where for where, text in texts if STATE_ONLY.search(text)] == []
    for phase in municipal.phases[2:]:
        assert "Partsrådet" in phase.source and "statlig sektor" in phase.source, phase.id


def test_a_session_of_the_municipal_pack_is_created_and_opened(tmp_path: Path):
    path = create_session(tmp_path, "stad", "Exempelstad", "", MUNICIPAL_ID, None)
    store = SessionStore.open(path, None)
    assert store.pack.id == MUNICIPAL_ID and store.session.title == "Lokalt samverkansavtal – kommun och region"


def test_extends_names_an_id_never_a_path(tmp_path: Path):
    (tmp_path / "ute.toml").write_text(
        'id = "ute"\nextends = "../packs/lokalt-samverkansavtal"\nversion = 1\ntitle = "U"\ndescription = "U"\n',
        encoding="utf-8")
    with pytest.raises(UserError, match="ska vara ett pakets id"):
        load_pack(tmp_path / "ute.toml")
