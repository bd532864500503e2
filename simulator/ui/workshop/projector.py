"""The projector: what the room sees, in large type, driven by a keyboard or a presentation clicker.

The main area shows where the room is: an episode's card, what is said (in
pages, PageDown turning them), a decision with its options and how many have
voted, the tally once revealed, and what the room's choice (or each version)
did. The side panel always says how to join. PageDown does the next step
(the next page, then open voting, close it, reveal, settle, move on); PageUp
goes back a page or a step of voting. B blanks the screen, F is full screen,
P pauses for discussion, T starts or stops the timer, S skips the scene, O
steps the whole room out, N types a note, 1-9 (or Up/Down) pick the option
the room follows, E twice ends the workshop. The room changes from phones
(on the server's thread); the scene looks at its version four times a second.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pygame

from simulator.ui.kit.access_describe import Sketch
from simulator.ui.kit.presenter import presenter_key
from simulator.ui.kit.scene import Scene
from simulator.ui.kit.text import Page, Para, Span, para
from simulator.ui.workshop import draw
from simulator.ui.workshop.moves import WorkshopMoves
from simulator.ui.workshop.words import describe_projector
from simulator.workshop.course import Stop

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.look import Look

# A clicker's Page Down and Page Up, as every projected mode reads them (kit/presenter.py); some clickers send
# Right and Left instead, and a facilitator at the keyboard reaches for Space or Enter.
MORE_FORWARD = (pygame.K_RIGHT, pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)
MORE_BACK = (pygame.K_LEFT, pygame.K_BACKSPACE)
POLL_S = 0.25
END_CONFIRM_S = 4.0
HINTS = "PageDown next · PageUp back · B blank · F full screen · P pause · T timer · S skip · O step out · N note · J join · E end"
PHASE_WORDS = {
    "waiting": "Read the options. Voting opens next.",
    "open": "Vote on your phone now. You can change your vote until voting closes.",
    "closed": "Voting has closed.",
    "revealed": "How the room voted",
    "settled": "",
}


def outlined(ws: Any, phase: str) -> str | None:
    """The option outlined after the reveal: in play the one the room will follow; in watch none (it would read as the answer)."""
    return ws.candidate if phase == "revealed" and ws.mode == "play" else None


def _outcome_paras(view: Any) -> list[Para]:
    """What the room's choice did (or what each version chose), and which option was which, in words."""
    outcome = view.outcome
    question = view.question
    out = [para(outcome.heading, "title", space_after=0.3)]
    out += [para(x, "body", space_after=0.3) for x in outcome.lines]
    if question is not None and outcome.marks:
        out.append(para("Which option was which:", "bold", "text", space_before=0.3, space_after=0.1))  # read from the back of the room
        for c in question.options:
            if c.id in outcome.marks:
                votes = f" ({view.tally.get(c.id, 0)} votes)" if view.tally is not None else ""
                out.append(Para((Span(f"{c.letter}: ", "bold", "accent"), Span(f"{outcome.marks[c.id]}{votes}", "body", "text")), space_after=0.1))
    return out


def _line_paras(stop: Stop) -> list[Para]:
    if stop.kind in ("card", "ending"):
        out = [para(stop.heading, "title", space_after=0.5)]
        out += [para(x, "body", "text", bullet=x.startswith("• "), space_after=0.35) if not x.startswith("• ") else para(x[2:], "body", bullet=True, space_after=0.2) for x in stop.lines]
        return out
    moment = stop.moment
    if moment is None:
        return []
    out = []
    for line in moment.lines:
        if line.name:
            out.append(Para((Span(f"{line.name}: ", "bold", "accent"), Span(line.text, "body", "text")), space_after=0.45))
        else:
            out.append(para(line.text, "body", "text", space_after=0.45))  # upright and full contrast: read from the back of a room
    return out


class ProjectorScene(Scene[WorkshopMoves]):
    """The room view on the projector."""

    name = "workshop"

    def __init__(self, app: App, moves: WorkshopMoves) -> None:
        super().__init__(app, moves)
        self.control = moves.control
        self.room = moves.control.workshop.room
        self.blank = False
        self.page = 0
        self.pages: list[Page] = []
        self.stop_number = -1
        self.shown_key: tuple[int, bool] = (-1, False)
        self.seen = -1
        self.said = ""
        self.said_until = 0.0
        self.end_armed_until = 0.0
        self.clock = time.monotonic
        self.main = pygame.Rect(0, 0, 0, 0)
        self.side = pygame.Rect(0, 0, 0, 0)
        self.top = pygame.Rect(0, 0, 0, 0)
        self.hints = pygame.Rect(0, 0, 0, 0)
        self.join_shown = True  # J hides the join panel once the room is in, giving the case the whole width

    # -- layout -----------------------------------------------------------------------------
    def layout(self, look: Look) -> None:
        m = look.m
        w, h = look.size
        margin = m.margin
        top_h = m.heading + 2 * m.gap
        hint_h = m.small + 2 * m.gap
        self.top = pygame.Rect(margin, margin // 2, w - 2 * margin, top_h)
        self.hints = pygame.Rect(margin, h - hint_h, w - 2 * margin, hint_h)
        side_w = max(m.u(250), w * 27 // 100)
        body_y = self.top.bottom + m.gap
        self.side = pygame.Rect(w - margin - side_w, body_y, side_w, self.hints.y - body_y - m.gap)
        self.main = pygame.Rect(margin, body_y, self.side.x - 2 * margin, self.side.height)
        if not self.join_shown:
            self.main = self.main.union(self.side)
        self.shown_key = (-1, False)  # pages again at the new size
        self._sync()

    def _sync(self) -> bool:
        """Catch up with the room; True when anything on screen changed."""
        ws = self.control.workshop
        version = self.room.version
        changed = version != self.seen
        self.seen = version
        stop = ws.stop
        view = self.room.view()
        settled = view.phase == "settled" and view.outcome is not None
        key = (stop.number, settled)
        if key != self.shown_key:
            self.shown_key = key
            self.stop_number = stop.number
            inner = self.main.inflate(-2 * self.look.m.gap, -2 * self.look.m.gap)
            paras = _outcome_paras(view) if settled else _line_paras(stop)
            self.pages = self.look.pages(paras, inner.width, inner.height - 2 * self.look.m.small) if paras else []
            self.page = 0
            changed = True
        return changed

    # -- keys -------------------------------------------------------------------------------
    def _act(self, action: str, value: str = "") -> None:
        done = self.control.act(action, value, now=self.clock())
        if done.said:
            self._say(done.said)
        self._sync()

    def _say(self, text: str) -> None:
        self.said = text
        self.said_until = self.clock() + 5.0

    def _reading(self) -> bool:
        """Whether the screen is on the stop's text pages (rather than its question or outcome)."""
        ws = self.control.workshop
        return ws.stage in ("card", "reading", "ending", "outcome") or (ws.stage == "question" and self.room.phase == "waiting" and self.page < len(self.pages))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        what = _command(event)
        if self.blank and what != "fullscreen":
            self.blank = False  # any key brings the picture back
            return True
        ws = self.control.workshop
        if what == "forward":
            if self._reading() and self.page < len(self.pages) - (0 if ws.stop.decision else 1):
                self.page += 1
            elif ws.ended:
                self.moves.quit()
            else:
                self._act("forward")
            return True
        if what == "back":
            if self.page > 0 and (self._reading() or (ws.stage == "question" and self.room.phase == "waiting")):
                self.page -= 1
            else:
                self._act("back")
            return True
        if what == "blank":
            self.blank = True
            return True
        if what == "fullscreen":
            self.app.toggle_fullscreen()
            return True
        return self._letter(event, ws.stage)

    def _letter(self, event: pygame.event.Event, stage: str) -> bool:
        key = event.key
        if key == pygame.K_p:
            self._act("pause")
        elif key == pygame.K_t:
            self._act("timer-stop" if self.room.view().timer is not None else "timer", str(int(self.moves.timer_s)))
        elif key == pygame.K_s:
            self._act("skip")
        elif key == pygame.K_o:
            self._act("step-out")
        elif key == pygame.K_n:
            self.moves.write_note()
        elif key == pygame.K_j:
            self.join_shown = not self.join_shown
            page = self.page
            self.layout(self.look)  # the text pages again at its new width, staying about where it was
            self.page = min(page, max(0, len(self.pages) - 1))
        elif key == pygame.K_e:
            if self.clock() < self.end_armed_until:
                self.moves.end_workshop()
            else:
                self.end_armed_until = self.clock() + END_CONFIRM_S
                self._say("Press E again to end the workshop and write its report.")
        elif key in (pygame.K_UP, pygame.K_DOWN) and stage == "question":
            self._act("up" if key == pygame.K_UP else "down")
        elif pygame.K_1 <= key <= pygame.K_9 and stage == "question":
            self._act("choose", str(key - pygame.K_0))
        elif key == pygame.K_ESCAPE and self.control.workshop.ended:
            self.moves.quit()
        else:
            return False
        return True

    # -- time -------------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        changed = self._sync()
        if self.said and self.clock() > self.said_until:
            self.said = ""
            changed = True
        return changed or self.room.view().timer is not None

    def wake_in(self) -> float | None:
        return POLL_S

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        if self.blank:
            surface.fill((0, 0, 0))
            return
        surface.fill(look.palette.bg)
        view = self.room.view()
        ws = self.control.workshop
        self._top(surface, ws.stop.heading, view)
        if view.stepped_out and not ws.ended:  # the support list takes the whole width: nobody needs to join now
            whole = self.main.union(self.side)
            look.panel(surface, whole)
            self._stepped_out(surface, whole.inflate(-2 * look.m.gap, -2 * look.m.gap))
            look.draw_text(surface, [para(self.said or HINTS, "small", "accent" if self.said else "muted", space_after=0.0)], self.hints)
            return
        if self.join_shown:
            draw.join_panel(surface, look, self.moves.venue, view.joined, self.side)
        look.panel(surface, self.main)
        inner = self.main.inflate(-2 * look.m.gap, -2 * look.m.gap)
        if ws.ended:
            self._ended(surface, inner)
        elif self._reading() and self.pages:
            look.draw_page(surface, self.pages[min(self.page, len(self.pages) - 1)], inner)
            self._page_note(surface, inner)
        elif view.question is not None:
            self._question(surface, inner, view)
        hints = HINTS if self.join_shown else f"Join: {self.moves.venue.short} · code {self.moves.venue.code} · J shows how to join · PageDown next"
        look.draw_text(surface, [para(self.said or hints, "small", "accent" if self.said else "muted", space_after=0.0)], self.hints)
        if self.moves.notes is not None:
            self.moves.notes.draw()

    def _top(self, surface: pygame.Surface, heading: str, view: Any) -> None:
        look = self.look
        flags = []
        if view.paused:
            flags.append("Paused for discussion")
        if view.timer is not None:
            left = int(view.timer.left(self.clock()) + 0.999)
            flags.append(f"Discussion {left // 60}:{left % 60:02d}" if left else "Time is up")
        right = "   ".join(flags)
        if right:
            width = look.typeset.font("heading").size(right)[0]
            look.draw_text(surface, [para(right, "heading", "accent", space_after=0.0)], pygame.Rect(self.top.right - width, self.top.y, width + 2, self.top.height))
        else:
            width = 0
        box = pygame.Rect(self.top.x, self.top.y, self.top.width - width - look.m.gap, self.top.height)
        title = _fit(look, f"{self.control.workshop.scenario.title} · {heading}", "heading", box.width)
        look.draw_text(surface, [para(title, "heading", space_after=0.0)], box)

    def _page_note(self, surface: pygame.Surface, inner: pygame.Rect) -> None:
        ws = self.control.workshop
        more = len(self.pages) - 1 - self.page
        if more > 0:
            note = f"PageDown: more ({more} page{'s' if more != 1 else ''})"
        elif ws.stage == "outcome":
            note = "PageDown: go on with the case"
        elif ws.stop.decision:
            note = "PageDown: the options"
        else:
            note = "PageDown: next" if ws.stage != "ending" else "PageDown: end the workshop"
        self.look.draw_text(surface, [para(note, "small", "muted", space_after=0.0)], pygame.Rect(inner.x, inner.bottom - self.look.m.small - self.look.m.gap, inner.width, self.look.m.small * 2))

    def _question(self, surface: pygame.Surface, inner: pygame.Rect, view: Any) -> None:
        look = self.look
        question = view.question
        phase = view.phase or "waiting"
        status = PHASE_WORDS.get(phase, "")
        if phase in ("open", "closed"):
            status += f"  {view.voted} of {view.joined} phones have voted."
        candidate = self.control.workshop.candidate
        if phase == "revealed" and self.control.workshop.mode == "play":
            status += f". PageDown: the room follows {question.letter_of(candidate)}; a number picks another." if candidate else ". Nobody voted: press the number of the option the room follows."
        elif phase == "revealed":
            status += ". PageDown: what each worker chose."
        head = [para(question.prompt, "title", space_after=0.2), para(status, "bold", "accent", space_after=0.4)]
        y = inner.y + look.draw_text(surface, head, inner)
        box = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
        highlight = outlined(self.control.workshop, phase)
        style = "body" if draw.options(None, look, question.options, box, tally=view.tally, marks={}, highlight=None, style="body") <= box.height else "small"
        draw.options(surface, look, question.options, box, tally=view.tally, marks={}, highlight=highlight, style=style)

    def _stepped_out(self, surface: pygame.Surface, inner: pygame.Rect) -> None:
        """Support first, every line of it: in smaller type when the whole list does not fit at reading size."""
        scenario = self.control.workshop.scenario
        for body, bold in (("body", "bold"), ("small", "small-bold")):
            paras = [para("The room has stepped out", "title", space_after=0.4), para(CARE_WORDS, body, space_after=0.5)]
            if scenario.support:
                paras.append(para("Where to find support", "heading", space_after=0.2))
                paras += [Para((Span(f"{s.name}: ", bold), Span(s.detail, body)), bullet=True, space_after=0.15) for s in scenario.support]
            paras.append(para("The same is on your phones. O brings the case back.", "small", "muted", space_before=0.5))
            pages = self.look.pages(paras, inner.width, inner.height)
            if len(pages) == 1:
                break
        self.look.draw_page(surface, pages[0], inner)

    def _ended(self, surface: pygame.Surface, inner: pygame.Rect) -> None:
        paras = [para("The workshop has ended", "title", space_after=0.4), para("Thank you, everyone.", "body", space_after=0.5)]
        paras += [para(line, "small", "muted", space_after=0.2) for line in self.moves.ended_lines]
        paras.append(para("PageDown or Esc closes the window.", "small", "muted", space_before=0.5))
        self.look.draw_page(surface, self.look.pages(paras, inner.width, inner.height)[0], inner)

    def describe(self, sketch: Sketch) -> None:
        """What the projector shows, in words: the case, the page or question in view, the counts; each change announced."""
        describe_projector(self, sketch, HINTS)

    def screen_key(self) -> tuple[Any, ...]:
        view = self.room.view()
        return (self.name, self.stop_number, self.page, view.phase, view.paused, view.stepped_out, self.blank, self.control.workshop.ended)


def _command(event: pygame.event.Event) -> str | None:
    """forward, back, blank or fullscreen: the presenter's keys, and the few more a projector's keyboard offers."""
    press = presenter_key(event)
    if press is not None:
        return {"next": "forward", "previous": "back"}.get(press, press)
    if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
        return None
    if event.key in MORE_FORWARD:
        return "forward"
    if event.key in MORE_BACK:
        return "back"
    return None


def _fit(look: Look, text: str, style: str, width: int) -> str:
    """``text`` on one line of ``width``, cut short with an ellipsis when it is longer."""
    font = look.typeset.font(style)
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "...")[0] > width:
        text = text[:-1]
    return text.rstrip() + "..."


CARE_WORDS = (
    "Take whatever time you need. Step outside, get some air, talk to someone you trust, or sit quietly. "
    "Nobody needs to say why. The case will wait."
)
