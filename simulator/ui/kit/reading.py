"""A moment's text as pages for a text box, and the speaker's name tab: shared by play and the watch mode.

:func:`reading_pages` splits a :class:`~simulator.services.moment.Moment`'s
lines into pages for the text box: one speaker per page, with the cue
(body language, tone) in italics before the words, and a long line over as
many pages as it needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.engine.shown import Shown
from simulator.scenario.model import Term
from simulator.services.glossary import find_terms
from simulator.services.moment import Moment
from simulator.ui.kit.look import Look
from simulator.ui.kit.text import Page, Para, Span, para, words_in


@dataclass(frozen=True)
class Leaf:
    """One page of reading: which line it shows, who is speaking, and the laid-out text."""

    line: int | None
    speaker: str | None
    name: str | None
    page: Page


def marked(text: str, glossary: tuple[Term, ...], style: str = "body", role: str = "text") -> tuple[Span, ...]:
    """``text`` as spans, a glossary word in the accent colour (the hint under the text names them too: never colour alone)."""
    spans: list[Span] = []
    at = 0
    for a, b, _ in find_terms(text, glossary):
        # The whole token is marked ("(IDVA)," not "IDVA" then "),"): a line may only break between spans at a space.
        while a > at and not text[a - 1].isspace():
            a -= 1
        while b < len(text) and not text[b].isspace():
            b += 1
        if a < at:
            continue
        if a > at:
            spans.append(Span(text[at:a], style, role))
        spans.append(Span(text[a:b], style, "accent"))
        at = b
    if at < len(text) or not spans:
        spans.append(Span(text[at:], style, role))
    return tuple(spans)


def line_paras(shown: Shown, *, inline: bool = False, glossary: tuple[Term, ...] = ()) -> list[Para]:
    """A line as paragraphs: the cue (how it is said) in italics above the words, or, ``inline``, before them; glossary words marked."""
    words = marked(shown.text, glossary)
    if shown.cue and inline:
        return [Para((Span(f"{shown.cue} ", "italic", "muted"), *words), space_after=0.0)]
    paras: list[Para] = []
    if shown.cue:
        paras.append(para(shown.cue, "italic", "muted", space_after=0.2, keep_with_next=True))
    paras.append(Para(words, space_after=0.0))
    return paras


def reading_pages(look: Look, moment: Moment, width: int, height: int, glossary: tuple[Term, ...] = ()) -> list[Leaf]:
    """Every line of the moment as pages that fit the text box (a long line takes several).

    When a small box would hold the cue alone on a page, the cue runs into
    the words instead, so every page has something said on it.
    """
    leaves: list[Leaf] = []
    for i, shown in enumerate(moment.lines):
        pages = look.pages(line_paras(shown, glossary=glossary), width, height)
        if shown.cue and len(pages) > 1 and words_in(pages[0]) <= len(shown.cue.split()):
            pages = look.pages(line_paras(shown, inline=True, glossary=glossary), width, height)
        for page in pages:
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
