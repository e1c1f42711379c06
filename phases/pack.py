"""Loading and validating process packs (PRODUCT.md §3); a broken pack is refused at its file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from samverka import tomlfile
from samverka.errors import UserError
from samverka.schema import Source, Table

READINESS_LEVELS = 5
ROLE_IDS = ("arbetsgivarforetradare", "facklig", "chef", "medarbetare")
OUTPUT_KINDS = ("agreement", "report")

_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FIELD_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Field:
    """A svarsmall field: answered jointly, it goes into the draft."""

    id: str
    label: str
    help: str


@dataclass(frozen=True)
class CanvasPrompt:
    """A dialogduk prompt: a question to the room, filled in during the talk."""

    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    prompt: str
    guidance: str
    output_section: str
    timebox_minutes: int | None
    fields: tuple[Field, ...]
    canvas: tuple[CanvasPrompt, ...]
    phase_id: str


@dataclass(frozen=True)
class Phase:
    id: str
    number: int
    title: str
    purpose: str
    source: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class OutputSection:
    id: str
    title: str
    order: int


@dataclass(frozen=True)
class Theme:
    """A theme counted across visits: named in the pack, found by word stems in the groups' own answers."""

    label: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class VisitArea:
    """A development area as asked in every visit: its phase and the guide's questions, the first of
    which holds the area's jointly agreed rating."""

    phase_id: str
    title: str
    questions: tuple[str, ...]
    themes: tuple[Theme, ...]


@dataclass(frozen=True)
class Rating:
    id: str
    label: str


@dataclass(frozen=True)
class ActionLevel:
    """Who an action in a visit falls to; an action's text may start with "<prefix>:" to name it."""

    id: str
    title: str
    prefix: str


@dataclass(frozen=True)
class VisitGuide:
    """A central follow-up's visit to one group (`[visit]`, PRODUCT.md §9): the same questions in every
    group, a rating per area on one scale, and where examples and the central group's feedback go."""

    title: str
    method: str
    rating_field: str
    rating_source: str
    ratings: tuple[Rating, ...]  # best first
    overall: tuple[str, ...]  # questions asked before the areas
    examples: tuple[str, str]  # (question, field) holding the group's good examples
    feedback: str  # the question whose answers are the central group's feedback to the group
    areas: tuple[VisitArea, ...]
    levels: tuple[ActionLevel, ...]  # the first is where an action without a prefix goes

    def rating(self, text: str | None) -> Rating | None:
        """The rating an answer names, by id or label (any case, surrounding space ignored)."""
        wanted = (text or "").strip().casefold()
        return next((r for r in self.ratings if wanted in (r.id.casefold(), r.label.casefold())), None)

    def area_of(self, question_id: str) -> VisitArea | None:
        """The development area a question of the guide belongs to (its rating is the area's), if any."""
        return next((a for a in self.areas if question_id in a.questions), None)


@dataclass(frozen=True)
class Pack:
    id: str
    version: int
    title: str
    language: str
    description: str
    readiness_labels: tuple[str, ...]
    readiness_source: str
    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    output_kind: str
    output_title: str
    sections: tuple[OutputSection, ...]
    path: Path
    visit: VisitGuide | None = None
    questions: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {q.id: q for phase in self.phases for q in phase.questions}
        object.__setattr__(self, "questions", index)

    def role(self, role_id: str) -> Role | None:
        return next((role for role in self.roles if role.id == role_id), None)

    def phase_of(self, question_id: str) -> Phase:
        return next(p for p in self.phases if p.id == self.questions[question_id].phase_id)

    def readiness_label(self, value: int) -> str:
        return self.readiness_labels[value]


def builtin_packs_dir() -> Path:
    return Path(__file__).with_name("packs")


def available_packs(user_dir: Path | None) -> dict[str, Path]:
    """Pack id -> file, built-in packs first; a user pack with the same id replaces the built-in one."""
    found: dict[str, Path] = {}
    for directory in (builtin_packs_dir(), user_dir):
        if directory is not None and directory.is_dir():
            for path in sorted(directory.glob("*.toml")):
                found[path.stem] = path
    return found


def find_pack(pack_id: str, user_dir: Path | None) -> Pack:
    packs = available_packs(user_dir)
    if pack_id not in packs:
        known = ", ".join(sorted(packs)) or "inga"
        raise UserError(f"okänt processpaket '{pack_id}' (tillgängliga: {known})")
    return load_pack(packs[pack_id])


def load_pack(path: Path) -> Pack:
    """Read and validate a pack file; any schema error names the file and line."""
    text, data = tomlfile.load(path)
    return _read_pack(Table(Source(path, text), data), path)


def _read_pack(top: Table, path: Path) -> Pack:
    top.only({"id", "version", "title", "language", "description", "readiness_labels",
              "readiness_source", "roles", "phases", "output", "visit"})
    pack_id = top.text("id")
    if not _PACK_ID.match(pack_id):
        top.fail(f"'id' får bara innehålla a–z, 0–9 och '-', inte '{pack_id}'", "id")
    if pack_id != path.stem:
        top.fail(f"'id' ({pack_id}) ska vara samma som filnamnet ({path.stem})", "id")
    labels = top.texts("readiness_labels")
    if len(labels) != READINESS_LEVELS:
        top.fail(f"'readiness_labels' ska ha exakt {READINESS_LEVELS} etiketter (0–4), inte {len(labels)}",
                 "readiness_labels")
    output = top.table("output")
    assert output is not None
    output.only({"kind", "title", "sections"})
    sections = tuple(_read_section(t) for t in output.tables("sections", required=True))
    _unique(output, "sections", [s.id for s in sections])
    orders = [s.order for s in sections]
    if orders != sorted(set(orders)):
        output.fail("'order' i [[output.sections]] ska vara unika och stigande", "sections")
    section_ids = {s.id for s in sections}
    roles = tuple(_read_role(t) for t in top.tables("roles", required=True))
    _unique(top, "roles", [r.id for r in roles])
    phases = tuple(
        _read_phase(t, number, section_ids)
        for number, t in enumerate(top.tables("phases", required=True), start=1)
    )
    if not phases:
        top.fail("paketet har inga faser ([[phases]])", "phases")
    _unique(top, "phases", [p.id for p in phases])
    fed = {q.output_section for p in phases for q in p.questions}
    for index, section in enumerate(sections):
        if section.id not in fed:
            output.source.fail(f"avsnittet '{section.id}' får inga svar: ingen fråga har "
                               f"output_section = \"{section.id}\"", ("output", "sections", index))
    visit = top.table("visit", optional=True)
    pack = Pack(
        id=pack_id,
        version=top.integer("version", 1, 10**6),
        title=top.text("title"),
        language=top.text("language"),
        description=top.text("description"),
        readiness_labels=tuple(labels),
        readiness_source=top.text("readiness_source"),
        roles=roles,
        phases=phases,
        output_kind=output.choice("kind", OUTPUT_KINDS),
        output_title=output.text("title"),
        sections=sections,
        path=path,
    )
    if visit is None:
        return pack
    return replace(pack, visit=_read_visit(visit, pack))


def _read_role(t: Table) -> Role:
    t.only({"id", "title", "description"})
    role_id = t.text("id")
    if role_id not in ROLE_IDS:
        t.fail(f"okänd roll '{role_id}' (roller: {', '.join(ROLE_IDS)})", "id")
    return Role(role_id, t.text("title"), t.text("description"))


def _read_phase(t: Table, number: int, section_ids: set[str]) -> Phase:
    t.only({"id", "title", "purpose", "source", "questions"})
    phase_id = t.text("id")
    if not _PACK_ID.match(phase_id):
        t.fail(f"fasens 'id' får bara innehålla a–z, 0–9 och '-', inte '{phase_id}'", "id")
    questions = tuple(
        _read_question(q, number, index, phase_id, section_ids)
        for index, q in enumerate(t.tables("questions", required=True), start=1)
    )
    if not questions:
        t.fail(f"fasen '{phase_id}' har inga frågor", "questions")
    return Phase(phase_id, number, t.text("title"), t.text("purpose"), t.text("source"), questions)


def _read_question(t: Table, phase: int, number: int, phase_id: str, section_ids: set[str]) -> Question:
    t.only({"id", "title", "prompt", "guidance", "output_section", "timebox_minutes", "fields", "canvas"})
    question_id = t.text("id")
    if question_id != f"{phase}.{number}":
        t.fail(f"frågans id ska vara \"{phase}.{number}\" (fas {phase}, fråga {number}), inte "
               f"\"{question_id}\"", "id")
    section = t.text("output_section")
    if section not in section_ids:
        t.fail(f"okänt avsnitt '{section}' (finns inte i [[output.sections]])", "output_section")
    fields = tuple(_read_field(f) for f in t.tables("fields", required=True))
    _unique(t, "fields", [f.id for f in fields])
    canvas = tuple(_read_canvas(c) for c in t.tables("canvas"))
    _unique(t, "canvas", [c.id for c in canvas])
    return Question(
        id=question_id,
        title=t.text("title"),
        prompt=t.text("prompt"),
        guidance=t.text("guidance"),
        output_section=section,
        timebox_minutes=t.integer("timebox_minutes", 1, 480, None),
        fields=fields,
        canvas=canvas,
        phase_id=phase_id,
    )


def _read_field(t: Table) -> Field:
    t.only({"id", "label", "help"})
    return Field(_field_id(t), t.text("label"), t.text("help", ""))


def _read_canvas(t: Table) -> CanvasPrompt:
    t.only({"id", "label"})
    return CanvasPrompt(_field_id(t), t.text("label"))


def _field_id(t: Table) -> str:
    value = t.text("id")
    if not _FIELD_ID.match(value):
        t.fail(f"'id' får bara innehålla a–z, 0–9 och '_', inte '{value}'", "id")
    return value


def _read_section(t: Table) -> OutputSection:
    t.only({"id", "title", "order"})
    return OutputSection(t.text("id"), t.text("title"), t.integer("order", 0, 10**6))


def _read_visit(t: Table, pack: Pack) -> VisitGuide:
    t.only({"title", "method", "rating_field", "rating_source", "ratings", "overall", "examples", "feedback",
            "areas", "levels"})

    def question(table: Table, key: str, question_id: str) -> str:
        if question_id not in pack.questions:
            table.fail(f"okänd fråga '{question_id}' (finns inte i paketet)", key)
        return question_id

    ratings = tuple(_read_rating(r) for r in t.tables("ratings", required=True))
    if len(ratings) < 2:
        t.fail("'visit.ratings' behöver minst två steg", "ratings")
    _unique(t, "ratings", [r.id for r in ratings])
    rating_field = t.text("rating_field")
    examples = t.table("examples")
    assert examples is not None
    examples.only({"question", "field"})
    example_question = question(examples, "question", examples.text("question"))
    example_field = examples.text("field")
    if example_field not in {f.id for f in pack.questions[example_question].fields}:
        examples.fail(f"frågan {example_question} har inget fält '{example_field}'", "field")
    areas = []
    for a in t.tables("areas", required=True):
        a.only({"phase", "questions", "themes"})
        phase_id = a.text("phase")
        phase = next((p for p in pack.phases if p.id == phase_id), None)
        if phase is None:
            a.fail(f"okänd fas '{phase_id}'", "phase")
        questions = tuple(question(a, "questions", q) for q in a.texts("questions"))
        if not questions:
            a.fail("området behöver minst en fråga", "questions")
        for question_id in questions:
            if pack.questions[question_id].phase_id != phase_id:
                a.fail(f"frågan {question_id} hör inte till fasen '{phase_id}'", "questions")
        if rating_field in {f.id for f in pack.questions[questions[0]].fields}:
            t.fail(f"'rating_field' ({rating_field}) är redan ett fält i fråga {questions[0]}", "rating_field")
        themes = []
        for theme in a.tables("themes"):
            theme.only({"label", "words"})
            words = tuple(w.strip().casefold() for w in theme.texts("words") if w.strip())
            if not words:
                theme.fail("temat behöver minst ett sökord", "words")
            themes.append(Theme(theme.text("label"), words))
        areas.append(VisitArea(phase_id, phase.title, questions, tuple(themes)))
    _unique(t, "areas", [a.phase_id for a in areas])
    levels = tuple(_read_level(v) for v in t.tables("levels", required=True))
    if not levels:
        t.fail("'visit.levels' behöver minst en nivå", "levels")
    _unique(t, "levels", [v.id for v in levels])
    return VisitGuide(
        title=t.text("title"),
        method=t.text("method"),
        rating_field=rating_field,
        rating_source=t.text("rating_source"),
        ratings=ratings,
        overall=tuple(question(t, "overall", q) for q in t.texts("overall", [])),
        examples=(example_question, example_field),
        feedback=question(t, "feedback", t.text("feedback")),
        areas=tuple(areas),
        levels=levels,
    )


def _read_rating(t: Table) -> Rating:
    t.only({"id", "label"})
    return Rating(_field_id(t), t.text("label"))


def _read_level(t: Table) -> ActionLevel:
    t.only({"id", "title", "prefix"})
    return ActionLevel(_field_id(t), t.text("title"), t.text("prefix"))


def _unique(t: Table, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            t.source.fail(f"id '{value}' finns redan i [[{t.name(key)}]]", (*t.keypath, key, index, "id"))
        seen.add(value)
