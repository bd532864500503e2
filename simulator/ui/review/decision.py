"""What each path did at one of your decisions, and "Replay from here".

Over the compare timeline: what you chose, what the enabler and barrier
paths chose at the same moment (or that their route never came there),
what each choice changed and why (its feedback), and the practice principle
with its sources. Left and Right step to the previous and next decision.
"Replay from here" starts a new playthrough at this decision with exactly
the state you had there (your earlier actions replayed), in the same
setting, saved as a new entry in your records.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pygame

from simulator.analysis.divergence import DecisionPoint
from simulator.report.html import first_sentence, long_date
from simulator.scenario.cite import short_cite, with_check
from simulator.services.review import Review
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.paging import sentences
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button
from simulator.ui.review.contents import changes
from simulator.ui.review.moves import Cursor, ReviewMoves

if TYPE_CHECKING:
    from simulator.ui.kit.app import App

PATH_NAMES = {"enabler": "The enabler path", "barrier": "The barrier path"}
KIND_WORDS = {
    "choice": "you chose differently",
    "route": "the story took a different turn",
    "skipped": "you stepped out of the scene",
    "ended": "one of you reached the end first",
}


def principle_paras(review: Review, choice_id: str) -> list[Para]:
    choice = review.scenario.choice_by_id.get(choice_id)
    if choice is None:
        return []
    evidence = review.scenario.evidence
    out: list[Para] = []
    for pid in choice.principles:
        p = evidence.principles.get(pid)
        if p is None:
            continue
        out.append(Para((Span("Practice principle: ", "small-bold", "muted"), Span(f"{p.title}. ", "small-bold", "text"), Span(first_sentence(p.summary), "small", "text")), space_after=0.05))
        cites = [with_check(short_cite(evidence.sources[s]), evidence.sources[s].evidence) for s in p.sources if s in evidence.sources]
        if cites:
            out.append(para(f"Rests on: {'; '.join(cites)}", "small-italic", "muted", space_after=0.1, whole=True))
    return out


def chose(review: Review, who: str, text: str, effects: Iterable[tuple[str, int]], trust: Iterable[tuple[str, int]]) -> list[Para]:
    """Who chose, the option as written, then what it changed.

    The option is text, not a heading: one of several sentences breaks
    between them like any text; a one-sentence option stays on the page
    with what it changed.
    """
    short = len(sentences((Span(text),))) == 1
    return [
        Para((Span(f"{who} ", "bold", "accent"), Span(text, "body", "text")), space_before=0.25, space_after=0.1, keep_with_next=short),
        Para((Span("What it changed: ", "small-bold", "text"), Span(changes(review, effects, trust), "small", "text")), space_after=0.1),
    ]


def why(review: Review, whose: str, feedback: str, choice_id: str) -> list[Para]:
    out: list[Para] = []
    if feedback:
        out.append(Para((Span(f"{whose}: ", "small-bold", "text"), Span(feedback, "small", "text")), space_before=0.15, space_after=0.1))
    safety = review.session.option(choice_id).safety if choice_id in review.scenario.choice_by_id else ""
    if safety:
        out.append(Para((Span("Safety: ", "small-bold", "bad"), Span(safety, "small", "text")), space_before=0 if feedback else 0.15, space_after=0.1))
    out.extend(principle_paras(review, choice_id))
    return out


def decision_paras(review: Review, dp: DecisionPoint) -> list[Para]:
    """What each chose first (so the three sit together on the first page), then why, with the principles."""
    out: list[Para] = []
    partings = {p.path: p for p in review.debrief.comparison.partings if p.index == dp.index}
    for path, parting in partings.items():
        out.append(para(f"Here you first parted from the {path} path: {KIND_WORDS.get(parting.kind, parting.kind)}.", "bold", "accent", space_after=0.1))
    out.extend(chose(review, "You chose:", dp.yours.text, dp.effects, dp.trust))
    reasons = why(review, "Your choice", dp.feedback, dp.yours.id)
    for path in ("enabler", "barrier"):
        alt = dp.other(path)
        name = PATH_NAMES.get(path, path)
        if alt is None or not alt.reached or alt.choice is None:
            out.append(para(f"{name} never came to this decision: its route through the case went another way.", "body", "muted", space_before=0.25, space_after=0.1))
        elif alt.same:
            out.append(Para((Span(f"{name} ", "bold", "accent"), Span("chose the same as you here.", "body", "text")), space_before=0.25, space_after=0.1))
        else:
            out.extend(chose(review, f"{name} chose:", alt.choice.text, alt.effects, alt.trust))
            reasons += why(review, f"The {path} path's choice", alt.feedback, alt.choice.id)
    if reasons:
        out.append(para("Why", "heading", "text", space_before=0.4, space_after=0.1, keep_with_next=True))
        out.extend(reasons)
    return out


def others_paras(review: Review, dp: DecisionPoint, found: tuple[list[tuple[str, int]], int] | None) -> list[Para]:
    """How a cohort chose here, beside your choice: "Of 28 in your cohort who came here, 46% chose as you did ..."."""
    if found is None:
        return []
    counts, pooled = found
    here = sum(n for _, n in counts)
    if here == 0:
        return []
    paths = {c.id: c.path for c in review.scenario.nodes[review.scenario.choice_by_id[dp.yours.id].node].choices}
    share = {p: sum(n for o, n in counts if paths.get(o) == p) for p in ("enabler", "barrier", "other")}
    mine = next((n for o, n in counts if o == dp.yours.id), 0)

    def pct(n: int) -> str:
        return f"{round(100 * n / here)}%"

    split = ", ".join(f"{pct(n)} the {p} option" if p != "other" else f"{pct(n)} another option" for p, n in share.items() if n)
    return [
        para("How others chose", "heading", "text", space_before=0.4, space_after=0.1, keep_with_next=True),
        para(f"Of {here} in the cohort who came to this decision ({pooled} playthroughs in all), {pct(mine)} chose as you did; {split}.", "body", "text", space_after=0.1),
    ]


class DecisionScene(DocScene[ReviewMoves]):
    """The detail card over the timeline; it follows the compare screen's cursor."""

    name = "decision"
    overlay = True
    column = 1100

    def __init__(self, app: App, moves: ReviewMoves, review: Review, compare: Cursor) -> None:
        super().__init__(app, moves)
        self.review = review
        self.compare = compare
        self._refresh()

    @property
    def dp(self) -> DecisionPoint:
        return self.compare.decisions[self.compare.cursor]

    def _refresh(self) -> None:
        dp = self.dp
        scenario = self.review.scenario
        snap = self.review.trace.episode(dp.episode)
        date = long_date(scenario.calendar.date_of(snap.day if snap else dp.day).isoformat())
        self.heading = f"Decision {dp.number} of {len(self.compare.decisions)}"
        self._subtitle = f"{scenario.episode_by_id[dp.episode].title}, {date}"
        node = scenario.choice_by_id[dp.yours.id].node if dp.yours.id in scenario.choice_by_id else ""
        self.body = decision_paras(self.review, dp) + others_paras(self.review, dp, self.moves.others_at(scenario.id, node))
        self.page = 0

    def subtitle(self) -> str:
        return self._subtitle

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        count = len(self.compare.decisions)
        return [
            Button("Replay from here", self.replay, key="replay"),
            Button("Earlier decision", lambda: self.step(-1), enabled=self.compare.cursor > 0, key="earlier"),
            Button("Later decision", lambda: self.step(1), enabled=self.compare.cursor < count - 1, key="later"),
            Button("Close", self.back, kind="primary", key="close"),
        ]

    def step(self, by: int) -> None:
        if self.compare.select(self.compare.cursor + by):
            self._refresh()
            self.layout(self.look)
            self.app.redraw_under()  # the cursor moved on the timeline beneath

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.step(1 if event.key == pygame.K_RIGHT else -1)
            return True
        return super().handle(event)

    def replay(self) -> None:
        """A new playthrough standing at this decision, with the state you had there."""
        self.moves.replay_from_here(self.review, self.dp)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.compare.cursor, self.page)
