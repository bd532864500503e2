"""The note box: the facilitator types a note for the workshop's report (Enter keeps it, Esc leaves it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator.ui.kit.scene import Scene
from simulator.ui.kit.text import para
from simulator.ui.workshop.moves import WorkshopMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App

MAX_CHARS = 2000


class NoteScene(Scene[WorkshopMoves]):
    """A box over the projector's picture; what is typed goes only into the report."""

    name = "workshop-note"
    typing = True  # letters are words here (V is not self-voicing)
    overlay = True

    def __init__(self, app: App, moves: WorkshopMoves) -> None:
        super().__init__(app, moves)
        self.text = ""
        # The N that opened the box also arrives as typed text (SDL sends a key's text after its key-down, and
        # text input is on), which put an "n" before every note. It is dropped, once, unless another key came first.
        self.opening = True

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    def _leave(self) -> None:
        pygame.key.stop_text_input()
        self.moves.close(self)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            if self.opening and event.text in ("n", "N"):
                self.opening = False
                return True
            self.opening = False
            self.text = (self.text + event.text)[:MAX_CHARS]
            return True
        if event.type != pygame.KEYDOWN:
            return False
        self.opening = False
        if event.key == pygame.K_ESCAPE:
            self._leave()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not event.mod & pygame.KMOD_SHIFT:
            self.moves.keep_note(self.text)
            self._leave()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.text = (self.text + "\n")[:MAX_CHARS]
        elif event.key == pygame.K_BACKSPACE:
            self.text = self.text[:-1]
        return True

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        m = look.m
        w, h = look.size
        box = pygame.Rect(w // 8, h // 5, w * 3 // 4, h * 3 // 5)
        look.panel(surface, box, look.palette.surface, 255, look.palette.focus)
        inner = box.inflate(-2 * m.margin, -2 * m.margin)
        paras = [
            para("A note for the workshop's report", "heading", space_after=0.3),
            para("The room can see this box while you type; Enter keeps the note in the report only. Shift+Enter starts a new line; Esc leaves without keeping it.", "small", "muted", space_after=0.5),
        ]
        paras += [para(line or " ", "body", space_after=0.0) for line in (self.text + "|").split("\n")]
        pages = look.pages(paras, inner.width, inner.height)
        look.draw_page(surface, pages[-1], inner)
