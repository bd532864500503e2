"""Pause (Esc, at any moment of play): resume, history, settings, rewind in practice, step out.

Nothing moves while paused. Stepping out is always fine: the playthrough is
already saved, and the title screen's Continue picks it up at the same
moment. Rewind is offered in the coach setting only; in the assessment
setting it is shown, switched off, with the reason.
"""

from __future__ import annotations

from typing import Any

from simulator.ui.scenes.menu import MenuScene
from simulator.ui.text import Para, para
from simulator.ui.widgets import Button


class PauseScene(MenuScene):
    name = "pause"
    overlay = True
    heading = "Paused"

    def __init__(self, app: Any, play: Any) -> None:
        super().__init__(app)
        self.play = play

    def intro(self) -> list[Para]:
        if self.play.watching:
            return [para("The journey waits here until you resume.", "body", "muted", space_after=0.2)]
        saved = "Everything so far is saved." if self.play.run.saving else "This playthrough is not being saved."
        return [para(f"The case waits here until you resume. {saved}", "body", "muted", space_after=0.2)]

    def buttons(self) -> list[Button]:
        run = self.play.run
        out = [
            Button("Resume", self.back, kind="primary", key="resume"),
            Button("History", self.history, detail="What was said and what you chose", key="history"),
            Button("Settings", self.settings, key="settings"),
        ]
        if self.play.watching:
            out.append(Button("Stop watching", self.app.flow.home, detail="Back to the title screen", key="step-out"))
            return out
        if run.coach:
            out.append(Button("Rewind one choice", self.rewind, detail="Practice only: go back to your last decision", enabled=run.can_rewind, key="rewind"))
        else:
            out.append(Button("Rewind one choice", None, detail="Not in the assessment setting: choices stand, as in practice", enabled=False, key="rewind"))
        out.append(Button("Skip the rest of this scene", self.skip, detail="Not scored; the case carries on from the next episode", enabled=run.can_skip, key="skip"))
        out.append(Button("Save and step out", self.step_out, detail="Take a break; Continue brings you back here", key="step-out"))
        return out

    def history(self) -> None:
        from simulator.ui.scenes.history import HistoryScene

        self.app.push(HistoryScene(self.app, self.play.run))

    def settings(self) -> None:
        from simulator.ui.scenes.settings_scene import SettingsScene

        self.app.push(SettingsScene(self.app))

    def rewind(self) -> None:
        self.play.rewind()

    def skip(self) -> None:
        self.play.skip()

    def step_out(self) -> None:
        self.app.flow.step_out(self.play.run)

    def autoplay(self, pilot: Any) -> bool:
        if not pilot.touring:
            return False  # the trainee paused: wait for them
        step = pilot.tour_next()
        if step == "history":
            self.group.focus_key("history")
            self.history()
        elif step == "settings":
            self.group.focus_key("settings")
            self.settings()
        else:
            self.back()
        return True
