"""The window's debrief says what the report says: safety errors first, people by their short name, unchecked tags as unchecked, one citation style."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from ui_check import on_path, start_new

from simulator.engine.actions import CONTINUE, Choose
from simulator.engine.session import Session
from simulator.report.debrief import _source
from simulator.scenario import load_scenario
from simulator.scenario.cite import short_cite, with_check
from simulator.scenario.model import Source
from simulator.ui.driver import Driver, make_app
from simulator.ui.play.feedback import feedback_paras

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
RISK = "Dana now believes the visit is nothing, so she will not say what the school saw."


def words(paras) -> str:
    return " ".join("".join(s.text for s in p.spans) for p in paras)


def page_words(scene) -> str:
    return " ".join(run.text for page in scene.pages for row in page.rows for run in row.runs)


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """The small visit with its barrier choice at the door marked a safety error and filed under an unchecked PCF tag."""
    folder = tmp_path / "small-visit"
    shutil.copytree(EXAMPLE, folder)
    ep = folder / "episodes" / "doorstep.yaml"
    text = ep.read_text()
    old = "          tags: [swe-2.1]\n"
    assert old in text
    ep.write_text(text.replace(old, f'          tags: [pcf-4]\n          safety: "{RISK}"\n', 1))
    return folder


def test_coach_feedback_after_a_safety_error_says_so(case: Path):
    """The feedback card after a choice marked safety: carries its sentence under 'Safety:'; a choice without one carries none."""
    scenario = load_scenario(case).scenario
    assert scenario is not None
    for choice, said in (("just-a-chat", True), ("introduce-plainly", False)):
        s = Session.start(scenario, seed=1)
        for _ in range(50):
            if any(c.id == choice for c in s.choices):
                break
            s.act(Choose(s.choices[0].id) if s.choices else CONTINUE)
        option = s.option(choice)
        step = s.act(Choose(choice))
        text = words(feedback_paras(s, option, step))
        assert ("Safety: " + RISK in text) is said, text


def play_to_debrief(d: Driver, mode: str, path: str) -> None:
    """A new playthrough in ``mode``, every decision taken on ``path``'s option, Enter through the rest, to the debrief."""
    start_new(d, mode)
    choose = on_path(path)
    for _ in range(3000):
        top = d.top
        if top.name == "debrief":
            break
        if top.name == "play" and top.stages[top.index][0] == "choose":
            d.choose(choose(top.run.session.choices))
        else:
            d.key(pygame.K_RETURN)


def test_debrief_opens_on_safety_first_and_lists_each_error(case: Path, tmp_path: Path, monkeypatch):
    """After a safety error the debrief says so in its summary, offers Safety first as its first section (focused), and that section lists it."""
    monkeypatch.setenv("DOORSTEP_EXPORT_DIR", str(tmp_path / "out"))
    d = Driver(make_app(tmp_path, case))
    play_to_debrief(d, "assessment", "barrier")
    assert d.top.name == "debrief"
    summary = page_words(d.top)
    assert "1 of your choices was a safety error" in summary
    assert d.focused_key() == "safety"
    d.key(pygame.K_RETURN)
    assert d.top.name == "debrief-safety"
    text = page_words(d.top)
    assert RISK in text and "Say it is nothing to worry about" in text
    d.key(pygame.K_ESCAPE)
    assert d.tab_to("evidence")
    d.key(pygame.K_RETURN)
    evidence = page_words(d.top)
    assert "unverified" in evidence and "Not yet checked against the framework" in evidence
    d.app.close()


def test_no_safety_section_when_no_safety_error_was_made(case: Path, tmp_path: Path):
    """The enabler path makes no safety error: the debrief offers no Safety first and opens on How it ended."""
    d = Driver(make_app(tmp_path, case))
    play_to_debrief(d, "coach", "enabler")
    assert d.focused_key() == "ending"
    assert not d.tab_to("safety")
    d.app.close()


@pytest.mark.parametrize(
    ("source", "cited"),
    [
        (Source("a", "legislation", "Domestic Abuse Act 2021", publisher="UK Parliament (legislation.gov.uk, 2021 c. 17)", date="2021"), "Domestic Abuse Act 2021"),
        (Source("b", "legislation", "Care Act 2014 (2014 c. 23)", publisher="UK Parliament", date="2014"), "Care Act 2014"),
        (Source("c", "case-law", "A Local Authority v JB [2021] UKSC 52", publisher="Supreme Court of the United Kingdom", date="2021"), "A Local Authority v JB [2021] UKSC 52"),
        (Source("d", "article", "T", authors="Ferguson, H., Warwick, L., Disney, T.", date="2020-01-01"), "Ferguson et al. (2020)"),
        (Source("e", "report", "T", authors="Weld, N., Greening, M.", date="2004"), "Weld and Greening (2004)"),
        (Source("f", "guidance", "Working Together", publisher="HM Government", date="2023-12-15"), "HM Government (2023)"),
    ],
)
def test_a_source_is_cited_one_way(source: Source, cited: str):
    """Research by surnames and year, guidance by its publisher, legislation and case law by their title (never 'UK Parliament')."""
    assert short_cite(source) == cited


def test_window_and_report_cite_every_shipped_source_alike():
    """The report's short citation of each source a shipped case uses is the window's (one function), and says how far it was checked."""
    for name in ("harris-family", "campbell-care-act"):
        scenario = load_scenario(PROJECT / "scenarios" / name).scenario
        assert scenario is not None
        for src in scenario.evidence.sources.values():
            ref = _source(scenario, src.id)
            assert ref is not None and ref.short == short_cite(src)
            short = short_cite(src)
            assert "Parliament" not in short and len(short) <= 60
            checked = with_check(short, src.evidence)
            assert (checked == short) is (src.evidence not in ("abstract", "sector-knowledge"))
