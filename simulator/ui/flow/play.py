"""The flow of play: the cards after each action, pause, history, rewind, skip, the ending, and the next screen got ready.

Play's screens, and the engine under them, are imported when a case begins
(inside the moves), so the first frame waits only for the title.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from simulator.ui.flow.base import FlowBase
from simulator.ui.shell.title import TitleScene

if TYPE_CHECKING:
    import pygame

    from simulator.authoring.watch import Watcher
    from simulator.engine.session import Session
    from simulator.engine.shown import Option
    from simulator.engine.state import Step
    from simulator.scenario.model import Scenario, Term
    from simulator.services.run import Run
    from simulator.ui.kit.document import DocScene
    from simulator.ui.kit.look import Look
    from simulator.ui.kit.scene import AnyScene
    from simulator.ui.play.ending import EndingScene
    from simulator.ui.play.feedback import FeedbackScene
    from simulator.ui.play.scene import PlayScene
    from simulator.ui.play.transition import TransitionScene


class PlayFlow(FlowBase):
    """One playthrough on screen at a time (``playing``), with the cards still to read over it."""

    playing: PlayScene | None = None
    _first: PlayScene | None = None  # a new playthrough's first moment, laid out while the prebrief is read
    _cards: list[AnyScene]
    _feedback: dict[str, FeedbackScene]  # the decision's feedback cards by option, laid out while it is read
    _ending: EndingScene | None = None  # the case's ending, made while the last page before it is read
    _transition: TransitionScene | None = None  # the next episode's card, made while the page or prebrief before it is read
    _watcher: Watcher | None = None

    def start_play(self, run: Run, *, resumed: bool = False, first: list[AnyScene] | None = None, line: int = 0) -> None:
        """Show ``run`` over the title, starting with ``first`` (by default the episode's title card), its moment at ``line``."""
        from simulator.ui.play.scene import PlayScene
        from simulator.ui.play.transition import TransitionScene

        self.app.art.use_scenario(run.session.scenario)
        play = PlayScene(self.app, self.flow, run, line)
        if not line and not resumed and first is None:
            play.next_moment, self._first = self._first, None  # laid out while the prebrief was read (its layout is taken if it matches)
        self.playing = play
        self._watch(run.session.scenario)
        self._cards = [self._card_ahead(run, resumed) or TransitionScene(self.app, self.flow, run.session, resumed, run.coach)] if first is None else first
        self.app.reset(TitleScene(self.app, self.flow), play)

    # -- reloading while writing ---------------------------------------------------------------
    def _watch(self, scenario: Scenario) -> None:
        """Notice saves to the case's files (its folder and its evidence folders) while it is played."""
        from simulator.authoring.watch import Watcher

        roots = [p for p in (scenario.folder, *scenario.evidence.folders) if p is not None]
        self._watcher = Watcher(lambda: roots) if roots else None

    def saved_changes(self, play: PlayScene) -> bool:
        """Whether the case's files were saved since play began or last reloaded (then it reloads); polled about once a second."""
        if self._watcher is None or play is not self.playing or self.options.auto:
            return False
        if not self._watcher.changed():
            return False
        self.reload(play)
        return True

    def reload(self, play: PlayScene) -> None:
        """Load the case again and put the trainer back where they were; a problem in the files is a located message, not a crash."""
        from simulator.scenario import Severity
        from simulator.services.reload import replay_onto, words

        run = play.run
        old = run.session.scenario
        path = self.catalog.path_of(old.id) or old.folder
        if path is None:
            return
        result = self.catalog.reload(path)
        if not result.ok or result.scenario is None:
            errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
            shown = [d.render() for d in errors[:6]] + ([f"... and {len(errors) - 6} more (doorstep validate {path})"] if len(errors) > 6 else [])
            self.notice(
                "The case has a problem in its files",
                ["Play carries on with the version loaded before; fix this, save, and it reloads by itself (or press F5).", *shown],
                over=True,
            )
            return
        scenario = result.scenario
        if scenario.id != old.id:
            self.notice("The case was renamed", [f"Its id is now `{scenario.id}`; start it again from the title to play that version."], over=True)
            return
        replayed = replay_onto(scenario, run.session.save())
        self.app.art.use_scenario(scenario, fresh=True)
        play.run = run.adopt(replayed.session, replayed.kept)
        self._watch(scenario)
        self._cards = []
        self.app.pop_to(play)
        play.next_moment = None  # laid out from the files as they were
        play.refresh()
        self.notice("Reloaded", words(replayed, scenario.title), over=True)

    # -- the cards over play --------------------------------------------------------------
    def next_card(self, play: PlayScene) -> bool:
        if play is not self.playing or not self._cards:
            return False
        self.app.push(self._cards.pop(0))
        return True

    def acted(self, play: PlayScene, option: Option | None, step: Step, *, skipped: bool, new_episode: bool) -> None:
        """Feedback (coach setting), a note after a skip, a new episode's card; then the next moment, once they are read."""
        from simulator.services.care import SKIPPED
        from simulator.ui.kit.notice import NoticeScene
        from simulator.ui.play.feedback import FeedbackScene, feedback_paras
        from simulator.ui.play.transition import TransitionScene

        run = play.run
        cards: list[AnyScene] = []
        ready, self._feedback = self._feedback, {}
        if run.coach:
            body = feedback_paras(run.session, option, step)
            card = ready.get(option.id) if option is not None else None
            if body and card is not None and card.body == body and card.app is self.app:
                cards.append(card)  # laid out (and its words rendered) while the decision was read
            elif body:
                cards.append(FeedbackScene(self.app, self.flow, body, "Feedback" if option is not None else "On the case clock"))
        if skipped:
            cards.insert(0, NoticeScene(self.app, self, "Scene skipped", SKIPPED))
        fresh: TransitionScene | None = None
        if new_episode:
            episode_card = self._card_ahead(run)
            if episode_card is None:
                episode_card = fresh = TransitionScene(self.app, self.flow, run.session, coach=run.coach)
            cards.append(episode_card)
        self._cards = cards
        if cards and not (self.app.pilot is not None and self.app.pilot.fast):  # (auto play at speed 0 reads no card: PlayScene._still_here)
            steps = len(play.run.session.state.steps)  # unless the trainee has moved on by then
            self.app.later(lambda: self.prepare_moment(play.run) if len(play.run.session.state.steps) == steps else None)  # while the card is read
            if fresh is not None and cards[0] is not fresh:  # the new episode's card after the feedback: laid out and drawn while that is read
                self.app.later(functools.partial(self._warm_waiting, fresh))
        play.on_enter()

    def back_to_play(self) -> None:
        """Close whatever is over play (pause, a feedback card) and drop the cards still to come."""
        self._cards = []
        if self.playing is not None:
            self.app.pop_to(self.playing)

    # -- pause and what it offers -------------------------------------------------------------
    def pause(self) -> None:
        from simulator.ui.shell.pause import PauseScene

        if self.playing is not None:
            self.app.push(PauseScene(self.app, self.flow, self.playing.run))

    def glossary(self, first: list[Term]) -> None:
        from simulator.ui.play.glossary import GlossaryScene

        if self.playing is not None:
            self.app.push(GlossaryScene(self.app, self, self.playing.run.session.scenario.glossary, first))

    def history(self, run: Run) -> None:
        from simulator.ui.play.history import HistoryScene

        play = self.playing
        reached = play.reached if play is not None and play.run is run else None  # never the lines still to come
        self.app.push(HistoryScene(self.app, self, run, reached))

    def rewind(self) -> None:
        """Back to the last decision (coach setting), from play or from over its feedback card."""
        play = self.playing
        self.back_to_play()
        if play is not None and play.run.rewind():
            play.refresh()

    def skip(self) -> None:
        """Step out of the rest of this scene, unscored."""
        from simulator.engine.actions import SKIP

        play = self.playing
        self.back_to_play()
        if play is not None and play.run.can_skip:
            play.act(SKIP)

    def ending(self, run: Run) -> None:
        from simulator.ui.play.ending import EndingScene

        card, self._ending = self._ending, None
        if card is not None and card.ending == run.session.ending and card.backdrop == run.session.location:
            card.run = run  # made and drawn while the last page was read: the same ending, now this playthrough's
        else:
            card = EndingScene(self.app, self.flow, run)
        self.app.push(card)

    # -- getting the next screen ready while the trainee reads ----------------------------------
    def prepare_feedback(self, session: Session) -> None:
        from simulator.engine.actions import Choose
        from simulator.ui.play.feedback import FeedbackScene, feedback_paras

        look = self.app.look
        self._feedback = {}
        for option in session.options:
            trial = session.copy()
            step = trial.act(Choose(option.id))
            body = feedback_paras(trial, option, step)
            if body:
                card = FeedbackScene(self.app, self.flow, body)
                card.layout(look)
                look.prerender(card.pages[:1])
                card.group.prerender(look)
                card.draw_ahead(self.scratch())
                self._feedback[option.id] = card  # shown as it is if this is chosen and its words are the same then

    def _warm_waiting(self, card: TransitionScene) -> None:
        """A card still to come after the one on screen, laid out and drawn now, unless it has been dropped meanwhile."""
        if card in self._cards:
            warm_card(card, self.app.look, self.scratch())
            card.t, card.ready = 0.0, False  # its fade starts once it is on screen, as a card made then would

    def _card_ahead(self, run: Run, resumed: bool = False) -> TransitionScene | None:
        """The new episode's card made and drawn while the page or prebrief before it was read, if it says what it would now."""
        from simulator.ui.play.transition import transition_paras

        card, self._transition = self._transition, None
        if card is None or resumed or card.episode != run.session.state.episode or card.body != transition_paras(run.session, False, run.coach):
            return None
        card.t, card.ready = 0.0, False  # its fade starts once it is on screen, as a card made now would
        return card

    def scratch(self) -> pygame.Surface:
        """A surface the size of the window to draw cards ahead on (the window's own, shared with pages drawn ahead)."""
        return self.app.scratch()

    def prepare_next(self, run: Run) -> None:
        from simulator.engine.actions import CONTINUE
        from simulator.services.run import Run

        session = run.session
        if not session.can_proceed:
            return
        trial = session.copy()
        trial.act(CONTINUE)
        if trial.ending is not None:  # the case ends here: its ending laid out and drawn now
            from simulator.ui.play.ending import EndingScene

            self._ending = EndingScene(self.app, self.flow, Run(trial, run.mode))
            warm_card(self._ending, self.app.look, self.scratch())
        if trial.state.episode != session.state.episode:  # a new episode's card comes first: its words laid out now too
            from simulator.ui.play.transition import TransitionScene

            self._transition = TransitionScene(self.app, self.flow, trial, coach=run.coach)
            warm_card(self._transition, self.app.look, self.scratch())
        self.prepare_moment(Run(trial, run.mode))

    def prepare_first(self, run: Run) -> None:
        """A new playthrough's first card and moment, laid out and drawn while the prebrief is read (``run`` is a trial)."""
        from simulator.ui.play.ahead import prepare
        from simulator.ui.play.scene import PlayScene
        from simulator.ui.play.transition import TransitionScene

        look = self.app.look
        self._transition = TransitionScene(self.app, self.flow, run.session, False, run.coach)
        warm_card(self._transition, look, self.scratch())
        shell = PlayScene(self.app, self.flow, run)
        shell.layout(look)
        look.prerender([leaf.page for _, leaf in shell.stages[:2] if leaf is not None])
        shell.group.prerender(look)
        prepare(shell, 0)
        self._first = shell
        self._when_pictures(shell)

    def prepare_moment(self, run: Run) -> None:
        from simulator.ui.play.scene import PlayScene

        look = self.app.look
        shell = PlayScene(self.app, self.flow, run)
        if self.playing is not None:  # its mood frames on the beat of the ones on screen, as they will be when it is shown
            shell.stage.clock, shell.stage.tick = self.playing.stage.clock, self.playing.stage.tick
        shell.layout(look)
        look.prerender([leaf.page for _, leaf in shell.stages[:2] if leaf is not None])
        (shell.choice_group() if shell.moment.choices else shell.group).prerender(look)
        if self.playing is not None:
            from simulator.ui.play.ahead import prepare

            prepare(shell, 0)  # its first page drawn too: showing it is a copy (play/ahead.py)
            self.playing.next_moment = shell
            self._when_pictures(shell)

    def _when_pictures(self, shell: PlayScene) -> None:
        """A card is read over play (play's own update, which would retry, waits under it): a first page that waited for
        pictures from the art thread is drawn ahead again once they come, unless play has moved on from that moment."""
        if shell.ahead.pending is None:
            return

        def again() -> None:
            from simulator.ui.play.ahead import prepare

            play = self.playing
            wanted = self._first is shell or (play is not None and play.next_moment is shell)
            if wanted and shell.ahead.pending is not None:
                shell.ahead.pending = None
                prepare(shell, 0)
                self._when_pictures(shell)

        self.app.when_pictures(again)


def warm_card(card: DocScene[Any], look: Look, scratch: pygame.Surface | None = None) -> None:
    """Lay a card out and draw it once, out of sight (a surface of one pixel), so showing it finds its pages and words ready;
    with ``scratch`` (a surface the size of the window), the card that will be shown is drawn ahead too (DocScene.draw_ahead)."""
    import pygame

    card.layout(look)
    look.prerender(card.pages[:1])
    card.group.prerender(look)
    if look.log is None:  # a test reading every drawn line reads only what is on screen
        card.draw(pygame.Surface((1, 1)))
        if scratch is not None:
            card.draw_ahead(scratch)
