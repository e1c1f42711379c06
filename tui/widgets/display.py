"""How model values read on screen wherever they appear: readiness glyphs, the revisit mark, outcomes, dates."""

from __future__ import annotations

import datetime as dt

GLYPHS = "○◔◑◕●"
REVISIT = "↺"
OUTCOME_LABELS = {"overens": "överens", "ej_overens": "ej överens"}
PARTY_KIND_LABELS = {"arbetsgivare": "arbetsgivarpart", "arbetstagare": "arbetstagarpart"}  # PARTY_KINDS shown
_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def short_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
