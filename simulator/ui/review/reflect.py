"""Reflect: the six Gibbs prompts, each with room to write, saved as the trainee types.

Typing arrives as TEXTINPUT events (so any keyboard layout and accented
letters work); Enter starts a new line; Tab and Shift-Tab move between the
answers and the buttons; Page Down and Page Up jump to the next and the
previous question. What is written is kept in the record store a second
after the trainee pauses, and at once on leaving the screen or closing the
window (every saved version is kept; the latest wins), and comes back when
the debrief is opened again. The caret does not blink: nothing on this
screen moves by itself, so the loop can sleep.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from simulator.report.reflection import GIBBS_SOURCE, STAGES, Stage
from simulator.services.review import Review
from simulator.services.textedit import Measure, TextEdit, row_of, rows_of
from simulator.ui.kit.access_describe import Sketch, para_text, sentence
from simulator.ui.kit.card import reading_card, title_style
from simulator.ui.kit.look import Look
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button, ButtonGroup
from simulator.ui.review.contents import section_buttons
from simulator.ui.review.moves import ReviewMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App

SAVE_AFTER_S = 1.0
MIN_ROWS, MAX_ROWS = 3, 8
PLACEHOLDER = "Write here, as much or as little as you like."


class Field:
    """One Gibbs stage: its prompt, the trainee's text, and where it sits on screen."""

    def __init__(self, number: int, stage: Stage, text: str) -> None:
        self.number = number
        self.stage = stage
        self.edit = TextEdit(text, len(text))
        self.paras = [
            Para((Span(f"{number}. {stage.title}", "bold", "text"),), space_after=0.1),
            para(stage.prompt, "small", "text", space_after=0.05),
            para(stage.hint, "small-italic", "muted", space_after=0.15),
        ]
        self.paras_h = 0
        self.rect: pygame.Rect | None = None
        self.box = pygame.Rect(0, 0, 1, 1)
        self.rows: list[tuple[int, int]] = [(0, 0)]
        self.scroll = 0
        self.capacity = MIN_ROWS


class ReflectScene(Scene[ReviewMoves]):
    """The six answers in a column that follows the focus, with the section buttons below."""

    name = "debrief-reflect"
    typing = True  # letters are words here (V is not self-voicing)

    def __init__(self, app: App, moves: ReviewMoves, review: Review) -> None:
        super().__init__(app, moves)
        self.review = review
        self.fields = [Field(i + 1, s, review.reflections.get(s.id, "")) for i, s in enumerate(STAGES)]
        self.focus = 0  # 0-5 the answers, then the buttons
        self.first = 0
        self.idle = 0.0
        self.group = ButtonGroup(arrows="horizontal")
        self.card = pygame.Rect(0, 0, 1, 1)
        self.head_rect = pygame.Rect(0, 0, 1, 1)
        self.area = pygame.Rect(0, 0, 1, 1)
        self.status_rect = pygame.Rect(0, 0, 1, 1)
        self._head: list[Para] = []
        self.more_above = self.more_below = False

    # -- entering and leaving -------------------------------------------------------------
    def describe(self, sketch: Sketch) -> None:
        """The heading, then each of the six questions as a box to type in (its answer so far), then the buttons."""
        sketch.paras(self._head, self.head_rect)
        for i, f in enumerate(self.fields):
            sketch.field(f"{f.number}. {f.stage.title}: {f.stage.prompt}", f.edit.text, f.box, focused=self.focus == i, multiline=True, hint=f.stage.hint)
        sketch.buttons(self.group)
        sketch.say(*(sentence(para_text(p)) for p in self._head))

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    def leave(self, then: Callable[[], object]) -> None:
        self.review.save()
        pygame.key.stop_text_input()
        then()

    def on_close(self) -> None:
        """The window is closing: keep what was written (the app calls this before the saver stops)."""
        self.review.save()

    # -- layout ------------------------------------------------------------------------------
    def _buttons(self) -> list[Button]:
        out = [Button("Save now", self.save_now, key="save")]
        for b in section_buttons(self.moves, "reflect"):
            action = b.action
            b.action = functools.partial(self.leave, action) if action is not None else None
            out.append(b)
        return out

    def layout(self, look: Look) -> None:
        m = look.m
        card = reading_card(look)
        self.card, inner = card.rect, card.inner
        source = self.review.scenario.evidence.sources.get(GIBBS_SOURCE)
        after = f" ({source.authors.split(',')[0]}, {source.date[:4]})" if source is not None and source.authors and source.date else ""
        self._head = [
            para("Reflect", title_style(look, inner.height), "text", space_after=0.1),
            para(f"Six questions from Gibbs' reflective cycle{after}. There are no right answers; this is for you and your supervisor.", "small", "muted", space_after=0.2),
        ]
        head_h = look.pages(self._head, inner.width, 1 << 30)[0].height
        self.head_rect = pygame.Rect(inner.x, inner.y, inner.width, head_h)
        keep = self.group.focused.key if self.group.focused is not None else None
        self.group = ButtonGroup(self._buttons(), arrows="horizontal")
        buttons_h = self.group.measure_row(look, inner.width)
        status_h = look.typeset.line_height("small")
        self.group.place_row(look, inner.x, inner.bottom - buttons_h, inner.width)
        self.status_rect = pygame.Rect(inner.x, inner.bottom - buttons_h - m.gap - status_h, inner.width, status_h)
        top = self.head_rect.bottom + m.gap
        self.area = pygame.Rect(inner.x, top, inner.width, self.status_rect.y - m.gap - top)
        line = look.typeset.line_height("body")
        for f in self.fields:
            f.paras_h = look.pages(f.paras, self.area.width, 1 << 30)[0].height
            f.capacity = max(1, min(MAX_ROWS, (self.area.height - f.paras_h - 2 * m.u(10) - 2 * look.typeset.line_height("small-italic")) // line))
        self._sync_group(keep)
        self._place(look)

    def _measure(self, look: Look) -> Measure:
        font = look.typeset.font("body")
        return lambda s: font.size(s)[0]

    def _field_height(self, look: Look, f: Field) -> int:
        m = look.m
        inner_w = self.area.width - 2 * m.u(12) - m.u(3)
        f.rows = rows_of(f.edit.text, inner_w, self._measure(look))
        shown = max(min(MIN_ROWS, f.capacity), min(len(f.rows), f.capacity))
        return f.paras_h + shown * look.typeset.line_height("body") + 2 * m.u(10)

    def _place(self, look: Look) -> None:
        """Whole answers from ``first`` down, keeping the focused one in view."""
        m = look.m
        gap = m.u(18)
        more = look.typeset.line_height("small-italic")
        heights = [self._field_height(look, f) for f in self.fields]
        if self.focus < len(self.fields):
            self.first = min(self.first, self.focus)
        for _ in range(len(self.fields)):
            y = self.area.y + (more if self.first > 0 else 0)
            last = self.first - 1
            for i in range(self.first, len(self.fields)):
                room = more if i < len(self.fields) - 1 else 0
                if i > self.first and y + heights[i] + room > self.area.bottom:
                    break
                y += heights[i] + gap
                last = i
            if self.focus >= len(self.fields) or self.focus <= last or self.first >= self.focus:
                break
            self.first += 1
        self.more_above = self.first > 0
        # Room left over below the last answer shown goes to the answer being written, so it is never a slot of three rows
        # above an empty half-screen.
        line = look.typeset.line_height("body")
        used = sum(heights[self.first : last + 1]) + gap * max(0, last - self.first) + (more if self.more_above else 0) + (more if last < len(self.fields) - 1 else 0)
        grow = self.focus if self.first <= self.focus <= last else self.first
        f = self.fields[grow]
        spare_rows = max(0, (self.area.height - used) // line)
        shown = (heights[grow] - f.paras_h - 2 * m.u(10)) // line
        extra = min(spare_rows, max(0, MAX_ROWS - shown))
        heights[grow] += extra * line
        y = self.area.y + (more if self.more_above else 0)
        for i, f in enumerate(self.fields):
            f.rect = None
            if self.first <= i <= last:
                f.rect = pygame.Rect(self.area.x, y, self.area.width, heights[i])
                box_top = y + f.paras_h
                f.box = pygame.Rect(self.area.x, box_top, self.area.width, heights[i] - f.paras_h)
                y += heights[i] + gap
        self.more_below = last < len(self.fields) - 1
        for f in self.fields:
            self._scroll_to_caret(look, f)

    def _scroll_to_caret(self, look: Look, f: Field) -> None:
        cap = max(1, (f.box.height - 2 * look.m.u(10)) // look.typeset.line_height("body"))
        row = row_of(f.rows, f.edit.caret)
        if row < f.scroll:
            f.scroll = row
        elif row >= f.scroll + cap:
            f.scroll = row - cap + 1
        f.scroll = max(0, min(f.scroll, max(0, len(f.rows) - cap)))

    def _sync_group(self, keep: str | None = None) -> None:
        if self.focus < len(self.fields):
            self.group.focus = None
        elif keep:
            self.group.focus_key(keep)
        else:
            self.group.focus = self.focus - len(self.fields)

    # -- editing -------------------------------------------------------------------------------
    @property
    def field(self) -> Field | None:
        return self.fields[self.focus] if self.focus < len(self.fields) else None

    def changed(self) -> None:
        f = self.field
        if f is None:
            return
        self.review.write(f.stage.id, f.edit.text)
        self.idle = 0.0
        self._place(self.look)
        self._ime()

    def save_now(self) -> None:
        self.review.save()

    def move_focus(self, step: int) -> None:
        total = len(self.fields) + len(self.group.buttons)
        self.focus = (self.focus + step) % total
        while self.focus >= len(self.fields) and not self.group.buttons[self.focus - len(self.fields)].enabled:
            self.focus = (self.focus + step) % total
        if self.focus < len(self.fields):
            self.review.save()  # moving between answers is a natural pause
        self._sync_group()
        self._place(self.look)
        self._ime()

    def _ime(self) -> None:
        f = self.field
        if f is not None and f.rect is not None:
            pygame.key.set_text_input_rect(f.box)

    def _edit_key(self, event: pygame.event.Event) -> bool:
        f = self.field
        assert f is not None
        word = bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT))
        measure = self._measure(self.look)
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            done = f.edit.insert("\n")
        elif key == pygame.K_BACKSPACE:
            done = f.edit.backspace(word)
        elif key == pygame.K_DELETE:
            done = f.edit.delete(word)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            moved = f.edit.left(word) if key == pygame.K_LEFT else f.edit.right(word)
            self._scroll_to_caret(self.look, f)
            return moved
        elif key in (pygame.K_UP, pygame.K_DOWN):
            moved = f.edit.vertical(f.rows, -1 if key == pygame.K_UP else 1, measure)
            self._scroll_to_caret(self.look, f)
            return moved
        elif key in (pygame.K_HOME, pygame.K_END):
            moved = f.edit.home(f.rows) if key == pygame.K_HOME else f.edit.end(f.rows)
            self._scroll_to_caret(self.look, f)
            return moved
        else:
            return False
        if done:
            self.changed()
        return done

    # -- events ----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            f = self.field
            if f is not None and f.edit.insert(event.text):
                self.changed()
                return True
            return False
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.leave(self.moves.debrief_hub)
                return True
            if event.key == pygame.K_TAB:
                self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                target = min(len(self.fields) - 1, max(0, (self.focus if self.field else len(self.fields)) + (1 if event.key == pygame.K_PAGEDOWN else -1)))
                self.move_focus(target - self.focus)
                return True
            if self.field is not None:
                return self._edit_key(event)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for i, f in enumerate(self.fields):
                if f.rect is not None and f.box.collidepoint(event.pos):
                    self.focus = i
                    self._caret_at(f, event.pos)
                    self._sync_group()
                    self._place(self.look)
                    self._ime()
                    return True
        changed, pressed = self.group.handle(event)
        # A click on a button, or arrows among the buttons, moves the screen's focus with the group's.
        if self.group.focus is not None and (self.field is None or event.type == pygame.MOUSEBUTTONUP):
            self.focus = len(self.fields) + self.group.focus
        if pressed is not None and pressed.action is not None:
            pressed.action()
            return True
        return changed

    def _caret_at(self, f: Field, pos: tuple[int, int]) -> None:
        look = self.look
        m = look.m
        line = look.typeset.line_height("body")
        r = max(0, min(len(f.rows) - 1, f.scroll + (pos[1] - f.box.y - m.u(10)) // line))
        f.edit.caret = f.edit.nearest(f.rows, r, pos[0] - f.box.x - m.u(12), self._measure(look))

    def update(self, dt: float) -> bool:
        saver = self.review.saver
        if saver is not None:
            for problem in saver.problems():
                self.moves.problem(f"{problem} Your reflection is still on screen; Export keeps a copy.")
            if self.moves.show_problems():
                return True
        if not self.review.unsaved:
            return False
        self.idle += dt
        if self.idle >= SAVE_AFTER_S:
            self.review.save()
            return True  # the status line changes to "saved"
        return False

    def wake_in(self) -> float | None:
        return max(0.0, SAVE_AFTER_S - self.idle) if self.review.unsaved else None

    # -- drawing ----------------------------------------------------------------------------------
    def status(self, look: Look) -> str:
        """One line, shortened to fit: whether and where the answers are kept."""
        if not self.review.saving:
            options = ["Not in your records (kept until you close Doorstep): Export keeps a copy.", "Not saved: Export keeps a copy."]
        elif self.review.unsaved:
            options = ["Saving when you pause typing.", "Saving."]
        else:
            options = ["Saved in your records as you type.", "Saved."]
        font = look.typeset.font("small")
        return next((t for t in options if font.size(t)[0] <= self.status_rect.width), "")

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        p = look.palette
        m = look.m
        surface.fill(p.bg)
        look.panel(surface, self.card, alpha=255)
        look.draw_text(surface, self._head, self.head_rect)
        measure = self._measure(look)
        font = look.typeset.font("body")
        line = look.typeset.line_height("body")
        for i, f in enumerate(self.fields):
            if f.rect is None:
                continue
            look.draw_text(surface, f.paras, pygame.Rect(f.rect.x, f.rect.y, f.rect.width, f.paras_h))
            pygame.draw.rect(surface, p.surface if not look.high_contrast else p.bg, f.box, border_radius=m.radius)
            pygame.draw.rect(surface, p.button_border, f.box, p.border_width, border_radius=m.radius)
            focused = i == self.focus
            inner = f.box.inflate(-2 * m.u(12), -2 * m.u(10))
            if not f.edit.text and not focused:
                look.draw_text(surface, [para(PLACEHOLDER, "italic", "muted", space_after=0)], pygame.Rect(inner.x, inner.y, inner.width, line * 2))
            cap = max(1, inner.height // line)
            for k, (start, end) in enumerate(f.rows[f.scroll : f.scroll + cap]):
                shown = f.edit.text[start:end].rstrip("\n")
                if shown.strip():
                    surf = look.cache.render(font, shown.rstrip(), p.text)
                    drawn = surface.blit(surf, (inner.x, inner.y + k * line + (line - font.get_linesize()) // 2))
                    if look.log is not None:
                        look.log(drawn, f.box)
            if focused:
                row = row_of(f.rows, f.edit.caret)
                if f.scroll <= row < f.scroll + cap:
                    x = min(inner.right, inner.x + measure(f.edit.text[f.rows[row][0] : f.edit.caret]))
                    y = inner.y + (row - f.scroll) * line
                    pygame.draw.line(surface, p.text, (x, y + m.u(3)), (x, y + line - m.u(3)), max(2, m.u(2)))
                ring = f.box.inflate(2 * m.focus_width + m.u(2), 2 * m.focus_width + m.u(2))
                pygame.draw.rect(surface, p.focus, ring, m.focus_width, border_radius=m.radius + m.focus_width)
        small = look.typeset.font("small-italic")
        for flag, text, pos, anchor in (
            (self.more_above, "More questions above: Page Up", (self.area.right, self.area.y), "topright"),
            (self.more_below, "More questions below: Page Down or Tab", (self.area.right, self.area.bottom), "bottomright"),
        ):
            if flag:
                surf = look.cache.render(small, text, p.muted)
                rect = surf.get_rect(**{anchor: pos})
                surface.blit(surf, rect)
                if look.log is not None:
                    look.log(rect, self.card)
        look.draw_text(surface, [para(self.status(look), "small", "muted", space_after=0)], self.status_rect)
        self.group.draw(surface, look)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.first, self.focus)
