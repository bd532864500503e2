"""A calm notice: something the trainee should know (a damaged save set aside, a step-out)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from simulator.ui.kit.document import DocScene
from simulator.ui.kit.scene import Moves
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.widgets import Button

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


class NoticeScene(DocScene[Moves]):
    """A heading, a few paragraphs and one button; Esc is the button too. ``on_ok`` runs once the notice has closed."""

    name = "notice"
    fit = True
    column = 820

    def __init__(self, app: App, moves: Moves, heading: str, body: Sequence[str | Para], button: str = "OK", on_ok: Callable[[], None] | None = None) -> None:
        super().__init__(app, moves)
        self.heading = heading
        self.body = [b if isinstance(b, Para) else para(b, "body", "text", space_after=0.5) for b in body]
        self.button = button
        self.on_ok = on_ok

    def paras(self) -> list[Para]:
        return self.body

    def actions(self) -> list[Button]:
        return [Button(self.button, self.ok, kind="primary", key="ok")]

    def back(self) -> None:
        self.ok()

    def ok(self) -> None:
        self.moves.close(self)
        if self.on_ok is not None:
            self.on_ok()

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.heading, self.page)

    def autoplay(self, pilot: Pilot) -> bool:
        self.ok()
        return True
