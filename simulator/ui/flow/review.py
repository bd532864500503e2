"""The flow of review: the debrief and its sections, compare and a decision's detail, replay from here, past playthroughs.

Review's screens, the analysis and the report under them, are imported
when first shown (inside the moves), so the first frame waits only for the title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from simulator.ui.flow.base import FlowBase

if TYPE_CHECKING:
    from simulator.analysis.divergence import DecisionPoint
    from simulator.records.store import Playthrough
    from simulator.services.past import PastList
    from simulator.services.review import Exported, Review
    from simulator.services.run import Run
    from simulator.ui.kit.scene import AnyScene
    from simulator.ui.review.debrief import DebriefScene
    from simulator.ui.review.moves import Cursor


class ReviewFlow(FlowBase):
    """A debrief's summary (``summary``) with its sections opened over it, and the screens around it."""

    summary: DebriefScene | None = None

    # -- the debrief ---------------------------------------------------------------------
    def debrief(self, run: Run) -> None:
        """After the ending of a playthrough just played: its debrief, in place of the ending."""
        from simulator.services.review import Review
        from simulator.ui.review.debrief import DebriefScene

        review = Review.of_run(run, run.store, run.saver, on_problem=self.problem)
        self.summary = DebriefScene(self.app, self.flow, review, run=run)
        self.app.replace(self.summary)

    def section(self, key: str) -> None:
        """One of the debrief's sections, over its summary (whatever section was open closes)."""
        from simulator.ui.review.contents import READERS, TITLES
        from simulator.ui.review.reflect import ReflectScene
        from simulator.ui.review.scores import ScoresScene
        from simulator.ui.review.section import SectionScene

        summary = self.summary
        if summary is None:
            return
        review = summary.review
        scene: AnyScene
        if key == "scores":
            scene = ScoresScene(self.app, self.flow, review)
        elif key == "reflect":
            scene = ReflectScene(self.app, self.flow, review)
        else:
            scene = SectionScene(self.app, self.flow, review, key, TITLES[key], READERS[key])
        self.app.pop_to(summary)
        self.app.push(scene)

    def debrief_hub(self) -> None:
        if self.summary is not None:
            self.app.pop_to(self.summary)

    def exported(self, done: Exported) -> None:
        from simulator.ui.review.exported import ExportedScene

        self.app.push(ExportedScene(self.app, self.flow, done))

    def compare(self, review: Review) -> None:
        from simulator.ui.review.compare import CompareScene

        self.app.push(CompareScene(self.app, self.flow, review))

    def decision(self, review: Review, cursor: Cursor) -> None:
        from simulator.ui.review.decision import DecisionScene

        self.app.push(DecisionScene(self.app, self.flow, review, cursor))

    def replay_from_here(self, review: Review, decision: DecisionPoint) -> None:
        """A new playthrough standing at this decision, with the state the trainee had there."""
        from simulator.records.store import StoreError, now
        from simulator.ui.kit.notice import NoticeScene

        store = self.store
        set_aside = 0
        if store is not None:
            self.settle()
            try:
                set_aside = self.set_aside(store.unfinished(review.scenario.id), now())
            except StoreError as exc:
                self.problem(str(exc))
        run = review.replay(decision, store=store, saver=self.saver if store is not None else None, on_problem=self.problem)
        title = review.scenario.episode_by_id[decision.episode].title
        body = [
            f"You are back at decision {decision.number}, in {title}, with the scores, trust and clock you had there. Choose again and see where it goes.",
            "This is a new playthrough, saved as you go; the one you are replaying stays in your records."
            if run.saving
            else "This replay is not being saved.",
        ]
        if set_aside:
            body.append("The unfinished playthrough of this case you had has been set aside in your records, so Continue offers this one.")
        self.flow.start_play(run, first=[NoticeScene(self.app, self, "Replay from here", body, button="Go to the decision")])

    # -- past playthroughs ----------------------------------------------------------------
    def past(self) -> None:
        from simulator.ui.review.past import PastScene

        self.app.push(PastScene(self.app, self.flow, self.catalog))

    def past_list(self) -> PastList:
        from simulator.services.past import past_playthroughs

        if self.store is not None:
            self.settle()
        return past_playthroughs(self.store)

    def past_menu(self, playthrough: Playthrough) -> None:
        from simulator.ui.review.past import PastMenu

        self.app.push(PastMenu(self.app, self.flow, playthrough))

    def open_saved(self, playthrough: Playthrough, what: Literal["debrief", "compare"]) -> None:
        """A saved playthrough's debrief or compare timeline, in place of the menu that offered it."""
        from simulator.services.review import Review, ReviewError
        from simulator.ui.review.compare import CompareScene
        from simulator.ui.review.debrief import DebriefScene

        found = self.catalog.find(playthrough.scenario_id)
        if found is None or self.store is None:
            self.notice("This case is not here", [f"{playthrough.scenario_title} is not installed on this computer (or has problems in its files). The playthrough is kept safely in your records."])
            return
        self.settle()
        try:
            review = Review.of_saved(found[1], playthrough, self.store, self.saver, on_problem=self.problem)
        except ReviewError as exc:
            self.notice("This playthrough cannot be opened", [str(exc), "It is kept in your records; nothing was changed."])
            return
        self.app.pop()
        if what == "debrief":
            self.summary = DebriefScene(self.app, self.flow, review, from_list=True)
            self.app.push(self.summary)
        else:
            self.app.push(CompareScene(self.app, self.flow, review))
