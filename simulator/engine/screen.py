"""What a session shows a host: the node, who is on stage, the lines, the options, cards and the ending.

:class:`Screen` is mixed into :class:`~simulator.engine.session.Session`.
Everything here only reads the playthrough (names filled in, moods
resolved, the stage as each line shows it), so a host may ask any of it as
often as it draws; what a node offers and how the session moves on are the
session's own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from simulator.engine.shown import Card, Names, Option, Shown
from simulator.engine.stage import Stage, View
from simulator.engine.staged import mood_in, views_of
from simulator.engine.state import State
from simulator.scenario.conditions import Condition
from simulator.scenario.model import Choice, Ending, Episode, Node, Scenario


class Screen:
    """The read-only half of a session: what is on screen now, ready to show."""

    __slots__ = ("_options", "_views")  # what was worked out for the node on screen, until the session moves on
    scenario: Scenario
    state: State
    names: Names
    _options: tuple[Option, ...] | None
    _views: list[View] | None

    if TYPE_CHECKING:

        @property
        def choices(self) -> list[Choice]: ...

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self.state.node]

    @property
    def episode(self) -> Episode:
        return self.scenario.episode_by_id[self.state.episode]

    @property
    def stage(self) -> Stage:
        """Who is on stage once the node's lines are read (at its decision), as the engine keeps it."""
        stage = self.state.stage
        return stage if stage is not None else Stage(self.episode.location)

    @property
    def location(self) -> str:
        """Where the scene is once the node's lines are read."""
        return self.stage.location

    @property
    def present(self) -> tuple[str, ...]:
        """Everyone in the room once the node's lines are read (carried children too; not those only heard)."""
        return self.stage.in_person()

    def views(self) -> list[View]:
        """The stage as each of :meth:`lines` shows it, one for one: who is drawn, in what pose, mood and place, and who is heard.

        A line's stage directions take effect as it is shown, so the picture
        changes with the words; a speaker's mood is theirs from their line on.
        """
        if self._views is None:
            self._views = views_of(self)
        return self._views

    def view(self) -> View:
        """The stage at the decision (or the ending): after every line is read."""
        views = self.views()
        return views[-1] if views else views_of(self, final=True)[0]

    @property
    def options(self) -> tuple[Option, ...]:
        """The options offered now, in display order, ready to show."""
        if self._options is None:
            self._options = tuple(self._option(c) for c in self.choices)
        return self._options

    def _option(self, choice: Choice) -> Option:
        fill = self.names.fill
        return Option(choice.id, fill(choice.text), fill(choice.feedback), choice.path, choice, fill(choice.safety))

    @property
    def ending(self) -> Ending | None:
        """How the case ended (None before the end), ready to show."""
        ending = self.node.ending
        if ending is None:
            return None
        fill = self.names.fill
        return replace(ending, title=fill(ending.title), text=fill(ending.text), outcome=fill(ending.outcome))

    def card(self, episode: str | None = None) -> Card:
        """The title card of an episode (this one by default), ready to show."""
        ep = self.scenario.episode_by_id[episode or self.state.episode]
        fill = self.names.fill
        return Card(ep.id, fill(ep.title), fill(ep.transition), fill(ep.summary), tuple(fill(n) for n in ep.notice), ep.location)

    def name_of(self, character: str) -> str:
        return self.names.of(character)

    def lines(self) -> list[Shown]:
        """The node's narration and the lines whose conditions hold, ready to show."""
        s = self.state
        node = self.node
        fill = self.names.fill
        out: list[Shown] = []
        if node.narration:
            out.append(Shown(fill(node.narration), None, None, None, None))
        for line in node.lines:
            if line.when is not None and not line.when(s):
                continue
            name = self.names.of(line.speaker) if line.speaker else None
            out.append(Shown(fill(line.text), line.speaker, name, line.mood, fill(line.cue) if line.cue else None))
        return out

    def mood_of(self, character: str) -> str | None:
        """The mood to draw: set by a line or node, else by trust, else the first the art has."""
        return mood_in(self, character, self.state.moods)

    def holds(self, condition: Condition) -> bool:
        """Whether a condition holds now (stage directions' ``when``)."""
        return condition(self.state)

