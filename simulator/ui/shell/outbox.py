"""The outbox: statements waiting for the Learning Record Store, and how sending last went.

Counts and the last error come from the store (the background sender keeps
them there), read again every few seconds while the screen is open, so a
retry in the background shows up without a key press. Try now asks the
sender to try at once instead of waiting out its back-off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.ui.kit.menu import MenuScene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button
from simulator.ui.shell.moves import SendingMoves

if TYPE_CHECKING:
    from simulator.records.outbox import Status
    from simulator.ui.kit.pilot import Pilot

REFRESH_S = 3.0


def _when(iso: str | None) -> str:
    """An ISO time as the trainee's own clock shows it: '6 Dec 2026, 10:02' (the store keeps UTC)."""
    if not iso:
        return "never"
    from simulator.wording import stored_time

    t = stored_time(iso)  # None when not a time, or too near year 1 or 9999 to move to this machine's zone
    if t is None:
        return iso
    if t.tzinfo is not None:
        t = t.astimezone()  # this machine's time zone: a trainee in summer time is not an hour out
    return f"{t.day} {t:%b %Y, %H:%M}"


class OutboxScene(MenuScene[SendingMoves]):
    name = "outbox"
    heading = "Outbox"
    width = 820

    def __init__(self, app: Any, moves: SendingMoves) -> None:
        super().__init__(app, moves)
        self._since = 0.0
        self._shown: Status | None = None

    def intro(self) -> list[Para]:
        status = self._shown = self.moves.outbox_status()
        if status is None:
            return [para("Your saved playthroughs cannot be read just now, so there is no outbox to show.", "body", "muted")]
        c = status.counts
        out = [
            para(f"{c['waiting']} waiting to be sent, {c['sent']} sent.", "body", "text", space_after=0.3),
        ]
        if c["voided"] or c["rejected"]:
            out.append(para(f"{c['voided']} taken back after a rewind or a change of mind; {c['rejected']} refused by the record store.", "body", "muted", space_after=0.3))
        out.append(para(f"Last sent: {_when(status.last_success_at)}.", "body", "muted", space_after=0.3))
        if status.last_error:
            out.append(para(f"Last problem ({_when(status.last_attempt_at)}): {status.last_error}.", "body", "text", space_after=0.3))
            if status.retry_at:
                out.append(para(f"Next try: {_when(status.retry_at)}. Nothing waiting is lost in the meantime.", "body", "muted", space_after=0.3))
        return out

    def buttons(self) -> list[Button]:
        done = Button("Done", self.back, kind="primary", key="done")
        if self._shown is not None and not self._shown.waiting:
            return [done]  # nothing to try: the button would do nothing
        return [Button("Try now", self.try_now, detail="Send what is waiting without waiting for the next try", key="try-now"), done]

    def try_now(self) -> None:
        self.moves.retry_sending()
        self._since = REFRESH_S - 1.0  # look again in a second

    def update(self, dt: float) -> bool:
        self._since += dt
        if self._since < REFRESH_S:
            return False
        self._since = 0.0
        if self.moves.outbox_status() == self._shown:
            return False
        self.layout(self.look)
        return True

    def wake_in(self) -> float | None:
        return max(0.0, REFRESH_S - self._since)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name,)

    def autoplay(self, pilot: Pilot) -> bool:
        if not pilot.touring:
            return False
        self.back()
        return True
