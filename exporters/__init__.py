"""Exports (PRODUCT.md §7): minutes of a meeting, the Arbetsläge, and the agreement draft or follow-up report,
in Markdown."""

from samverka.exporters.draft import draft
from samverka.exporters.minutes import minutes, select_meeting
from samverka.exporters.naming import default_filename
from samverka.exporters.status import status

__all__ = ["default_filename", "draft", "minutes", "select_meeting", "status"]
