"""Which frames make bench_ui.py's p99: each timed frame named by the screen before it and the screen it drew.

``python bench/bench_ui.py --worst N`` prints, after the frame times, the N
frames of paging and of transitions that took the most of the main thread's
CPU (the part of a frame's time that is ours; the rest of its wall time is
waiting for a core or for the art thread), each as

    2.52 ms CPU (wall 2.60 ms)  play, page 5 of 5, choose -> feedback  [key; 57 frames play, choose -> feedback]

and how many frames of that kind (its page numbers aside) there were in all, so a cut can aim at the
kind of frame that makes the p99 rather than at one frame. The names come from
the bench's own driver (the screen on top, a play screen's page and whether it
reads or chooses); nothing in the window is changed to give them.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from simulator.ui.driver import Driver


class Frame(NamedTuple):
    cpu: float  # the main thread's CPU time, s
    wall: float
    before: str  # the screen on top before the pass
    after: str  # and after it
    key: bool  # a key press (else a pass of the loop at 60 Hz: a fade's step, a mood frame)

    @property
    def name(self) -> str:
        return f"{self.before} -> {self.after}"

    @property
    def kind(self) -> str:
        """The name without page numbers, but for a first page (a new moment's, as the bench never pages back)."""
        return re.sub(r"page \d+ of \d+, ", "", re.sub(r"page 1 of \d+, ", "first page, ", self.name))


FRAMES: dict[int, list[Frame]] = {}  # by the list of wall times the frame went to (bench_ui.CPU_SAMPLES' keys)


def screen(d: Driver) -> str:
    """The screen on top, named; a play screen with its page (of how many) and what the page asks."""
    top = d.top
    if top is None:
        return "nothing"
    if top.name == "play" and getattr(top, "stages", None):
        return f"play, page {top.index + 1} of {len(top.stages)}, {top.stages[top.index][0]}"
    return str(top.name)


def report(name: str, frames: list[Frame], n: int) -> None:
    """The ``n`` frames of ``frames`` that took the most CPU, by kind, with how many of each kind there were in all."""
    if not frames or n <= 0:
        return
    kinds = Counter(f.kind for f in frames)
    worst = sorted(frames, key=lambda f: f.cpu, reverse=True)[:n]
    print(f"  the {len(worst)} frames of {name} that took the most CPU (of {len(frames)}):")
    for f in worst:
        print(f"    {f.cpu * 1000:5.2f} ms CPU (wall {f.wall * 1000:5.2f} ms)  {f.name}  [{'key' if f.key else 'tick'}; {kinds[f.kind]} frames {f.kind}]")
