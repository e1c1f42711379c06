"""Realistic large sessions for the benchmarks, built through the real model and store (seeded, so repeatable).

    python -m bench.generate DIR [--meetings 20] [--notes 100] [--slug SLUG]

writes `DIR/sessions/SLUG/` (open it with `samverka --dir DIR open SLUG`). The last meeting is
held today, so the TUI opens on a live meeting with its notes, as a facilitator would see it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from samverka.phases import find_pack
from samverka.sessions.demo import PARTICIPANTS, PARTIES
from samverka.sessions.model import AgendaItem, Meeting, Note, Participant, ReadinessChange
from samverka.sessions.store import SessionStore

PACK = "lokalt-samverkansavtal"
ORGANISATION = "Norrbyverket"
TITLE = "Avtal Norrby 2027"
TZ = dt.timezone(dt.timedelta(hours=1))

PEOPLE = (
    *PARTICIPANTS,
    Participant("goran", "Göran Åberg", "chef", "ag"),
    Participant("hanna", "Hanna Öst", "facklig", "st"),
    Participant("ines", "Inés Karlsson Bäck", "medarbetare", None),
    Participant("jonas", "Jonas Wäster", "arbetsgivarforetradare", "ag"),
)

KIND_WEIGHTS = {"note": 55, "decision": 12, "action": 13, "disagreement": 8, "statement": 12}

_SUBJECTS = (
    "Arbetsgivaren", "Samverkansgruppen", "Parterna", "OFR/ST", "Saco-S", "Seko", "HR-avdelningen",
    "Arbetsmiljöombuden", "Enhetscheferna", "Medarbetarna på regionkontoret", "Ledningsgruppen",
    "De fackliga företrädarna", "Skyddskommittén", "Arbetsgruppen för avtalet", "Chefen för ekonomienheten",
)
_VERBS = (
    "föreslår att", "anser att", "påpekar att", "vill att", "har sett att", "betonar att", "efterfrågar att",
    "redovisar att", "är oroliga för att", "menar att", "delar uppfattningen att", "återkommer till att",
)
_CLAUSES = (
    "dagordningen skickas ut minst en vecka före mötet",
    "arbetsplatsträffarna blir den viktigaste kanalen för medarbetarnas inflytande",
    "samverkan om budgetunderlaget sker innan ramarna är låsta",
    "riskbedömningar görs tillsammans med skyddsombuden vid varje större förändring",
    "informationen om omorganisationen kom för sent för att kunna påverka beslutet",
    "regionkontoren får en egen samverkansgrupp med representanter från båda orterna",
    "förhandlingsskyldigheten enligt MBL § 11 fullgörs i samverkansgruppen när parterna är överens om det",
    "ärenden som rör enskilda medarbetare aldrig tas upp i samverkansgruppen",
    "chefer och förtroendevalda behöver gemensam utbildning i det nya avtalet",
    "uppföljningen görs varje höst med en enkät och ett gemensamt seminarium",
    "den systematiska arbetsmiljöuppföljningen ska vara en stående punkt på dagordningen",
    "det behövs tydligare rutiner för hur oenighet hanteras och dokumenteras",
    "protokollen justeras inom fem arbetsdagar och läggs ut på intranätet",
    "medarbetarsamtalen kopplas till verksamhetsplaneringen",
    "tiden för fackligt arbete räcker inte för att delta i alla arbetsgrupper",
    "lönebildningen hålls utanför samverkan och hanteras i förhandling",
    "de digitala mötena fungerar sämre för dem som sitter i verkstaden",
    "övergången från det gamla avtalet sker den första januari",
    "kompetensförsörjningen behöver diskuteras tidigt i planeringscykeln",
    "mötestiderna anpassas så att skiftgående kan delta",
)
_TAILS = (
    "", "", "", " i år", " redan under våren", " enligt tidigare överenskommelse", " så långt det är möjligt",
    " innan nästa möte", " på samtliga enheter", " med stöd av HR", " utan att det påverkar driften",
)
_ACTIONS = (
    "Ta fram ett förslag till tidplan för arbetet med avtalet",
    "Sammanställ erfarenheterna från de senaste årens omorganisationer",
    "Boka en gemensam utbildningsdag för chefer och förtroendevalda",
    "Skicka ut enkäten om samverkansklimatet till alla medarbetare",
    "Formulera ett utkast till avsnittet om arbetsmiljö",
    "Kontrollera hur regionkontoren hanterar sina arbetsplatsträffar i dag",
    "Ta fram statistik över sjukfrånvaro och personalomsättning per enhet",
    "Stäm av förslaget med de lokala fackliga föreningarna",
    "Uppdatera rutinen för justering av protokoll",
    "Bjud in skyddsombuden till nästa möte",
)
_STATEMENTS = (
    "{party} anser att samverkan om beslutet skedde för sent för att medarbetarnas synpunkter skulle kunna "
    "påverka utfallet, och vill att det framgår av protokollet.",
    "{party} delar inte arbetsgivarens bedömning att förändringen är av mindre omfattning; den berör "
    "arbetsmiljön för ett fyrtiotal medarbetare.",
    "{party} vill att det antecknas att underlaget kom dagen före mötet.",
    "{party} ställer sig bakom förslaget under förutsättning att uppföljningen sker efter sex månader.",
    "{party} anser att information lämnades i god tid enligt gällande avtal, men delar uppfattningen att "
    "dialogen kan starta tidigare.",
    "{party} reserverar sig mot att frågan om bemanning lyfts ur samverkan.\nVi återkommer med ett skriftligt "
    "yttrande.",
)
_DISAGREEMENTS = (
    "Parterna är inte överens om huruvida omorganisationen samverkades i tid.",
    "Parterna är oense om vilken nivå frågan om lokalförsörjning ska samverkas på.",
    "Oenighet kvarstår om hur ofta samverkansgruppen ska sammanträda.",
    "Parterna har olika syn på om förändringen kräver en riskbedömning.",
)
_DECISIONS = (
    "Samverkansgruppen träffas en gång i månaden, utom i juli.",
    "Arbetsgruppen består av två företrädare för arbetsgivaren och en för varje facklig organisation.",
    "Utkastet till avsnitt {n} godkänns som underlag för fortsatt arbete.",
    "Frågan bordläggs till nästa möte.",
    "Parterna är överens om att avtalet gäller hela myndigheten, även regionkontoren.",
    "Protokollet justeras av ordföranden och en justerare per part inom fem arbetsdagar.",
)


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}{rng.choice(_TAILS)}."


def paragraph(rng: random.Random, low: int = 1, high: int = 4) -> str:
    """One to a few sentences: notes range from a short line to a small paragraph."""
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def generate(
    sessions_dir: Path,
    slug: str,
    meetings: int,
    notes_per_meeting: int,
    *,
    seed: int = 2027,
    today: dt.date | None = None,
    packs_dir: Path | None = None,
) -> Path:
    """Create the session `slug` in `sessions_dir` with `meetings` weekly meetings, the last one today."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    pack = find_pack(PACK, packs_dir)
    store = SessionStore.create(sessions_dir, slug, ORGANISATION, TITLE, pack)
    session = store.session
    session.created = dt.datetime.combine(today - dt.timedelta(days=7 * meetings), dt.time(9), TZ)
    session.basis = "Lokalt samverkansavtal (MBL § 11 och § 19)"
    session.parties = list(PARTIES)
    session.participants = list(PEOPLE[: rng.randint(6, len(PEOPLE))])
    readiness = dict.fromkeys(pack.questions, 0)
    question_ids = list(pack.questions)
    for index in range(meetings):
        day = today - dt.timedelta(days=7 * (meetings - 1 - index))
        progress = index / (meetings - 1) if meetings > 1 else 1.0
        session.meetings.append(_meeting(rng, session.participants, question_ids, readiness, day, progress,
                                         notes_per_meeting))
    for question_id, value in readiness.items():
        if value == 0 and rng.random() < 0.5:
            continue
        state = session.edit_state(question_id)
        state.readiness = value
        state.revisit = rng.random() < 0.2
        question = pack.questions[question_id]
        for answer in question.fields:
            if rng.random() < 0.85:
                state.answers[answer.id] = paragraph(rng, 1, 3)
        for prompt in question.canvas:
            if rng.random() < 0.5:
                state.canvas[prompt.id] = paragraph(rng, 1, 2)
    store.save()
    return store.session.path


def _meeting(
    rng: random.Random,
    people: list[Participant],
    question_ids: list[str],
    readiness: dict[str, int],
    day: dt.date,
    progress: float,
    notes: int,
) -> Meeting:
    start = dt.datetime.combine(day, dt.time(rng.choice((9, 13))), TZ)
    attendees = [p.id for p in people if p.party is not None or rng.random() < 0.7]
    employer = [p.id for p in people if p.party == "ag" and p.id in attendees]
    unions = [p.id for p in people if p.party not in (None, "ag") and p.id in attendees]
    centre = round(progress * (len(question_ids) - 1))
    agenda = sorted({question_ids[max(0, min(len(question_ids) - 1, centre + rng.randint(-2, 2)))]
                     for _ in range(rng.randint(3, 6))}, key=question_ids.index)
    if rng.random() < 0.3:  # a question the group comes back to
        agenda.append(rng.choice(question_ids[: centre + 1]))
        agenda = list(dict.fromkeys(agenda))
    live = progress >= 1  # today's meeting is under way: no end, no time on its items yet
    meeting = Meeting(
        id=day.isoformat(),
        date=day,
        start=start.time(),
        end=None if live else (start + dt.timedelta(minutes=150)).time(),
        place=rng.choice(("Konferensrum Ljusgården, plan 3", "Sal Åsen", "Teams", "Regionkontoret i Öby")),
        chair=employer[0] if employer else None,
        secretary=employer[-1] if employer else None,
        adjusters=[employer[0], unions[0]] if employer and unions else [],
        attendees=attendees,
        agenda=agenda,
        justified=not live,
    )
    for question_id in agenda:
        meeting.items[question_id] = AgendaItem(
            type=rng.choice(("information", "samverkan", "samverkan", "infor_beslut")),
            outcome=None if live else rng.choice((None, "overens", "overens", "ej_overens")),
            adjusted_at_once=not live and rng.random() < 0.1,
            seconds=0 if live else rng.randint(600, 3000),
        )
    minutes = sorted(rng.uniform(0, 150) for _ in range(notes))
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    for n, minute in enumerate(minutes):
        at = (start + dt.timedelta(minutes=minute)).replace(microsecond=0)
        question = agenda[min(len(agenda) - 1, int(n * len(agenda) / max(1, notes)))]
        meeting.notes.append(_note(rng, rng.choices(kinds, weights)[0], at, question, people, attendees))
    for question_id in agenda:
        if rng.random() < 0.6:
            before = readiness[question_id]
            after = max(0, min(4, before + rng.choice((1, 1, 1, 2, -1))))
            if after != before:
                at = (start + dt.timedelta(minutes=rng.uniform(0, 150))).replace(microsecond=0)
                meeting.readiness_changes.append(ReadinessChange(question_id, before, after, at))
                readiness[question_id] = after
    return meeting


def _note(rng: random.Random, kind: str, at: dt.datetime, question: str, people: list[Participant],
          attendees: list[str]) -> Note:
    party = rng.choice(PARTIES)
    speakers = [p.id for p in people if p.party == party.id and p.id in attendees]
    by = rng.choice(speakers) if speakers and rng.random() < 0.7 else None
    if kind == "statement":
        return Note(at, question, kind, rng.choice(_STATEMENTS).format(party=party.name), party=party.id, by=by)
    if kind == "disagreement":
        return Note(at, question, kind, rng.choice(_DISAGREEMENTS),
                    party=party.id if rng.random() < 0.7 else None)
    if kind == "decision":
        return Note(at, question, kind, rng.choice(_DECISIONS).format(n=rng.randint(1, 9)))
    if kind == "action":
        return Note(at, question, kind, f"{rng.choice(_ACTIONS)}.", owner=rng.choice(attendees),
                    due=at.date() + dt.timedelta(days=rng.randint(7, 60)))
    attributed = rng.random() < 0.3
    text = paragraph(rng)
    if rng.random() < 0.02:  # now and then a quotation, as people dictate
        text += ' Citat: "så här har vi alltid gjort".'
    return Note(at, question, kind, text, party=party.id if attributed else None, by=by if attributed else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="data directory; the session goes to DIR/sessions/SLUG")
    parser.add_argument("--meetings", type=int, default=20)
    parser.add_argument("--notes", type=int, default=100, help="notes per meeting")
    parser.add_argument("--slug", default=None, help="default: stress-MEETINGSxNOTES")
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args(argv)
    sessions = args.dir / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    slug = args.slug or f"stress-{args.meetings}x{args.notes}"
    print(generate(sessions, slug, args.meetings, args.notes, seed=args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
