"""Helpers shared by the window tests: text that must stay in its box, a scene's words, typing, and playing to the debrief."""

from __future__ import annotations

import pygame


class Overflow:
    """Collects every drawn line of text with its box; checks each against the box and the window."""

    def __init__(self) -> None:
        self.drawn: list[tuple[pygame.Rect, pygame.Rect]] = []
        self.lines = 0
        self.screens: set[str] = set()
        self.problems: list[str] = []

    def __call__(self, rect: pygame.Rect, box: pygame.Rect) -> None:
        self.drawn.append((rect.copy(), box.copy()))

    def check(self, app) -> None:
        window = pygame.Rect((0, 0), app.look.size)
        top = app.top
        if self.drawn:
            self.screens.add(top.name)
        for rect, box in self.drawn:
            self.lines += 1
            if not box.contains(rect) or not window.contains(rect):
                self.problems.append(f"{top.name} {top.screen_key()}: text {rect} outside box {box} (window {window.size})")
        self.drawn.clear()


def words(scene) -> str:
    """Every word a scene's pages show, in reading order, as one string."""
    return " ".join(run.text for page in scene.pages for row in page.rows for run in row.runs)


def post_text(app, text: str) -> None:
    """Type ``text`` as the keyboard would: one TEXTINPUT event per character, a loop pass each."""
    for ch in text:
        if ch == "\n":
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
        else:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        app.step(dt=0.0)


def start_new(d, mode: str = "coach") -> None:
    """From the title: New playthrough, the case, the prebrief (switching the setting if asked), Begin."""
    d.tab_to("new")
    d.key(pygame.K_RETURN)
    d.tab_to("start")
    d.key(pygame.K_RETURN)
    if d.top.mode != mode:
        d.tab_to("mode")
        d.key(pygame.K_RETURN)
    d.tab_to("begin")
    d.key(pygame.K_RETURN)


def play_to_debrief(d, choose, limit: int = 3000) -> list[str]:
    """Enter on every screen and a number key at every decision (``choose(offered) -> choice id``), up to the debrief."""
    chosen: list[str] = []
    for _ in range(limit):
        top = d.top
        if top.name == "debrief":
            return chosen
        if top.name == "play" and top.stages[top.index][0] == "choose":
            wanted = choose(top.run.session.choices)
            chosen.append(wanted)
            d.choose(wanted)
        else:
            d.key(pygame.K_RETURN)
    raise AssertionError(f"no debrief; stuck at {d.top.name}")


def by_ids(*ids: str):
    """A chooser taking the first offered option among ``ids`` (else the first offered)."""

    def choose(offered) -> str:
        return next((c.id for c in offered if c.id in ids), offered[0].id)

    return choose


def on_path(path: str):
    def choose(offered) -> str:
        return next((c.id for c in sorted(offered, key=lambda c: c.order) if c.path == path), offered[0].id)

    return choose


def read_to_debrief(d, choose, at_choice=None) -> list[str]:
    """From the first moment to the debrief, choosing with ``choose(offered)`` and reading on otherwise: the words of
    every page shown. ``at_choice(top, offered)`` is told of each decision before the choice is made."""
    shown: list[str] = []
    for _ in range(3000):
        top = d.top
        shown.append(" ".join(run.text for page in getattr(top, "pages", ()) for row in page.rows for run in row.runs))
        if top.name == "debrief":
            break
        if top.name == "play" and top.stages[top.index][0] == "choose":
            offered = top.run.session.choices
            if at_choice is not None:
                at_choice(top, offered)
            d.choose(choose(offered))
        else:
            d.key(pygame.K_RETURN)
    return shown
