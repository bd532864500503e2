"""The command line run as the process itself freezes what its command made before the interpreter's last collections; called with arguments (tests, hosts) it leaves the collector alone."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from conftest import materialize

from simulator.cli import main


def test_only_the_process_command_line_freezes_what_it_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`doorstep validate` as the process (no argv: it ends when main returns) freezes its objects; main(argv) in a living process does not."""
    folder = materialize(None, tmp_path)
    gc.unfreeze()
    assert main(["validate", str(folder)]) == 0
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(sys, "argv", ["doorstep", "validate", str(folder)])
    try:
        assert main() == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert capsys.readouterr().out.count(": ok") == 2
