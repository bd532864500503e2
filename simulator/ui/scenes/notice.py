"""A calm notice: something the trainee should know (a damaged save set aside, a step-out)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulator.ui.scenes.doc import DocScene
from simulator.ui.text import Para, para
from simulator.ui.widgets import Button


class NoticeScene(DocScene):
    name = "notice"
    fit = True
    column = 820

    def __init__(self, app: Any, heading: str, body: list[str] | list[Para], button: str = "OK", on_ok: Callable[[], None] | None = None) -> None:
        super().__init__(app)
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
        self.app.pop()
        if self.on_ok is not None:
            self.on_ok()

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.heading, self.page)

    def autoplay(self, pilot: Any) -> bool:
        self.ok()
        return True
