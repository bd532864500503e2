"""The facilitator's notes in a second window, on the laptop's own screen while the projector shows the room view.

pygame-ce opens several windows: with two displays the projector window moves
to the second (the projector) and this one stays on the laptop. It shows
what only the facilitator should see: the episode's discussion prompts, which
option is which path, the live count (and, once revealed, the tally), what
comes next, the notes typed so far and the keys. It is redrawn whenever the
projector is; its keys go to the same place as the projector's.
"""

from __future__ import annotations

import contextlib
import warnings
from typing import Any

import pygame

from simulator.ui.kit.look import Look
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.workshop.moves import WorkshopMoves

CENTRED_ON = 0x2FFF0000  # SDL_WINDOWPOS_CENTERED_DISPLAY(n) is this | n
SIZE = (900, 700)
KEYS = (
    "PageDown next step · PageUp back · 1–9 or Up/Down: the option the room follows · B blank · F full screen · "
    "P pause · T timer · S skip scene · O step out · N note · J hide/show how to join · E twice: end"
)


def displays() -> int:
    with contextlib.suppress(pygame.error):
        return int(pygame.display.get_num_displays())
    return 1


def _on_display(n: int) -> tuple[int, int]:
    return (CENTRED_ON | n, CENTRED_ON | n)


class NotesWindow:
    """A second window of notes for the facilitator."""

    def __init__(self, moves: WorkshopMoves, look: Look) -> None:
        self.moves = moves
        self.look_template = look
        self.window = pygame.Window("Doorstep: facilitator's notes", SIZE, position=_on_display(0), resizable=True)
        if displays() > 1:
            with contextlib.suppress(AttributeError, pygame.error), warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().position = _on_display(1)
        self.look = Look(look.typeset.fonts, self.window.size, 0, look.palette, look.cache, None, high_contrast=look.high_contrast)

    def paras(self, body: str = "body", bold: str = "bold") -> list[Para]:
        """What the facilitator reads at a glance from where they stand: in reading type (``draw`` shrinks it only to fit)."""
        ws = self.moves.control.workshop
        scenario = ws.scenario
        stop = ws.stop
        view = ws.room.view()
        out = [para(f"{scenario.title}: {stop.heading}", "heading", space_after=0.3)]
        out.append(para(_now_words(ws.stage, view), bold, space_after=0.3))
        question = view.question
        if question is not None:
            tally = ws.room.tally()
            out.append(para("Which option is which (only you see this):", bold, "muted", space_after=0.1))
            for c in question.options:
                path = scenario.choice_by_id[c.id].path if c.id in scenario.choice_by_id else "other"
                votes = f" · {tally.get(c.id, 0)} votes so far" if view.phase in ("open", "closed", "revealed", "settled") else ""
                lead = " · the room will follow this" if ws.candidate == c.id and ws.mode == "play" else ""
                out.append(Para((Span(f"{c.letter} ", bold, "accent"), Span(f"{path}{votes}{lead}: ", bold), Span(c.text, body)), space_after=0.15))
        episode = scenario.episode_by_id.get(stop.episode)
        if episode is not None and episode.notice:
            out.append(para("Discussion prompts for this episode:", bold, "muted", space_before=0.3, space_after=0.1))
            out += [para(n, body, bullet=True, space_after=0.05) for n in episode.notice]
        out.append(para(f"Next: {_next_words(ws.stage, view.phase or '')}", bold, "accent", space_before=0.3))
        coming = _coming(scenario, stop.episode)
        if coming:
            out.append(para(coming, body, "muted", space_after=0.1))
        if ws.notes:
            out.append(para(f"Notes typed ({len(ws.notes)}):", bold, "muted", space_before=0.3, space_after=0.1))
            out += [para(n.text, body, bullet=True, space_after=0.05) for n in ws.notes[-4:]]
        out.append(para(KEYS, "small", "muted", space_before=0.4))
        return out

    def draw(self) -> None:
        surface = self.window.get_surface()
        if surface.get_size() != self.look.size:
            self.look = Look(self.look.typeset.fonts, surface.get_size(), 0, self.look.palette, self.look.cache, None, high_contrast=self.look.high_contrast)
        surface.fill(self.look.palette.bg)
        m = self.look.m
        box = surface.get_rect().inflate(-2 * m.margin, -2 * m.margin)
        pages = self.look.pages(self.paras(), box.width, box.height)
        if len(pages) > 1:  # a long decision: smaller type rather than a cut-off option
            pages = self.look.pages(self.paras("small", "small-bold"), box.width, box.height)
        self.look.draw_page(surface, pages[0], box)
        self.window.flip()

    def close(self) -> None:
        with contextlib.suppress(pygame.error):
            self.window.destroy()


def _now_words(stage: str, view: Any) -> str:
    """Where the room is, in a facilitator's words (never the program's names for its stages)."""
    if stage == "ended":
        return "The workshop has ended."
    flags = "".join(f" {w}" for w, on in (("Paused for discussion.", view.paused), ("The room has stepped out.", view.stepped_out)) if on)
    count = f"{view.voted} of {view.joined} phones"
    words = {
        "card": "The episode's card is on the screen.",
        "reading": "The scene is on the screen.",
        "outcome": "What the room's choice led to is on the screen.",
        "ending": "The case has reached its ending.",
    }.get(stage)
    if words is None:
        words = {
            "waiting": f"The options are on the screen; voting is not open yet ({view.joined} phones joined).",
            "open": f"Voting is open: {count} have voted.",
            "closed": f"Voting has closed: {count} voted.",
            "revealed": f"The tally is on the screen: {count} voted.",
            "settled": "The answer is on the screen.",
        }.get(view.phase or "", "A decision is on the screen.")
    return words + flags


def _coming(scenario: Any, episode_id: str) -> str:
    """The next episode after this one, as the case lists them (the room's path may skip it)."""
    ids = [e.id for e in scenario.episodes]
    if episode_id not in ids:
        return ""
    at = ids.index(episode_id)
    if at + 1 >= len(ids):
        return "This is the case's last episode."
    nxt = scenario.episodes[at + 1]
    return f"The case's next episode: “{nxt.title}” (episode {at + 2} of {len(ids)})."


def _next_words(stage: str, phase: str) -> str:
    if stage == "question":
        return {
            "waiting": "PageDown opens voting.",
            "open": "PageDown closes voting.",
            "closed": "PageDown reveals the tally.",
            "revealed": "PageDown settles on the highlighted option (1–9 to change it).",
        }.get(phase, "PageDown moves on.")
    if stage == "ended":
        return "The workshop has ended."
    return "PageDown moves on (turning pages first)."
