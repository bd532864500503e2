"""A bounded slice of the fourth campaign (bench/fuzz_hostile.py): three seeded mutants of each kind, through every command they reach.

The kinds the first three campaigns never made: whole files in other encodings,
YAML 1.1's surprises typed by hand, folders that link to themselves or to ``/``,
sockets and sparse giants, odd folder names, files rewritten while read, stores
locked, read-only or under a file-size limit with odd working files beside them,
command lines no one should type, and outputs named as the command's own inputs.
No traceback, hang, crash log, stray file, lost file or lost playthrough.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys

import pytest
from conftest import PROJECT

sys.path.insert(0, str(PROJECT / "bench"))
spec = importlib.util.spec_from_file_location("fuzz_hostile", PROJECT / "bench" / "fuzz_hostile.py")
assert spec and spec.loader
hostile = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hostile)


@pytest.mark.parametrize("kind", hostile.KINDS)
def test_three_mutants_of_each_kind_find_nothing(tmp_path, capsys, kind):
    args = argparse.Namespace(minutes=5.0, count=3, seed=9, timeout=30.0, keep=str(tmp_path / "failures"), only=kind)
    code = hostile.campaign(args)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "3 mutants" in out and "0 failures" in out


def test_every_kind_has_a_weight_for_the_mixed_campaign():
    """`make fuzz` draws kinds by weight: a kind added without one stopped the whole campaign at its first mutant."""
    assert len(hostile.WEIGHTS) == len(hostile.KINDS) and all(w > 0 for w in hostile.WEIGHTS)
