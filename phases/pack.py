"""Loading and validating process packs (PRODUCT.md §3); a broken pack is refused at its file and line.

A pack is either complete, or a variant: `extends = "<pack id>"` plus texts replaced by id (roles, phases,
questions and their svarsmall fields and dialogduk prompts), so that e.g. the municipal agreement pack
keeps one source of truth with the state one instead of being a copy of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from samverka import tomlfile
from samverka.errors import UserError
from samverka.schema import Source, Table

READINESS_LEVELS = 5
ROLE_IDS = ("arbetsgivarforetradare", "facklig", "chef", "medarbetare", "skyddsombud")
OUTPUT_KINDS = ("agreement", "report")

_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FIELD_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")

T = TypeVar("T")


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
    source: str | None = None  # where the question sits in the published process it follows; None: our own


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
    document: str | None = None  # an [[output.documents]] id; None: the pack's main output (output.title)


@dataclass(frozen=True)
class OutputDocument:
    """A document beside the main output (e.g. an implementation plan), kept out of the agreement text."""

    id: str
    title: str


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
    documents: tuple[OutputDocument, ...] = ()
    preamble: str | None = None  # opens the main output: what kind of agreement it is, on what basis
    reservation: str | None = None  # for the minutes: what the parties' agreement in a meeting does not bind
    extends: str | None = None  # the id of the pack this one is a variant of
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
    """Pack id -> file, built-in packs first, each by id (a base before its variants: "x" before "x-kommun",
    which file-name order would turn round); a user pack with the same id replaces the built-in one."""
    found: dict[str, Path] = {}
    for directory in (builtin_packs_dir(), user_dir):
        if directory is not None and directory.is_dir():
            for path in sorted(directory.glob("*.toml"), key=lambda p: p.stem):
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
    top = _parse(path)
    if "extends" in top.data:
        return _read_variant(top, path)
    return _read_pack(top, path)


def _parse(path: Path) -> Table:
    text, data = tomlfile.load(path)
    return Table(Source(path, text), data)


def _read_pack(top: Table, path: Path) -> Pack:
    top.only({"id", "version", "title", "language", "description", "readiness_labels",
              "readiness_source", "roles", "phases", "output", "minutes", "visit"})
    pack_id = _pack_id(top, path)
    labels = top.texts("readiness_labels")
    if len(labels) != READINESS_LEVELS:
        top.fail(f"'readiness_labels' ska ha exakt {READINESS_LEVELS} etiketter (0–4), inte {len(labels)}",
                 "readiness_labels")
    output = top.table("output")
    assert output is not None
    output.only({"kind", "title", "preamble", "documents", "sections"})
    documents = tuple(_read_document(t) for t in output.tables("documents"))
    _unique(output, "documents", [d.id for d in documents])
    document_ids = {d.id for d in documents}
    sections = tuple(_read_section(t, document_ids) for t in output.tables("sections", required=True))
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
        documents=documents,
        preamble=_optional_text(output, "preamble"),
        reservation=_reservation(top),
    )
    if visit is None:
        return pack
    return replace(pack, visit=_read_visit(visit, pack))


def _pack_id(top: Table, path: Path) -> str:
    pack_id = top.text("id")
    if not _PACK_ID.match(pack_id):
        top.fail(f"'id' får bara innehålla a–z, 0–9 och '-', inte '{pack_id}'", "id")
    if pack_id != path.stem:
        top.fail(f"'id' ({pack_id}) ska vara samma som filnamnet ({path.stem})", "id")
    return pack_id


def _read_variant(top: Table, path: Path) -> Pack:
    """A pack built on another: its own id, title, description and version, and texts replaced by id."""
    top.only({"id", "extends", "version", "title", "description", "roles", "phases", "questions", "output",
              "minutes"})
    pack_id = _pack_id(top, path)
    for key in ("roles", "phases", "questions"):
        if isinstance(top.data.get(key), list):
            top.source.fail(f"ett paket med 'extends' ändrar texter med [{key}.<id>], inte [[{key}]]", (key, 0))
    base_id = top.text("extends")
    if not _PACK_ID.match(base_id):  # an id, never a path out of the packs' folders
        top.fail(f"'extends' ska vara ett pakets id (a–z, 0–9 och '-'), inte '{base_id}'", "extends")
    if base_id == pack_id:
        top.fail("ett paket kan inte bygga på sig självt ('extends')", "extends")
    # The base is looked up beside the variant first, so that a user's variant can build on a user's pack.
    base_path = next((d / f"{base_id}.toml" for d in (path.parent, builtin_packs_dir())
                      if (d / f"{base_id}.toml").is_file()), None)
    if base_path is None:
        top.fail(f"'extends' nämner ett okänt processpaket '{base_id}'", "extends")
    base_top = _parse(base_path)
    if "extends" in base_top.data:  # refused before reading it, so that two variants cannot loop
        top.fail(f"'{base_id}' bygger själv på ett annat paket; 'extends' ska nämna ett fullständigt paket",
                 "extends")
    base = _read_pack(base_top, base_path)

    def missing(what: str) -> Callable[[str], str]:
        return lambda item_id: f"'{base_id}' har ingen {what} '{item_id}'"

    roles = _replacements(top.table("roles", optional=True), {r.id: r for r in base.roles},
                          {"title", "description"}, missing("roll"))
    phases = _replacements(top.table("phases", optional=True), {p.id: p for p in base.phases},
                           {"purpose", "source"}, missing("fas"))  # titles stay: visit areas are named by them
    questions = _replacements(top.table("questions", optional=True), base.questions,
                              {"title", "prompt", "guidance", "source"}, missing("fråga"), _replace_prompts)
    output = top.table("output", optional=True)
    if output is not None:
        output.only({"title", "preamble"})
    return replace(
        base,
        id=pack_id,
        version=top.integer("version", 1, 10**6),
        title=top.text("title"),
        description=top.text("description"),
        roles=tuple(roles.get(r.id, r) for r in base.roles),
        phases=tuple(replace(phases.get(p.id, p), questions=tuple(questions.get(q.id, q) for q in p.questions))
                     for p in base.phases),
        output_title=_optional_text(output, "title") or base.output_title,
        preamble=_optional_text(output, "preamble") or base.preamble,
        reservation=_reservation(top) or base.reservation,
        path=path,
        extends=base_id,
    )


def _reservation(top: Table) -> str | None:
    minutes = top.table("minutes", optional=True)
    if minutes is not None:
        minutes.only({"reservation"})
    return _optional_text(minutes, "reservation")


def _replace_prompts(t: Table, question: Question) -> Question:
    """A question's svarsmall fields and dialogduk prompts replaced by id ([questions."3.5".fields.<id>])."""
    fields = _replacements(t.table("fields", optional=True), {f.id: f for f in question.fields},
                           {"label", "help"}, lambda f: f"frågan {question.id} har inget svarsmallsfält '{f}'")
    canvas = _replacements(t.table("canvas", optional=True), {c.id: c for c in question.canvas},
                           {"label"}, lambda c: f"frågan {question.id} har ingen dialogduksfråga '{c}'")
    return replace(question, fields=tuple(fields.get(f.id, f) for f in question.fields),
                   canvas=tuple(canvas.get(c.id, c) for c in question.canvas))


def _replacements(table: Table | None, known: Mapping[str, T], keys: set[str], unknown: Callable[[str], str],
                  inner: Callable[[Table, T], T] | None = None) -> dict[str, T]:
    """The items of `known` that `table` replaces texts of, by id (`[<table>.<id>]`); `inner` replaces
    what an item holds (a question's fields and dialogduk prompts)."""
    changed: dict[str, T] = {}
    for item_id, t in () if table is None else table.subtables():
        if item_id not in known:
            t.fail(unknown(item_id))
        t.only(keys | ({"fields", "canvas"} if inner else set()))
        item = known[item_id] if inner is None else inner(t, known[item_id])
        changed[item_id] = replace(item, **{k: _optional_text(t, k) for k in keys if k in t.data})
    return changed


def _optional_text(t: Table | None, key: str) -> str | None:
    """An optional text (None without a table); present, it must say something."""
    value = None if t is None else t.text(key, None)
    if value is not None and not value.strip():
        t.fail(f"'{t.name(key)}' är tom", key)
    return value


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
    t.only({"id", "title", "prompt", "guidance", "source", "output_section", "timebox_minutes", "fields",
            "canvas"})
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
        source=_optional_text(t, "source"),
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


def _read_section(t: Table, document_ids: set[str]) -> OutputSection:
    t.only({"id", "title", "order", "document"})
    document = t.text("document", None)
    if document is not None and document not in document_ids:
        t.fail(f"okänt dokument '{document}' (finns inte i [[output.documents]])", "document")
    return OutputSection(t.text("id"), t.text("title"), t.integer("order", 0, 10**6), document)


def _read_document(t: Table) -> OutputDocument:
    t.only({"id", "title"})
    return OutputDocument(t.text("id"), t.text("title"))


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
