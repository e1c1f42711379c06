"""What time it is: aware moments in a session's time zone, from one clock that tests can replace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Clock = Callable[[], dt.datetime]

# PRODUCT.md §4: a session without `timezone` keeps Swedish time, whatever the server's TZ says (a shared
# server often runs on UTC).
DEFAULT_TIMEZONE = "Europe/Stockholm"


@cache
def zone(name: str | None = None) -> ZoneInfo:
    """The IANA time zone `name` (None: the default); ValueError, in Swedish, for one that does not exist."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"okänd tidszon '{name}' (ett namn som {DEFAULT_TIMEZONE} eller UTC)") from None


def now() -> dt.datetime:
    """The real time in the default zone, to the second (an open session takes it into its own zone)."""
    return stamp(dt.datetime.now(dt.UTC), zone())


def stamp(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """A moment as the files hold it: in `tz`, to the second. One without an offset is a wall time in `tz`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(tz).replace(microsecond=0)


def absolute(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """Sort key: the moment in UTC, so moments written with different offsets, or on either side of a DST
    change, come in the order they happened. One without an offset (written by hand) is a wall time in `tz`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(dt.UTC)


def seconds_between(earlier: dt.datetime, later: dt.datetime) -> float:
    """Elapsed seconds between two aware moments. Python subtracts two datetimes of the same ZoneInfo as wall
    times (an hour wrong across a DST change), so both go to UTC first."""
    return (later.astimezone(dt.UTC) - earlier.astimezone(dt.UTC)).total_seconds()


def wall(day: dt.date, time: dt.time, tz: dt.tzinfo) -> dt.datetime:
    """A day and a wall-clock time of the session (a meeting's start or end) as an aware moment in `tz`."""
    return dt.datetime.combine(day, time, tz)
