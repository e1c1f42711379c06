"""Every main-screen command once: its key, category and Swedish description feed bindings, help and palette."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class Command:
    keys: str  # Textual key names, comma separated
    action: str
    category: str
    description: str
    key_display: str
    footer: bool = False
    priority: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("j", "next_question", "Fråga", "Nästa fråga", "j", True),
    Command("k", "previous_question", "Fråga", "Föregående fråga", "k", True),
    Command("l", "next_in_pack", "Fråga", "Nästa fråga i hela paketet (j och k följer mötets dagordning)", "l"),
    Command("h", "previous_in_pack", "Fråga", "Föregående fråga i hela paketet", "h"),
    Command("n", "focus_note", "Anteckning", "Skriv anteckning", "n", True, priority=True),
    Command("a", "focus_notes", "Anteckning", "Läs anteckningarna (↑ ↓ PgUp PgDn Home End)", "a", priority=True),
    Command("plus", "readiness(1)", "Hur klara", "Ett steg klarare", "+", True),
    Command("minus", "readiness(-1)", "Hur klara", "Ett steg mindre klar", "-", True),
    Command("0", "set_readiness(0)", "Hur klara", "Sätt hur klara till 0", "0"),
    Command("1", "set_readiness(1)", "Hur klara", "Sätt hur klara till 1", "1"),
    Command("2", "set_readiness(2)", "Hur klara", "Sätt hur klara till 2", "2"),
    Command("3", "set_readiness(3)", "Hur klara", "Sätt hur klara till 3", "3"),
    Command("4", "set_readiness(4)", "Hur klara", "Sätt hur klara till 4", "4"),
    Command("r", "toggle_revisit", "Fråga", "Markera/avmarkera återkom", "r", True),
    Command("g", "toggle_guidance", "Visa", "Visa/dölj vägledning", "g"),
    Command("v", "toggle_nav", "Visa", "Visa/dölj fasnavigeringen", "v"),
    Command("o", "overview", "Visa", "Översikt: hur klara och återkom", "o", True),
    Command("m", "meeting", "Möte", "Mötesinställningar: närvaro, roller, dagordning", "m", True),
    Command("d", "participants", "Möte", "Lägg till deltagare eller part", "d"),
    Command("f5", "people", "Möte", "Ändra eller ta bort deltagare och parter", "F5"),
    Command("f4", "begin_meeting", "Möte", "Starta mötet (det planerade, eller ett nytt)", "F4"),
    Command("t", "cycle_type", "Punkt", "Ärendetyp: information / samverkan / inför beslut", "t"),
    Command("u", "cycle_outcome", "Punkt", "Utfall: överens / ej överens", "u"),
    Command("i", "toggle_adjusted", "Punkt", "Omedelbart justerad", "i"),
    Command("s", "positions", "Punkt", "Parternas ståndpunkter (utfallet följer av dem)", "s"),
    Command("y", "agree", "Punkt", "Parterna är överens om svarsmallens text: den citeras i protokollet", "y"),
    Command("x", "actions", "Anteckning", "Åtgärder: markera som klara", "x"),
    Command("c", "correct_notes", "Anteckning", "Rätta anteckningar: ändra, flytta, ta bort", "c"),
    Command("ctrl+z", "undo", "Ändring", "Ångra senaste ändringen", "ctrl+z"),
    Command("ctrl+y", "redo", "Ändring", "Gör om det som ångrades", "ctrl+y"),
    Command("f2", "justify_previous", "Möte", "Justera föregående protokoll", "F2"),
    Command("b", "cycle_rating", "Besök", "Gruppens bedömning av utvecklingsområdet: nästa steg", "b"),
    Command("B,shift+b", "visit", "Besök", "Besöket: vilken grupp och vilken dag", "B"),
    Command("e", "export", "Export", "Exportera protokoll eller utkast", "e", True),
    Command("f1", "help", "Hjälp", "Hjälp: alla tangenter", "F1", True),
    Command("ctrl+s", "save", "Session", "Spara nu", "ctrl+s"),
    Command("ctrl+t", "take_over", "Session", "Ta över en skrivskyddad session när den är fri", "ctrl+t"),
    Command("ctrl+q", "save_and_quit", "Session", "Spara och avsluta", "ctrl+q", True),
)

# Keys handled by widgets or Textual itself, listed in the help so it names every key.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("ctrl+p", "Kommandopalett: sök bland alla kommandon"),
    ("↑ ↓ / Enter", "I fasnavigeringen: gå till fråga"),
    ("← →", "På reglaget Hur klara är vi?: sänk / höj"),
    ("Tab / shift+Tab", "Nästa / föregående fält"),
    ("Enter", "I anteckningsfältet: spara anteckningen"),
    ("→", "I anteckningsfältet: fyll i föreslaget @id eller #id"),
    ("Esc", "Lämna ett textfält / stäng dialog"),
)


def bindings() -> list[Binding]:
    return [
        Binding(c.keys, c.action, c.description, show=c.footer, key_display=c.key_display, id=c.action,
                priority=c.priority)
        for c in COMMANDS
    ]


def key_bar() -> list[tuple[str, str, str]]:
    """The keys the main screen's key bar shows: (key as shown, description, action)."""
    return [(c.key_display, c.description, c.action) for c in COMMANDS if c.footer]


class SamverkaCommands(Provider):
    """Palette entries "Kategori: Åtgärd" for every command of the main screen."""

    def _entries(self) -> list[tuple[str, str]]:
        return [(f"{c.category}: {c.description}", c.action) for c in COMMANDS]

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for label, action in self._entries():
            yield DiscoveryHit(label, lambda a=action: self._run(a), help=None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action in self._entries():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), lambda a=action: self._run(a), text=label)
