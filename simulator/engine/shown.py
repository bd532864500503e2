"""What a session hands a host, ready to show: lines, options and episode cards with every name filled in.

Scenario text may name people by id (``"I'm {louisa}"``); the session fills
those in with the names of this playthrough (the trainee's own name for the
worker, when they chose one) before handing anything out, so no host ever
fills a placeholder, and a host cannot show ``{louisa}`` by forgetting to.
:class:`Names` is the one filler, used by the session and by the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.scenario.model import Choice, PathTag, Scenario

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9-]*)\}")


class Names:
    """Who is called what in one playthrough: the cast's short names, and the worker's own name if the trainee gave one."""

    __slots__ = ("player_name", "scenario")

    def __init__(self, scenario: Scenario, player_name: str | None = None) -> None:
        self.scenario = scenario
        self.player_name = player_name

    def of(self, character: str) -> str:
        """The name a character goes by here (an unknown id stays as it is)."""
        if character == self.scenario.player and self.player_name:
            return self.player_name
        char = self.scenario.characters.get(character)
        return char.short if char else character

    def fill(self, text: str) -> str:
        """``text`` with every ``{character}`` placeholder replaced by that character's name, once."""
        if "{" not in text:
            return text
        return _PLACEHOLDER.sub(lambda m: self.of(m.group(1)), text)


@dataclass(frozen=True, slots=True)
class Shown:
    """A line ready to show: names filled in, the speaker's display name resolved."""

    text: str
    speaker: str | None
    name: str | None
    mood: str | None
    cue: str | None


@dataclass(frozen=True, slots=True)
class Option:
    """A choice as this playthrough shows it: its words and feedback with names filled in.

    ``choice`` is the authored choice (effects, trust, principles, its
    place as written), for hosts that say what a choice changed and for
    the policies that choose in auto play.
    """

    id: str
    text: str
    feedback: str
    path: PathTag
    choice: Choice
    safety: str = ""  # the safety error this choice is, names filled in; "" when it is none


@dataclass(frozen=True, slots=True)
class Card:
    """An episode's title card, ready to show: how much time has passed, its title, summary and things to notice."""

    episode: str
    title: str
    transition: str
    summary: str
    notice: tuple[str, ...]
    location: str
