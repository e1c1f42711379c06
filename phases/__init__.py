"""Process packs: the phases, question cards, answer templates and output sections of a process."""

from samverka.phases.pack import (
    CanvasPrompt,
    Field,
    OutputDocument,
    OutputSection,
    Pack,
    Phase,
    Question,
    Role,
    available_packs,
    builtin_packs_dir,
    find_pack,
    load_pack,
)

__all__ = [
    "CanvasPrompt",
    "Field",
    "OutputDocument",
    "OutputSection",
    "Pack",
    "Phase",
    "Question",
    "Role",
    "available_packs",
    "builtin_packs_dir",
    "find_pack",
    "load_pack",
]
