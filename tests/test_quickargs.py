"""`doorstep validate PATH...` read without argparse: exactly what the parser makes of it, and nothing else read that way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator import cli
from simulator.authoring import commands
from simulator.quickargs import plain_validate

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


@pytest.mark.parametrize(
    "argv",
    [["validate", "scenarios/harris-family"], ["validate", "a", "b", "c"], ["validate", "a folder/with spaces"],
     ["validate", "validate"], ["validate", "x.yaml", "play"], ["validate", "é/ü"]],
)  # fmt: skip
def test_plain_validate_is_what_the_parser_makes_of_it(argv: list[str]) -> None:
    """The values the command gets are the parser's own, field for field, and its command is the parser's."""
    parsed = cli.build_parser().parse_args(argv)
    assert plain_validate(argv) == {k: v for k, v in vars(parsed).items() if k != "run"}
    assert parsed.run is commands.cmd_validate


@pytest.mark.parametrize(
    "argv",
    [[], ["validate"], ["validate", "--help"], ["validate", "x", "--strict"], ["validate", "--format", "json", "x"], ["validate", "-"],
     ["validate", "x", "--"], ["validate", "-x"], ["validate", "x", "--notes"], ["validat", "x"], ["play", "x"], ["new", "x"], ["x", "validate"],
     ["validate", ""], ["validate", "x", " "]],
)  # fmt: skip
def test_anything_else_goes_to_the_parser(argv: list[str]) -> None:
    """An option, --help, no path, an empty path, another command, a misspelling: left to argparse, so its messages and exit codes are its own."""
    assert plain_validate(argv) is None


def test_a_plain_validate_imports_no_argparse(tmp_path: Path) -> None:
    """The whole command, run as the trainer runs it, says the same without ever importing argparse (and gettext, locale)."""
    code = "import sys\nfrom simulator import cli\ncode = cli.main()\nprint('argparse' in sys.modules, 'gettext' in sys.modules)\nsys.exit(code)"
    env = {**os.environ, "DOORSTEP_CACHE": "0", "DOORSTEP_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code, "validate", str(EXAMPLE)], capture_output=True, text=True, cwd=PROJECT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    *said, imported = done.stdout.splitlines()
    assert imported == "False False"
    strict = subprocess.run([sys.executable, "-m", "simulator", "validate", "--format", "text", str(EXAMPLE)], capture_output=True, text=True, cwd=PROJECT, env=env, timeout=120)
    assert said == strict.stdout.splitlines() and strict.returncode == 0
