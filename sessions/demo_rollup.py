"""The roll-up demo (`samverka demo --rollup`): a fictional city's central group has visited five of its
seven förvaltningsgrupper with the `uppfoljning` pack, so that `samverka rollup` shows something real.

Every visit is built the way a facilitator builds one: created, then changed through `sessions.edits`
and saved by an opened session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from samverka.sessions import edits
from samverka.sessions.catalog import create_session
from samverka.sessions.clock import now
from samverka.sessions.edits import MeetingSetup, NoteDraft
from samverka.sessions.opened import open_session
from samverka.sessions.rollup import PACK, PLAN_FILE

ORGANISATION = "Älvby stad (exempel)"
TITLE = "Uppföljning av samverkansavtalet 2026"
CENTRAL_GROUP = "Centrala samverkansgruppen (CSG)"

# The central group's two visitors, in every visit: one for each side.
VISITORS = (("Karin Sjö", "arbetsgivarforetradare", "Älvby stad"), ("Omar Haddad", "facklig", "Vision"))

PLAN = f'''\
# Uppföljningsplan: vilka förvaltningsgrupper uppföljningen ska besöka (samverka rollup läser den).
title = "{TITLE}"
organisation = "{ORGANISATION}"
central_group = "{CENTRAL_GROUP}"

[[groups]]
name = "Förvaltningsgrupp kultur"
forvaltning = "Kulturförvaltningen"

[[groups]]
name = "Förvaltningsgrupp utbildning"
forvaltning = "Utbildningsförvaltningen"

[[groups]]
name = "Förvaltningsgrupp äldreomsorg"
forvaltning = "Äldreförvaltningen"

[[groups]]
name = "Förvaltningsgrupp Norra stadsdelen"
forvaltning = "Stadsdelsförvaltning Norr"

[[groups]]
name = "Förvaltningsgrupp Södra stadsdelen"
forvaltning = "Stadsdelsförvaltning Syd"

[[groups]]
name = "Förvaltningsgrupp stadsbyggnad"
forvaltning = "Stadsbyggnadsförvaltningen"

[[groups]]
name = "Förvaltningsgrupp miljö"
forvaltning = "Miljöförvaltningen"
not_visited = "Besöket flyttades till januari 2027 på grund av förvaltningens omorganisation."
'''


@dataclass
class Visit:
    slug: str
    group: str
    days_before: int  # the visit, this many days before the demo is made
    place: str
    unions: tuple[str, ...]  # the group's unions besides Vision, whose visitor is always there
    members: tuple[tuple[str, str, str], ...]  # name, role, party name
    ratings: dict[str, str]  # the area's first question -> rating id
    answers: dict[str, dict[str, str]]
    notes: list[tuple[str, str, str, str | None, int | None]] = field(default_factory=list)
    # (question, kind, text, party name, due in days)
    feedback: dict[str, str] = field(default_factory=dict)


VISITS = (
    Visit(
        slug="besok-kultur", group="Förvaltningsgrupp kultur", days_before=70,
        place="Kulturhuset, sammanträdesrummet Scenen",
        unions=("Kommunal",),
        members=(("Elin Brandt", "chef", "Älvby stad"), ("Jonas Lund", "arbetsgivarforetradare", "Älvby stad"),
                 ("Maja Persson", "facklig", "Kommunal"), ("Sara Nilsson", "facklig", "Vision")),
        ratings={"2.1": "val", "3.1": "val", "4.1": "delvis", "5.1": "val"},
        answers={
            "1.4": {
                "avsedda_effekter": "Samverkan fungerar i stort som avtalet avser. Frågorna kommer tidigt och "
                                    "medarbetarna känner att arbetsplatsträffarna har betydelse.",
                "goda_exempel": "Inför de nya öppettiderna på biblioteken samverkade vi redan när förslaget "
                                "var en skiss. Personalens synpunkter ändrade bemanningen på kvällarna.",
                "brister": "Arbetsmiljöfrågorna kommer ofta sist på dagordningen och hinns inte alltid med.",
            },
            "2.1": {
                "forstaelse": "Chefer och fackliga företrädare känner väl till avtalets syfte. Bland "
                              "medarbetarna är kunskapen ojämn.",
                "dialog_om_syftet": "Vi går igenom avtalets syfte varje höst på arbetsplatsträffarna.",
            },
            "2.3": {
                "introduktion": "Nya chefer får en introduktion i samverkan av HR inom sin första månad, och "
                                "nya ombud går förvaltningens gemensamma utbildning.",
                "personberoende": "När museichefen slutade tappade museets samverkansgrupp fart i ett halvår.",
            },
            "3.1": {
                "ton": "Tonen är god och det går att säga vad man tycker.",
                "respekt": "Parterna respekterar varandras uppdrag, också när vi inte är överens.",
            },
            "3.2": {
                "tidig_dialog": "De flesta förändringar tas upp medan de går att påverka, till exempel "
                                "öppettiderna på biblioteken.",
                "orsaker": "När det har dröjt har det berott på att budgetbeskedet kom sent från staden.",
            },
            "3.4": {
                "erfarenheter": "Flytten av kulturskolan berörde även utbildningsförvaltningen. Samverkan "
                                "skedde bara hos oss, och lokalfrågorna föll mellan stolarna.",
                "ordning": "Den förvaltning som driver frågan bjuder in den andra förvaltningens parter till "
                           "ett gemensamt möte.",
            },
            "4.1": {
                "forberedelse": "Handlingarna kommer oftast en vecka före, men underlag till större ärenden "
                                "kommer ibland samma dag.",
                "kallelse_och_underlag": "Kallelsen kommer i tid; underlaget till budgetärenden gör det inte.",
            },
            "4.2": {
                "samspel": "Mötena ligger på tisdagar, då ombuden har sin fackliga tid.",
                "forbattringar": "Arbetsgivaren lägger fast mötestiderna för hela året i december.",
            },
            "5.1": {
                "omraden": "Arbetsmiljöfrågorna ska få en fast plats tidigt på dagordningen.",
                "forvantat_resultat": "Arbetsmiljön tas upp på varje möte under 2027.",
            },
            "5.3": {
                "atgarder": "Dagordningen görs om så att arbetsmiljön kommer som andra punkt.",
                "uppfoljning_av_atgarder": "Vi stämmer av i juni på förvaltningsgruppens möte.",
            },
        },
        notes=[
            ("1.4", "note", "Gruppen lyfter biblioteksexemplet som det tydligaste under året.", None, None),
            ("5.3", "action", "Grupp: Gör om dagordningen så att arbetsmiljön kommer som andra punkt.",
             None, 30),
            ("3.4", "action", "Central: Ta fram en ordning för frågor som berör flera förvaltningar.",
             None, 120),
        ],
        feedback={
            "aterkoppling": "Den centrala samverkansgruppen presenterar sammanställningen på "
                            "förvaltningsgruppens möte i februari.",
            "lokalt_arbete": "Gruppen arbetar vidare med arbetsmiljön på dagordningen och delar "
                             "biblioteksexemplet med de andra förvaltningarna.",
        },
    ),
    Visit(
        slug="besok-utbildning", group="Förvaltningsgrupp utbildning", days_before=56,
        place="Utbildningsförvaltningen, rum Katedern",
        unions=("Kommunal", "Sveriges Lärare"),
        members=(("Per Ekholm", "chef", "Älvby stad"), ("Lina Hed", "arbetsgivarforetradare", "Älvby stad"),
                 ("Anders Berg", "facklig", "Sveriges Lärare"), ("Fatima Ali", "facklig", "Kommunal")),
        ratings={"2.1": "delvis", "3.1": "delvis", "4.1": "utveckla", "5.1": "delvis"},
        answers={
            "1.4": {
                "avsedda_effekter": "På förvaltningsnivå fungerar samverkan, men på många skolor är "
                                    "arbetsplatsträffarna mest information från rektor.",
                "goda_exempel": "Skolorna i östra området har en gemensam samverkansgrupp där rektorer och "
                                "ombud planerar läsåret tillsammans.",
                "brister": "Lärarna hinner sällan förbereda sig inför samverkan under terminerna.",
            },
            "2.1": {
                "forstaelse": "Rektorerna känner till avtalet, men få lärare vet vad samverkan ska leda till.",
                "dialog_om_syftet": "Syftet tas sällan upp. Det står inte på någon dagordning.",
            },
            "2.3": {
                "introduktion": "Det finns ingen introduktion i samverkan för nya rektorer. Nya ombud lär "
                                "sig genom att vara med.",
                "personberoende": "Mycket hänger på enskilda personer; på skolor med ny rektor har samverkan "
                                  "stannat av.",
            },
            "3.1": {
                "ton": "Tonen är oftast saklig men kan bli hård i budgettider.",
                "respekt": "Ombuden upplever att rektorer ibland ser samverkan som ett hinder.",
            },
            "3.2": {
                "tidig_dialog": "Förändringar i skolornas organisation kommer ofta som färdiga förslag.",
                "orsaker": "Rektorerna får besked om ramarna sent och vill inte oroa personalen i onödan.",
            },
            "3.4": {
                "erfarenheter": "Flytten av kulturskolan samverkades bara i kulturförvaltningen, fast den "
                                "påverkade våra lokaler och scheman.",
                "ordning": "Frågor som rör båda förvaltningarna tas upp i båda förvaltningsgrupperna.",
            },
            "4.1": {
                "forberedelse": "Lärare som är ombud har svårt att få tid att förbereda sig eftersom "
                                "undervisningen inte går att flytta.",
                "kallelse_och_underlag": "Underlagen kommer ofta dagen före.",
            },
            "4.2": {
                "samspel": "Mötena krockar ofta med lektioner och ombudens fackliga tid räcker inte till.",
                "forbattringar": "Mötesplanen läggs innan schemat för nästa läsår, och ersättare utses.",
            },
            "5.1": {
                "omraden": "Introduktion i samverkan för nya rektorer och ombud. Tid för förberedelse.",
                "forvantat_resultat": "Alla nya rektorer har fått introduktion inom sitt första halvår.",
            },
            "5.3": {
                "atgarder": "HR tar fram en introduktion för nya rektorer; mötesplanen läggs före schemat.",
                "uppfoljning_av_atgarder": "Förvaltningsgruppen följer upp i maj.",
            },
        },
        notes=[
            ("3.1", "disagreement", "Sveriges Lärare menar att budgetärenden samverkas först när ramarna är "
             "beslutade; arbetsgivaren anser att informationen har lämnats så tidigt det gått.",
             "Sveriges Lärare", None),
            ("4.2", "statement", "Sveriges Lärare vill att det antecknas att ombuden under hösten fått ställa "
             "in tre samverkansmöten för att undervisningen inte gått att flytta.", "Sveriges Lärare", None),
            ("5.3", "action", "Förvaltning: Ta fram en introduktion i samverkan för nya rektorer.", None, 90),
            ("5.3", "action", "Lägg mötesplanen för läsåret innan schemat för nästa läsår läggs.", None, 60),
        ],
    ),
    Visit(
        slug="besok-aldreomsorg", group="Förvaltningsgrupp äldreomsorg", days_before=49,
        place="Äldreförvaltningen, konferensrummet Linden",
        unions=("Kommunal", "Vårdförbundet"),
        members=(("Gunilla Ström", "chef", "Älvby stad"), ("Henrik Dahl", "arbetsgivarforetradare", "Älvby stad"),
                 ("Birgitta Öhman", "facklig", "Kommunal"), ("Ali Karimi", "facklig", "Vårdförbundet")),
        ratings={"2.1": "utveckla", "3.1": "delvis", "4.1": "delvis", "5.1": "delvis"},
        answers={
            "1.4": {
                "avsedda_effekter": "Avtalet har inte fått genomslag på boendena. Samverkan sker mest i "
                                    "förvaltningsgruppen.",
                "goda_exempel": "Hemtjänsten i centrum har gjort riskbedömningar tillsammans med skyddsombuden "
                                "inför varje förändring av turerna.",
                "brister": "Många enhetschefer har bytts ut under året och kunskapen om samverkan har gått "
                           "förlorad.",
            },
            "2.1": {
                "forstaelse": "Förståelsen är låg bland nya enhetschefer och bland medarbetarna på boendena.",
                "dialog_om_syftet": "Vi har inte pratat om avtalets syfte sedan det tecknades.",
            },
            "2.3": {
                "introduktion": "Nya enhetschefer får ingen introduktion i samverkan. Det behövs en "
                                "introduktion som är densamma i hela förvaltningen.",
                "personberoende": "Samverkan är helt personberoende. Sex av tolv enhetschefer är nya sedan "
                                  "förra uppföljningen.",
            },
            "3.1": {
                "ton": "Tonen är respektfull i förvaltningsgruppen.",
                "respekt": "Ombuden upplever att deras uppdrag respekteras men att de sällan får gehör.",
            },
            "3.2": {
                "tidig_dialog": "Det nya schemat för heltidsresan kom till samverkan när det redan var "
                                "beslutat.",
                "orsaker": "Arbetsgivaren uppger att tidplanen från staden var för kort.",
            },
            "3.4": {
                "erfarenheter": "Det gemensamma planeringssystemet för hemtjänst infördes utan samverkan i "
                                "vår förvaltningsgrupp.",
                "ordning": "Införanden av gemensamma system samverkas centralt och i varje berörd förvaltning.",
            },
            "4.1": {
                "forberedelse": "Ombuden på boendena har svårt att gå ifrån arbetet för att förbereda sig.",
                "kallelse_och_underlag": "Kallelserna kommer i tid.",
            },
            "4.2": {
                "samspel": "Ombuden deltar ofta digitalt från arbetsplatsen, vilket fungerar väl.",
                "forbattringar": "Ersättare utses för varje ombud så att arbetsplatserna alltid är företrädda.",
            },
            "5.1": {
                "omraden": "Gemensam utbildning för enhetschefer och ombud i vad samverkan innebär.",
                "forvantat_resultat": "Alla enhetschefer och ombud har gått utbildningen före sommaren.",
            },
            "5.3": {
                "atgarder": "Förvaltningen ordnar två utbildningsdagar; Kommunal och Vårdförbundet utser ombud "
                            "som deltar.",
                "uppfoljning_av_atgarder": "Följs upp på förvaltningsgruppens möte i juni.",
            },
        },
        notes=[
            ("3.2", "disagreement", "Parterna är inte överens om huruvida schemaförändringen inom heltidsresan "
             "samverkades i tid.", "Kommunal", None),
            ("3.2", "statement", "Kommunal anser att schemaförändringen inom heltidsresan skulle ha samverkats "
             "innan beslutet fattades och att medarbetarnas synpunkter inte har kunnat påverka.",
             "Kommunal", None),
            ("3.2", "statement", "Arbetsgivaren delar bilden att dialogen borde ha börjat tidigare och har "
             "begärt en längre tidplan från staden i kommande förändringar.", "Älvby stad", None),
            ("5.3", "action", "Förvaltning: Ordna två gemensamma utbildningsdagar om samverkan för enhetschefer "
             "och ombud.", None, 150),
            ("3.4", "action", "Central: Samverka införandet av gemensamma system centralt och i varje berörd "
             "förvaltning.", None, 100),
        ],
    ),
    Visit(
        slug="besok-norr", group="Förvaltningsgrupp Norra stadsdelen", days_before=35,
        place="Norra stadsdelshuset, sal 2",
        unions=("Kommunal", "Akademikerförbundet SSR"),
        members=(("Ingrid Wallin", "chef", "Älvby stad"), ("Tomas Fors", "arbetsgivarforetradare", "Älvby stad"),
                 ("Rebecka Sund", "facklig", "Akademikerförbundet SSR"), ("Nils Åkesson", "facklig", "Kommunal")),
        ratings={"2.1": "delvis", "3.1": "utveckla", "4.1": "val", "5.1": "delvis"},
        answers={
            "1.4": {
                "avsedda_effekter": "Samverkan fungerar på arbetsplatsträffarna men inte när stora förändringar "
                                    "planeras.",
                "goda_exempel": "Fritidsgårdarnas personal tog fram förslaget till nya öppettider själva "
                                "tillsammans med chefen och skyddsombudet.",
                "brister": "Omorganisationen av fritidsgårdarna beslutades innan den togs upp i samverkan.",
            },
            "2.1": {
                "forstaelse": "Cheferna vet vad avtalet säger, men det är oklart för många vad som ska tas "
                              "upp på vilken nivå.",
                "dialog_om_syftet": "Syftet tas upp när nya ombud börjar, annars inte.",
            },
            "2.3": {
                "introduktion": "Nya chefer får en pärm men inget samtal om hur vi samverkar.",
                "personberoende": "Samverkan har hållits uppe av några eldsjälar bland ombuden.",
            },
            "3.1": {
                "ton": "Tonen har blivit sämre efter omorganisationen.",
                "respekt": "Ombuden upplever att deras synpunkter inte tas på allvar.",
            },
            "3.2": {
                "tidig_dialog": "Omorganisationen av fritidsgårdarna kom till samverkan i efterhand.",
                "orsaker": "Beslutet togs i en politisk process med kort tidplan.",
            },
            "3.4": {
                "erfarenheter": "Lokalfrågorna för fritidsgårdarna berör både stadsdelen och "
                                "fastighetsförvaltningen; ingen av dem samverkade frågan.",
                "ordning": "Stadsövergripande lokalfrågor samverkas i den centrala samverkansgruppen.",
            },
            "4.1": {
                "forberedelse": "Tid för förberedelse finns; ombuden har fast facklig tid varje vecka.",
                "kallelse_och_underlag": "Underlag kommer en vecka före enligt årsplanen.",
            },
            "4.2": {
                "samspel": "Mötestiderna är lagda efter ombudens fackliga tid och fungerar väl.",
            },
            "5.1": {
                "omraden": "Återupprätta tilliten efter omorganisationen. Tydliggöra vilka frågor som hör "
                           "till vilken nivå.",
                "forvantat_resultat": "Nästa större förändring samverkas innan beslut fattas.",
            },
            "5.3": {
                "atgarder": "Parterna går igenom samverkanstrappan tillsammans på ett extra möte.",
                "uppfoljning_av_atgarder": "Stämmer av på varje förvaltningsgruppsmöte under våren.",
            },
        },
        notes=[
            ("3.1", "disagreement", "Akademikerförbundet SSR anser att tilliten är skadad; arbetsgivaren anser att "
             "samarbetet i huvudsak fungerar.", "Akademikerförbundet SSR", None),
            ("3.2", "statement", "Arbetsgivaren vill tillägga att beslutet om fritidsgårdarna fattades av "
             "nämnden med kort varsel och att förvaltningen informerade så snart det var möjligt.",
             "Älvby stad", None),
            ("5.3", "action", "Grupp: Gå igenom samverkanstrappan på ett extra möte.", None, 45),
            ("3.4", "action", "Central: Ta upp stadsövergripande lokalfrågor i den centrala "
             "samverkansgruppen.", None, 90),
        ],
    ),
    Visit(
        slug="besok-stadsbyggnad", group="Förvaltningsgrupp stadsbyggnad", days_before=21,
        place="Stadsbyggnadskontoret, rum Ritbordet",
        unions=("Sveriges Ingenjörer",),
        members=(("Helena Borg", "chef", "Älvby stad"), ("Mikael Ros", "arbetsgivarforetradare", "Älvby stad"),
                 ("Johan Ek", "facklig", "Sveriges Ingenjörer"), ("Emma Lind", "facklig", "Vision")),
        ratings={"2.1": "val", "3.1": "val", "5.1": "val"},
        answers={
            "1.4": {
                "avsedda_effekter": "Samverkan fungerar väl och är en naturlig del av förvaltningens ledning.",
                "goda_exempel": "Inför det nya ärendehanteringssystemet fick en arbetsgrupp med ombud och "
                                "handläggare testa systemet innan det köptes in.",
                "brister": "",
            },
            "2.1": {
                "forstaelse": "Både chefer och ombud kan förklara vad samverkan är till för.",
                "dialog_om_syftet": "Ledningsgruppen och förvaltningsgruppen har en gemensam planeringsdag "
                                    "om samverkan varje år.",
            },
            "2.3": {
                "introduktion": "Nya chefer och nya ombud går en gemensam introduktion två gånger om året.",
                "personberoende": "Gruppen har klarat flera byten av ordförande utan att samverkan påverkats.",
            },
            "3.1": {
                "ton": "Öppen och rak ton.",
                "respekt": "Parterna respekterar varandras uppdrag.",
            },
            "3.2": {
                "tidig_dialog": "Förändringar tas upp i idéstadiet.",
                "orsaker": "",
            },
            "4.1": {
                "forberedelse": "Ombuden hinner förbereda sig, men underlagen är ofta mycket omfattande.",
                "kallelse_och_underlag": "Handlingarna kommer i tid.",
            },
            "4.2": {
                "samspel": "Mötena läggs i samråd med ombuden.",
                "forbattringar": "Underlagen kortas och får en sammanfattning på första sidan.",
            },
            "5.1": {
                "omraden": "Dela med sig av arbetssättet med gemensam introduktion till andra förvaltningar.",
                "forvantat_resultat": "Minst två förvaltningar har besökt oss för att lära av introduktionen.",
            },
            "5.3": {
                "atgarder": "Förvaltningen bjuder in andra förvaltningsgrupper till introduktionen.",
                "uppfoljning_av_atgarder": "Följs upp vid nästa års uppföljning.",
            },
        },
        notes=[
            ("4.1", "disagreement", "Parterna kom inte överens om en gemensam bedömning av förutsättningarna: "
             "Vision anser att underlagens omfattning är ett hinder, arbetsgivaren att de fungerar väl.",
             "Vision", None),
            ("5.3", "action", "Förvaltning: Bjud in andra förvaltningsgrupper till den gemensamma "
             "introduktionen.", None, 120),
        ],
    ),
)

START, END = dt.time(13, 0), dt.time(15, 30)


def ensure_rollup_demo(sessions_dir: Path, packs_dir: Path | None, when: dt.datetime | None = None) -> list[Path]:
    """Create the five visits and the plan in `sessions_dir` unless they are there; their paths.

    `when` is the moment the demo is made (tests pin it); the visits were made in the ten weeks before.
    """
    when = when or now()
    paths = []
    for visit in VISITS:
        path = sessions_dir / visit.slug
        if not (path / "session.toml").exists():
            _create(sessions_dir, packs_dir, visit, when)
        paths.append(path)
    plan = sessions_dir / PLAN_FILE
    if not plan.exists():
        from samverka import fileio

        fileio.write_atomic(plan, PLAN)
    return paths


class _Clock:
    """The visit's clock: the facilitator's notes come a few minutes apart."""

    def __init__(self, start: dt.datetime) -> None:
        self.moment = start

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, minutes: int) -> None:
        self.moment += dt.timedelta(minutes=minutes)


def _create(sessions_dir: Path, packs_dir: Path | None, visit: Visit, when: dt.datetime) -> None:
    day = (when - dt.timedelta(days=visit.days_before)).date()
    path = create_session(sessions_dir, visit.slug, ORGANISATION, TITLE, PACK, packs_dir)
    clock = _Clock(dt.datetime.combine(day, START))  # a wall time: the session's zone, not the server's
    opened = open_session(path, packs_dir, clock=clock)
    try:
        session, pack = opened.session, opened.pack
        opened.apply(edits.set_visit(session, visit.group, day))
        parties: dict[str, str] = {}
        for name in ("Älvby stad", "Vision", *visit.unions):
            party, touched = edits.add_party(session, name, "arbetsgivare" if name == "Älvby stad" else "arbetstagare")
            parties[name] = party.id
            opened.apply(touched)
        people = []
        for name, role, party_name in (*visit.members, *VISITORS):
            person, touched = edits.add_participant(session, pack, name, role, parties[party_name])
            people.append(person.id)
            opened.apply(touched)
        for question_id, fields in visit.answers.items():
            for field_id, text in fields.items():
                if text:
                    opened.apply(edits.set_field(session, question_id, "answer", field_id, text))
        for field_id, text in visit.feedback.items():
            opened.apply(edits.set_field(session, pack.visit.feedback, "answer", field_id, text))
        for question_id, rating in visit.ratings.items():
            opened.apply(edits.set_field(session, question_id, "answer", pack.visit.rating_field, rating))

        meeting = opened.today(create=True)
        guide = [*pack.visit.overall, *(q for area in pack.visit.areas for q in area.questions)]
        setup = MeetingSetup(place=visit.place, start=START, end=END, attendees=people, chair=people[0],
                             secretary=people[-2], adjusters=[people[0], people[2]], agenda=guide)
        opened.apply(edits.apply_setup(session, pack, meeting, setup, day))
        for question_id, kind, text, party_name, due in visit.notes:
            clock.advance(9)
            draft = NoteDraft(kind, text, party=parties[party_name] if party_name else None,
                              owner=_owner(text, people) if kind == "action" else None,
                              due=day + dt.timedelta(days=due) if due else None)
            opened.add_note(question_id, draft)
        clock.advance(5)
        for question_id in guide:
            answered = all(visit.answers.get(question_id, {}).get(f.id) for f in pack.questions[question_id].fields)
            opened.apply(edits.set_readiness(session, meeting, question_id, 4 if answered else 2, opened.now()))
    finally:
        opened.close(reason="samverka demo --rollup")


def _owner(text: str, people: list[str]) -> str:
    """Who an action of the demo falls to: a visitor for the central level, HR for the förvaltning, else
    the group's chair."""
    if text.startswith("Central:"):
        return people[-2]
    return people[1] if text.startswith("Förvaltning:") else people[0]
