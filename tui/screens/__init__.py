"""Full screens: the main screen of a meeting and the session picker."""

from samverka.tui.screens.main import MainScreen
from samverka.tui.screens.picker import PickerScreen

__all__ = ["MainScreen", "PickerScreen"]
