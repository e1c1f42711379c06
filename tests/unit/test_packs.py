"""Process packs: the shipped packs are complete, and every kind of schema error is refused at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverka.errors import UserError
from samverka.phases import available_packs, builtin_packs_dir, find_pack, load_pack
from samverka.phases.pack import ROLE_IDS

BUILTIN = builtin_packs_dir()


@pytest.mark.parametrize("pack_id", ["lokalt-samverkansavtal", "lokalt-samverkansavtal-kommun", "uppfoljning"])
def test_builtin_pack_is_substantive(pack_id: str):
    pack = load_pack(BUILTIN / f"{pack_id}.toml")
    assert pack.language == "sv"
    assert len(pack.readiness_labels) == 5
    assert {r.id for r in pack.roles} == set(ROLE_IDS)
    assert len(pack.phases) >= 4
    for phase in pack.phases:
        assert phase.source.strip(), phase.id
        assert len(phase.questions) >= 3, phase.id
        for question in phase.questions:
            assert len(question.prompt) > 40 and len(question.guidance) > 150, question.id
            assert len(question.fields) >= 2 and len(question.canvas) >= 2, question.id
            assert all(f.label and f.help for f in question.fields), question.id
    sections = {s.id for s in pack.sections}
    assert sections == {q.output_section for q in pack.questions.values()}


def test_agreement_pack_follows_partsradet_for_phases_three_to_five():
    pack = load_pack(BUILTIN / "lokalt-samverkansavtal.toml")
    assert len(pack.phases) == 5
    titles = [p.title for p in pack.phases]
    assert titles[2:] == ["Rita kartan", "Vilket stöd behövs?", "Hur kan en avstämning göras?"]
    for phase in pack.phases[:2]:
        assert phase.source.startswith("Egen formulering")
    for phase in pack.phases[2:]:
        assert "Partsrådet" in phase.source
    assert "egen" in pack.readiness_source.lower()
    section_titles = " ".join(s.title.lower() for s in pack.sections)
    for needed in ("parter", "syfte", "samverkansformer", "arbetsplats", "arbetsmiljö", "mbl",
                   "kompetens", "uppföljning", "giltighet"):
        assert needed in section_titles, needed
    assert pack.output_kind == "agreement"


def test_followup_pack_covers_the_four_development_areas():
    pack = load_pack(BUILTIN / "uppfoljning.toml")
    titles = [p.title for p in pack.phases]
    for area in ("Förståelsen för samverkan", "Tillitsfull dialog", "Förutsättningar för samverkan",
                 "Fortsatt gemensam utveckling"):
        assert area in titles
    assert pack.output_kind == "report"


def test_user_pack_dir_adds_and_overrides(tmp_path: Path):
    text = (BUILTIN / "uppfoljning.toml").read_text(encoding="utf-8")
    (tmp_path / "egen.toml").write_text(text.replace('id = "uppfoljning"', 'id = "egen"', 1), encoding="utf-8")
    packs = available_packs(tmp_path)
    assert {"lokalt-samverkansavtal", "lokalt-samverkansavtal-kommun", "uppfoljning", "egen"} <= set(packs)
    assert find_pack("egen", tmp_path).id == "egen"
    with pytest.raises(UserError, match="okänt processpaket 'saknas'"):
        find_pack("saknas", tmp_path)


MINIMAL = '''\
id = "mini"
version = 1
title = "Mini"
language = "sv"
description = "Ett litet paket."
readiness_labels = ["a", "b", "c", "d", "e"]
readiness_source = "Egen skala."

[[roles]]
id = "chef"
title = "Chef"
description = "Leder."

[[phases]]
id = "forsta"
title = "Första"
purpose = "Syfte."
source = "Egen formulering."

[[phases.questions]]
id = "1.1"
title = "Fråga"
prompt = "Vad?"
guidance = """
Varför.
"""
output_section = "del"

[[phases.questions.fields]]
id = "svar"
label = "Svar"
help = "Skriv."

[[phases.questions.canvas]]
id = "duk"
label = "Hur?"

[output]
kind = "agreement"
title = "Utkast"

[[output.sections]]
id = "del"
title = "Del"
order = 1
'''


def write_pack(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    lines = text.splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if fragment in line]
    return hits[occurrence - 1]


def test_minimal_pack_loads(tmp_path: Path):
    pack = load_pack(write_pack(tmp_path, MINIMAL))
    assert pack.questions["1.1"].fields[0].label == "Svar"
    assert pack.phase_of("1.1").title == "Första"
    assert pack.questions["1.1"].source is None
    assert pack.sections[0].document is None and pack.documents == ()
    assert pack.preamble is None and pack.reservation is None and pack.extends is None


def test_optional_keys_are_read(tmp_path: Path):
    text = (MINIMAL
            .replace('title = "Fråga"\n', 'title = "Fråga"\nsource = "Rita kartan – ”Vad ska samverkas?”."\n')
            .replace('title = "Utkast"\n', 'title = "Utkast"\npreamble = "Ett lokalt kollektivavtal."\n\n'
                     '[[output.documents]]\nid = "plan"\ntitle = "Införandeplan"\n')
            .replace("order = 1\n", 'order = 1\ndocument = "plan"\n\n[minutes]\nreservation = "Preliminärt."\n'))
    pack = load_pack(write_pack(tmp_path, text))
    assert pack.questions["1.1"].source == "Rita kartan – ”Vad ska samverkas?”."
    assert [(d.id, d.title) for d in pack.documents] == [("plan", "Införandeplan")]
    assert pack.sections[0].document == "plan"
    assert (pack.preamble, pack.reservation) == ("Ett lokalt kollektivavtal.", "Preliminärt.")


def test_packs_are_listed_base_before_variant():
    assert list(available_packs(None))[:2] == ["lokalt-samverkansavtal", "lokalt-samverkansavtal-kommun"]


# (description, replace this, with that, message fragment, line of the error in the new text)
BROKEN = [
    ("syntax", 'title = "Mini"', 'title = "Mini', "strängen avslutas inte", 'title = "Mini'),
    ("missing key", 'prompt = "Vad?"\n', "", "'phases.questions.prompt' saknas", "[[phases.questions]]"),
    ("wrong type", "version = 1", 'version = "ett"', "'version' ska vara ett heltal", "version ="),
    ("unknown key", 'label = "Hur?"', 'label = "Hur?"\nfarg = "röd"', "okänd nyckel 'farg'", "farg ="),
    ("bad question id", 'id = "1.1"', 'id = "1.2"', 'frågans id ska vara "1.1"', 'id = "1.2"'),
    ("unknown section", 'output_section = "del"', 'output_section = "annan"', "okänt avsnitt 'annan'",
     "output_section"),
    ("unfed section", 'order = 1\n', 'order = 1\n\n[[output.sections]]\nid = "tom"\ntitle = "Tom"\norder = 2\n',
     "avsnittet 'tom' får inga svar", '[[output.sections]]'),
    ("four labels", '"d", "e"]', '"d"]', "exakt 5 etiketter", "readiness_labels"),
    ("unknown role", 'id = "chef"', 'id = "vd"', "okänd roll 'vd'", 'id = "vd"'),
    ("id not file name", 'id = "mini"', 'id = "maxi"', "samma som filnamnet", 'id = "maxi"'),
    ("duplicate field", 'id = "duk"', 'id = "svar"\nlabel = "x"\n[[phases.questions.fields]]\nid = "svar"',
     "id 'svar' finns redan", 'id = "svar"'),
    ("bad output kind", 'kind = "agreement"', 'kind = "avtal"', "'output.kind' ska vara agreement | report",
     'kind = "avtal"'),
    ("blank source", 'title = "Fråga"\n', 'title = "Fråga"\nsource = " "\n', "'phases.questions.source' är tom",
     'source = " "'),
    ("source not text", 'title = "Fråga"\n', 'title = "Fråga"\nsource = 3\n',
     "'phases.questions.source' ska vara en sträng", "source = 3"),
    ("unknown document", "order = 1\n", 'order = 1\ndocument = "bilaga"\n', "okänt dokument 'bilaga'",
     "document ="),
    ("unknown minutes key", "order = 1\n", 'order = 1\n\n[minutes]\nforbehall = "x"\n', "okänd nyckel 'forbehall'",
     "forbehall ="),
    ("blank preamble", 'title = "Utkast"\n', 'title = "Utkast"\npreamble = ""\n', "'output.preamble' är tom",
     "preamble ="),
]


@pytest.mark.parametrize(("name", "old", "new", "message", "where"), BROKEN, ids=[b[0] for b in BROKEN])
def test_schema_errors_name_file_and_line(tmp_path: Path, name, old, new, message, where):
    assert old in MINIMAL
    text = MINIMAL.replace(old, new, 1)
    path = write_pack(tmp_path, text)
    with pytest.raises(UserError) as caught:
        load_pack(path)
    err = caught.value
    assert err.path == path
    assert "\n" not in str(err)
    assert message in err.message
    occurrence = {"duplicate field": 3, "unfed section": 2}.get(name, 1)
    assert err.line == line_of(text, where, occurrence), str(err)
    assert str(err).startswith(f"{path}:{err.line}")
