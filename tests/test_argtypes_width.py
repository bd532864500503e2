"""The command line's help is as wide as argparse would make it, found without importing shutil."""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from simulator import argtypes

PROJECT = Path(__file__).resolve().parent.parent
COMPARE = "import shutil, sys; from simulator import argtypes; print(argtypes.terminal_columns(), shutil.get_terminal_size().columns)"


@pytest.mark.parametrize("columns", [None, "57", "200", "0", "-3", "wide", ""])
def test_width_is_what_shutil_finds_without_a_terminal(columns: str | None) -> None:
    """$COLUMNS set, unusable or absent, with stdout a pipe: the same width as shutil.get_terminal_size()."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if columns is not None:
        env["COLUMNS"] = columns
    done = subprocess.run([sys.executable, "-c", COMPARE], capture_output=True, text=True, env=env, cwd=PROJECT, timeout=60, check=True)
    ours, theirs = done.stdout.split()
    assert ours == theirs


@pytest.mark.parametrize("columns", [None, "90"])
def test_width_is_what_shutil_finds_in_a_terminal(columns: str | None) -> None:
    """With stdout a terminal 133 columns wide (and $COLUMNS over it or not): the same width as shutil's."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 133, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if columns is not None:
        env["COLUMNS"] = columns
    try:
        done = subprocess.run([sys.executable, "-c", COMPARE], stdout=child, stderr=subprocess.PIPE, env=env, cwd=PROJECT, timeout=60, check=True)
        assert done.returncode == 0
        out = os.read(main, 1000).decode()
    finally:
        os.close(main)
        os.close(child)
    ours, theirs = out.split()
    assert ours == theirs == (columns or "133")


def test_help_is_argparse_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parser's --help text is the one plain argparse writes at the same width."""
    monkeypatch.setenv("COLUMNS", "61")

    def fill(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a scenario folder, its scenario.yaml, or one episode file of it; several may be given")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="how to print the problems found")
        parser.add_argument("--strict", action="store_true", help="count notes as problems too")

    ours, plain = argtypes.OneLineParser(prog="doorstep validate"), argparse.ArgumentParser(prog="doorstep validate")
    fill(ours)
    fill(plain)
    assert ours.format_help() == plain.format_help()
    assert shutil.get_terminal_size().columns == 61
