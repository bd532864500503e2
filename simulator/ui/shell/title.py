"""The title screen: continue, a new playthrough, watch, settings, quit."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pygame

from simulator.fileio import FileRefused
from simulator.services.settings import config_dir
from simulator.ui.kit.look import Look, fill_rounded
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button, ButtonGroup

if TYPE_CHECKING:
    from simulator.records.store import Playthrough
    from simulator.ui.kit.access_describe import Sketch
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot
    from simulator.ui.shell.kept import KeptTitle
    from simulator.ui.shell.moves import TitleMoves

    _Base = Scene[TitleMoves]
else:  # the protocol is for mypy: importing it, or naming it in a string, cost the first frame 0.3-1 ms
    _Base = Scene

KEYS_HELP = "Tab or the arrow keys move, Enter chooses, Esc pauses or goes back. F11 switches full screen."
VOICE_HELP = "V reads the window aloud (self-voicing), and V again stops it."  # said, not shown: for those who listen


class TitleScene(_Base):
    """Where every session starts and every step-out returns.

    With ``kept`` (the window as a trainee opens it; not auto play or a clean profile), its first frame is the picture an
    earlier run kept of it (:class:`~simulator.ui.shell.kept.KeptTitle`), when that was kept for the same window, look,
    case and code: the title is then laid out, drawn and checked against it just after that frame, or at once if
    anything asks for its buttons first. Without a kept picture, the first frame drawn is kept for next time.
    """

    name = "title"

    def __init__(self, app: App, moves: TitleMoves, *, kept: bool = False) -> None:
        super().__init__(app, moves)
        self._group = ButtonGroup(arrows="vertical")
        self._keep = kept  # keep the first frame for the next run (and show the one kept, if it fits)
        self._kept: KeptTitle | None = None
        if kept and (where := kept_file(app)) and os.path.isfile(where):  # (the module that reads it is imported only if there is one)
            from simulator.ui.shell.kept import KeptTitle

            self._kept = KeptTitle.find(app, moves.selected_title(), where)
        self._owed: Look | None = None  # a layout put off while the first frame is the kept picture
        self.resumable: Playthrough | None = None
        self.card = pygame.Rect(0, 0, 1, 1)
        self.head = pygame.Rect(0, 0, 1, 1)
        self.foot = pygame.Rect(0, 0, 1, 1)
        self._head: list[Para] = []
        self._foot: list[Para] = []
        self.door = True
        self._short = ""  # Continue's line when there is room for only a short one
        self._laid_out: tuple[Any, ...] | None = None  # what the last layout was for

    @property
    def group(self) -> ButtonGroup:
        """The buttons, laid out first if the layout was put off for the kept picture (a key the moment the title appears)."""
        self.lay_out()
        return self._group

    @group.setter
    def group(self, group: ButtonGroup) -> None:
        self._group = group

    def lay_out(self) -> None:
        """The layout put off for the kept picture, done now (no kept picture is shown after it)."""
        if self._owed is not None:
            self._kept = None
            self.layout(self._owed)

    def on_enter(self) -> None:
        had = self.resumable is not None
        self.resumable = self.moves.resumable()
        self.layout(self.look)
        if had != (self.resumable is not None):
            self.group.focus_first()  # Continue, when there is something to continue, else New
        self.moves.show_problems()

    def _buttons(self) -> list[Button]:
        flow = self.moves
        case = flow.selected_title()
        buttons: list[Button] = []
        if self.resumable is not None:
            p = self.resumable
            place = flow.place_of(p)
            where = place.words if place is not None else f"{p.steps} step{'s' if p.steps != 1 else ''} in" if p.steps else "just begun"
            buttons.append(Button("Continue", flow.resume_latest, detail=f"{p.scenario_title}, {where} ({p.mode} setting)", kind="primary", key="continue"))
            self._short = f"{p.scenario_title}, episode {place.number} of {place.total}" if place is not None and place.number else p.scenario_title
        buttons.append(Button("New playthrough", flow.new_playthrough, detail=case, kind="normal" if self.resumable else "primary", key="new"))
        buttons.append(Button("Watch the two versions", flow.watch, key="watch"))
        buttons.append(Button("Past playthroughs", flow.past, key="past"))
        buttons.append(Button("Settings", flow.settings, key="settings"))
        buttons.append(Button("Quit", flow.quit, key="quit"))
        return buttons

    def layout(self, look: Look) -> None:
        """The menu beside the door; when the text is large or the window small, the buttons other than Continue lose
        their second lines first, then the tagline and key help go, then the name is set smaller and the other buttons'
        lines go (so the title keeps its door once a save exists), then the menu takes the whole width with them back,
        then Continue's line goes, before any button is hidden."""
        if self._kept is not None:
            self._owed = look  # the first frame is the kept picture: laid out once it is on screen
            return
        self._owed = None
        wanted = (look, tuple((b.label, b.detail, b.kind, b.key) for b in self._buttons()), self._short)
        if wanted == self._laid_out:
            return  # entered just after being laid out for the same window and buttons (the first frame): nothing moves
        self._laid_out = wanted
        keep = self.group.focused.key if self.group.focused else None
        # Continue's line (which case and where) is kept longest: it is the one a returning trainee reads. Before the door
        # goes, the name is set smaller (a save adds a Continue button, which at a large text size left no room for it).
        stages = (
            (False, "all", True, "display"),
            (False, "continue", True, "display"),
            (False, "continue", False, "display"),
            (False, "continue", False, "title"),
            (False, "short", False, "title"),  # Continue says the case and the episode's number, without its title
            (False, "short", False, "heading"),
            (False, "", False, "title"),
            (True, "all", True, "display"),
            (True, "continue", True, "display"),
            (True, "continue", False, "title"),
            (True, "short", False, "title"),
            (True, "", False, "title"),
            (True, "", False, "heading"),
        )
        for wide, details, extras, name in stages:
            if self._try(look, wide, details, extras, name):
                break
        if keep:
            self.group.focus_key(keep)

    def _try(self, look: Look, wide: bool, details: str, extras: bool, name: str = "display") -> bool:
        m = look.m
        w, h = look.size
        width = w - 2 * m.margin if wide else min(w - 2 * m.margin, max(m.u(620), int(w * 0.5)))
        left = m.margin * 2 if w > m.u(1000) and not wide else m.margin
        self.card = pygame.Rect(left, m.margin, width, h - 2 * m.margin)
        self.door = not wide
        pad = m.u(32)
        inner = self.card.inflate(-2 * pad, -2 * m.u(28))
        self._head = [para("Doorstep", name, "accent", space_after=0.1)]
        if extras:
            self._head.append(para("Practise relationship-based social work, one visit at a time.", "body", "muted", space_after=0.2))
        self._foot = [Para((Span(KEYS_HELP, "small", "muted"),), space_after=0)] if extras else []
        head_h = look.pages(self._head, inner.width, 1 << 30)[0].height
        foot_h = look.pages(self._foot, inner.width, 1 << 30)[0].height if self._foot else 0
        self.head = pygame.Rect(inner.x, inner.y, inner.width, head_h)
        self.foot = pygame.Rect(inner.x, inner.bottom - foot_h, inner.width, foot_h)
        buttons = self._buttons()
        for b in buttons:
            if b.key == "continue" and details == "short":
                b.detail = self._short
            elif details != "all" and (details != "continue" or b.key != "continue"):
                b.detail = ""
        self.group = ButtonGroup(buttons, arrows="vertical")
        top = self.head.bottom + m.u(20)
        self.group.place_column(look, inner.x, top, inner.width, self.foot.y - m.gap - top)
        return not (self.group.more_above or self.group.more_below)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return False  # the title is home: Esc has nowhere further back to go
        return self.group.act(event)

    def draw(self, surface: pygame.Surface) -> None:
        kept, self._kept = self._kept, None
        first = self.app.frames == 0 and surface is self.app.surface and self.app.stack == [self]
        if kept is not None and first and kept.show(surface):
            self.app.later(lambda: kept.check(self), unseen=True, soon=True)  # laid out and drawn now, and compared
            return
        self.lay_out()
        self.paint(surface)
        if first and self._keep:
            self.app.later(self._keep_first_frame, unseen=True, soon=True)

    def _keep_first_frame(self) -> None:
        from simulator.ui.shell.kept import keep_first_frame  # after the first frame: its module is no part of the wait

        if where := kept_file(self.app):
            keep_first_frame(self, where)

    def paint(self, surface: pygame.Surface) -> None:
        """The title drawn as laid out."""
        look = self.look
        p = look.palette
        surface.fill(p.bg)
        if self.door:
            draw_door(surface, look, self.card.right)
        look.panel(surface, self.card, alpha=255)
        look.draw_text(surface, self._head, self.head)
        self.group.draw(surface, look)
        if self._foot:
            look.draw_text(surface, self._foot, self.foot)

    def describe(self, sketch: Sketch) -> None:
        self.lay_out()
        sketch.heading("Doorstep")
        sketch.text("Practise relationship-based social work, one visit at a time.", self.head)
        sketch.buttons(self.group)
        sketch.text(f"{KEYS_HELP} {VOICE_HELP}", self.foot)
        sketch.say("Doorstep.", KEYS_HELP, VOICE_HELP)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.resumable is not None)

    def settled(self) -> bool:
        """Whole once the work after the first frame is done (the case's name known, Continue decided)."""
        return not self.app.tasks

    def autoplay(self, pilot: Pilot) -> bool:
        self.group.focus_key("new")
        self.moves.new_playthrough()
        return True


def kept_file(app: App) -> str:
    """Where the title's first frame is kept between runs (simulator/ui/shell/kept.py): beside the settings it was drawn in;
    "" when there is no folder for settings at all (no home folder): the title is then drawn as ever, and nothing kept."""
    try:
        folder = app.config_dir or config_dir()
    except FileRefused:
        return ""
    return os.path.join(folder, "title-first-frame.pixels")


def draw_door(surface: pygame.Surface, look: Look, left: int) -> None:
    """A quiet front door with a step, right of the menu: the product's one decoration."""
    p = look.palette
    w, h = surface.get_size()
    space = w - left
    if space < look.m.u(260):
        return
    door_h = int(h * 0.62)
    door_w = int(door_h * 0.46)
    cx = left + space // 2
    door = pygame.Rect(cx - door_w // 2, int(h * 0.16), door_w, door_h)
    frame = door.inflate(look.m.u(28), look.m.u(20))
    frame.bottom = door.bottom
    wall = p.bg if look.high_contrast else (232, 226, 214)
    fill_rounded(surface, wall, frame.inflate(look.m.u(80), look.m.u(40)), look.m.u(6))
    fill_rounded(surface, p.muted if look.high_contrast else (205, 196, 180), frame, frame.width // 2, top_only=True)
    body = p.bg if look.high_contrast else (74, 118, 122)
    fill_rounded(surface, body, door, door.width // 2, top_only=True)
    if look.high_contrast:
        pygame.draw.rect(surface, p.text, door, p.border_width, border_top_left_radius=door.width // 2, border_top_right_radius=door.width // 2)
    glass = pygame.Rect(0, 0, int(door_w * 0.5), int(door_h * 0.18))
    glass.midtop = (door.centerx, door.y + int(door_h * 0.12))
    fill_rounded(surface, p.surface if look.high_contrast else (226, 236, 232), glass, look.m.u(8))
    pygame.draw.circle(surface, p.accent if look.high_contrast else (222, 190, 120), (door.right - int(door_w * 0.16), door.centery + int(door_h * 0.05)), max(3, look.m.u(7)))
    step = pygame.Rect(0, 0, int(frame.width * 1.35), look.m.u(22))
    step.midtop = (door.centerx, door.bottom)
    fill_rounded(surface, p.muted if look.high_contrast else (186, 178, 166), step, look.m.u(4))
