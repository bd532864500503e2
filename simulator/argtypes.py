"""What the command line accepts as a number, and how it refuses a wrong one: one line, exit 2.

``type=int`` and ``type=float`` let through what later code cannot use: a
seed of forty digits (the store keeps 64-bit integers, a record refuses it,
and the window stopped with a crash log at the debrief), a speed of ``nan``
or ``1e-300`` (the window waited for ever), a timeout of ``inf`` (the socket
refuses it). Each option names its kind here (the window's pace is checked
where the window starts, :func:`simulator.ui.launch.speed_problem`), so every command that takes
one checks it the same way, before anything runs. :class:`OneLineParser`
makes argparse's own refusals one line too (it printed the whole usage first).
:class:`CommandList` lists every command but builds only the parser of the
one being run.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

Fill = Callable[[argparse.ArgumentParser], None]

SEED_MIN, SEED_MAX = -(2**63), 2**63 - 1  # what SQLite's INTEGER and a record's seed both hold
LONGEST_WAIT_S = 3600.0


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a refusal is one line naming the command and pointing at --help (exit 2), not the usage and then the error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse's own, told the width it would ask shutil for: every add_argument makes one (to check its metavar),
        # and argparse imports shutil (and with it two compression libraries) for nothing else.
        return self.formatter_class(prog=self.prog, width=terminal_columns() - 2)  # type: ignore[call-arg]


def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size().columns`` finds it: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return size.columns or 80


class CommandList(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Subcommands named with their line of help, each parser built only when its command runs.

    ``doorstep --help`` and an unknown command's "choose from" need only the
    names and help lines; building every command's options (and importing the
    modules that define them) cost the window's first frame and every
    ``validate`` about 20 ms. A command's *fill* (a function, or
    ``"module:function"`` imported only then) adds its options to its parser
    when argparse picks it. ``build_all`` builds them all, as a plain
    ``add_parser`` would have (for tools that walk every command).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._later: dict[str, tuple[Fill | str, dict[str, Any]]] = {}
        self.choices: dict[str, str] = {}  # the names, in order, for argparse's check and "choose from"

    def command(self, name: str, help: str, fill: Fill | str, **kwargs: Any) -> None:
        """List *name* (with *help* in --help); its parser is made with *kwargs* and *fill* when it runs."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help))
        self.choices[name] = help
        self._later[name] = (fill, kwargs)

    def build(self, name: str) -> argparse.ArgumentParser:
        """The parser of *name*, built now if it was not yet."""
        if name in self._later:
            fill, kwargs = self._later.pop(name)
            parser = self.add_parser(name, **kwargs)
            if isinstance(fill, str):
                module, _, function = fill.partition(":")
                fill = getattr(importlib.import_module(module), function)
            assert callable(fill)
            fill(parser)
        found: argparse.ArgumentParser = self._name_parser_map[name]
        return found

    def build_all(self) -> dict[str, argparse.ArgumentParser]:
        """Every command's parser, by name."""
        return {name: self.build(name) for name in list(self.choices)}

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option_string: str | None = None) -> None:
        if isinstance(values, Sequence) and values and values[0] in self._later:
            self.build(values[0])
        super().__call__(parser, namespace, values, option_string)


def _number(text: str, kind: type[int] | type[float]) -> float:
    if len(text) > 40:  # int() of thousands of digits is slow, and of more than 4,300 refused
        raise argparse.ArgumentTypeError(f"{text[:20]}... is too long to be a number here")
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a {'whole number' if kind is int else 'number'}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def seed(text: str) -> int:
    """A seed: a whole number that fits in 64 bits."""
    value = int(_number(text, int))
    if not SEED_MIN <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"a seed is a whole number from {SEED_MIN} to {SEED_MAX}")
    return value


def seconds(text: str) -> float:
    """A time to wait: more than 0 and at most an hour."""
    value = _number(text, float)
    if not 0 < value <= LONGEST_WAIT_S:
        raise argparse.ArgumentTypeError(f"a time to wait is more than 0 and at most {LONGEST_WAIT_S:g} seconds, not {text}")
    return value


#: The arguments that name a file or folder, and how the command line spells them (the positional ones by their metavar).
PATH_ARGUMENTS = {"path": "PATH", "paths": "PATH", "records": "RECORD", "html": "--html", "json": "--json", "scenario": "--scenario",
                  "screenshots": "--screenshots", "store": "--store", "report_dir": "--report-dir", "vscode": "--vscode"}  # fmt: skip


def empty_name(args: Any) -> str | None:
    """The argument given an empty or blank file or folder name (an unset shell variable, say), as the command line spells it; or None.

    An empty name is not the folder Doorstep was run in: ``Path("")`` reads as
    ``.``, so ``doorstep cohort ""`` pooled the records of the current folder
    and ``doorstep schema --vscode ""`` wrote into it, while ``play --record ""``
    was taken as no record at all and saved nothing, silently.
    """
    named = {**PATH_ARGUMENTS, "record": "RECORD" if getattr(args, "command", None) in ("report", "xapi") else "--record"}
    for dest, shown in named.items():
        if dest == "path" and getattr(args, "command", None) == "new":
            continue  # `new` answers an empty folder name itself, with an example of one to give
        value = getattr(args, dest, None)
        if any(isinstance(v, str) and not v.strip() for v in (value if isinstance(value, list) else [value])):
            return shown
    return None
