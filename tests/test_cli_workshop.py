"""doorstep workshop on the command line: --help names every option; wrong input is one line and an exit code, before anything listens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASE = str(ROOT / "scenarios" / "campbell-care-act")


def test_help_documents_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    """Each option of the workshop command appears in its --help with words."""
    with pytest.raises(SystemExit) as done:
        main(["workshop", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    for option in ("--mode", "--no-window", "--host", "--port", "--seed", "--timer", "--report-dir", "--fullscreen", "--notes-window", "--no-notes-window", "PageDown"):
        assert option in text


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--no-window", "--port", "70000"], 2, "--port is a number"),
        (["--no-window", "--timer", "0"], 2, "--timer is a number"),
        (["--no-window", "--host", "0.0.0.0"], 2, "every network"),
        (["--no-window", "--host", "not-an-address"], 2, "not an IP address"),
        (["--no-window", "--host", "192.0.2.77", "--port", "0"], 1, "no address 192.0.2.77"),
    ],
)
def test_wrong_input_is_one_line(args: list[str], code: int, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each refusal is one line on stderr with its exit code, and no traceback."""
    assert main(["workshop", CASE, *args]) == code
    err = capsys.readouterr().err.strip()
    assert words in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_no_display_and_no_scenario_are_one_line(tmp_path: Path) -> None:
    """Without a display the window is refused (pointing at --no-window); a missing case is named."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DOORSTEP_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "simulator", "workshop", CASE], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 1 and "--no-window" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "simulator", "workshop", str(tmp_path / "nope"), "--no-window"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 1 and "does not exist" in done.stderr and "Traceback" not in done.stderr
