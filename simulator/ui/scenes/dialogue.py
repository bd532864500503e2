"""What one moment of play shows, and how its text is split into pages.

:func:`snapshot` copies what the session shows now (lines, choices, who is
present and in what mood, the clock) into a frozen :class:`Moment`, so the
screen can keep showing the moment of a decision while the feedback card is
up, even though the engine has already moved on. :func:`reading_pages`
splits the lines into pages for the text box: one speaker per page, with
the cue (body language, tone) in italics before the words.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.engine.clock import ClockView, clock_view
from simulator.engine.session import Session
from simulator.engine.shown import Shown
from simulator.ui.look import Look
from simulator.ui.scenes.stage import Figure
from simulator.ui.text import Page, Para, para


@dataclass(frozen=True)
class Moment:
    """A frozen copy of what the session shows at one node."""

    node: str
    episode: str
    episode_title: str
    location: str
    figures: tuple[Figure, ...]
    lines: tuple[Shown, ...]
    choices: tuple[tuple[str, str], ...]
    can_proceed: bool
    finished: bool
    clock: ClockView

    def figures_at(self, line: int | None) -> tuple[Figure, ...]:
        """Moods as of a line: a speaker's own mood on that line (or their last before it) wins."""
        if line is None:
            return self.figures
        latest: dict[str, str] = {}
        for shown in self.lines[: line + 1]:
            if shown.speaker and shown.mood:
                latest[shown.speaker] = shown.mood
        return tuple(Figure(f.id, f.name, latest.get(f.id, f.mood)) for f in self.figures)


def snapshot(session: Session) -> Moment:
    scenario = session.scenario
    present = [c for c in session.present if c != scenario.player]
    figures = tuple(Figure(c, session.name_of(c), session.mood_of(c)) for c in present)
    return Moment(
        node=session.state.node,
        episode=session.state.episode,
        episode_title=session.card().title,
        location=session.location,
        figures=figures,
        lines=tuple(session.lines()),
        choices=tuple((o.id, o.text) for o in session.options),
        can_proceed=session.can_proceed,
        finished=session.finished,
        clock=clock_view(session),
    )


@dataclass(frozen=True)
class Leaf:
    """One page of reading: which line it shows, who is speaking, and the laid-out text."""

    line: int | None
    speaker: str | None
    name: str | None
    page: Page


def line_paras(shown: Shown) -> list[Para]:
    paras: list[Para] = []
    if shown.cue:
        paras.append(para(shown.cue, "italic", "muted", space_after=0.2))
    paras.append(para(shown.text, "body", "text", space_after=0.0))
    return paras


def reading_pages(look: Look, moment: Moment, width: int, height: int) -> list[Leaf]:
    """Every line of the moment as pages that fit the text box (a long line takes several)."""
    leaves: list[Leaf] = []
    for i, shown in enumerate(moment.lines):
        for page in look.pages(line_paras(shown), width, height):
            leaves.append(Leaf(i, shown.speaker, shown.name, page))
    return leaves


def choices_heading() -> Para:
    return para("What do you do?", "bold", "text", space_after=0.3)


def draw_speaker_tab(surface: pygame.Surface, look: Look, tab: tuple[pygame.Rect, str] | None) -> None:
    """The speaker's name on a coloured tab above the text panel (play and watch both draw it)."""
    if tab is None:
        return
    p, m = look.palette, look.m
    rect, name = tab
    pygame.draw.rect(surface, p.accent, rect, border_top_left_radius=m.radius, border_top_right_radius=m.radius)
    text = look.cache.render(look.typeset.font("bold"), name, p.on_accent)
    drawn = surface.blit(text, text.get_rect(midleft=(rect.x + m.u(16), rect.centery)))
    if look.log is not None:
        look.log(drawn, rect)
