"""The `samverka` command line (PRODUCT.md §5): exit 0 ok, 1 user error (one line), 2 bad usage."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from samverka import paths
from samverka.errors import UserError
from samverka.text import one_line

DEFAULT_PACK = "lokalt-samverkansavtal"
DEMO_SLUG = "demo"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except UserError as err:
        print(f"samverka: {one_line(str(err))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1


def _parser() -> argparse.ArgumentParser:
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
        description="Processtöd för lokala samverkansavtal: frågekort, beredskap, anteckningar, protokoll.",
    )
    parser.set_defaults(run=_cmd_picker)
    sub = parser.add_subparsers(title="kommandon", metavar="KOMMANDO")

    def command(name: str, run: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=text, description=text)
        p.set_defaults(run=run)
        return p

    p = command("demo", _cmd_demo, "skapa (om den saknas) och öppna demosessionen 'demo'")
    p.add_argument("--no-open", action="store_true", help="skapa bara, skriv ut sökvägen")
    p = command("new", _cmd_new, "skapa en ny session och skriv ut dess sökväg")
    p.add_argument("slug", metavar="SLUG", help="sessionens kortnamn (a–z, 0–9, '-')")
    p.add_argument("--org", required=True, help="organisation, t.ex. 'Myndigheten X'")
    p.add_argument("--title", help="titel (standard: paketets titel)")
    p.add_argument("--pack", default=DEFAULT_PACK, help=f"processpaket (standard: {DEFAULT_PACK})")
    p = command("open", _cmd_open, "öppna en session i terminalgränssnittet")
    p.add_argument("session", metavar="SLUG|PATH")
    p.add_argument("--read-only", action="store_true", help="skrivskyddat: inget kan ändras")
    command("list", _cmd_list, "en rad per session: namn, titel, paket, möten, anteckningar, beredskap")
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
    p = command("export", _cmd_export, "exportera protokoll, avtalsutkast eller uppföljningsrapport (Markdown)")
    p.add_argument("session", metavar="SLUG|PATH")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--minutes", action="store_true", help="protokoll/mötesanteckningar för ett möte")
    what.add_argument("--agreement", action="store_true", help="avtalsutkast för hela sessionen")
    what.add_argument("--report", action="store_true", help="uppföljningsrapport (paketet uppfoljning)")
    p.add_argument("--meeting", default="latest", metavar="DATE|latest", help="vilket möte (standard: latest)")
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
    from sessions.store import SessionStore

    return SessionStore.open(places.session_path(name), places.packs)


def _cmd_picker(args: argparse.Namespace) -> int:
    places = _Places(args)
    from tui.app import run_picker

    return run_picker(places.sessions, places.packs, mouse=not getattr(args, "no_mouse", False),
                      bell=getattr(args, "bell", False))


def _cmd_demo(args: argparse.Namespace) -> int:
    from sessions.demo import ensure_demo

    places = _Places(args)
    path = ensure_demo(places.sessions / DEMO_SLUG, places.packs)
    if args.no_open:
        print(path)
        return 0
    return _run_tui(places, str(path), args)


def _cmd_new(args: argparse.Namespace) -> int:
    from phases import find_pack
    from sessions.store import SessionStore

    places = _Places(args)
    pack = find_pack(args.pack, places.packs)
    organisation = args.org.strip()
    if not organisation:
        raise UserError("--org får inte vara tom")
    store = SessionStore.create(places.sessions, args.slug, organisation, args.title or pack.title, pack)
    print(store.session.path)
    return 0


def _cmd_open(args: argparse.Namespace) -> int:
    return _run_tui(_Places(args), args.session, args)


def _run_tui(places: _Places, name: str, args: argparse.Namespace) -> int:
    from sessions.preload import preload

    if not sys.stdin.isatty() or not sys.stdout.isatty():
        _open_store(places, name)  # a broken session is the more useful error
        raise UserError("terminalgränssnittet behöver en terminal (stdin och stdout)")
    opened = preload(places.session_path(name), places.packs, read_only=getattr(args, "read_only", False))
    from tui.app import run_session  # Textual's imports, while the session is read in the other process

    return run_session(opened(), places.packs, mouse=not getattr(args, "no_mouse", False),
                       bell=getattr(args, "bell", False))


def _cmd_list(args: argparse.Namespace) -> int:
    from sessions.model import readiness_percent
    from sessions.workflow import open_actions

    places = _Places(args)
    if not places.sessions.is_dir():
        return 0
    failed = False
    rows = []
    for path in sorted(p for p in places.sessions.iterdir() if p.is_dir()):
        try:
            store = _open_store(places, str(path))
        except UserError as err:
            print(f"samverka: {one_line(str(err))}", file=sys.stderr)
            failed = True
            continue
        s = store.session
        percent = readiness_percent(s, list(store.pack.questions))
        rows.append((s.slug, s.title, s.pack, f"{len(s.meetings)} möten", f"{s.note_count()} anteckningar",
                     f"{percent} %", f"{len(open_actions(s))} öppna åtgärder"))
    for row in rows:
        print("  ".join(one_line(cell) for cell in row))
    return 1 if failed else 0


def _cmd_note(args: argparse.Namespace) -> int:
    from sessions.model import MAX_NOTE_LENGTH, Note, note_kind
    from sessions.store import now, open_session

    places = _Places(args)
    opened = open_session(places.session_path(args.session), places.packs)
    if opened.holder is not None:
        raise UserError(f"sessionen är öppen för redigering hos {opened.holder.describe()}; "
                        "skriv anteckningen där eller försök igen när den är stängd")
    store = opened.store
    session, pack = store.session, store.pack
    if args.question not in pack.questions:
        raise UserError(f"okänd fråga '{args.question}' (finns inte i paketet '{pack.id}')")
    kind = note_kind(args.kind)
    if kind is None:
        raise UserError(f"okänd sort '{args.kind}': note, decision, action, disagreement eller statement")
    if kind != "action" and (args.owner or args.due):
        raise UserError("--owner och --due gäller bara åtgärder (--kind action)")
    if args.party is not None and session.party(args.party) is None:
        raise UserError(f"okänd part '{args.party}' (parter: {', '.join(p.id for p in session.parties) or 'inga'})")
    for who in (args.by, args.owner):
        if who is not None and session.participant(who) is None:
            raise UserError(f"okänd deltagare '{who}'")
    due = None
    if args.due:
        try:
            due = dt.date.fromisoformat(args.due)
        except ValueError:
            raise UserError(f"ogiltigt datum '{args.due}': skriv ÅÅÅÅ-MM-DD") from None
    text = " ".join(args.text).strip()
    if not text:
        raise UserError("anteckningen är tom")
    if len(text) > MAX_NOTE_LENGTH:
        raise UserError(f"anteckningen är för lång ({len(text)} tecken, högst {MAX_NOTE_LENGTH})")
    meeting = store.meeting_today()
    meeting.notes.append(Note(at=now(), question=args.question, kind=kind, text=text,
                              party=args.party, by=args.by, owner=args.owner, due=due))
    store.save_meeting(meeting)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    import exporters

    store = _open_store(_Places(args), args.session)
    session, pack = store.session, store.pack
    if args.minutes:
        text = exporters.minutes(session, pack, exporters.select_meeting(session, args.meeting))
    else:
        wanted = "agreement" if args.agreement else "report"
        if pack.output_kind != wanted:
            option = "--agreement" if pack.output_kind == "agreement" else "--report"
            raise UserError(f"paketet '{pack.id}' ger inte {'avtalsutkast' if args.agreement else 'rapport'}; "
                            f"använd {option}")
        text = exporters.draft(session, pack)
    if args.output:
        from samverka import fileio

        fileio.write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from phases import load_pack
    from sessions.store import MEETINGS_DIR, SESSION_FILE

    places = _Places(args)
    path = Path(args.path)
    if path.is_file() and path.name != SESSION_FILE and path.parent.name != MEETINGS_DIR:
        pack = load_pack(path)
        questions = len(pack.questions)
        print(f"ok: {one_line(str(path))}: paket '{pack.id}', {len(pack.phases)} faser, {questions} frågor")
        return 0
    if path.is_file() and path.parent.name == MEETINGS_DIR:
        path = path.parent.parent
    from sessions.store import SessionStore

    s = SessionStore.open(path, places.packs).session
    print(f"ok: {one_line(str(s.path))}: {len(s.meetings)} möten, {s.note_count()} anteckningar")
    return 0


def _cmd_packs(args: argparse.Namespace) -> int:
    from phases import available_packs, builtin_packs_dir, load_pack

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
