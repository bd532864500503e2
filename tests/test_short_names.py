"""A cast member's name in dialogue, when `short` is not given: the first word, or a title with the surname.

The sixth held-out trainer trial's head of year, `name: "Mr Lowe"`, spoke as "Mr:" in every line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import materialize

from simulator.scenario.build_manifest import short_name
from simulator.scenario.loader import load_scenario


@pytest.mark.parametrize(
    ("name", "short"),
    [("Mr Lowe", "Mr Lowe"), ("DC Kerry Walsh", "DC Walsh"), ("Dr. Amy Chen", "Dr. Chen"), ("Ann Lee", "Ann"), ("Mrs", "Mrs"), ("Missy Grant", "Missy")],
)
def test_a_title_keeps_the_surname(name: str, short: str):
    assert short_name(name) == short


def test_a_titled_name_speaks_as_title_and_surname(tmp_path: Path):
    folder = materialize(None, tmp_path)
    manifest = folder / "scenario.yaml"
    manifest.write_text(manifest.read_text().replace('name: "Ann Lee"', 'name: "Mrs Ann Lee"'))
    sc = load_scenario(folder).scenario
    assert sc is not None and sc.characters["ann"].short == "Mrs Lee"
