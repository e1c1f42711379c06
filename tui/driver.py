"""The terminal driver: Textual's own, but a byte that is not UTF-8 becomes U+FFFD instead of ending the app."""

from __future__ import annotations

import codecs
import functools
import types

from textual.drivers import linux_driver


def _replacing_decoder(encoding: str) -> functools.partial[codecs.IncrementalDecoder]:
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


class TerminalDriver(linux_driver.LinuxDriver):
    """Textual's Linux and macOS driver, reading keys with a decoder that replaces what it cannot decode.

    Textual's decoder is strict: one Latin-1 byte (PuTTY or macOS Terminal set to Latin-1 sends b"\\xe5"
    for å) kills its input thread, and the app panics with a traceback (Textualize/textual#6456).
    """

    # Textual's own input loop, with only the name it makes its decoder with bound to ours: a copy of the
    # loop would drift from the Textual it runs with.
    run_input_thread = types.FunctionType(
        linux_driver.LinuxDriver.run_input_thread.__code__,
        {**vars(linux_driver), "getincrementaldecoder": _replacing_decoder},
        "run_input_thread",
    )
