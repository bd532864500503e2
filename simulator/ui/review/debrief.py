"""The debrief: how it went, in sections, with reflection, comparison, export and support one press away.

At the end of play and for any saved playthrough (Past playthroughs), the
debrief opens on a short summary and the sections: how it ended, your
scores against what this case made achievable, the moments that mattered
with the research behind them, the case clock, reflection (Gibbs), the
evidence for a portfolio, support, every choice with its feedback, the
compare timeline, and the export. Each section leads on to the next, so
Enter reads the debrief straight through; Esc comes back here.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.review import Review
from simulator.services.run import Run
from simulator.ui.kit.access_describe import Sketch, para_text, sentence
from simulator.ui.kit.card import reading_card, title_style
from simulator.ui.kit.grid import grid_key, place_grid
from simulator.ui.kit.look import Look
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.text import Page, Para, Span, para, words_in
from simulator.ui.kit.widgets import Button, ButtonGroup
from simulator.ui.review.contents import sections
from simulator.ui.review.moves import ReviewMoves
from simulator.wording import signed

if TYPE_CHECKING:
    from simulator.report.debrief import Debrief
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


class DebriefScene(Scene[ReviewMoves]):
    """The summary and the sections; ``run`` is the playthrough just finished, when there is one."""

    name = "debrief"

    def __init__(self, app: App, moves: ReviewMoves, review: Review, run: Run | None = None, from_list: bool = False) -> None:
        super().__init__(app, moves)
        self.review = review
        self.run = run
        self.from_list = from_list
        self.group = ButtonGroup(arrows="both")
        self.card = pygame.Rect(0, 0, 1, 1)
        self.head_rect = pygame.Rect(0, 0, 1, 1)
        self.box = pygame.Rect(0, 0, 1, 1)
        self._head: list[Para] = []
        self.pages: list[Page] = []
        self.page = 0
        self.more_rect = pygame.Rect(0, 0, 1, 1)
        self.columns = 1

    # -- content ---------------------------------------------------------------------
    def summary(self) -> list[Para]:
        d = self.review.debrief
        out: list[Para] = []
        if d.ending is not None:
            out.append(Para((Span(d.ending.title, "bold", "text"), Span(f": {d.ending.outcome}" if d.ending.outcome else "", "body", "text")), space_after=0.2))
        else:
            out.append(para("This playthrough stopped before the end of the case.", "body", "text", space_after=0.2))
        scores = ", ".join(f"{s.label} {signed(s.score)} (this case allowed {signed(s.achievable.low)} to {signed(s.achievable.high)})" for s in d.scores)
        out.append(para(f"You made {d.decisions} choice{'s' if d.decisions != 1 else ''}. {scores}.", "body", "muted", space_after=0.1))
        if d.safety:
            n = len(d.safety)
            out.append(para(f"{n} of your choices {'was a safety error' if n == 1 else 'were safety errors'}: see Safety first.", "bold", "bad", space_before=0.1))
        if self.review.mode == "assessment":
            out.append(para("The feedback held back while you played is under Moments that mattered and Your choices.", "body", "muted", space_before=0.1))
        return out

    def buttons(self) -> list[Button]:
        d = self.review.debrief
        late = sum(1 for e in d.clock)
        answered = self.review.answered()
        n = len(d.safety)
        details = {
            "safety": f"{n} choice{'s' if n != 1 else ''} that could have put someone at risk",
            "ending": d.ending.title if d.ending else "Not finished",
            "scores": "Against what this case made achievable",
            "moments": "What helped and hurt most, and the research behind it",
            "clock": f"{late} thing{'s' if late != 1 else ''} the clock scored" if late else "Milestones and arrivals: all on time",
            "reflect": f"Six questions (Gibbs): {answered} of 6 answered",
            "evidence": framework_names(d),
            "support": "If this case stirred something up",
        }
        moves = self.moves
        out = [Button(title, functools.partial(moves.section, key), detail=details[key], key=key) for key, title in sections(self.review)]
        out.append(Button("Your choices", lambda: moves.section("choices"), detail="Every choice with its feedback", key="choices"))
        out.append(Button("Compare paths", lambda: moves.compare(self.review), detail="Your path against the barrier and enabler paths", key="compare"))
        out.append(Button("Export", self.export, detail="A web page and JSON to keep, print or share; opens in your browser", key="export"))
        out.append(Button("Back to the title", moves.home, kind="primary", key="home"))
        return out

    def describe(self, sketch: Sketch) -> None:
        """The title and the summary (said when the debrief opens), then every section's button with what it holds."""
        sketch.heading("Debrief")
        sketch.paras(self._head[1:], self.head_rect)
        summary = [para_text(p) for p in self.summary()]
        for text in summary:
            sketch.text(text, self.box)
        sketch.buttons(self.group)
        sketch.say("Debrief.", *(sentence(t) for t in summary))

    # -- actions ---------------------------------------------------------------------
    def export(self) -> None:
        self.review.save()
        try:
            done = self.review.export()
        except OSError as exc:
            self.moves.notice("Could not export", [f"Doorstep {exc}.", "Your playthrough and reflections are still saved in your records."])
            return
        self.moves.exported(done)

    def back(self) -> None:
        if self.from_list:
            self.moves.close(self)
        else:
            self.moves.home()

    def on_enter(self) -> None:
        self.layout(self.look)  # a section may have changed what the summary says (reflections answered)

    # -- layout ------------------------------------------------------------------------
    def layout(self, look: Look) -> None:
        m = look.m
        card = reading_card(look)
        self.card, inner = card.rect, card.inner
        subtitle = f"{self.review.scenario.title}, {self.review.mode} setting." + (" Saved in your records." if self.review.saving else "")
        self._head = [para("Debrief", title_style(look, inner.height), "text", space_after=0.15), para(subtitle, "small", "muted", space_after=0.2)]
        head_h = look.pages(self._head, inner.width, 1 << 30)[0].height
        self.head_rect = pygame.Rect(inner.x, inner.y, inner.width, head_h)
        keep = self.group.focused.key if self.group.focused is not None else ("safety" if self.review.debrief.safety else "ending")
        top = self.head_rect.bottom + m.gap
        # The summary gets up to a third of the card (paged if more); the sections get the rest.
        room = max(look.typeset.line_height("body"), (inner.bottom - top) // 3)
        self.pages = look.pages(self.summary(), inner.width, room)
        nav_h = 0
        if len(self.pages) > 1:
            nav_h = look.typeset.line_height("small")
            self.pages = look.pages(self.summary(), inner.width, max(look.typeset.line_height("body"), room - nav_h))
        self.page = min(self.page, len(self.pages) - 1)
        used = max(p.height for p in self.pages)
        self.box = pygame.Rect(inner.x, top, inner.width, used)
        self.more_rect = pygame.Rect(inner.x, self.box.bottom, inner.width, nav_h)
        area = pygame.Rect(inner.x, self.box.bottom + nav_h + m.gap, inner.width, inner.bottom - self.box.bottom - nav_h - m.gap)
        for details in (True, False):
            buttons = self.buttons()
            if not details:
                for b in buttons:
                    b.detail = ""
            self.group = ButtonGroup(buttons, arrows="both")
            if self._grid(look, area):
                break
        else:
            self.columns = 1
            self.group.place_column(look, area.x, area.y, area.width, area.height)
        self.group.focus_key(keep)

    def _grid(self, look: Look, area: pygame.Rect) -> bool:
        """Two columns of sections when the card is wide enough and they fit; False if they do not."""
        self.columns = 2 if area.width >= look.m.u(700) else 1
        return place_grid(look, self.group, area, self.columns)

    # -- events --------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
                return True
            if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                target = max(0, min(len(self.pages) - 1, self.page + (1 if event.key == pygame.K_PAGEDOWN else -1)))
                changed = target != self.page
                self.page = target
                return changed
            if grid_key(self.group, self.columns, event):
                return True
        return self.group.act(event)

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        surface.fill(look.palette.bg)
        look.panel(surface, self.card, alpha=255)
        look.draw_text(surface, self._head, self.head_rect)
        if self.pages:
            look.draw_page(surface, self.pages[self.page], self.box)
        if len(self.pages) > 1:
            more = f"{self.page + 1} of {len(self.pages)}: Page Down and Page Up for more"
            if look.typeset.font("small").size(more)[0] > self.more_rect.width:
                more = f"{self.page + 1} of {len(self.pages)}"
            look.draw_text(surface, [para(more, "small", "muted", space_after=0)], self.more_rect)
        self.group.draw(surface, look)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.page)

    def words(self) -> int:
        return min(words_in(self.pages[self.page]), 120) if self.pages else 0

    def autoplay(self, pilot: Pilot) -> bool:
        # The summary is the demo's last screen; the sections are for reading alone.
        if pilot.exit_when_done:
            self.moves.quit()
        else:
            self.moves.home()
        return True


def framework_names(d: Debrief) -> str:
    """The frameworks the evidence is filed under, by their short names: "Filed under PCF, KSS and SWE"."""
    names = [fw.id.upper() for fw in d.evidence]
    if not names:
        return "No framework statements cited"
    shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Filed under {shown}"
