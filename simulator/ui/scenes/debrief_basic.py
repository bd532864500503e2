"""The debrief, basic version: the ending, the scores, trust, the clock, and every choice with
its feedback (held back until now in the assessment setting).

The full debrief (scores against what was achievable, your path against the
two journeys, reflection prompts) comes with the two-journeys work; this
screen shows what the record already holds.
"""

from __future__ import annotations

from typing import Any

from simulator.engine.session import Session
from simulator.ui.runner import Run
from simulator.ui.scenes.doc import DocScene
from simulator.ui.scenes.feedback import changes_in_words
from simulator.ui.text import Para, Span, para
from simulator.ui.widgets import Button

PATH_WORDS = {"enabler": "on the enabler path", "barrier": "on the barrier path", "other": "neither"}


def debrief_paras(session: Session, mode: str) -> list[Para]:
    s = session.state
    scenario = session.scenario
    ending = session.ending
    out: list[Para] = []
    if ending is not None:
        out.append(para("How it ended", "heading", "text", space_after=0.2, keep_with_next=True))
        out.append(Para((Span(ending.title, "bold", "text"), Span(f": {ending.outcome}" if ending.outcome else "", "body", "text")), space_after=0.5))
    if scenario.closing:
        out.append(para("Closing", "heading", "text", space_after=0.2, keep_with_next=True))
        out.append(para(scenario.closing, "body", "text", space_after=0.5))
    if scenario.support:
        out.append(para("If this case stirred something up", "heading", "text", space_before=0.4, space_after=0.2, keep_with_next=True))
        for sup in scenario.support:
            out.append(Para((Span(f"{sup.name}: ", "bold", "text"), Span(sup.detail, "body", "text")), bullet=True, space_after=0.1))
    out.append(para("Your scores", "heading", "text", space_before=0.4, space_after=0.2, keep_with_next=True))
    for dim in scenario.rubric:
        out.append(Para((Span(f"{dim.label}: {s.scores.get(dim.id, 0)}", "bold", "text"), Span(f"  {dim.description}", "small", "muted")), bullet=True, space_after=0.1))
    starting = {c.id: c.trust for c in scenario.cast if c.trust is not None}
    if s.trust:
        out.append(para("Trust at the end", "heading", "text", space_before=0.4, space_after=0.2, keep_with_next=True))
        for who, value in s.trust.items():
            out.append(para(f"{session.name_of(who)}: {value} (started at {starting.get(who, value)})", "body", "text", bullet=True, space_after=0.1))
    events = [e for step in s.steps for e in step.events]
    if events:
        out.append(para("On the case clock", "heading", "text", space_before=0.4, space_after=0.2, keep_with_next=True))
        out.extend(para(e.text, "body", "text", bullet=True, space_after=0.1) for e in events)
    if s.skipped:
        titles = [scenario.episode_by_id[e].title for e in s.skipped if e in scenario.episode_by_id]
        out.append(para("Scenes you skipped", "heading", "text", space_before=0.4, space_after=0.2, keep_with_next=True))
        out.append(para(f"{'; '.join(titles)}. Skipped scenes are not scored.", "body", "text"))
    chosen = [scenario.choice_by_id[step.choice] for step in s.steps if step.choice in scenario.choice_by_id]
    if chosen:
        counts = {p: sum(1 for c in chosen if c.path == p) for p in ("enabler", "barrier", "other")}
        parts = [f"{n} {PATH_WORDS[p]}" for p, n in counts.items() if n]
        out.append(para("Your choices", "heading", "text", space_before=0.4, space_after=0.2, keep_with_next=True))
        held = " The feedback held back during play is under Your choices and their feedback." if mode == "assessment" else ""
        out.append(para(f"You made {len(chosen)} choice{'s' if len(chosen) != 1 else ''}: {', '.join(parts)}.{held}", "body", "text", space_after=0.3))
    return out


def choices_paras(session: Session) -> list[Para]:
    """Every choice made, with its feedback and what it changed, episode by episode."""
    scenario = session.scenario
    out: list[Para] = []
    episode = ""
    for step in session.state.steps:
        choice = scenario.choice_by_id.get(step.choice or "")
        if choice is None:
            continue
        ep = scenario.nodes[step.node].episode
        if ep != episode:
            episode = ep
            out.append(para(scenario.episode_by_id[ep].title, "heading", "text", space_before=0.4, space_after=0.2, keep_with_next=True))
        out.append(Para((Span("You chose: ", "bold", "accent"), Span(session.fill(choice.text), "bold", "text")), space_after=0.15, keep_with_next=True))
        if choice.feedback:
            out.append(para(session.fill(choice.feedback), "body", "text", space_after=0.1))
        changes = changes_in_words(session, choice.effects, choice.trust)
        out.append(para("; ".join(changes) if changes else "No change to the scores.", "small", "muted", space_after=0.4))
    return out or [para("No choices were made.", "body", "muted")]


class DebriefBasicScene(DocScene):
    name = "debrief"
    heading = "Debrief"

    def __init__(self, app: Any, run: Run) -> None:
        super().__init__(app)
        self.run = run
        self.body = debrief_paras(run.session, run.mode)

    def subtitle(self) -> str:
        saved = "Saved in your records." if self.run.saving else ""
        return f"{self.run.session.scenario.title}, {self.run.mode} setting. {saved}".strip()

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return [
            Button("Your choices", self.choices, key="choices"),
            Button("Back to the title", self.app.flow.home, kind="primary", key="home"),
        ]

    def choices(self) -> None:
        self.app.push(ChoicesScene(self.app, self.run))

    def back(self) -> None:
        self.app.flow.home()

    def autoplay(self, pilot: Any) -> bool:
        # The first page (ending, closing, support, scores) is the demo's last screen; the rest is for reading alone.
        if pilot.exit_when_done:
            self.app.quit(0)
        else:
            self.app.flow.home()
        return True


class ChoicesScene(DocScene):
    """Every choice of the playthrough with its feedback (held back until now in the assessment setting)."""

    name = "choices"
    heading = "Your choices and their feedback"

    def __init__(self, app: Any, run: Run) -> None:
        super().__init__(app)
        self.body = choices_paras(run.session)

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return [Button("Back to the debrief", self.back, kind="primary", key="back")]
