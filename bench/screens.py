"""A picture of every screen of the window, taken the same way every time, and a pixel comparison of two sets.

Usage:
    python bench/screens.py take OUT [--assets DIR] [--scenarios DIR]
    python bench/screens.py compare BEFORE AFTER [--diffs DIR]

``take`` drives the window with the dummy video driver, by key presses as a
trainee would, through every screen: title, settings, past playthroughs,
picker, prebrief, name entry, play (reading, a decision, feedback, a new
episode), pause, history, rewind, skip, step out and Continue, the ending,
the debrief and each of its sections, reflection with typed answers, scores,
compare, a decision's detail and Replay from here, export, the past list and
its menu, the watch mode one after the other and side by side with its menu;
then a few of them again in high contrast and at 1024x600 with the largest
text (settings and Take a moment too); then Harris with How people seem on
(a glossary word marked, the glossary, the recap before episode 2, the bar,
the title's Continue). Each screen is saved as ``NN-label.png`` once it has settled (every
picture drawn). The clock the store reads is fixed and the seed is 0, so two
runs of the same code give the same pictures.

``compare`` matches the files by name and says, for each, whether it is
identical, how many pixels differ and where (the bounding box); with
``--diffs`` it writes a picture of each difference. Exit 0 when every
picture is identical and neither set has one the other lacks.

Use it around a change to the window: take a set on main, take one on the
branch (pass the same ``--assets`` and ``--scenarios`` to both, so content
landed in between does not count as a difference), and compare.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

FIXED_NOW = "2026-03-02T10:15:00+00:00"
EXPORTS = "/tmp/doorstep-screens/export"


def _patch_clock() -> None:
    """The store's clock, fixed before anything imports it, so dates on screen do not change between runs."""
    import simulator.records.store as store

    store.now = lambda: FIXED_NOW  # type: ignore[assignment]


def _driver() -> tuple[Any, Any, Any]:
    from simulator.ui.driver import Driver, make_app

    try:
        from simulator.services.settings import Settings
    except ImportError:  # before the window's restructure, settings lived in the window's package
        from simulator.ui.settings import Settings  # type: ignore[import-not-found, no-redef, unused-ignore]
    return Driver, make_app, Settings


class Tour:
    """Saves the window after each step under a label, numbered in order."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.count = 0
        self.d: Any = None

    def snap(self, label: str) -> None:
        d = self.d
        d.settle()
        while d.app.run_task():
            pass
        d.app.dirty = True
        d.app.step([], dt=0.0)
        d.settle()
        self.count += 1
        pygame.image.save(d.app.surface, str(self.out / f"{self.count:02d}-{label}.png"))

    def key(self, key: int, times: int = 1) -> None:
        for _ in range(times):
            self.d.key(key)

    def press(self, button: str) -> None:
        if not self.d.tab_to(button):
            raise SystemExit(f"screens: no button `{button}` on {self.d.top.name}")
        self.d.key(pygame.K_RETURN)

    def text(self, words: str) -> None:
        for ch in words:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
            self.d.app.step(dt=0.0)

    def until(self, name: str, onward: Callable[[], None], limit: int = 400) -> None:
        for _ in range(limit):
            if self.d.top.name == name:
                return
            onward()
        raise SystemExit(f"screens: never reached {name}; stuck at {self.d.top.name}")


def _choosing(d: Any) -> bool:
    top = d.top
    return bool(top.name == "play" and top.stages[top.index][0] == "choose")


def _enabler(d: Any) -> None:
    """At a decision, the first enabler option as written; elsewhere Enter."""
    if _choosing(d):
        offered = sorted(d.top.run.session.choices, key=lambda c: c.order)
        pick = next((c for c in offered if c.path == "enabler"), offered[0])
        d.choose(pick.id)
    else:
        d.key(pygame.K_RETURN)


def play_tour(t: Tour, folder: Path, scenario: Path, make_app: Any) -> None:
    t.d = d = _driver()[0](make_app(folder, scenario, size=(1280, 720)))
    t.snap("title")
    t.press("settings")
    t.snap("settings")
    t.key(pygame.K_ESCAPE)
    t.press("past")
    t.snap("past-empty")
    t.key(pygame.K_ESCAPE)
    t.press("new")
    t.snap("picker")
    t.press("start")
    t.snap("prebrief")
    t.press("name")
    t.snap("name-entry")
    t.text("Sam Okafor")
    t.snap("name-typed")
    t.key(pygame.K_RETURN)
    t.snap("prebrief-named")
    t.press("begin")
    t.snap("transition")
    t.key(pygame.K_RETURN)
    t.snap("play-read")
    t.until("play", lambda: None)
    for _ in range(40):
        if _choosing(d):
            break
        d.key(pygame.K_RETURN)
    t.snap("play-choose")
    _enabler(d)
    t.snap("feedback")
    t.key(pygame.K_ESCAPE)
    t.snap("pause-over-feedback")
    t.press("moment")
    t.snap("take-a-moment")
    t.key(pygame.K_ESCAPE)
    t.press("history")
    t.snap("history")
    t.key(pygame.K_ESCAPE)
    t.press("settings")
    t.snap("settings-over-pause")
    t.key(pygame.K_ESCAPE)
    t.press("rewind")
    t.snap("rewound")
    _enabler(d)
    t.key(pygame.K_RETURN)
    t.snap("after-feedback")
    t.key(pygame.K_ESCAPE)
    t.press("skip")
    t.snap("skipped-notice")
    t.key(pygame.K_RETURN)
    t.snap("after-skip")
    t.key(pygame.K_ESCAPE)
    t.press("step-out")
    t.snap("stepped-out")
    t.key(pygame.K_RETURN)
    t.snap("title-continue")
    t.press("continue")
    t.snap("resumed")
    t.until("ending", lambda: _enabler(d))
    t.snap("ending")
    t.key(pygame.K_RETURN)
    t.snap("debrief")
    for key in ("ending", "scores", "moments", "clock", "reflect", "evidence", "support", "choices"):
        t.press(key)
        t.snap(f"debrief-{key}")
        if key == "reflect":
            t.text("The visit went better once I slowed down.")
            t.key(pygame.K_TAB)
            t.text("Worried that Dana would shut the door.")
            t.snap("debrief-reflect-typed")
        t.key(pygame.K_ESCAPE)
    t.press("compare")
    t.snap("compare")
    t.key(pygame.K_RIGHT)
    t.snap("compare-cursor")
    t.key(pygame.K_RETURN)
    t.snap("decision")
    t.key(pygame.K_ESCAPE)
    t.key(pygame.K_ESCAPE)
    t.press("export")
    t.snap("exported")
    t.key(pygame.K_ESCAPE)  # Enter would open the report in a browser
    t.press("home")
    t.snap("title-after")
    t.press("past")
    t.snap("past")
    t.key(pygame.K_RETURN)
    t.snap("past-menu")
    t.press("compare")
    t.snap("past-compare")
    t.key(pygame.K_RETURN)
    t.press("replay")
    t.snap("replay-notice")
    t.key(pygame.K_RETURN)
    t.snap("replayed")
    d.app.close()


def watch_tour(t: Tour, folder: Path, scenario: Path, make_app: Any, size: tuple[int, int], tag: str) -> None:
    t.d = d = _driver()[0](make_app(folder, scenario, size=size))
    t.press("watch")
    t.snap(f"{tag}-episodes")
    t.key(pygame.K_RETURN)
    t.snap(f"{tag}-intro")
    t.key(pygame.K_RETURN)
    for i in range(60):
        if not d.top.name.startswith("watch-") or d.top.name in ("watch-intro", "watch-between", "watch-closing"):
            break
        if i in (0, 2, 5):
            t.snap(f"{tag}-{d.top.name}-{i}")
        if i == 3:
            t.key(pygame.K_ESCAPE)
            t.snap(f"{tag}-menu")
            t.key(pygame.K_ESCAPE)
        d.key(pygame.K_RIGHT)
    t.snap(f"{tag}-{d.top.name}")
    d.app.close()


def variants(t: Tour, folder: Path, scenario: Path, make_app: Any, settings: Any, tag: str, size: tuple[int, int]) -> None:
    t.d = d = _driver()[0](make_app(folder, scenario, size=size, settings=settings))
    t.snap(f"{tag}-title")
    t.press("new")
    t.press("start")
    t.snap(f"{tag}-prebrief")
    t.press("begin")
    t.key(pygame.K_RETURN)
    for _ in range(40):
        if _choosing(d):
            break
        d.key(pygame.K_RETURN)
    t.snap(f"{tag}-choose")
    _enabler(d)
    t.snap(f"{tag}-feedback")
    t.key(pygame.K_ESCAPE)
    t.snap(f"{tag}-pause")
    t.press("settings")
    t.snap(f"{tag}-settings")
    t.key(pygame.K_ESCAPE)
    t.press("moment")
    t.snap(f"{tag}-take-a-moment")
    d.app.close()


def harris_tour(t: Tour, folder: Path, scenario: Path, make_app: Any, settings: Any) -> None:
    """Harris in the coach setting with How people seem on: a marked glossary word, the glossary, the recap before episode 2."""
    t.d = d = _driver()[0](make_app(folder, scenario, size=(1280, 720), settings=settings))
    t.press("new")
    t.press("start")
    t.press("begin")
    t.key(pygame.K_RETURN)
    for _ in range(400):
        if d.top.name == "play" and d.top.page_terms():
            break
        if _choosing(d):
            _enabler(d)
        else:
            d.key(pygame.K_RETURN)
    t.snap("harris-glossary-word")
    t.key(pygame.K_g)
    t.snap("harris-glossary")
    t.key(pygame.K_ESCAPE)
    for _ in range(400):
        if d.top.name == "play" and any(item.text.startswith("How they seem") for item in d.top.bar.items):
            break
        if _choosing(d):
            _enabler(d)
        else:
            d.key(pygame.K_RETURN)
    t.snap("harris-seem")
    for _ in range(400):
        if d.top.name == "transition" and d.top.episode != d.top.app.flow.playing.run.session.scenario.episodes[0].id:
            break
        if _choosing(d):
            _enabler(d)
        else:
            d.key(pygame.K_RETURN)
    t.snap("harris-recap")
    t.key(pygame.K_RETURN)
    t.until("play", lambda: d.key(pygame.K_RETURN))
    t.snap("harris-episode-2")
    t.key(pygame.K_ESCAPE)
    t.press("step-out")
    t.until("title", lambda: d.key(pygame.K_RETURN))
    d.app.flow.settle()
    d.top.on_enter()
    t.snap("harris-title-continue")
    d.app.close()


def take(out: Path, assets: Path | None, scenarios: Path | None) -> int:
    if assets is not None:
        os.environ["DOORSTEP_ASSETS"] = str(assets)
    if scenarios is not None:
        os.environ["DOORSTEP_SCENARIOS"] = str(scenarios)
    root = Path(os.environ.get("DOORSTEP_SCENARIOS", Path(__file__).resolve().parent.parent / "scenarios"))
    example = root.parent / "docs" / "examples" / "small-visit"
    harris = root / "harris-family"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    _patch_clock()
    _, make_app, Settings = _driver()
    t = Tour(out)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DOORSTEP_EXPORT_DIR"] = EXPORTS  # shown on screen: the same folder every run
        base = Path(tmp)
        play_tour(t, base / "example", example, make_app)
        watch_tour(t, base / "watch", example, make_app, (1280, 720), "watch")
        watch_tour(t, base / "side", harris, make_app, (1600, 900), "side")
        variants(t, base / "hc", harris, make_app, Settings(high_contrast=True), "contrast", (1280, 720))
        variants(t, base / "small", harris, make_app, Settings(text_size=3), "largest", (1024, 600))
        harris_tour(t, base / "harris", harris, make_app, Settings(seem=True))
    print(f"screens: {t.count} pictures in {out}")
    return 0


def compare(before: Path, after: Path, diffs: Path | None) -> int:
    a = {p.name: p for p in before.glob("*.png")}
    b = {p.name: p for p in after.glob("*.png")}
    same = differ = 0
    if diffs is not None:
        diffs.mkdir(parents=True, exist_ok=True)
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            print(f"{name}: only {'after' if name in b else 'before'}")
            differ += 1
            continue
        one, two = pygame.image.load(str(a[name])), pygame.image.load(str(b[name]))
        if one.get_size() != two.get_size():
            print(f"{name}: sizes differ {one.get_size()} vs {two.get_size()}")
            differ += 1
            continue
        left, right = pygame.image.tobytes(one, "RGB"), pygame.image.tobytes(two, "RGB")
        if left == right:
            same += 1
            continue
        w, h = one.get_size()
        xs, ys, count = [], [], 0
        for i in range(0, len(left), 3):
            if left[i : i + 3] != right[i : i + 3]:
                count += 1
                px = i // 3
                xs.append(px % w)
                ys.append(px // w)
        print(f"{name}: {count} pixels differ ({100 * count / (w * h):.2f}%), in x {min(xs)}-{max(xs)}, y {min(ys)}-{max(ys)}")
        differ += 1
        if diffs is not None:
            mark = two.copy()
            for x, y in zip(xs, ys, strict=True):
                mark.set_at((x, y), (255, 0, 255))
            pygame.image.save(mark, str(diffs / name))
    print(f"compare: {same} identical, {differ} different")
    return 0 if differ == 0 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("take")
    t.add_argument("out", type=Path)
    t.add_argument("--assets", type=Path)
    t.add_argument("--scenarios", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--diffs", type=Path)
    args = parser.parse_args()
    if args.command == "take":
        return take(args.out, args.assets, args.scenarios)
    return compare(args.before, args.after, args.diffs)


if __name__ == "__main__":
    sys.exit(main())
