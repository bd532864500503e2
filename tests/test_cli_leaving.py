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


@pytest.mark.parametrize(
    ("line", "held"),
    [
        (["validate", "{folder}"], True),
        (["validate", "--format", "json", "--strict", "{folder}"], True),
        (["validate", "--watch", "--watch-rounds", "0", "{folder}"], False),  # it lives on, making garbage as files are saved
        (["validate", "--watch-r", "0", "--watch", "{folder}"], False),  # an abbreviation argparse takes for --watch-rounds
    ],
)
def test_the_process_own_one_shot_validate_runs_with_the_collector_held(line: list[str], held: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`doorstep validate` as the process holds the cyclic collector off for the whole command and puts it back; main(argv), --watch do not."""
    from simulator.authoring import commands

    folder = materialize(None, tmp_path)
    argv = [str(folder) if part == "{folder}" else part for part in line]
    seen: list[bool] = []
    real = commands.cmd_validate

    def spy(args: object) -> int:
        seen.append(gc.isenabled())
        return real(args)  # type: ignore[arg-type]

    monkeypatch.setattr(commands, "cmd_validate", spy)
    assert gc.isenabled()
    main(argv)  # in a living process: left alone
    monkeypatch.setattr(sys, "argv", ["doorstep", *argv])
    try:
        main()
    finally:
        gc.unfreeze()
    assert seen == [True, not held]
    assert gc.isenabled()
    capsys.readouterr()
