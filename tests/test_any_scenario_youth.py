"""A case of another shape, written from the docs alone: every command runs on it, and nothing Harris-shaped shows.

tests/fixtures/youth-justice is a youth justice case over two years (month scale, five episodes, its own
rubric "Child First / Partnership / Candour", its own cast, evidence layer and art, chance, four endings,
a glossary). It was written by a helper who had read only README.md and docs/ (the held-out check of
issue 10); tests/test_trainer_mistakes.py runs the mistakes such a trainer makes on copies of it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from simulator.cli import main
from simulator.scenario import Severity, load_scenario

CASE = FIXTURES / "youth-justice"

# What must never show in a two-year youth justice case: the Harris family, the children's-social-care
# framework it does not cite, an eleven-month clock, or a name left as a placeholder.
HARRISISMS = re.compile(
    r"\b(Harris|Fiona|John|Chloe|Mason|Lily|Louisa|Working Together|child protection plan|knowledge and skills statement for child"
    r"|Month \d+ of 12|Months? 0\b|eleven months|11 months|tone, honesty)\b|\{[a-z][a-z0-9-]*\}",
    re.IGNORECASE,
)


def _clean(text: str) -> list[str]:
    return sorted({m.group(0) for m in HARRISISMS.finditer(text)})


def _page_words(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def test_the_case_loads_clean():
    """The trainer's case validates with no error or warning (its notes are the cast still waiting for art)."""
    result = load_scenario(CASE)
    assert result.ok, [d.render() for d in result.diagnostics]
    assert not [d.render() for d in result.diagnostics if d.severity is not Severity.INFO]
    assert {d.code for d in result.diagnostics} <= {"R410"}


def test_validate_the_case_and_one_file(capsys: pytest.CaptureFixture[str]):
    """`validate PATH` and `validate PATH/episodes/FILE.yaml` both say ok and exit 0."""
    assert main(["validate", str(CASE)]) == 0
    assert main(["validate", str(CASE / "episodes" / "joint-decision.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.count(": ok") == 2, out


@pytest.mark.parametrize("auto", ["enabler", "barrier"])
def test_text_play_reaches_its_own_endings(auto: str, capsys: pytest.CaptureFixture[str]):
    """Both canonical paths play to an ending on the case's own month scale, with its own rubric, and nothing from Harris."""
    assert main(["play", str(CASE), "--text", "--auto", auto]) == 0
    out = capsys.readouterr().out
    assert "Month 1 of 22" in out and "Month 22 of 22" in out
    assert "Child First +" in out or "Child First −" in out or "Child First -" in out
    assert "child First" not in out  # the label is a proper name, kept whole mid-sentence
    ending = "looking-ahead.way-forward (enabler)" if auto == "enabler" else "looking-ahead.back-in-court (barrier)"
    assert f"Ending: {ending}" in out
    assert not _clean(out)


def test_random_play_record_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """A seeded random play writes a record; `report` turns it into a page and JSON over 22 months, in the case's own words."""
    record, page, data = tmp_path / "run.json", tmp_path / "run.html", tmp_path / "run.json.out"
    assert main(["play", str(CASE), "--text", "--auto", "random", "--seed", "3", "--record", str(record)]) == 0
    assert main(["report", str(record), "--scenario", str(CASE), "--html", str(page), "--json", str(data)]) == 0
    capsys.readouterr()
    words = _page_words(page.read_text(encoding="utf-8"))
    assert "Months 1 to 22 along the bottom" in words and "month by month" in words
    assert "Standards for children in the youth justice system" in words  # its own framework, from its own layer
    assert "Crime and Disorder Act 1998" in words
    assert not _clean(words), _clean(words)
    debrief = json.loads(data.read_text(encoding="utf-8"))
    assert not _clean(json.dumps(debrief))


def test_a_report_paragraph_never_stops_mid_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Every paragraph of prose in the report (more than one sentence) ends as a sentence ends: nothing cut off at a length."""
    record, page = tmp_path / "run.json", tmp_path / "run.html"
    assert main(["play", str(CASE), "--text", "--auto", "enabler", "--record", str(record)]) == 0
    assert main(["report", str(record), "--scenario", str(CASE), "--html", str(page)]) == 0
    capsys.readouterr()
    text = page.read_text(encoding="utf-8")
    paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in re.findall(r"<p\b[^>]*>(.*?)</p>", text, flags=re.S)]
    cut = [p for p in paragraphs if len(p) > 60 and ". " in p and not re.search(r"[.!?:)\u201d\"']$", p)]
    assert not cut, cut


def test_analyze_spreads_over_all_four_endings(capsys: pytest.CaptureFixture[str]):
    """`analyze --spread` reaches all four endings (two of them mixed) and names each person's trust range."""
    assert main(["analyze", str(CASE), "--spread", "300"]) == 0
    out = capsys.readouterr().out
    for title in ("A way forward", "Still in touch", "Drifted", "Back in court"):
        assert re.search(rf"^\s+\d+\s+\d+%\s+\w+\s+{title}", out, flags=re.M), (title, out)
    assert "Reece: starts 30" in out and "Donna: starts 40" in out
    assert not _clean(out)


def test_graph_info_and_the_editor_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """graph (dot and mermaid), info --json and schema --vscode all run on the case."""
    assert main(["graph", str(CASE), "--format", "dot"]) == 0
    assert main(["graph", str(CASE), "--format", "mermaid"]) == 0
    out = capsys.readouterr().out
    assert "joint-decision" in out and not _clean(out)
    assert main(["info", str(CASE), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["episodes"] == 5 and info["endings"] == 4 and info["scale"] == "months"
    assert main(["schema", "--vscode", str(tmp_path)]) == 0
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert any(path.endswith("episode.schema.json") for path in settings["yaml.schemas"])


def test_play_from_a_node_with_values_set(capsys: pytest.CaptureFixture[str]):
    """--from and --set start the school meeting's second scene with Donna's trust low: her line about the bike is not said."""
    assert main(["play", str(CASE), "--text", "--from", "school-meeting.strengths", "--set", "trust.donna=30", "--auto", "enabler"]) == 0
    low = capsys.readouterr().out
    assert main(["play", str(CASE), "--text", "--from", "school-meeting.strengths", "--set", "trust.donna=70", "--auto", "enabler"]) == 0
    high = capsys.readouterr().out
    assert "He fixed my bike" not in low and "He fixed my bike" in high
    assert "== After the arrest ==" not in low  # started at the node, not from the beginning


def test_the_model_answer_is_safe_from_chance_and_random_play_is_not():
    """With every enabler choice no seed sends Reece missing, so all end well; random play meets every ending, each reached."""
    from simulator.analysis.spread import spread

    scenario = load_scenario(CASE).scenario
    model = spread(scenario, 60, policy="enabler", workers=1)
    assert [(e.node, e.count) for e in model.endings if e.count] == [("looking-ahead.way-forward", 60)]
    random_play = spread(scenario, 200, workers=1)
    assert sum(e.count for e in random_play.endings) == 200
    assert all(e.count > 0 for e in random_play.endings), random_play.endings


def test_info_counts_months_from_one_as_the_clock_does(capsys: pytest.CaptureFixture[str]):
    """`info` lists the episodes' months as the clock says them (1 to 22), not as whole months since the referral (0 to 21)."""
    assert main(["info", str(CASE)]) == 0
    assert "  months: 1, 7, 14, 22\n" in capsys.readouterr().out
