"""Choose a case: its summary, how long it takes, and its content notes, before anything starts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.services.catalog import Catalog
from simulator.ui.kit.document import DocScene
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button
from simulator.ui.shell.moves import ShellMoves

if TYPE_CHECKING:
    from simulator.scenario.loader import LoadResult
    from simulator.scenario.model import Scenario
    from simulator.ui.kit.app import App
    from simulator.ui.kit.pilot import Pilot


def case_span(s: Scenario) -> str:
    """How long the case runs, in its own unit: "over 6 weeks", "over 11 months", "over a month", "within a week"."""
    last = s.calendar.date_of(s.last_day)
    days = (last - s.calendar.referral).days
    if s.scale == "weeks":
        weeks = -(-days // 7)
        return f"over {weeks} weeks" if weeks > 1 else "within a week"
    months = s.calendar.month_of(s.last_day)
    return f"over {months} months" if months > 1 else "over a month" if months == 1 else "within a month"


def case_paras(result: LoadResult, path: Path) -> list[Para]:
    """The picker's description of one scenario, or why it cannot be played."""
    if not result.ok:
        errors = result.errors
        paras = [
            para(path.name.replace("-", " ").capitalize(), "heading", "text", space_after=0.3),
            para(f"This case cannot be played yet: it has {len(errors)} problem{'s' if len(errors) != 1 else ''} in its files.", "body", "text"),
            para(f"A trainer can see them all with: doorstep validate {path}", "body", "muted"),
        ]
        paras.extend(para(d.message, "small", "muted", bullet=True, space_after=0.1) for d in errors[:3])
        return paras
    s = result.scenario
    assert s is not None  # a result without errors has its scenario
    span = case_span(s)
    paras = [
        para(s.title, "heading", "text", space_after=0.3),
        para(s.summary, "body", "text", space_after=0.5),
        Para((Span("About ", "body", "text"), Span(f"{s.estimated_minutes} minutes", "bold", "text"), Span(f": {len(s.episodes)} episode{'s' if len(s.episodes) != 1 else ''} {span}.", "body", "text")), space_after=0.2),
    ]
    if s.audience:
        paras.append(Para((Span("For: ", "bold", "text"), Span("; ".join(s.audience), "body", "text")), space_after=0.5))
    if s.content_notes:
        paras.append(para("Content notes", "bold", "text", space_after=0.15, keep_with_next=True))
        paras.extend(para(n, "body", "text", bullet=True, space_after=0.1) for n in s.content_notes)
        paras.append(para("You can pause with Esc, or save and step out, at any moment.", "body", "muted", space_before=0.4))
    return paras


class PickerScene(DocScene[ShellMoves]):
    """One case at a time, with Previous and Next case when there are several."""

    name = "picker"
    heading = "Choose a case"

    def __init__(self, app: App, moves: ShellMoves, catalog: Catalog) -> None:
        super().__init__(app, moves)
        self.catalog = catalog
        self.paths: list[Path] = catalog.paths
        self.index = self.paths.index(catalog.selected) if catalog.selected in self.paths else 0

    @property
    def path(self) -> Path | None:
        return self.paths[self.index] if self.paths else None

    def subtitle(self) -> str:
        return f"Case {self.index + 1} of {len(self.paths)}" if len(self.paths) > 1 else ""

    def paras(self) -> list[Para]:
        if self.path is None:
            return [para("No cases are installed. A trainer can add one to the scenarios folder, or open one with: doorstep play PATH", "body", "text")]
        return case_paras(self.catalog.load(self.path), self.path)

    def actions(self) -> list[Button]:
        out: list[Button] = []
        if len(self.paths) > 1:
            out.append(Button("Previous case", lambda: self.pick(-1), key="prev-case"))
            out.append(Button("Next case", lambda: self.pick(1), key="next-case"))
        playable = self.path is not None and self.catalog.scenario(self.path) is not None
        out.append(Button("Start this case", self.start, kind="primary", enabled=playable, key="start"))
        out.append(Button("Back", self.back, key="back"))
        return out

    def pick(self, step: int) -> None:
        self.index = (self.index + step) % len(self.paths)
        self.page = 0
        self.layout(self.look)

    def start(self) -> None:
        if self.path is not None:
            self.catalog.selected = self.path
            self.moves.prebrief(self.path)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name, self.index, self.page)

    def autoplay(self, pilot: Pilot) -> bool:
        self.group.focus_key("start")
        self.start()
        return True
