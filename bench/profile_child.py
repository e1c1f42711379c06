"""The program bench.profile runs in its pty: samverka (or the minimal app) with a profiler or a stopwatch.

Only the standard library is imported before measuring starts, so imports count where they happen.

    python -m bench.profile_child profile start|typing OUT HTML [all] -- samverka arguments
    python -m bench.profile_child phases OUT -- samverka arguments | minimal
    python -m bench.profile_child gc OUT [freeze] -- samverka arguments
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

INTERVAL = 0.0005  # pyinstrument's sampling interval, seconds
FLAT_LINES = 30


def _exit_at_first_frame() -> None:
    """Make the app quit right after the main screen's first frame."""
    from samverka.tui.screens.main import MainScreen

    mounted = MainScreen.on_mount

    def on_mount(self) -> None:
        mounted(self)
        self.app.call_after_refresh(self.app.exit)

    MainScreen.on_mount = on_mount


def _gc_pauses() -> list[tuple[int, float]]:
    """From now on, every garbage collection as (generation, milliseconds)."""
    pauses: list[tuple[int, float]] = []
    began: list[float] = []

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            began.append(time.perf_counter())
        elif began:
            pauses.append((info["generation"], (time.perf_counter() - began.pop()) * 1000))

    gc.callbacks.append(on_gc)
    return pauses


def _gc_summary(pauses: list[tuple[int, float]]) -> str:
    slow = [f"gen{generation} {ms:.1f} ms" for generation, ms in pauses if ms >= 2]
    return f"garbage collections ≥ 2 ms (of {len(pauses)}): {', '.join(slow) or 'none'}\n"


def collections(out: Path, argv: list[str], freeze: bool) -> None:
    """samverka without a profiler, noting how long each garbage collection stops it.

    With `freeze`, what if the app called gc.freeze() once the first frame is up?
    """
    pauses = _gc_pauses()
    if freeze:
        from samverka.tui.screens.main import MainScreen

        mounted = MainScreen.on_mount

        def on_mount(self) -> None:
            mounted(self)
            self.app.call_after_refresh(gc.freeze)

        MainScreen.on_mount = on_mount
    from samverka.cli import main

    main(argv)
    out.write_text(_gc_summary(pauses))


def profile(mode: str, out: Path, html: Path | None, argv: list[str], show_all: bool = False) -> None:
    from pyinstrument import Profiler

    pauses = _gc_pauses()
    profiler = Profiler(interval=INTERVAL)
    profiler.start()
    if mode == "start":  # the main screen is patched once the CLI has imported it (after the fork)
        _hook_preload(received=_exit_at_first_frame)
    from samverka.cli import main

    main(argv)
    profiler.stop()
    if html is not None:
        html.write_text(profiler.output_html())
    tree = profiler.output_text(unicode=True, color=False, show_all=show_all)
    flat = profiler.output_text(unicode=True, color=False, flat=True, show_all=True)
    out.write_text(f"{tree}\nFunctions by own time:\n" + "\n".join(flat.splitlines()[: FLAT_LINES + 6])
                   + "\n\n" + _gc_summary(pauses))


def phases(out: Path, argv: list[str]) -> None:
    """Wall-clock stamps (time.time()) of the steps from interpreter start to the first frame."""
    stamps: list[tuple[str, float]] = [("python started, site imported", time.time())]

    def stamp(label: str) -> None:
        stamps.append((label, time.time()))

    try:
        if argv == ["minimal"]:
            from textual.app import App
            from textual.widgets import Footer, Header, TextArea

            stamp("textual imported")
            from bench.minimal_app import MinimalApp

            class Stamped(MinimalApp):
                def on_mount(self) -> None:
                    stamp("app mounted")
                    self.call_after_refresh(lambda: (stamp("first frame"), self.exit()))

            assert App and Footer and Header and TextArea
            Stamped().run()
            return
        import samverka.cli

        stamp("samverka.cli imported")

        def received() -> None:
            stamp("session received from the child")
            _stamp_main_screen(stamp)

        _hook_preload(called=lambda: stamp("arguments parsed; sessions.preload imported (store, model, packs)"),
                      forked=lambda: stamp("lock taken, child forked to read the session"),
                      ui_imported=lambda: stamp("tui.app imported (Textual and the main screen)"),
                      received=received)
        samverka.cli.main(argv)
    finally:
        out.write_text("".join(f"{at!r}\t{label}\n" for label, at in stamps))


def _hook_preload(*, called=None, forked=None, ui_imported=None, received=None) -> None:
    """Call back at the steps of `samverka open`: the CLI asks to preload the session, the child is
    forked, Textual and the UI are imported (the CLI waits for the session), the session is in."""
    import samverka.sessions.preload

    preload = samverka.sessions.preload.preload

    def preloading(*args, **kwargs):
        if called:
            called()
        finish = preload(*args, **kwargs)
        if forked:
            forked()

        def finishing():
            if ui_imported:
                ui_imported()
            opened = finish()
            if received:
                received()
            return opened

        return finishing

    samverka.sessions.preload.preload = preloading


def _stamp_main_screen(stamp) -> None:
    """Stamps at the main screen's steps (imported by now), and exit at its first frame."""
    import samverka.tui.screens.main

    screen = samverka.tui.screens.main.MainScreen
    init, compose, mount = screen.__init__, screen.compose, screen.on_mount

    def __init__(self, *args, **kwargs) -> None:
        stamp("app running: MainScreen created")
        init(self, *args, **kwargs)
        stamp("MainScreen.__init__ done")

    def composing(self):
        yield from compose(self)
        stamp("MainScreen composed")

    def on_mount(self) -> None:
        stamp("MainScreen mounted (on_mount starts)")
        mount(self)
        stamp("MainScreen.on_mount done (card built)")
        self.app.call_after_refresh(lambda: (stamp("first frame"), self.app.exit()))

    screen.__init__, screen.compose, screen.on_mount = __init__, composing, on_mount


def main() -> int:
    args = sys.argv[1:]
    split = args.index("--")
    head, argv = args[:split], args[split + 1 :]
    if head[0] == "profile":
        profile(head[1], Path(head[2]), Path(head[3]) if head[3] else None, argv, "all" in head[4:])
    elif head[0] == "gc":
        collections(Path(head[1]), argv, "freeze" in head[2:])
    else:
        phases(Path(head[1]), argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
