"""Your name: a small card over the prebrief where the trainee types the name the case calls the worker.

The name is kept in the settings and used for every new playthrough
(``--name`` on the command line still wins while that window is open); an
empty name means the scenario's own. Typing arrives as TEXTINPUT events,
as on the reflection screen, so any keyboard layout and accented letters
work. Enter saves and Esc cancels from anywhere on the card; Tab and
Shift-Tab move between the box and the buttons. A name wider than the box
slides sideways to keep the caret in view, so nothing is ever drawn
outside it. The caret does not blink: nothing here moves by itself, so the
loop can sleep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.settings import NAME_LIMIT, clean_name
from simulator.services.textedit import TextEdit
from simulator.ui.kit.access_describe import Sketch, para_text
from simulator.ui.kit.card import column_width
from simulator.ui.kit.look import Look
from simulator.ui.kit.scene import Moves, Scene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button, ButtonGroup

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot

WIDTH = 640  # design pixels at the Medium text size; wider for larger text, like the reading column
HINTS = (f"Enter saves, Esc cancels. Up to {NAME_LIMIT} characters.", "Enter saves, Esc cancels.")


class NameEntryScene(Scene[Moves]):
    """One line of text, with Save, Use <the scenario's name> and Cancel."""

    name = "name-entry"
    typing = True  # letters are words here (V is not self-voicing)
    overlay = True

    def __init__(self, app: App, moves: Moves, default: str, *, cli_name: str | None = None) -> None:
        super().__init__(app, moves)
        self.default = default
        self.cli_name = cli_name
        saved = app.settings.worker_name
        self.edit = TextEdit(saved, len(saved), limit=NAME_LIMIT)
        self.in_box = True  # the keyboard is in the box; else on the buttons
        self.first = 0  # the first character shown, when the name is wider than the box
        self.group = ButtonGroup(arrows="horizontal")
        self.card = pygame.Rect(0, 0, 1, 1)
        self.text_rect = pygame.Rect(0, 0, 1, 1)
        self.box = pygame.Rect(0, 0, 1, 1)
        self.inner = pygame.Rect(0, 0, 1, 1)
        self.hint_rect = pygame.Rect(0, 0, 1, 1)
        self._paras: list[Para] = []

    # -- entering and leaving ---------------------------------------------------------------
    def on_enter(self) -> None:
        pygame.key.start_text_input()
        pygame.key.set_text_input_rect(self.box)

    def _leave(self) -> None:
        pygame.key.stop_text_input()
        self.moves.close(self)

    def save(self) -> None:
        """Keep the typed name (an empty one means the scenario's own) and close the card."""
        name = clean_name(self.edit.text)
        if name is not None and name != self.app.settings.worker_name:
            self.app.apply_settings(self.app.settings.with_changes(worker_name=name))
        self._leave()

    def use_default(self) -> None:
        if self.app.settings.worker_name:
            self.app.apply_settings(self.app.settings.with_changes(worker_name=""))
        self._leave()

    def cancel(self) -> None:
        self._leave()

    # -- layout ------------------------------------------------------------------------------
    def _buttons(self) -> list[Button]:
        return [
            Button("Save", self.save, kind="primary", key="save"),
            Button(f"Use {self.default}", self.use_default, key="default"),
            Button("Cancel", self.cancel, key="cancel"),
        ]

    def _heads(self) -> list[list[Para]]:
        """The words above the box, fullest first; a short window with large text takes a shorter one."""
        intro = "What the people in the case and your colleagues call you. It is kept for your next playthroughs."
        full = [para(intro, "body", "muted", space_after=0.2)]
        if self.cli_name:
            full.append(para(f"Doorstep was started with --name {self.cli_name}, which it uses until it closes.", "small", "muted", space_after=0.2))
        return [
            [para("Your name", "title", "text", space_after=0.3), *full],
            [para("Your name", "heading", "text", space_after=0.2), *full],
            [para("Your name", "heading", "text", space_after=0.2)],
        ]

    def layout(self, look: Look) -> None:
        m = look.m
        w, h = look.size
        width = column_width(look, WIDTH, pad=28)
        pad = m.u(28)
        inner_w = width - 2 * pad
        keep = self.group.focused.key if self.group.focused is not None else None
        self.group = ButtonGroup(self._buttons(), arrows="horizontal")
        if keep:
            self.group.focus_key(keep)
        if self.in_box:
            self.group.focus = None
        box_h = look.typeset.line_height("body") + 2 * m.u(10)
        ring = m.focus_width + m.u(2)  # how far the focus ring stands out from the box
        hint_h = look.typeset.line_height("small") + ring + m.u(6)
        buttons_h = self.group.measure_row(look, inner_w)
        below = ring + box_h + hint_h + m.gap + buttons_h
        heads = self._heads()
        self._paras = heads[-1]
        text_h = look.pages(self._paras, inner_w, 1 << 30)[0].height
        for paras in heads:
            height = look.pages(paras, inner_w, 1 << 30)[0].height
            if 2 * pad + height + m.gap + below <= h - 2 * m.margin:
                self._paras, text_h = paras, height
                break
        card_h = min(h - 2 * m.margin, 2 * pad + text_h + m.gap + below)
        self.card = pygame.Rect((w - width) // 2, (h - card_h) // 2, width, card_h)
        self.text_rect = pygame.Rect(self.card.x + pad, self.card.y + pad, inner_w, text_h)
        self.box = pygame.Rect(self.text_rect.x, self.text_rect.bottom + m.gap + ring, inner_w, box_h)
        self.inner = self.box.inflate(-2 * m.u(12), -2 * m.u(10))
        self.hint_rect = pygame.Rect(self.box.x, self.box.bottom + ring + m.u(6), inner_w, look.typeset.line_height("small"))
        self.group.place_row(look, self.box.x, self.hint_rect.bottom + m.gap, inner_w)
        if self is self.app.top:
            pygame.key.set_text_input_rect(self.box)

    def _width(self, text: str) -> int:
        return int(self.look.typeset.font("body").size(text)[0])

    def shown(self) -> tuple[int, int]:
        """The slice of the name drawn in the box: as much as fits, always including the caret."""
        text, caret = self.edit.text, self.edit.caret
        room = max(1, self.inner.width - self.look.m.u(3))  # the caret's own width at the right edge
        first = min(self.first, caret)
        while first < caret and self._width(text[first:caret]) > room:
            first += 1
        end = caret
        while end < len(text) and self._width(text[first : end + 1]) <= room:
            end += 1
        while first > 0 and self._width(text[first - 1 : end]) <= room:
            first -= 1  # after a deletion, slide back so the box is not half empty
        self.first = first
        return first, end

    # -- events ------------------------------------------------------------------------------
    def _focus_box(self, in_box: bool) -> None:
        self.in_box = in_box
        if in_box:
            self.group.focus = None
        elif self.group.focus is None:
            self.group.focus_first()

    def _tab(self, step: int) -> None:
        """Tab goes round: the box, Save, Use <name>, Cancel, and back to the box."""
        places = [None, *range(len(self.group.buttons))]
        here = None if self.in_box else self.group.focus
        target = places[(places.index(here) + step) % len(places)]
        self.in_box = target is None
        self.group.focus = target

    def _edit_key(self, event: pygame.event.Event) -> bool:
        word = bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT))
        key = event.key
        edit = self.edit
        if key == pygame.K_BACKSPACE:
            return edit.backspace(word)
        if key == pygame.K_DELETE:
            return edit.delete(word)
        if key == pygame.K_LEFT:
            return edit.left(word)
        if key == pygame.K_RIGHT:
            return edit.right(word)
        if key in (pygame.K_HOME, pygame.K_END):
            target = 0 if key == pygame.K_HOME else len(edit.text)
            moved, edit.caret = edit.caret != target, target
            return moved
        if key == pygame.K_DOWN:
            self._focus_box(False)
            return True
        return False

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            return self.in_box and self.edit.insert(event.text)
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.cancel()
                return True
            if event.key == pygame.K_TAB:
                self._tab(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            if self.in_box:
                if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                    self.save()
                    return True
                return self._edit_key(event)
            if event.key == pygame.K_UP:
                self._focus_box(True)
                return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.box.collidepoint(event.pos):
            self._focus_box(True)
            self._caret_at(event.pos[0])
            return True
        changed, pressed = self.group.handle(event)
        if event.type == pygame.MOUSEBUTTONUP and pressed is not None:
            self.in_box = False
        if pressed is not None and pressed.action is not None:
            pressed.action()
            return True
        return changed

    def _caret_at(self, x: int) -> None:
        first, end = self.shown()
        text = self.edit.text
        self.edit.caret = min(range(first, end + 1), key=lambda k: abs(self.inner.x + self._width(text[first:k]) - x))

    def describe(self, sketch: Sketch) -> None:
        """The heading and the words above, the box (with the name typed so far), then Save, Use and Cancel."""
        heads = self._heads()[0]
        sketch.paras(heads, self.text_rect)
        sketch.field("Your name", self.edit.text, self.box, focused=self.in_box, hint=HINTS[0])
        sketch.buttons(self.group)
        sketch.say("Your name.", *(para_text(p) for p in heads[1:]))

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name,)

    def autoplay(self, pilot: Pilot) -> bool:
        if not pilot.touring:
            return False  # opened by the trainee: wait for them
        self.cancel()
        return True

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        p = look.palette
        m = look.m
        look.panel(surface, self.card, alpha=255, border=p.button_border)
        look.draw_text(surface, self._paras, self.text_rect)
        pygame.draw.rect(surface, p.surface if not look.high_contrast else p.bg, self.box, border_radius=m.radius)
        pygame.draw.rect(surface, p.button_border, self.box, p.border_width, border_radius=m.radius)
        font = look.typeset.font("body")
        line = look.typeset.line_height("body")
        y = self.inner.y + (self.inner.height - font.get_linesize()) // 2
        first, end = self.shown()
        if self.edit.text:
            self._blit(surface, look.cache.render(font, self.edit.text[first:end], p.text), y)
        else:
            italic = look.typeset.font("italic")
            text = next((t for t in (f"Type your name, or leave it empty for {self.default}", "Type your name") if italic.size(t)[0] <= self.inner.width), "")
            if text:
                self._blit(surface, look.cache.render(italic, text, p.muted), y)
        if self.in_box:
            x = min(self.inner.right, self.inner.x + self._width(self.edit.text[first : self.edit.caret]))
            pygame.draw.line(surface, p.text, (x, self.inner.y + m.u(3)), (x, self.inner.y + line - m.u(3)), max(2, m.u(2)))
            around = self.box.inflate(2 * m.focus_width + m.u(4), 2 * m.focus_width + m.u(4))
            pygame.draw.rect(surface, p.focus, around, m.focus_width, border_radius=m.radius + m.focus_width)
        small = look.typeset.font("small")
        hint = next((t for t in HINTS if small.size(t)[0] <= self.hint_rect.width), "")
        if hint:
            look.draw_text(surface, [para(hint, "small", "muted", space_after=0)], self.hint_rect)
        self.group.draw(surface, look)

    def _blit(self, surface: pygame.Surface, surf: pygame.Surface, y: int) -> None:
        rect = surface.blit(surf, (self.inner.x, y))
        if self.look.log is not None:
            self.look.log(rect, self.box)
