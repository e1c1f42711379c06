"""What time it is: one clock for the files' timestamps, replaceable where tests pin the time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def now() -> dt.datetime:
    """Local time with offset, to the second: the timestamps written to the files."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def stamp(moment: dt.datetime) -> dt.datetime:
    """A moment as the files hold it: with the local offset, to the second."""
    return moment.astimezone().replace(microsecond=0)
