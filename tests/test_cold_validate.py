"""A validate with no cache does only the work a clean case needs: what it imports, and the shortcuts that spare it."""

from __future__ import annotations

import calendar
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.scenario import glyphs
from simulator.scenario.calendar import month_days
from simulator.scenario.yamlstrict import parse

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"


def imported(*argv: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """``python -m simulator ARGV`` with no load cache, and the modules it imported."""
    code = "import sys, runpy\nsys.argv[0] = 'doorstep'\ntry:\n    runpy.run_module('simulator', run_name='__main__')\nfinally:\n    print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=PROJECT, timeout=120, env={**os.environ, "DOORSTEP_CACHE": "0"})
    return done, set(done.stderr.split("\n")[-2].split())


def test_a_clean_case_is_read_without_the_reporting_reader_or_the_standard_calendar() -> None:
    done, modules = imported("validate", str(HARRIS))
    assert done.returncode == 0, done.stderr[-500:]
    assert "simulator.scenario.yamllean" in modules and "simulator.scenario.model" in modules  # it did read and build the case
    assert not {"simulator.scenario.yamlreport", "simulator.scenario.yamlhints", "calendar", "locale"} & modules


def test_a_file_with_something_to_report_still_gets_the_reporting_reader(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "scenario.yaml").write_text("format: 1\nid: x\nid: y\n", encoding="utf-8")
    done, modules = imported("validate", str(case))
    assert done.returncode == 1
    assert "scenario.yaml:3:1: error Y102 `id` appears twice" in done.stdout, done.stdout
    assert "simulator.scenario.yamlreport" in modules


def test_month_days_is_the_standard_calendars() -> None:
    for year in (1, 4, 100, 400, 1900, 2000, 2024, 2026, 2100, 2999, 9999):
        for month in range(1, 13):
            assert month_days(year, month) == calendar.monthrange(year, month)[1], (year, month)


def test_the_glyph_check_looks_only_at_the_texts_beyond_ascii_a_clean_read_saw(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the lean reader read is not walked again for characters the font lacks: the texts beyond ASCII it kept are enough."""
    docs = [(f"{n}.yaml", parse(text)) for n, text in enumerate(("a: plain\nb: [1, two]\n", "a: café £5\nb: {c: 'naïve'}\n"))]
    assert [d.beyond_ascii for _, d in docs] == [[], ["café £5", "naïve"]]

    def walked(data: object) -> bool:
        raise AssertionError("walked")

    monkeypatch.setattr(glyphs, "_any_undrawable", walked)
    assert glyphs.check_documents(docs) == []


def test_a_character_the_font_lacks_is_still_found_where_it_was_written() -> None:
    doc = parse("a: fine\nb:\n  - also fine\n  - 'snow \u2603 man'\n")
    assert doc.beyond_ascii == ["snow \u2603 man"]
    (found,) = glyphs.check_documents([("x.yaml", doc)])
    assert (found.code, found.line, found.col) == ("T801", 4, 5)


def test_a_one_shot_validate_never_runs_inspect_nor_ast() -> None:
    """dataclasses imports inspect only to write docstrings Doorstep's classes already have; stage_checks reads ast only for a fact a case reads back."""
    done, modules = imported("validate", str(HARRIS))
    assert done.returncode == 0, done.stderr[-500:]
    assert "dataclasses" in modules and "inspect" in modules  # imported...
    assert not {"ast", "dis", "tokenize", "linecache"} & modules  # ...and never run
    assert "simulator.strictjson" not in modules  # nor the strict JSON reader, which only `doorstep schema` needs of the authoring commands


def test_inspect_loaded_when_read_is_the_whole_module() -> None:
    code = (
        "import sys\nfrom simulator import cli\ncli._inspect_when_used()\nimport inspect\nimport dataclasses\n"
        "assert type(inspect) is cli._LoadedWhenRead and 'ast' not in sys.modules\n"
        "from inspect import signature\nassert type(inspect) is type(sys) and inspect.signature is signature and 'ast' in sys.modules\n"
        "@dataclasses.dataclass\nclass A:\n    x: int\nprint(A.__doc__, signature(A))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT, timeout=60)
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout == "A(x: int) (x: int) -> None\n"


def test_validate_called_in_a_living_process_leaves_inspect_alone() -> None:
    code = "import sys\nfrom simulator import cli\ncode = cli.main(['validate', sys.argv[1]])\nprint(code, 'inspect' in sys.modules, type(sys.modules.get('inspect')).__name__)"
    done = subprocess.run([sys.executable, "-c", code, str(HARRIS)], capture_output=True, text=True, cwd=PROJECT, timeout=120, env={**os.environ, "DOORSTEP_CACHE": "0"})
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.splitlines()[-1] == "0 True module"


def test_every_face_draws_the_characters_the_glyph_check_is_sure_of() -> None:
    covered = glyphs.drawable()
    assert covered is not None
    assert {ord(ch) for ch in glyphs.SURE if ord(ch) > 126} <= covered


def test_a_text_of_characters_every_face_draws_needs_no_font_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def read() -> frozenset[int]:
        raise AssertionError("read the fonts")

    monkeypatch.setattr(glyphs, "drawable", read)
    docs = [("x.yaml", parse("a: café · £5 – “quoted” …\nb: [naïve, 'x × y']\n"))]
    assert glyphs.check_documents(docs) == []
    with pytest.raises(AssertionError, match="read the fonts"):
        glyphs.check_documents([("y.yaml", parse("a: snow \u2603 man\n"))])


def test_a_nodes_successors_are_its_choices_routes_and_next_in_order_once_each() -> None:
    """Node.successors answers a node with only a `next` (or an ending) without building a list: the same tuple as the general way."""
    from simulator.scenario import load_scenario

    cases = sorted(p for p in (PROJECT / "scenarios").iterdir() if (p / "scenario.yaml").is_file())
    checked = 0
    for case in cases:
        scenario = load_scenario(case).scenario
        assert scenario is not None, case
        for node in scenario.nodes.values():
            general = [c.next for c in node.choices] + [r.next for r in node.route] + ([node.next] if node.next is not None else [])
            assert node.successors() == tuple(dict.fromkeys(general)), node.id
            checked += 1
    assert checked > 300  # every node of the shipped cases


def test_the_shared_art_catalog_is_the_ids_of_the_shared_art(monkeypatch: pytest.MonkeyPatch) -> None:
    """validate's catalog of the shared art comes straight from the manifest's ids: the same catalog the window's art gives."""
    from simulator import assets

    monkeypatch.setenv("DOORSTEP_CACHE", "0")
    art = assets.load_art()
    assert art is not None
    assert assets.load_catalog() == art.catalog()
