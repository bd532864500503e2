"""Sending your records: whether Doorstep sends playthroughs to your course's Learning Record Store, and what.

Private by default: a pseudonym, not your name; your reflections stay here.
The trainee switches sending on or off and chooses to add their name or
their reflections; each change is saved at once (``lrs.json``). The address
and credentials come from whoever runs the course (``doorstep xapi setup``),
so the screen says who the records go to and never shows the password.
"""

from __future__ import annotations

import urllib.parse
from typing import TYPE_CHECKING, Any

from simulator.ui.kit.menu import MenuScene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button
from simulator.ui.shell.moves import SendingMoves

if TYPE_CHECKING:
    from simulator.ui.kit.pilot import Pilot


def _on(flag: bool) -> str:
    return "On" if flag else "Off"


class SendingScene(MenuScene[SendingMoves]):
    name = "sending"
    heading = "Sending your records"
    width = 900

    def intro(self) -> list[Para]:
        s = self.moves.lrs_settings()
        out: list[Para] = []
        if not s.endpoint:
            out.append(para(
                "Nothing is sent: no Learning Record Store is set up on this computer. If your course keeps its records in one, "
                "whoever runs the course can set it up here with doorstep xapi setup.",
                "body", "muted", space_after=0.4,
            ))
        else:
            host = urllib.parse.urlsplit(s.endpoint).netloc or s.endpoint
            out.append(para(
                f"Your playthroughs go to your course's record store at {host}, in the background, whenever there is a "
                "connection. There you have a made-up name, not your own, and your reflections stay on this computer, "
                "unless you choose otherwise below.",
                "body", "text", space_after=0.3,
            ))
        note = self.moves.lrs_note
        if note:
            out.append(para(note, "body", "muted", space_after=0.4))
        return out

    def buttons(self) -> list[Button]:
        s = self.moves.lrs_settings()
        status = self.moves.outbox_status()
        buttons: list[Button] = []
        if s.endpoint:
            buttons.append(Button(f"Send my playthroughs: {_on(s.enabled)}", lambda: self.change(enabled=not s.enabled), key="enabled"))
            buttons.append(Button(f"Add my name: {_on(s.send_name)}", lambda: self.change(send_name=not s.send_name), key="send-name"))
            buttons.append(Button(f"Share my reflections: {_on(s.send_reflections)}", lambda: self.change(send_reflections=not s.send_reflections), key="send-reflections"))
        if status is not None:
            waiting = status.waiting
            problem = " (the last try failed)" if status.last_error else ""
            buttons.append(Button(f"Outbox: {waiting} waiting{problem}", self.moves.outbox, key="outbox"))
        buttons.append(Button("Done", self.back, kind="primary", key="done"))
        return buttons

    def change(self, **changes: bool) -> None:
        failed = self.moves.change_sending(**changes)
        if failed:
            self.moves.notice("Sending your records", [failed])
        self.layout(self.look)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name,)

    def autoplay(self, pilot: Pilot) -> bool:
        if not pilot.touring:
            return False
        self.back()
        return True
