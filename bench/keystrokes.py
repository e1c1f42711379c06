"""Keystroke to screen while typing a note, in a real pty, against a stock Textual Input; also while autosaving.

A key counts as on the screen when the terminal output after it holds the input's new text
(its last few characters, or all of it after an SGR sequence while it is short), so a late
repaint of something else is not taken for the echo. Two ways of typing:

- paced: the next key goes when the output has been quiet for PAUSE (latency and the bytes
  written per key, against the stock Input typed the same way);
- notes: a typist at a steady CADENCE who does not wait for the screen, entering notes with
  Enter (the autosave runs on a thread meanwhile), as in a meeting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from bench.fixtures import Fixtures
from bench.input_app import MARK as INPUT_MARK
from bench.report import Row, Target, median, percentile
from bench.startup import FRAME_MARK, TIMEOUT, samverka_argv
from bench.terminal import Terminal, python

# Each note's text differs from every other's, so a note shown in the notes list is never taken for an echo.
SENTENCES = (
    "Parterna är överens om att dagordningen skickas ut i förväg",
    "Skyddsombuden bjuds in till nästa möte om lokalerna",
    "Åtgärden följs upp på mötet i maj av HR och Seko",
    "Saco-S vill se riskbedömningen innan beslutet fattas",
    "Arbetsgivaren återkommer med en tidplan för flytten",
    "Frågan om distansarbete tas upp på höstens första möte",
    "OFR/ST påpekar att underlaget kom dagen före mötet",
    "Enhetscheferna får stöd av HR vid arbetsplatsträffarna",
)
PAUSE = 0.05  # paced typing: quiet this long after a key (Textual repaints scrollbars about 30 ms late)
CADENCE = 0.1  # taking notes: a key every 100 ms, a brisk typist
KEY_TIMEOUT = 2.0
SETTLE = 0.3  # after start-up and after focusing the input
ECHO_TAIL = 8  # characters of the input's text that identify its repaint
SHOWN = b"Sparar"  # the status line in the frame that shows an entered note
SAVED = b"Sparat "  # the status line once the autosave thread has written the note
CTRL_U = b"\x15"  # clears the input (Textual Input binding): the next sentence starts afresh
ENTER = b"\r"

MEDIAN_MS, WORST_MS, SAVED_MS = 10, 33, 1000  # PRODUCT.md §8


def echo(text: str) -> bytes:
    """What the terminal output holds once the input shows `text`."""
    if len(text) <= ECHO_TAIL:
        return b"m" + text.encode()  # the start of the input's text segment, right after its SGR sequence
    return text[-ECHO_TAIL:].encode()


@dataclass
class Key:
    ms: float
    bytes: int = 0
    during_save: bool = False


@dataclass
class Typing:
    keys: list[Key] = field(default_factory=list)
    enter_ms: list[float] = field(default_factory=list)  # Enter -> the note on the screen
    saved_ms: list[float] = field(default_factory=list)  # Enter -> "Sparat" on the screen
    lost: int = 0  # keys or notes whose echo never came

    def add(self, other: Typing) -> None:
        self.keys += other.keys
        self.enter_ms += other.enter_ms
        self.saved_ms += other.saved_ms
        self.lost += other.lost


class NoScreen(RuntimeError):
    pass


def start(argv: list[str], marker: bytes, focus: bytes | None) -> Terminal:
    term = Terminal(argv)
    if term.wait_for(marker, TIMEOUT) is None:
        term.close()
        raise NoScreen(f"{' '.join(argv[1:])}: no first frame within {TIMEOUT:.0f} s")
    term.settle(SETTLE)
    if focus:
        term.send(focus)
        term.settle(SETTLE)
    return term


def type_paced(argv: list[str], marker: bytes, focus: bytes | None, count: int) -> Typing:
    """Type `count` keys of SENTENCES, each when the screen is quiet after the one before."""
    result = Typing()
    with start(argv, marker, focus) as term:
        for sentence in SENTENCES:
            for end in range(1, len(sentence) + 1):
                if len(result.keys) == count:
                    return result
                mark = len(term.output)
                sent = term.send(sentence[end - 1].encode())
                shown = term.wait_for(echo(sentence[:end]), KEY_TIMEOUT, start=mark)
                term.settle(PAUSE)
                if shown is None:
                    result.lost += 1
                    continue
                result.keys.append(Key((shown - sent) * 1000, len(term.output) - mark))
            term.send(CTRL_U)
            term.settle(PAUSE)
    return result


@dataclass
class _Sent:
    at: float
    mark: int
    expect: bytes
    enter: bool = False


def take_notes(argv: list[str], marker: bytes, notes: int) -> Typing:
    """Type `notes` notes at a steady CADENCE, Enter after each, never waiting for the screen."""
    sent: list[_Sent] = []
    with start(argv, marker, b"n") as term:
        due = time.perf_counter()
        for sentence in SENTENCES[:notes]:
            keys = [(char.encode(), echo(sentence[: end + 1]), False) for end, char in enumerate(sentence)]
            for key, expect, enter in [*keys, (ENTER, SHOWN, True)]:
                while (left := due - time.perf_counter()) > 0:
                    term.read(left)
                mark = len(term.output)
                sent.append(_Sent(term.send(key), mark, expect, enter))
                due += CADENCE
        term.wait_for(SAVED, KEY_TIMEOUT, start=sent[-1].mark)
        term.settle(PAUSE)
        result = Typing()
        saving: list[tuple[float, float]] = []
        for item in sent:
            if item.enter:
                saved = term.arrived(SAVED, item.mark)
                if saved is None:
                    raise NoScreen("samverka: an entered note was never reported saved ('Sparat')")
                saving.append((item.at, saved))
                result.saved_ms.append((saved - item.at) * 1000)
        for item in sent:
            shown = term.arrived(item.expect, item.mark)
            if item.enter:  # a save quicker than the frame shows "Sparat" straight away
                shown = min((t for t in (shown, term.arrived(SAVED, item.mark)) if t is not None), default=None)
            if shown is None:
                result.lost += 1
            elif item.enter:
                result.enter_ms.append((shown - item.at) * 1000)
            else:
                during = any(begin <= item.at <= end for begin, end in saving)
                result.keys.append(Key((shown - item.at) * 1000, during_save=during))
    return result


def keystrokes(fixtures: Fixtures, repeats: int, keys: int, notes: int) -> list[Row]:
    stock = Typing()
    ours = Typing()
    for _ in range(repeats):  # alternating, so a slow spell of the machine hits both alike
        stock.add(type_paced(python("-m", "bench.input_app"), INPUT_MARK.encode(), None, keys))
        ours.add(type_paced(samverka_argv(fixtures, "2,000"), FRAME_MARK.encode(), b"n", keys))
    meeting = {size: take_notes(samverka_argv(fixtures, size), FRAME_MARK.encode(), notes)
               for size in ("2,000", "10,000")}

    ref_ms = [k.ms for k in stock.keys]
    ref = "stock Input"
    reference = {"median": median(ref_ms), "p99": percentile(ref_ms, 99), "worst": max(ref_ms)}

    def latency(label: str, typed: Typing, note: str = "") -> list[Row]:
        ms = [k.ms for k in typed.keys]
        lost = f", {typed.lost} never shown" if typed.lost else ""
        figures = {"median": median(ms), "p99": percentile(ms, 99), "worst": max(ms)}
        return [
            Row(f"{label} {name}", value, "ms", reference[name], ref,
                Target.at_most(MEDIAN_MS if name == "median" else WORST_MS, "ms"),
                f"n={len(ms)}{lost}{note}" if name == "median" else "")
            for name, value in figures.items()
        ]

    def per_key(typed: Typing) -> float:
        return sum(k.bytes for k in typed.keys) / len(typed.keys)

    rows = latency("typing @2,000", ours)
    rows.append(Row("bytes to terminal per key @2,000", per_key(ours), "B", per_key(stock), ref,
                    Target.ratio_at_most(1.0)))
    for size, typed in meeting.items():
        during = [k.ms for k in typed.keys if k.during_save]
        note = f"; {len(during)} during autosave, worst {max(during):.0f} ms" if during else ""
        rows += latency(f"taking notes (10 keys/s) @{size}", typed, note)
        rows.append(Row(f"Enter to note on screen @{size}", median(typed.enter_ms), "ms", reference["median"], ref,
                        None, f"worst {max(typed.enter_ms):.0f} ms"))
        rows.append(Row(f"Enter to 'Sparat' on screen @{size}", max(typed.saved_ms), "ms", reference["median"], ref,
                        Target.at_most(SAVED_MS, "ms"),
                        f"worst of {len(typed.saved_ms)}; median {median(typed.saved_ms):.0f} ms"))
    return rows
