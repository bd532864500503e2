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

from typing import Any

import pygame

from simulator.ui.look import Look
from simulator.ui.review import Review
from simulator.ui.scene import Scene
from simulator.ui.scenes import debrief_text as text
from simulator.ui.scenes.doc import COLUMN
from simulator.ui.scenes.grid import grid_key, place_grid
from simulator.ui.text import Page, Para, Span, para
from simulator.ui.theme import BODY_SIZES
from simulator.ui.widgets import Button, ButtonGroup

SECTIONS: tuple[tuple[str, str], ...] = (
    ("ending", "How it ended"),
    ("scores", "Your scores"),
    ("moments", "Moments that mattered"),
    ("clock", "The case clock"),
    ("reflect", "Reflect"),
    ("evidence", "Evidence for your portfolio"),
    ("support", "Support"),
)
TITLES = dict(SECTIONS) | {"choices": "Your choices and their feedback"}
SHORT = {"ending": "How it ended", "scores": "Scores", "moments": "Moments", "clock": "The clock", "reflect": "Reflect", "evidence": "Evidence", "support": "Support"}
READERS = {
    "ending": text.ending_paras,
    "moments": text.moments_paras,
    "clock": text.clock_paras,
    "evidence": text.evidence_paras,
    "support": text.support_paras,
    "choices": text.choices_paras,
}


class DebriefNav:
    """Opens the debrief's sections over the summary, and says where each leads next."""

    def __init__(self, app: Any, review: Review, summary: DebriefScene) -> None:
        self.app = app
        self.review = review
        self.summary = summary

    def scene(self, key: str) -> Scene:
        if key == "scores":
            from simulator.ui.scenes.scores import ScoresScene

            return ScoresScene(self.app, self.review, self)
        if key == "reflect":
            from simulator.ui.scenes.reflect import ReflectScene

            return ReflectScene(self.app, self.review, self)
        return text.SectionScene(self.app, self.review, key, TITLES[key], READERS[key], self)

    def open(self, key: str) -> None:
        self.app.pop_to(self.summary)
        self.app.push(self.scene(key))

    def hub(self) -> None:
        self.app.pop_to(self.summary)

    def following(self, key: str) -> str | None:
        keys = [k for k, _ in SECTIONS]
        return keys[keys.index(key) + 1] if key in keys and keys.index(key) + 1 < len(keys) else None

    def buttons(self, key: str) -> list[Button]:
        """A section's row: support (always there), back to the summary, and on to the next section."""
        out = [] if key == "support" else [Button("Support", lambda: self.open("support"), key="support")]
        nxt = self.following(key)
        out.append(Button("Back to the debrief", self.hub, kind="normal" if nxt else "primary", key="debrief"))
        if nxt is not None:
            out.append(Button(f"Next: {SHORT[nxt]}", lambda: self.open(nxt), kind="primary", key="next"))
        return out


class DebriefScene(Scene):
    """The summary and the sections; ``run`` is the playthrough just finished, when there is one."""

    name = "debrief"

    def __init__(self, app: Any, review: Review, run: Any = None, from_list: bool = False) -> None:
        super().__init__(app)
        self.review = review
        self.run = run
        self.from_list = from_list
        self.nav = DebriefNav(app, review, self)
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
        scores = ", ".join(f"{s.label} {_signed(s.score)} (this case allowed {_signed(s.achievable.low)} to {_signed(s.achievable.high)})" for s in d.scores)
        out.append(para(f"You made {d.decisions} choice{'s' if d.decisions != 1 else ''}. {scores}.", "body", "muted", space_after=0.1))
        if self.review.mode == "assessment":
            out.append(para("The feedback held back while you played is under Moments that mattered and Your choices.", "body", "muted", space_before=0.1))
        return out

    def buttons(self) -> list[Button]:
        d = self.review.debrief
        late = sum(1 for e in d.clock)
        answered = self.review.answered()
        details = {
            "ending": d.ending.title if d.ending else "Not finished",
            "scores": "Against what this case made achievable",
            "moments": "What helped and hurt most, and the research behind it",
            "clock": f"{late} thing{'s' if late != 1 else ''} the clock scored" if late else "Milestones and arrivals: all on time",
            "reflect": f"Six questions (Gibbs): {answered} of 6 answered",
            "evidence": "PCF domains and KSS statements",
            "support": "If this case stirred something up",
        }
        out = [Button(title, (lambda k=key: self.nav.open(k)), detail=details[key], key=key) for key, title in SECTIONS]
        out.append(Button("Your choices", lambda: self.nav.open("choices"), detail="Every choice with its feedback", key="choices"))
        out.append(Button("Compare paths", self.compare, detail="Your path against the barrier and enabler paths", key="compare"))
        out.append(Button("Export", self.export, detail="A web page and JSON to keep or share", key="export"))
        out.append(Button("Back to the title", self.app.flow.home, kind="primary", key="home"))
        return out

    # -- actions ---------------------------------------------------------------------
    def compare(self) -> None:
        from simulator.ui.scenes.compare import CompareScene

        self.app.push(CompareScene(self.app, self.review))

    def export(self) -> None:
        from simulator.ui.text import para as p

        self.review.save()
        try:
            done = self.review.export()
        except OSError as exc:
            self.app.flow.notice("Could not export", [f"Doorstep {exc}.", "Your playthrough and reflections are still saved in your records."])
            return
        self.app.flow.notice("Exported", [
            "Your debrief, with your reflections, is saved as a web page and as JSON:",
            p(str(done.html), "bold", "text", space_after=0.1),
            p(str(done.json), "bold", "text", space_after=0.5),
            "The web page opens in any browser, with no internet needed, and prints cleanly. The JSON holds the same content for other tools.",
        ], button="Back to the debrief")

    def back(self) -> None:
        if self.from_list:
            self.app.pop()
        else:
            self.app.flow.home()

    def on_enter(self) -> None:
        self.layout(self.look)  # a section may have changed what the summary says (reflections answered)

    # -- layout ------------------------------------------------------------------------
    def layout(self, look: Look) -> None:
        m = look.m
        w, h = look.size
        col = min(w - 2 * m.margin, round(m.u(COLUMN) * BODY_SIZES[look.settings_step] / BODY_SIZES[1]) + 2 * m.u(32))
        self.card = pygame.Rect((w - col) // 2, m.margin, col, h - 2 * m.margin)
        pad = m.u(32) if col > m.u(700) else m.u(20)
        inner = self.card.inflate(-2 * pad, -2 * m.u(24))
        subtitle = f"{self.review.scenario.title}, {self.review.mode} setting." + (" Saved in your records." if self.review.saving else "")
        roomy = inner.height >= 16 * look.typeset.line_height("body")
        self._head = [para("Debrief", "title" if roomy else "heading", "text", space_after=0.15), para(subtitle, "small", "muted", space_after=0.2)]
        head_h = look.pages(self._head, inner.width, 1 << 30)[0].height
        self.head_rect = pygame.Rect(inner.x, inner.y, inner.width, head_h)
        keep = self.group.focused.key if self.group.focused is not None else "ending"
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

    def autoplay(self, pilot: Any) -> bool:
        # The summary is the demo's last screen; the sections are for reading alone.
        if pilot.exit_when_done:
            self.app.quit(0)
        else:
            self.app.flow.home()
        return True


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else f"\u2212{-value}" if value < 0 else "0"
