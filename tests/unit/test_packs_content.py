"""What the shipped packs must (and must not) say, checked as data: the domain review's corrections
(shared/reviews/domain-2026-11.md, tables (b) and (c)) stay corrected."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from samverka.phases import Pack, available_packs, builtin_packs_dir, find_pack

SHIPPED = sorted(available_packs(None))
AGREEMENT_PACKS = ["lokalt-samverkansavtal", "lokalt-samverkansavtal-kommun"]

# Partsrådet's published phases and the parts of them DOMAIN.md §1 names (quoted in a `source` as ”…”).
PARTSRADET = {
    "Rita kartan": {"Vad ska samverkas?", "Roller och hållbara processer", "Arbetsmiljö och samverkan",
                    "Uppföljning", "Delaktighet, engagemang, dialog"},
    "Vilket stöd behövs?": {"Värdering – liten eller stor förändring"},
    "Hur kan en avstämning göras?": {"Skapa en uppföljningsstruktur"},
}


def texts(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every text a pack holds, with where it is (the question index is skipped: the phases hold them)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from texts(item, f"{where}[{index}]")
    elif is_dataclass(value):
        for f in fields(value):
            if f.name not in ("questions", "path") or not isinstance(value, Pack):
                yield from texts(getattr(value, f.name), f"{where}.{f.name}")


def test_every_shipped_pack_is_checked():
    assert SHIPPED == ["lokalt-samverkansavtal", "lokalt-samverkansavtal-kommun", "uppfoljning"]


@pytest.mark.parametrize("path", sorted(builtin_packs_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_no_pack_file_says_beredskap(path: Path):
    """b-1: "beredskap" is on-call duty; the rating is "hur klara är vi" (PRODUCT.md §2)."""
    assert "beredskap" not in path.read_text(encoding="utf-8").casefold()


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_readiness_is_about_the_discussion_not_agreement(pack_id: str):
    """b-2: the top of the scale means klar (done discussing); agreement is recorded per party elsewhere."""
    pack = find_pack(pack_id, None)
    assert pack.readiness_labels[-1] == "Klar"
    assert not [label for label in pack.readiness_labels if "överens" in label.casefold()]
    assert "Halvvägs" not in pack.readiness_labels
    assert "inte om parterna är överens" in pack.readiness_source
    assert not [w for w, t in texts(pack) if "beredskap" in t.casefold()]


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_skyddsombud_is_a_role(pack_id: str):
    role = find_pack(pack_id, None).role("skyddsombud")
    assert role is not None and "huvudskyddsombud" in role.description


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_every_question_source_names_a_partsradet_phase_and_part(pack_id: str):
    pack = find_pack(pack_id, None)
    sourced = [q for q in pack.questions.values() if q.source is not None]
    assert sourced
    for question in sourced:
        phase = next((p for p in PARTSRADET if question.source.startswith(f"{p} – ")), None)
        assert phase is not None, (question.id, question.source)
        for part in re.findall(r"”([^”]+)”", question.source):
            assert part in PARTSRADET[phase], (question.id, part)
        # In a phase that follows Partsrådet's, a question's source is that same phase.
        own_phase = pack.phase_of(question.id)
        if own_phase.title in PARTSRADET:
            assert phase == own_phase.title, question.id


@pytest.mark.parametrize("pack_id", AGREEMENT_PACKS)
def test_own_questions_in_partsradet_phases_carry_no_source(pack_id: str):
    """b-27: 4.3 (from seed 004) and 5.5 (giltighet) are ours; every other question of phases 3–5 is placed."""
    pack = find_pack(pack_id, None)
    unplaced = [q.id for p in pack.phases[2:] for q in p.questions if q.source is None]
    assert unplaced == ["4.3", "5.5"]
    assert all(q.source is None for p in pack.phases[:2] for q in p.questions)
    for phase in pack.phases[2:]:
        assert "utan sådan källa är vårt eget tillägg" in phase.source, phase.id


@pytest.mark.parametrize("pack_id", AGREEMENT_PACKS)
def test_mbl_paragraphs_and_individual_matters(pack_id: str):
    """b-23, c-10: what the agreement governs, 38 §, 14 § with its time limit, individual matters."""
    question = find_pack(pack_id, None).questions["3.1"]
    for paragraph in ("11 §", "12 §", "14 §", "19 §", "38 §", "11 § andra stycket"):
        assert paragraph in question.guidance, paragraph
    assert "tar inte bort arbetsgivarens skyldigheter" in question.guidance
    assert "entreprenad" in question.guidance and "inom vilken tid" in question.guidance
    assert "förstärkt samverkan" in question.guidance
    assert "brukar ersätta" not in question.guidance
    assert {"mbl", "vid_oenighet", "enskilda_arenden", "annan_beslutsfattare"} <= {f.id for f in question.fields}
    assert "entreprenad" in {c.id for c in question.canvas}


@pytest.mark.parametrize("pack_id", AGREEMENT_PACKS)
def test_skyddskommitte_rule(pack_id: str):
    """b-24, c-10: per arbetsställe, also below fifty on request, members by the union, a skyddsombud among
    them, the tasks of 6:9, and skyddsombud keep their rights."""
    guidance = find_pack(pack_id, None).questions["3.5"].guidance
    for needed in ("arbetsställe", "femtio", "om arbetstagarna begär det", "6 kap. 8 §", "6 kap. 9 §",
                   "lokala arbetstagarorganisation", "minst en av dem", "företagshälsovården", "rehabilitering",
                   "huvudskyddsombudets", "kan inte avtalas bort"):
        assert needed in guidance, needed


@pytest.mark.parametrize("pack_id", AGREEMENT_PACKS)
def test_the_agreement_binds_only_those_who_sign_it(pack_id: str):
    """c-2, b-22, c-1: in 1.1, in the draft's preamble, when one union gives notice (5.5), and the working
    group's reservation for the minutes."""
    pack = find_pack(pack_id, None)
    assert "binder bara de organisationer som undertecknar det" in pack.questions["1.1"].guidance
    assert "binder bara de organisationer som har undertecknat det" in pack.preamble
    assert "lokalt kollektivavtal" in pack.preamble
    assert "Säger en av arbetstagarorganisationerna upp avtalet" in pack.questions["5.5"].guidance
    assert "preliminära" in pack.reservation and "undertecknats" in pack.reservation


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_without_an_agreement_both_laws_apply(pack_id: str):
    """b-26: a sentence saying that MBL applies in full (without, or after, a local agreement) names AML too."""
    pack = find_pack(pack_id, None)
    found = [(w, sentence) for w, t in texts(pack) for sentence in re.split(r"(?<=[.?])\s", t)
             if "fullt ut" in sentence and re.search(r"MBL|medbestämmandelag", sentence)]
    assert found
    assert [w for w, sentence in found if "arbetsmiljölagen" not in sentence] == []


@pytest.mark.parametrize("pack_id", AGREEMENT_PACKS)
def test_process_material_stays_out_of_the_agreement_text(pack_id: str):
    """b-21: lessons learned, ambition and the implementation plan go to their own documents."""
    pack = find_pack(pack_id, None)
    document = {s.id: s.document for s in pack.sections}
    for question_id in ("1.4", "1.5", "4.1", "4.4", "4.5"):
        assert document[pack.questions[question_id].output_section] is not None, question_id
    assert {d.title for d in pack.documents} == {"Processdokumentation", "Införandeplan"}
    main = [s for s in pack.sections if s.document is None]
    assert len(main) >= 9 and main == sorted(main, key=lambda s: s.order)


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_written_register(pack_id: str):
    """b-30: "de fackliga" as a noun, "tveksamheter", "Ambition med arbetet", "Halvvägs"."""
    found = [w for w, t in texts(find_pack(pack_id, None))
             if re.search(r"\bde fackliga\b(?! (företrädar|organisation|förtroende|ombud|representant))", t)
             or re.search(r"tveksamheter|Ambition med arbetet|Halvvägs", t)]
    assert found == []


def test_followup_pack_fits_state_agencies_and_asks_about_compliance_and_work_environment():
    """b-31, b-32."""
    pack = find_pack("uppfoljning", None)
    titles = [q.title for q in pack.questions.values()]
    assert [t for t in titles if "förvaltning" in t and "avdelning" not in t] == []
    assert any(t.startswith("Följsamhet") for t in titles)
    work_environment = next(q for q in pack.questions.values() if q.title == "Arbetsmiljön i samverkan")
    assert "skyddskommitténs uppgifter" in work_environment.prompt
    assert "gäller oavsett" in work_environment.guidance
    assert "ändrar inte samverkansavtalet" in pack.reservation


def test_roles_carry_what_the_seed_says_of_them():
    """b-29, c-8: the chef's decisive say over the agenda, paired with the parties' right to add items."""
    pack = find_pack("lokalt-samverkansavtal", None)
    chef, facklig = pack.role("chef"), pack.role("facklig")
    assert "det avgörande inflytandet över dagordningen" in chef.description
    assert "rätt att anmäla egna ärenden" in chef.description
    assert "akuta" in facklig.description
    assert all("förhållningssätt" in pack.role(r).description for r in ("arbetsgivarforetradare", "medarbetare"))
