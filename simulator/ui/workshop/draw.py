"""Drawing the projector's pieces: the join panel with its QR code, option rows with their votes, the top strip.

Everything is sized from the look's metrics (designed at 1280x720, scaled to
the projector), with the workshop's own larger type: at the back of a room,
a line of body text on a 1920x1080 projector is about 50 pixels high. The QR
code is drawn in black on white with its quiet zone whatever the theme, with
whole-pixel modules, so a phone camera reads it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pygame

from simulator.ui.kit.look import Look
from simulator.ui.kit.text import Para, Span, para
from simulator.workshop.room import Choice
from simulator.workshop.venue import Venue

QUIET = 4  # modules of white around a QR code, as the standard asks


def text_height(look: Look, paras: Sequence[Para], width: int) -> int:
    return look.pages(paras, width, 1 << 30)[0].height if paras else 0


def draw_qr(surface: pygame.Surface, modules: Sequence[Sequence[bool]], rect: pygame.Rect) -> pygame.Rect:
    """The code, as large as fits in ``rect`` with whole-pixel modules; the square it took."""
    n = len(modules)
    if n == 0:
        return pygame.Rect(rect.x, rect.y, 0, 0)
    unit = max(1, min(rect.width, rect.height) // (n + 2 * QUIET))
    side = unit * (n + 2 * QUIET)
    box = pygame.Rect(rect.centerx - side // 2, rect.y, side, side)
    pygame.draw.rect(surface, (255, 255, 255), box)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                surface.fill((0, 0, 0), (box.x + (x + QUIET) * unit, box.y + (y + QUIET) * unit, unit, unit))
    return box


def join_panel(surface: pygame.Surface, look: Look, venue: Venue, joined: int, rect: pygame.Rect) -> None:
    """The side panel: how to join (QR code, address, room code) and how many have; the QR code takes what the words leave."""
    m = look.m
    look.panel(surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    heading = [para("Join on your phone", "heading", center=True, space_after=0.2)]
    words = [
        para("or open", "small", "muted", center=True, space_after=0.0),
        para(venue.short, "bold", center=True, space_after=0.3),
        para("Room code", "small", "muted", center=True, space_after=0.0),
        para(" ".join(venue.code), "display", "accent", center=True, space_after=0.2),
        para(f"{joined} phone{'s' if joined != 1 else ''} joined", "small", "muted", center=True, space_after=0.0),
    ]
    need = text_height(look, words, inner.width)
    top = text_height(look, heading, inner.width)
    if top + need > inner.height:  # a very small window: the code and the address matter most
        heading, words = [], words[1:4]
        need = text_height(look, words, inner.width)
    y = inner.y
    if heading:
        y += look.draw_text(surface, heading, pygame.Rect(inner.x, y, inner.width, top))
    qr_side = min(inner.width, inner.bottom - y - need - m.gap)
    if qr_side >= m.u(90) and venue.qr:
        y = draw_qr(surface, venue.qr, pygame.Rect(inner.x, y, inner.width, qr_side)).bottom + m.gap
    if y + need <= inner.bottom:
        look.draw_text(surface, words, pygame.Rect(inner.x, y, inner.width, need))


def option_paras(choice: Choice, mark: str, style: str) -> list[Para]:
    spans = [Span(f"{choice.letter}   ", "heading" if style == "body" else "small-bold", "accent"), Span(choice.text, style, "text")]
    out = [Para(tuple(spans), space_after=0.1 if mark else 0.0)]
    if mark:
        out.append(para(mark, "small-bold", "accent", space_after=0.0))
    return out


def options(
    surface: pygame.Surface | None,
    look: Look,
    choices: Sequence[Choice],
    rect: pygame.Rect,
    *,
    tally: Mapping[str, int] | None,
    marks: Mapping[str, str],
    highlight: str | None,
    style: str,
) -> int:
    """Each option in a row (its letter, its words; with the votes once revealed); the height used (nothing drawn without a surface)."""
    m = look.m
    bar_w = rect.width // 4 if tally is not None else 0
    text_w = rect.width - bar_w - 3 * m.gap
    total = sum(tally.values()) if tally else 0
    y = rect.y
    for choice in choices:
        paras = option_paras(choice, marks.get(choice.id, ""), style)
        h = text_height(look, paras, text_w) + 2 * m.u(8)
        row = pygame.Rect(rect.x, y, rect.width, h)
        if surface is not None:
            border = look.palette.focus if highlight == choice.id else None
            look.panel(surface, row, look.palette.surface, 255, border or look.palette.button_border)
            if border is not None:
                pygame.draw.rect(surface, border, row, look.m.focus_width, border_radius=look.m.radius)
            look.draw_text(surface, paras, pygame.Rect(row.x + m.gap, row.y + m.u(8), text_w, h))
            if tally is not None:
                _votes(surface, look, tally.get(choice.id, 0), total, pygame.Rect(row.right - bar_w - m.gap, row.y + m.u(8), bar_w, h - 2 * m.u(8)))
        y += h + m.u(8)
    return y - rect.y


def _votes(surface: pygame.Surface, look: Look, n: int, total: int, rect: pygame.Rect) -> None:
    """A bar and the count in words beside it (never colour alone)."""
    share = round(100 * n / total) if total else 0
    label = [para(f"{n} vote{'s' if n != 1 else ''} · {share}%", "bold", space_after=0.0)]
    used = look.draw_text(surface, label, rect)
    bar = pygame.Rect(rect.x, rect.y + used + look.m.u(4), rect.width, max(look.m.u(10), look.m.u(14)))
    pygame.draw.rect(surface, look.palette.button, bar, border_radius=look.m.u(4))
    if n and total:
        pygame.draw.rect(surface, look.palette.accent, (bar.x, bar.y, max(look.m.u(4), bar.width * n // total), bar.height), border_radius=look.m.u(4))
    pygame.draw.rect(surface, look.palette.button_border, bar, 1, border_radius=look.m.u(4))
