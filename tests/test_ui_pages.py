"""Every page whole, read as a trainee reads it: every screen of both canonical paths and the watch mode, for every shipped case.

At 1024x600 with the largest text and at 1920x1080 with the smallest, the
window is driven through each shipped scenario twice (the enabler path and
the barrier path, in the coach setting so every feedback card shows), with
pause, history and settings opened on the way, every document paged to its
end, every debrief section, compare and each decision's detail; then the
whole watch mode, every beat and card. :class:`ui_pages.Reader` reads every
page the window laid out and every plate and line it drew (see its notes for
what fails). The rule is tested, not the pages: a scenario's words may change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from ui_check import on_path
from ui_pages import Layout, Reader, judge

from simulator.scenario import load_scenario
from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.text import Para, para

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED = [PROJECT / "scenarios" / name for name in ("harris-family", "jay-residential", "campbell-care-act")]
SIZES = [((1024, 600), Settings(text_size=3), None), ((1920, 1080), Settings(text_size=0), "Sam Okafor")]  # the scenario's worker, then a trainee's own name
PLAYING = ("watch-barrier", "watch-enabler", "watch-side-by-side")


class Tour:
    """Drives the window and lets the reader look after every key."""

    def __init__(self, d: Driver, reader: Reader) -> None:
        self.d = d
        self.reader = reader
        reader.look_at(d.app)

    def key(self, k: int) -> None:
        self.d.key(k)
        self.reader.look_at(self.d.app)

    def tab_to(self, key: str) -> None:
        assert self.d.tab_to(key), f"no {key} on {self.d.top.name}"
        self.reader.look_at(self.d.app)

    def page_through(self) -> None:
        """Every page of the screen on top, to the last."""
        top = self.d.top
        for _ in range(200):
            if not getattr(top, "pages", None) or top.page >= len(top.pages) - 1:
                return
            self.key(pygame.K_PAGEDOWN)

    def play(self, path: str, *, detour: bool) -> None:
        """New playthrough on ``path`` to the debrief, reading every page (and opening pause, history, settings once)."""
        d = self.d
        self.tab_to("new")
        self.key(pygame.K_RETURN)
        choose = on_path(path)
        decisions = 0
        for _ in range(6000):
            top = d.top
            if top.name == "debrief":
                return
            if top.name == "picker":
                self.tab_to("start")
                self.key(pygame.K_RETURN)
            elif top.name == "prebrief":
                self.page_through()
                if top.mode != "coach":
                    self.tab_to("mode")
                    self.key(pygame.K_RETURN)
                self.tab_to("begin")
                self.key(pygame.K_RETURN)
            elif top.name == "play" and top.stages[top.index][0] == "choose":
                decisions += 1
                if detour and decisions == 2:
                    self.pause_menu()
                d.choose(choose(top.run.session.choices))
                self.reader.look_at(d.app)
            elif getattr(top, "pages", None) and top.page < len(top.pages) - 1:
                self.key(pygame.K_PAGEDOWN)
            else:
                self.key(pygame.K_RETURN)
        raise AssertionError(f"no debrief on the {path} path; stuck at {d.top.name}")

    def pause_menu(self) -> None:
        self.key(pygame.K_ESCAPE)
        assert self.d.top.name == "pause"
        self.tab_to("history")
        self.key(pygame.K_RETURN)
        for _ in range(len(self.d.top.pages)):
            self.key(pygame.K_PAGEUP)
        self.key(pygame.K_ESCAPE)
        self.tab_to("moment")
        self.key(pygame.K_RETURN)
        self.page_through()
        self.key(pygame.K_ESCAPE)
        if self.d.tab_to("glossary"):  # a case that declares one
            self.reader.look_at(self.d.app)
            self.key(pygame.K_RETURN)
            self.page_through()
            self.key(pygame.K_ESCAPE)
        self.tab_to("settings")
        self.key(pygame.K_RETURN)
        self.key(pygame.K_ESCAPE)
        self.key(pygame.K_ESCAPE)
        assert self.d.top.name == "play"

    def debrief(self) -> None:
        """Every section in order, each paged through; the choices; compare and every decision's detail; then home."""
        d = self.d
        self.page_through()
        if d.tab_to("safety"):  # Safety first, offered when a safety error was made
            self.reader.look_at(d.app)
            self.key(pygame.K_RETURN)
            self.page_through()
            self.key(pygame.K_ESCAPE)
        self.tab_to("ending")
        self.key(pygame.K_RETURN)
        for _ in range(100):
            top = d.top
            self.page_through()
            if top.name == "debrief-support":
                break
            self.tab_to("next")
            self.key(pygame.K_RETURN)
        self.key(pygame.K_ESCAPE)
        self.tab_to("choices")
        self.key(pygame.K_RETURN)
        self.page_through()
        self.key(pygame.K_ESCAPE)
        self.tab_to("compare")
        self.key(pygame.K_RETURN)
        compare = d.top
        assert compare.name == "compare"
        for _ in range(200):
            if d.focused_key() != "detail":
                self.tab_to("detail")
            self.key(pygame.K_RETURN)
            if d.top is not compare:
                self.page_through()
                self.key(pygame.K_ESCAPE)
            before = compare.cursor
            self.tab_to("next")
            self.key(pygame.K_RETURN)
            if compare.cursor == before:
                break
        self.key(pygame.K_ESCAPE)
        self.tab_to("home")
        self.key(pygame.K_RETURN)
        assert d.top.name == "title"

    def watch(self) -> None:
        """The whole watch mode: every card paged, every beat of every version, episode after episode."""
        d = self.d
        self.tab_to("watch")
        self.key(pygame.K_RETURN)
        self.key(pygame.K_RETURN)
        for _ in range(20000):
            top = d.top
            if top.name == "watch-episodes":
                return
            if top.name in PLAYING:
                self.key(pygame.K_RIGHT)
            else:
                self.key(pygame.K_PAGEDOWN)  # a card: its pages, then on (a clicker's key)
        raise AssertionError("the watch mode never came back to the episode list")


@pytest.fixture(autouse=True)
def exports(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DOORSTEP_EXPORT_DIR", str(tmp_path / "exports"))


@pytest.mark.parametrize(("size", "settings", "name"), SIZES, ids=["1024x600-largest", "1920x1080-smallest"])
@pytest.mark.parametrize("scenario", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_page_of_every_screen_reads_whole(tmp_path: Path, monkeypatch, scenario: Path, size, settings, name):
    """Both canonical paths and the whole watch mode: no page ends mid-sentence where the sentence fits, no scraps, no clipping, no overlaps, no {placeholders}."""
    if not load_scenario(scenario).ok:
        pytest.skip(f"{scenario.name} does not validate")
    reader = Reader()
    reader.install(monkeypatch)
    d = Driver(make_app(tmp_path, scenario, size=size, settings=settings, text_log=reader, name=name))
    tour = Tour(d, reader)
    for path in ("enabler", "barrier"):
        tour.play(path, detour=path == "enabler")
        tour.debrief()
    tour.watch()
    d.app.close()
    problems = reader.problems()
    assert problems == [], f"{len(problems)} problems, the first: " + "\n".join(problems[:25])
    needed = {"title", "prebrief", "play", "feedback", "transition", "pause", "history", "notice", "settings", "ending", "debrief", "compare", "decision"}
    needed |= {"watch-intro", "watch-closing"}
    assert needed <= reader.screens, needed - reader.screens
    assert reader.screens & set(PLAYING)
    assert len(reader.layouts) > 50


# -- the reader itself, on pages made by hand: it must catch what it is for --------------------------
def laid(paras: list[Para], pages_words: list[list[str]], height: int = 200) -> Layout:
    """A Layout whose pages hold these words (one row per word is enough for the reader)."""
    from simulator.ui.kit.text import Page, Row, Run

    class FakeLook:
        class typeset:
            @staticmethod
            def line_height(style: str) -> int:
                return 20

    pages = [Page(tuple(Row(i * 20, 20, (Run(w, "body", "text", 0, 10),)) for i, w in enumerate(ws)), 20 * len(ws)) for ws in pages_words]
    return Layout(tuple(paras), 400, height, FakeLook(), pages, "test")  # type: ignore[arg-type]


def test_the_reader_finds_a_scrap_a_single_word_and_a_stranded_heading(monkeypatch):
    """A last page holding only 'yours.', a page of one word and a heading at a page's foot are all reported."""
    monkeypatch.setattr("ui_pages._height", lambda layout, p, s: 10_000)  # every sentence taller than the page
    words = ["It", "was", "the", "day", "the", "case", "was", "finally", "all", "yours."]
    assert any("one word" in p for p in judge(laid([para(" ".join(words))], [words[:-1], words[-1:]])))
    assert any("scrap" in p for p in judge(laid([para(" ".join(words))], [words[:-2], words[-2:]], height=200)))
    heading = para("Moments that mattered", "heading", keep_with_next=True)
    body = para("Two short sentences. Both fit.")
    assert any("heading" in p for p in judge(laid([heading, body], [["Moments", "that", "mattered"], ["Two", "short", "sentences.", "Both", "fit."]])))


def test_the_reader_finds_a_break_mid_sentence_where_the_sentence_fits(monkeypatch):
    """A page ending '...in June, an' when the sentence fits a page is reported; the same break in a sentence too tall for a page is not."""
    text = "Fiona moved in June, an assessment closed. She said no more."
    words = text.split()
    monkeypatch.setattr("ui_pages._height", lambda layout, p, s: 40)
    assert any("mid-sentence" in p for p in judge(laid([para(text)], [words[:4], words[4:]])))
    assert judge(laid([para(text)], [words[:7], words[7:]])) == []  # between sentences
    monkeypatch.setattr("ui_pages._height", lambda layout, p, s: 10_000)
    assert not any("mid-sentence" in p for p in judge(laid([para(text)], [words[:4], words[4:]])))


def test_the_reader_finds_a_split_citation(monkeypatch):
    """A 'Rests on:' citation or a bracket broken across two pages is reported when it would fit one."""
    monkeypatch.setattr("ui_pages._height", lambda layout, p, s: 40)
    text = "Rests on: Ferguson (2016); Munro (2011)."
    words = text.split()
    assert any("citation" in p for p in judge(laid([para(text)], [words[:4], words[4:]])))
