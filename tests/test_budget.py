"""The size budget (simulator/scenario/budget.py, F313): a case far past any real one is refused in one located line, early."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from conftest import art_catalog, materialize

from simulator import cli
from simulator.scenario import budget, build, evidence, load_scenario

VISIT = Path(__file__).resolve().parent / "fixtures" / "mini" / "episodes" / "visit.yaml"


def _mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOORSTEP_CACHE", "0")
    return Path(os.path.relpath(materialize(None, tmp_path), tmp_path))


def _options(mini: Path, count: int) -> None:
    """The first decision (`desk`) given ``count`` options in all."""
    data = yaml.safe_load(VISIT.read_text(encoding="utf-8"))
    choices = data["episode"]["nodes"]["desk"]["choices"]
    choices += [{"id": f"detour-{i}", "text": f"Detour {i}", "path": "barrier", "next": "door"} for i in range(count - len(choices))]
    (mini / "episodes" / "visit.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _f313(result: object) -> list[str]:
    return [d.render() for d in result.diagnostics if d.code == "F313"]  # type: ignore[attr-defined]


def test_twenty_options_are_within_the_budget_and_twenty_one_are_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    mini = _mini(tmp_path, monkeypatch)
    _options(mini, budget.MAX_OPTIONS)
    result = load_scenario(mini, art=art_catalog())
    assert result.ok and not _f313(result)
    _options(mini, budget.MAX_OPTIONS + 1)
    result = load_scenario(mini, art=art_catalog())
    assert not result.ok
    assert len(_f313(result)) == 1
    assert "`desk` offers 21 options; a decision may offer at most 20" in _f313(result)[0]


def test_more_nodes_than_the_budget_is_one_line_at_the_nodes_that_pass_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """20,001 nodes in a chain: refused, placed at the `nodes:` of the file where the count passes 20,000."""
    mini = _mini(tmp_path, monkeypatch)
    data = yaml.safe_load(VISIT.read_text(encoding="utf-8"))
    nodes = data["episode"]["nodes"]
    extra = budget.MAX_NODES + 1 - len(nodes) - len(yaml.safe_load((mini / "episodes" / "review.yaml").read_text(encoding="utf-8"))["episode"]["nodes"])
    nodes["desk"]["choices"][0]["next"] = "x0"
    for i in range(extra):
        nodes[f"x{i}"] = {"next": f"x{i + 1}" if i + 1 < extra else "door"}
    (mini / "episodes" / "visit.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = load_scenario(mini, art=art_catalog())
    lines = _f313(result)
    assert not result.ok and len(lines) == 1
    assert lines[0].startswith(f"{mini / 'episodes' / 'visit.yaml'}:12:3: error F313 the scenario has more than 20,000 nodes (20,001 by the end")


def test_the_budget_is_checked_before_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Refused before the schema and the build, which are what grow with a case (a 4.3 MB case took 9-15 s to be built)."""
    mini = _mini(tmp_path, monkeypatch)
    _options(mini, 50)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("built a case past the budget")

    monkeypatch.setattr(build, "build", never)
    monkeypatch.setattr("simulator.scenario.schema_check.check", never)
    assert _f313(load_scenario(mini, art=art_catalog()))


def test_more_bytes_than_the_budget_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    mini = _mini(tmp_path, monkeypatch)
    monkeypatch.setattr(budget, "MAX_BYTES", 1000)

    parse = evidence.parse

    def no_episodes(text: str, name: str = "") -> object:
        assert "episodes" not in name, "parsed an episode of a case past the budget"
        return parse(text, name)

    monkeypatch.setattr(evidence, "parse", no_episodes)
    result = load_scenario(mini, art=art_catalog())
    (line,) = _f313(result)
    assert line.startswith(f"{mini / 'scenario.yaml'}: error F313 the scenario's files hold 0.0 MB of YAML; Doorstep takes at most 0 MB")


def test_reading_stops_once_the_files_pass_the_budget():
    files: dict[str, bytes] = {}
    read = []
    for name in budget.until_full(["a", "b", "c", "d"], files):
        read.append(name)
        files[name] = b"x" * (budget.MAX_BYTES // 2 + 1)
    assert read == ["a", "b"]


def test_validate_says_it_in_one_line_and_exits_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    mini = _mini(tmp_path, monkeypatch)
    _options(mini, 50)
    assert cli.main(["validate", str(mini)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if " F313 " in line] == [out[0]]
    assert out[1:] == [f"{mini}: 1 error"]
