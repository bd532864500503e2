"""Sources are cited one way everywhere: research by its authors, guidance by its publisher, an Act or a judgment by its title."""

from __future__ import annotations

import re

from conftest import FIXTURES, PROJECT

from simulator.analysis.paths import canonical_path
from simulator.engine.session import Session
from simulator.records.record import build_record
from simulator.report.debrief import build_debrief
from simulator.scenario import load_scenario
from simulator.scenario.cite import short_cite
from simulator.scenario.model import Source


def test_an_act_is_cited_by_its_title_never_by_parliament():
    """Two Acts from one publisher read as two Acts ("Care Act 2014", not "UK Parliament (2014)"), the year said once."""
    care = Source("care-act-2014", "legislation", "Care Act 2014", publisher="UK Parliament", date="2014")
    mca = Source("mca-2005", "legislation", "Mental Capacity Act 2005", publisher="UK Parliament", date="2005")
    assert (short_cite(care), short_cite(mca)) == ("Care Act 2014", "Mental Capacity Act 2005")
    judgment = Source("jb", "case-law", "A Local Authority v JB [2021] UKSC 52", date="2021-09-24")
    assert short_cite(judgment) == "A Local Authority v JB [2021] UKSC 52"
    untitled_year = Source("x", "legislation", "Children Act", publisher="UK Parliament", date="1989")
    assert short_cite(untitled_year) == "Children Act (1989)"


def test_research_by_authors_and_guidance_by_publisher():
    """Three or more authors are "et al.", two are joined by "and"; guidance without authors is its publisher."""
    many = Source("f", "research", "Relationship-based practice", authors="Ferguson, H., Warwick, L., Disney, T.", date="2020")
    two = Source("w", "article", "Something", authors="Weld, N., Greening, M.", date="2004")
    guidance = Source("wt", "guidance", "Working Together to Safeguard Children", publisher="HM Government", date="2023")
    assert [short_cite(s) for s in (many, two, guidance)] == ["Ferguson et al. (2020)", "Weld and Greening (2004)", "HM Government (2023)"]
    bare = Source("b", "training", "A very long title for a training day that keeps going on and on", date="")
    assert short_cite(bare).endswith("\u2026") and len(short_cite(bare)) <= 49


def test_the_report_and_the_window_share_one_way_of_citing():
    """The debrief's short citations are the sources' own, and no window module keeps a citation function of its own."""
    adult = load_scenario(FIXTURES / "adult").scenario
    assert adult is not None
    debrief = build_debrief(adult, build_record(Session.replay(adult, 0, canonical_path(adult, "enabler").actions())))
    shorts = {ref.id: ref.short for ref in debrief.references}
    assert shorts and all(shorts[sid] == short_cite(adult.evidence.sources[sid]) for sid in shorts)
    assert not any("UK Parliament (" in s for s in shorts.values())
    for module in (PROJECT / "simulator" / "ui").rglob("*.py"):
        assert not re.search(r"def _?short_cite\b", module.read_text(encoding="utf-8")), module


def test_the_windows_scores_name_people_as_the_case_does():
    """The window's trust bars say "Mr Campbell's trust" (the cast's short name), never "Mr's trust" from the first word."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from simulator.services.review import Review
    from simulator.ui.review.scores import bars

    campbell = load_scenario(PROJECT / "scenarios" / "campbell-care-act").scenario
    assert campbell is not None
    review = Review(campbell, build_record(Session.replay(campbell, 0, canonical_path(campbell, "enabler").actions())))
    labels = [b.title for b in bars(review)]
    assert "Mr Campbell's trust" in labels and not any(label.startswith("Mr's") for label in labels), labels

