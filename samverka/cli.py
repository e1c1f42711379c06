"""The `samverka` command line (PRODUCT.md §5): exit 0 ok, 1 user error (one line), 2 bad usage."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from samverka import paths
from samverka.errors import UserError, reason
from samverka.text import counted, one_line

DEFAULT_PACK = "lokalt-samverkansavtal"
DEMO_SLUG = "demo"


def main(argv: list[str] | None = None) -> int:
    _hold_standard_descriptors()
    args = _parser().parse_args(argv)
    stdout = sys.stdout
    try:
        if stdout is None and not getattr(args, "output", None):  # `>&-`: refuse before doing anything
            raise UserError("standard ut är stängd; inget gjordes")
        if stdout is not None:
            sys.stdout = _Stdout(stdout)
        code = args.run(args)
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk behind stdout shows here at the latest, never as a false "ok"
        return code
    except UserError as err:
        print(f"samverka: {one_line(str(err))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `| head`: the reader has what it wanted; nothing to say
        return 1
    except OSError as err:  # a path the system refused: a name too long, a file where a directory should be …
        where = str(err.filename) if err.filename is not None else ""
        shown = where if len(where) <= 100 else f"{where[:48]}…{where[-48:]}"
        print(f"samverka: {one_line(f'{shown}: ' if shown else '')}{reason(err)}", file=sys.stderr)
        return 1
    finally:
        sys.stdout = stdout


def _hold_standard_descriptors() -> None:
    """A descriptor 0–2 closed at start (`>&-`, `2>&-`) would be handed to the next file opened, a
    session's lock say, and whatever is written to "stderr" (the screen, see tui/app.py) would land in
    it: hold each closed one with /dev/null. Python has already made such a stream None, which is how
    `main` still knows that stdout was closed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


class _Stdout:
    """Standard out while a command runs: a write the system refuses (a full disk, a closed descriptor)
    becomes the command's one-line error, and what is still buffered is dropped so that Python does not
    report it again, with a traceback, on its way out."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._guard(self._stream.write, text)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def _guard(self, call: Callable, *args: object):
        try:
            return call(*args)
        except OSError as err:
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self._stream.fileno())
                os.close(devnull)
            if isinstance(err, BrokenPipeError):
                raise
            raise UserError(f"kunde inte skriva till standard ut: {reason(err)}") from err

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


# argparse's own words (usage, usage errors, help headings) in Swedish. It looks each up through gettext,
# where no catalog is installed for it; its two lookups are pointed at this table instead. Words not in it,
# messages about mistakes in this file's parser rather than in the user's command, stay as they are.
_ARGPARSE_WORDS = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "det här saknas: %s",
    "one of the arguments %s is required": "ett av %s behövs",
    "unrecognized arguments: %s": "känns inte igen: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r finns inte (välj bland %(choices)s)",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "not allowed with argument %s": "kan inte anges tillsammans med %s",
    "ignored explicit argument %r": "tar inget värde (fick %r)",
    "expected one argument": "ett värde behövs",
    "expected at most one argument": "högst ett värde",
    "expected at least one argument": "minst ett värde behövs",
    "expected %s argument": "%s värde behövs",
    "expected %s arguments": "%s värden behövs",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s kan vara flera: %(matches)s",
    "unexpected option string: %s": "oväntad flagga: %s",
}


def _argparse_in_swedish() -> None:
    argparse._ = lambda text: _ARGPARSE_WORDS.get(text, text)
    argparse.ngettext = lambda one, many, n: _ARGPARSE_WORDS.get(one if n == 1 else many, one if n == 1 else many)


def _parser() -> argparse.ArgumentParser:
    _argparse_in_swedish()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--dir", default=argparse.SUPPRESS, metavar="DIR",
                        help="datakatalog (sessions/ och packs/); annars $SAMVERKA_DIR eller ~/.local/share/samverka")
    common.add_argument("--packs", default=argparse.SUPPRESS, metavar="DIR",
                        help="katalog med egna processpaket (standard: <datakatalog>/packs)")
    common.add_argument("--no-mouse", action="store_true", default=argparse.SUPPRESS,
                        help="terminalgränssnittet utan mus (mindre trafik över SSH)")
    common.add_argument("--bell", action="store_true", default=argparse.SUPPRESS,
                        help="pling i terminalen när tiden för en fråga är ute")
    parser = argparse.ArgumentParser(
        prog="samverka", parents=[common],
        description="Processtöd för lokala samverkansavtal: frågekort, hur klara ni är, anteckningar, protokoll.",
    )
    parser.set_defaults(run=_cmd_picker)
    sub = parser.add_subparsers(title="kommandon", metavar="KOMMANDO")

    def command(name: str, run: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=text, description=text)
        p.set_defaults(run=run)
        return p

    p = command("demo", _cmd_demo, "skapa (om den saknas) och öppna demosessionen 'demo'")
    p.add_argument("--no-open", action="store_true", help="skapa bara, skriv ut sökvägen")
    p.add_argument("--rollup", action="store_true",
                   help="skapa i stället fem besök i en exempelstads uppföljning och skriv ut sammanställningen")
    p = command("new", _cmd_new, "skapa en ny session och skriv ut dess sökväg")
    p.add_argument("slug", metavar="SLUG", help="sessionens kortnamn (a–z, 0–9, '-')")
    p.add_argument("--org", required=True, help="organisation, t.ex. 'Myndigheten X'")
    p.add_argument("--title", help="titel (standard: paketets titel)")
    p.add_argument("--group", default="", help="gruppen som möts, i protokollets rubrik, t.ex. 'Förvaltningsgrupp "
                                               "kultur'")
    p.add_argument("--registry", default="", metavar="DNR", help="diarienummer")
    p.add_argument("--pack", default=DEFAULT_PACK, help=f"processpaket (standard: {DEFAULT_PACK})")
    p = command("open", _cmd_open, "öppna en session i terminalgränssnittet")
    p.add_argument("session", metavar="SLUG|PATH")
    p.add_argument("--read-only", action="store_true", help="skrivskyddat: inget kan ändras")
    command("list", _cmd_list, "en rad per session: namn, titel, paket, möten, anteckningar, hur klara")
    p = command("note", _cmd_note, "lägg till en anteckning i dagens möte")
    p.add_argument("session", metavar="SLUG")
    p.add_argument("--question", required=True, metavar="ID", help="frågans id, t.ex. 1.2")
    p.add_argument("--kind", default="note", metavar="K",
                   help="note | decision | action | disagreement | statement "
                        "(eller beslut, åtgärd, oenighet, protokollsanteckning)")
    p.add_argument("--party", metavar="P", help="partens id")
    p.add_argument("--by", metavar="WHO", help="deltagarens id")
    p.add_argument("--owner", metavar="WHO", help="ansvarig för en åtgärd (deltagarens id)")
    p.add_argument("--due", metavar="DATE", help="klart senast, ÅÅÅÅ-MM-DD (åtgärd)")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p = command("export", _cmd_export,
                "exportera protokoll, arbetsläge, avtalsutkast eller uppföljningsrapport (Markdown)")
    p.add_argument("session", metavar="SLUG|PATH")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--minutes", action="store_true", help="protokoll/mötesanteckningar för ett möte")
    what.add_argument("--status", action="store_true",
                      help="arbetsläge: hur klara, återkom, tid och öppna åtgärder — det som inte hör till "
                           "protokollet (hela sessionen, eller ett möte med --meeting)")
    what.add_argument("--agreement", action="store_true", help="avtalsutkast för hela sessionen")
    what.add_argument("--report", action="store_true", help="uppföljningsrapport (paketet uppfoljning)")
    p.add_argument("--meeting", metavar="DATE|latest",
                   help="vilket möte (protokoll: standard latest; arbetsläge: standard hela sessionen)")
    p.add_argument("-o", "--output", metavar="FILE", help="skriv till FILE i stället för standard ut")
    text = "sammanställ besöken i förvaltningsgrupperna (paketet uppfoljning) till en rapport"
    # Not with the common options: here --dir names a directory of visits, and may be given again.
    p = sub.add_parser("rollup", help=text, description=text + ". Utan SLUG och --dir: alla besök i datakatalogen.")
    p.set_defaults(run=_cmd_rollup)
    p.add_argument("sessions", nargs="*", metavar="SLUG|PATH", help="besökens sessioner")
    p.add_argument("--dir", action="append", default=[], dest="visit_dirs", metavar="DIR",
                   help="en katalog med besökens sessioner (kan anges flera gånger)")
    p.add_argument("--plan", metavar="FILE",
                   help="uppföljningsplan med grupperna som skulle besökas (standard: uppfoljningsplan.toml "
                        "bredvid sessionerna)")
    p.add_argument("--packs", default=argparse.SUPPRESS, metavar="DIR", help="katalog med egna processpaket")
    p.add_argument("--format", choices=("md", "csv"), help="md: rapporten (standard); csv: matrisen grupper × "
                                                           "utvecklingsområden (följer annars -o:s ändelse)")
    p.add_argument("-o", "--output", metavar="FILE", help="skriv till FILE i stället för standard ut")
    p = command("check", _cmd_check, "kontrollera en sessionskatalog eller en paketfil")
    p.add_argument("path", metavar="PATH")
    command("packs", _cmd_packs, "lista tillgängliga processpaket")
    return parser


class _Places:
    """The directories one invocation works with."""

    def __init__(self, args: argparse.Namespace) -> None:
        data = paths.data_dir(getattr(args, "dir", None))
        self.sessions = paths.sessions_dir(data)
        self.packs = paths.packs_dir(data, getattr(args, "packs", None))

    def session_path(self, name: str) -> Path:
        """A slug names a session in the sessions dir; anything with a slash is a path."""
        if "/" in name or name in (".", ".."):
            return Path(name)
        return self.sessions / name


def _open_store(places: _Places, name: str):  # -> SessionStore, imported lazily to keep start-up light
    from samverka.sessions.store import SessionStore

    return SessionStore.open(places.session_path(name), places.packs)


def _terminal_problem() -> str | None:
    """Why the TUI cannot run here, or None: it reads keys from stdin and draws on the terminal of stdout
    (stderr is pointed there while it runs, see tui/app.py), with a TERM that can draw."""
    if not (os.isatty(0) and os.isatty(1)):  # also False for a closed descriptor
        return "terminalgränssnittet behöver en terminal (stdin och stdout)"
    term = os.environ.get("TERM", "")
    if term in ("", "dumb"):
        return (f"terminalgränssnittet kan inte rita med TERM={term or '(inte satt)'}; sätt t.ex. "
                "TERM=xterm-256color, eller använd kommandona utan terminalgränssnitt (samverka --help)")
    return None


def _cmd_picker(args: argparse.Namespace) -> int:
    if (problem := _terminal_problem()) is not None:
        raise UserError(problem)
    places = _Places(args)
    from samverka.tui.app import run_picker

    return run_picker(places.sessions, places.packs, mouse=not getattr(args, "no_mouse", False),
                      bell=getattr(args, "bell", False))


def _cmd_demo(args: argparse.Namespace) -> int:
    from samverka.sessions.demo import ensure_demo

    places = _Places(args)
    if args.rollup:
        from samverka.sessions.demo_rollup import ensure_rollup_demo

        paths = ensure_rollup_demo(places.sessions, places.packs)
        if args.no_open:
            print("\n".join(str(path) for path in paths))
            return 0
        return _rollup(places, [], [], None, "md", None)
    path = ensure_demo(places.sessions / DEMO_SLUG, places.packs)
    if args.no_open:
        print(path)
        return 0
    return _run_tui(places, str(path), args)


def _cmd_new(args: argparse.Namespace) -> int:
    from samverka.sessions.catalog import create_session

    places = _Places(args)
    if not args.org.strip():
        raise UserError("--org får inte vara tom")
    print(create_session(places.sessions, args.slug, args.org, args.title or "", args.pack, places.packs,
                         group=args.group, registry=args.registry))
    return 0


def _cmd_open(args: argparse.Namespace) -> int:
    return _run_tui(_Places(args), args.session, args)


def _run_tui(places: _Places, name: str, args: argparse.Namespace) -> int:
    from samverka.sessions.preload import preload

    if (problem := _terminal_problem()) is not None:
        _open_store(places, name)  # a broken session is the more useful error
        raise UserError(problem)
    opened = preload(places.session_path(name), places.packs, read_only=getattr(args, "read_only", False))
    from samverka.tui.app import run_session  # Textual's imports, while the session is read in the other process

    return run_session(opened(), places.packs, mouse=not getattr(args, "no_mouse", False),
                       bell=getattr(args, "bell", False))


def _cmd_list(args: argparse.Namespace) -> int:
    from samverka.sessions.catalog import summaries

    places = _Places(args)
    failed = False
    for found in summaries(places.sessions, places.packs):
        if isinstance(found, UserError):
            print(f"samverka: {one_line(str(found))}", file=sys.stderr)
            failed = True
            continue
        row = (found.slug, found.title, found.pack, counted(found.meetings, "möte", "möten"),
               counted(found.notes, "anteckning", "anteckningar"), f"{found.percent} %",
               counted(found.open_actions, "öppen åtgärd", "öppna åtgärder"))
        print("  ".join(one_line(cell) for cell in row))
    return 1 if failed else 0


def _cmd_note(args: argparse.Namespace) -> int:
    from samverka.sessions.edits import draft_from_options
    from samverka.sessions.opened import open_session

    places = _Places(args)
    draft = draft_from_options(args.kind, " ".join(args.text), party=args.party, by=args.by, owner=args.owner,
                               due=args.due)
    # session.toml and the latest day's meetings: a note's cost does not grow with the session's history
    opened = open_session(places.session_path(args.session), places.packs, history=False)
    if opened.holder is not None:
        holder = opened.holder.describe(opened.session.zone)
        raise UserError(f"sessionen är öppen för redigering hos {holder}; "
                        "skriv anteckningen där eller försök igen när den är stängd")
    try:
        note = opened.add_note(args.question, draft)
        # The note's time as stored: the session's zone, whatever TZ this shell has (PRODUCT.md §4).
        meeting = opened.today()
        print(f"ok: fråga {note.question}, möte {meeting.id if meeting else '?'}, "
              f"kl. {note.at:%H.%M} ({opened.session.zone.key})")
    finally:
        opened.close(reason="samverka note")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from samverka import exporters

    store = _open_store(_Places(args), args.session)
    session, pack = store.session, store.pack
    if args.minutes:
        text = exporters.minutes(session, pack, exporters.select_meeting(session, args.meeting or "latest"))
    elif args.status:
        meeting = exporters.select_meeting(session, args.meeting) if args.meeting else None
        text = exporters.status(session, pack, meeting)
    else:
        wanted = "agreement" if args.agreement else "report"
        if pack.output_kind != wanted:
            option = "--agreement" if pack.output_kind == "agreement" else "--report"
            raise UserError(f"paketet '{pack.id}' ger inte {'avtalsutkast' if args.agreement else 'rapport'}; "
                            f"använd {option}")
        if args.report:  # for a visit, the sheet the group gets back
            from samverka.exporters.feedback import report

            text = report(session, pack)
        else:
            text = exporters.draft(session, pack)
    if args.output:
        from samverka.exporters.target import write_export

        write_export(Path(args.output), text, _Places(args).packs)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_rollup(args: argparse.Namespace) -> int:
    places = _Places(args)
    names = [places.session_path(name) for name in args.sessions]
    dirs = [paths.expand(d) for d in args.visit_dirs]
    output = Path(args.output) if args.output else None
    kind = args.format or ("csv" if output is not None and output.suffix.lower() == ".csv" else "md")
    return _rollup(places, names, dirs, paths.expand(args.plan) if args.plan else None, kind, output)


def _rollup(places: _Places, names: list[Path], dirs: list[Path], plan: Path | None, kind: str,
            output: Path | None) -> int:
    from samverka.exporters import rollup
    from samverka.sessions.rollup import gather

    found = gather(names, dirs, places.sessions, places.packs, plan)
    if output is None:
        sys.stdout.write(rollup.render(found, kind))
    else:
        rollup.write(found, output, places.packs, kind)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from samverka.phases import load_pack
    from samverka.sessions.store import MEETINGS_DIR, SESSION_FILE

    places = _Places(args)
    path = Path(args.path)
    if path.is_file() and path.name != SESSION_FILE and path.parent.name != MEETINGS_DIR:
        pack = load_pack(path)
        questions = len(pack.questions)
        print(f"ok: {one_line(str(path))}: paket '{pack.id}', {counted(len(pack.phases), 'fas', 'faser')}, "
              f"{counted(questions, 'fråga', 'frågor')}")
        return 0
    if path.is_file() and path.parent.name == MEETINGS_DIR:
        path = path.parent.parent
    from samverka.sessions.store import SessionStore

    s = SessionStore.open(path, places.packs).session
    print(f"ok: {one_line(str(s.path))}: {counted(len(s.meetings), 'möte', 'möten')}, "
          f"{counted(s.note_count(), 'anteckning', 'anteckningar')}")
    return 0


def _cmd_packs(args: argparse.Namespace) -> int:
    from samverka.phases import available_packs, builtin_packs_dir, load_pack

    places = _Places(args)
    failed = False
    for pack_id, path in available_packs(places.packs).items():
        try:
            pack = load_pack(path)
        except UserError as err:
            print(f"samverka: {one_line(str(err))}", file=sys.stderr)
            failed = True
            continue
        origin = "inbyggt" if path.parent == builtin_packs_dir() else str(path)
        print("  ".join(one_line(cell) for cell in (pack_id, f"v{pack.version}", pack.title, origin)))
    return 1 if failed else 0
