"""Pause (Esc, at any moment of play): resume, history, a grounding exercise and support, settings, rewind in practice, skip the scene, step out.

Nothing moves while paused. Stepping out is always fine: the playthrough is
already saved, and the title screen's Continue picks it up at the same
moment. Rewind is offered in the coach setting only; in the assessment
setting it is shown, switched off, with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.ui.kit.menu import MenuScene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button
from simulator.ui.shell.moves import ShellMoves

if TYPE_CHECKING:
    from simulator.services.run import Run
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


class PauseScene(MenuScene[ShellMoves]):
    name = "pause"
    overlay = True
    heading = "Paused"

    def __init__(self, app: App, moves: ShellMoves, run: Run) -> None:
        super().__init__(app, moves)
        self.run = run

    def intro(self) -> list[Para]:
        saved = "Everything so far is saved." if self.run.saving else "This playthrough is not being saved."
        return [para(f"The case waits here until you resume. {saved}", "body", "muted", space_after=0.2)]

    def buttons(self) -> list[Button]:
        run, moves = self.run, self.moves
        out = [
            Button("Resume", self.back, kind="primary", key="resume"),
            # Second, as the prebrief promises: never below the fold, whatever the text size.
            Button("Take a moment", lambda: moves.take_a_moment(run), detail="A short grounding exercise, and where to find support", key="moment"),
            Button("History", lambda: moves.history(run), detail="What was said and what you chose", key="history"),
            Button("Settings", moves.settings, key="settings"),
        ]
        if run.session.scenario.glossary:
            out.insert(3, Button("Glossary", lambda: moves.glossary([]), detail="The words this case uses, in plain terms (G in play)", key="glossary"))
        if run.coach:
            out.append(Button("Rewind one choice", moves.rewind, detail="Practice only: go back to your last decision", enabled=run.can_rewind, key="rewind"))
        else:
            out.append(Button("Rewind one choice", None, detail="Not in the assessment setting: choices stand, as in practice", enabled=False, key="rewind"))
        out.append(Button("Skip the rest of this scene", moves.skip, detail="Not scored; the case carries on from the next episode", enabled=run.can_skip, key="skip"))
        out.append(Button("Save and step out", lambda: moves.step_out(run), detail="Take a break; Continue brings you back here", key="step-out"))
        return out

    def autoplay(self, pilot: Pilot) -> bool:
        if not pilot.touring:
            return False  # the trainee paused: wait for them
        step = pilot.tour_next()
        if step in ("history", "moment", "settings"):
            self.group.focus_key(step)
            if step == "history":
                self.moves.history(self.run)
            elif step == "moment":
                self.moves.take_a_moment(self.run)
            else:
                self.moves.settings()
        else:
            self.back()
        return True
