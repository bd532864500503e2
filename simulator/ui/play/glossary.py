"""The case's glossary: the words on the page being read first, then every word the case explains, A to Z.

Opened with G during play (when the page has a marked word, the hint says
so) and from the pause menu. Nothing moves while it is open; Esc or Back
returns to where the trainee was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.scenario.model import Term
from simulator.services.glossary import alphabetical
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.scene import Moves
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


def entry(term: Term) -> Para:
    """One word and its meaning, kept on one page when it fits one (a long meaning breaks between sentences, and
    the next page says whose meaning it carries on)."""
    carry = (Span(f"{term.term} (continued): ", "bold", "muted"),)
    return Para((Span(f"{term.term}: ", "bold", "text"), Span(term.meaning, "body", "text")), space_after=0.35, whole=True, carry=carry)


def glossary_paras(glossary: tuple[Term, ...], first: list[Term]) -> list[Para]:
    out: list[Para] = []
    if first:
        out.append(para("On the page you were reading", "heading", "text", space_after=0.2, keep_with_next=True))
        out.extend(entry(t) for t in first)
        out.append(para("Every word this case explains", "heading", "text", space_before=0.4, space_after=0.2, keep_with_next=True))
    out.extend(entry(t) for t in alphabetical(glossary))
    if not glossary:
        out.append(para("This case has no glossary.", "body", "muted"))
    return out


class GlossaryScene(DocScene[Moves]):
    name = "glossary"
    heading = "Glossary"

    def __init__(self, app: App, moves: Moves, glossary: tuple[Term, ...], first: list[Term] | None = None) -> None:
        super().__init__(app, moves)
        self.body = glossary_paras(glossary, first or [])
        self.also = bool(first)

    def subtitle(self) -> str:
        return "Words in this case, in plain terms. Marked words in play are in the accent colour."

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return [Button("Back", self.back, kind="primary", key="back")]

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.also, self.page)

    def autoplay(self, pilot: Pilot) -> bool:
        if not pilot.touring:
            return False
        self.back()
        return True
