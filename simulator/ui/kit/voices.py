"""People heard but not seen: a small tag for each, with how they are heard, in place of a figure.

DC Walsh on the speakerphone, a letter from the school, a video call: the
stage shows a pill in the top left of the scene with a little drawing of the
way they are heard (a phone, a speaker, a screen, an envelope, a speech
bubble) and the words ("DC Walsh, on the speakerphone"), lit like a name
plate while they speak. The words carry everything; the drawing only helps
the eye find it.
"""

from __future__ import annotations

import pygame

from simulator.engine.stage import Voice
from simulator.ui.kit.look import Look

Colour = tuple[int, int, int]


def place(rect: pygame.Rect, area: pygame.Rect, margin: int, gap: int, avoid: list[pygame.Rect]) -> pygame.Rect:
    """Where a tag goes: top left of ``area``, else top right, else below whatever it would cover (a name plate)."""
    for _ in range(8):
        hit = [a for a in avoid if rect.colliderect(a)]
        if not hit:
            return rect
        right = rect.copy()
        right.right = area.right - margin
        if not any(right.colliderect(a) for a in avoid):
            return right
        rect = rect.move(0, max(a.bottom for a in hit) + gap - rect.y)
    return rect


def draw_voices(surface: pygame.Surface, look: Look, voices: tuple[Voice, ...], speaker: str | None, area: pygame.Rect, avoid: list[pygame.Rect] | None = None) -> list[pygame.Rect]:
    """Draw a tag per voice down the left of ``area``, clear of the rectangles in ``avoid`` (the name plates); the rectangles drawn."""
    if not voices:
        return []
    avoid = list(avoid or ())
    p, m = look.palette, look.m
    h = look.typeset.line_height("small") + m.u(10)
    x, y = m.margin, area.y + m.u(10)
    out: list[pygame.Rect] = []
    for voice in voices:
        speaking = voice.id == speaker
        ink = p.on_accent if speaking else p.text
        name = look.cache.render(look.typeset.font("small-bold"), voice.name, ink)
        how = look.cache.render(look.typeset.font("small-italic"), f"  {voice.how}", p.on_accent if speaking else p.muted)
        icon = h - m.u(8)
        w = m.u(10) + icon + m.u(8) + name.get_width() + how.get_width() + m.u(12)
        rect = place(pygame.Rect(x, y, min(w, area.width - 2 * m.margin), h), area, m.margin, m.u(6), avoid)
        avoid.append(rect)
        pygame.draw.rect(surface, p.accent if speaking else p.surface, rect, border_radius=h // 2)
        if look.high_contrast:
            pygame.draw.rect(surface, p.text, rect, p.border_width, border_radius=h // 2)
        draw_icon(surface, voice.by, pygame.Rect(rect.x + m.u(10), rect.y + (h - icon) // 2, icon, icon), ink, max(1, m.u(2)))
        tx = rect.x + m.u(10) + icon + m.u(8)
        ty = rect.y + (h - name.get_height()) // 2
        clip = pygame.Rect(0, 0, max(0, rect.right - m.u(12) - tx), name.get_height())
        drawn = surface.blit(name, (tx, ty), area=clip)
        if look.log is not None:
            look.log(drawn, rect)
        left = max(0, rect.right - m.u(12) - tx - name.get_width())
        if left:
            drawn = surface.blit(how, (tx + name.get_width(), ty), area=pygame.Rect(0, 0, left, how.get_height()))
            if look.log is not None:
                look.log(drawn, rect)
        out.append(rect)
        y = rect.bottom + m.u(6)
    return out


def draw_icon(surface: pygame.Surface, by: str, box: pygame.Rect, ink: Colour, line: int) -> None:
    """A little line drawing of how someone is heard, fitted in ``box``."""
    if by in ("phone", "speakerphone", "voicemail"):
        body = pygame.Rect(0, 0, round(box.width * 0.48), box.height)
        body.midleft = (box.x + round(box.width * 0.08), box.centery)
        pygame.draw.rect(surface, ink, body, line, border_radius=max(1, box.width // 7))
        pygame.draw.line(surface, ink, (body.centerx - body.width // 5, body.bottom - line * 2), (body.centerx + body.width // 5, body.bottom - line * 2), line)
        if by == "speakerphone":
            for r in (0.28, 0.46):
                arc = pygame.Rect(0, 0, round(box.width * r * 2), round(box.height * r * 2))
                arc.center = (body.right, box.centery)
                pygame.draw.arc(surface, ink, arc, -0.9, 0.9, line)
        elif by == "voicemail":
            for cx in (0.72, 0.92):
                pygame.draw.circle(surface, ink, (box.x + round(box.width * cx), box.centery), max(2, box.width // 9), line)
    elif by == "video":
        screen = pygame.Rect(box.x, box.y + box.height // 5, round(box.width * 0.7), round(box.height * 0.6))
        pygame.draw.rect(surface, ink, screen, line, border_radius=max(1, box.width // 10))
        lens = [(screen.right + line, screen.centery), (box.right, screen.top + line), (box.right, screen.bottom - line)]
        pygame.draw.polygon(surface, ink, lens, line)
    elif by in ("letter", "email"):
        env = pygame.Rect(box.x, box.y + box.height // 5, box.width, round(box.height * 0.62))
        pygame.draw.rect(surface, ink, env, line, border_radius=max(1, box.width // 12))
        pygame.draw.lines(surface, ink, False, [env.topleft, (env.centerx, env.centery + line), env.topright], line)
    elif by == "message":
        bubble = pygame.Rect(box.x, box.y + box.height // 8, box.width, round(box.height * 0.62))
        pygame.draw.rect(surface, ink, bubble, line, border_radius=max(2, box.height // 4))
        tail = [(bubble.x + bubble.width // 4, bubble.bottom - line), (bubble.x + bubble.width // 5, box.bottom), (bubble.x + bubble.width // 2, bubble.bottom - line)]
        pygame.draw.lines(surface, ink, False, tail, line)
    elif by == "back-seat":  # a car seat seen from the side
        seat = [(box.x + box.width // 5, box.bottom), (box.right - box.width // 6, box.bottom), (box.right - box.width // 6, box.y + box.height * 3 // 5),
                (box.x + box.width * 2 // 5, box.y + box.height * 3 // 5), (box.x + box.width // 4, box.y)]
        pygame.draw.lines(surface, ink, False, seat, line)
    else:  # nearby: an open door, someone just out of sight
        frame = pygame.Rect(box.x + box.width // 6, box.y, round(box.width * 0.66), box.height)
        pygame.draw.rect(surface, ink, frame, line)
        leaf = [(frame.x, frame.y), (frame.x + frame.width // 2, frame.y + box.height // 8), (frame.x + frame.width // 2, frame.bottom - box.height // 8), (frame.x, frame.bottom)]
        pygame.draw.polygon(surface, ink, leaf, line)
