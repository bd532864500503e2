"""The coach's card after a choice: why it helped or hurt, what it changed, what the clock did.

Only in the coach setting; in the assessment setting the same feedback is
held for the debrief. Changes are said in words ("Dana's trust rose by 10"),
never by colour alone, and each card names the practice principle behind
the feedback and where that principle comes from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator.engine.session import Session
from simulator.engine.shown import Option
from simulator.engine.state import Step
from simulator.scenario.cite import short_cite, with_check
from simulator.services.words import changes_in_words
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button
from simulator.ui.play.moves import PlayMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


def feedback_paras(session: Session, option: Option | None, step: Step) -> list[Para]:
    """The card's text for a step (``option`` is what was chosen, None for a continue), or [] when there is nothing to say."""
    paras: list[Para] = []
    if option is not None:
        choice = option.choice
        paras.append(Para((Span("You chose: ", "bold", "muted"), Span(option.text, "italic", "text")), space_after=0.5))
        if option.feedback:
            paras.append(para(option.feedback, "body", "text", space_after=0.5))
        changes = changes_in_words(session, choice.effects, choice.trust)
        if changes:
            paras.append(Para((Span("What changed: ", "bold", "text"), Span(";  ".join(changes), "body", "text")), space_after=0.3))
        if option.safety:  # said plainly, whatever the choice scored: the debrief lists it again under Safety first
            paras.append(Para((Span("Safety: ", "bold", "bad"), Span(option.safety, "body", "text")), space_after=0.3))
        evidence = session.scenario.evidence
        for pid in choice.principles:
            principle = evidence.principles.get(pid)
            if principle is None:
                continue
            sources = [with_check(short_cite(evidence.sources[s]), evidence.sources[s].evidence) for s in principle.sources if s in evidence.sources]
            line = [Span("Practice principle: ", "small-bold", "muted"), Span(principle.title, "small", "text")]
            if sources:
                line.append(Span(f"  \u00b7  {sources[0]}", "small-italic", "muted"))
            paras.append(Para(tuple(line), space_before=0.3, space_after=0.0))
    for event in step.events:
        paras.append(Para((Span("Clock: ", "bold", "accent"), Span(event.text, "body", "text")), space_before=0.3, space_after=0.15))
        changes = changes_in_words(session, event.effects, event.trust)
        if changes:
            paras.append(Para((Span("What changed: ", "bold", "text"), Span(";  ".join(changes), "body", "text")), space_after=0.15))
    return paras


class FeedbackScene(DocScene[PlayMoves]):
    """A calm card over the moment of the decision; Enter moves on."""

    name = "feedback"
    overlay = True
    fit = True
    column = 860
    heading = "Feedback"
    fixed = True  # laid out while the decision is read (flow/play.py prepare_feedback)

    def __init__(self, app: App, moves: PlayMoves, body: list[Para], heading: str = "Feedback") -> None:
        super().__init__(app, moves)
        self.body = body
        self.heading = heading

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return [Button("Continue", self.back, kind="primary", key="continue")]

    def handle(self, event: pygame.event.Event) -> bool:
        """Esc pauses here too (over the card, which is still there on resume)."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.moves.pause()
            return True
        return super().handle(event)

    def autoplay(self, pilot: Pilot) -> bool:
        if self.turn(1):
            return True
        self.back()
        return True
