"""Shared test helpers: the mini scenario, its bad variants, and the shipped scenarios."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from stop_cleanly import stop_as_interrupt

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# An unforeseen error in a command propagates in tests (and in the commands they run), instead of
# becoming the one-line message and crash log a user sees; tests/test_crashlog.py turns it off.
os.environ.setdefault("DOORSTEP_RAISE", "1")
# Loads are not cached in tests (they would fill the machine's data folder); tests/test_load_cache.py turns it on.
os.environ.setdefault("DOORSTEP_CACHE", "0")

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
BAD = TESTS / "bad"
PROJECT = TESTS.parent
SMALL_VISIT = PROJECT / "docs" / "examples" / "small-visit"  # the trainers' worked example

stop_as_interrupt()  # a suite stopped by SIGTERM or SIGHUP still stops the servers it started


def art_catalog():
    """The art catalog the mini scenario is checked against."""
    from simulator.assets import load_art

    art = load_art(FIXTURES / "assets")
    assert art is not None
    return art.catalog()


def materialize(case: Path | None, into: Path) -> Path:
    """Copy the mini scenario and its seeds into ``into``, apply a bad case; return the scenario path."""
    shutil.copytree(FIXTURES / "mini", into / "mini")
    shutil.copytree(FIXTURES / "seeds", into / "seeds")
    target = into / "mini"
    if case is None:
        return target
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if path.is_dir() or rel.name == "CASE":
            continue
        dest = into / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    for line in (case / "CASE").read_text().splitlines():
        word, _, rest = line.partition(" ")
        if word == "delete":
            (into / rest).unlink()
        elif word == "generate":
            rel, size = rest.split()
            with open(into / rel, "w") as fh:
                fh.write("# filler\n" * (int(size) // 9 + 1))
        elif word == "path":
            target = into / rest
    return target


def scaffolded(into: Path, name: str, edits: dict[str, tuple[str, str]] | None = None) -> Path:
    """The scenario `doorstep new` writes, as ``into/name``, with each edit (file: old text, new text) made once."""
    from simulator.authoring.scaffold import files

    folder = into / name
    for rel, text in files(name).items():
        old, new = (edits or {}).get(rel, ("", ""))
        assert old in text, (rel, old)
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text.replace(old, new, 1) if old else text, encoding="utf-8")
    return folder


@pytest.fixture
def pygame_display():
    """A small window for tests that convert pictures (pygame needs a display mode for that); closed after the test."""
    import pygame

    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()


def bad_cases() -> list[Path]:
    return sorted(p for p in BAD.iterdir() if p.is_dir())


@pytest.fixture
def mini(tmp_path: Path):
    """The mini scenario, loaded."""
    from simulator.scenario import load_scenario

    result = load_scenario(materialize(None, tmp_path), art=art_catalog())
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.scenario


@pytest.fixture(scope="module")
def adult():
    """The adult social care fixture (tests/fixtures/adult), loaded once for each module that asks for it."""
    from simulator.scenario import load_scenario

    result = load_scenario(FIXTURES / "adult")
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.scenario


@pytest.fixture(scope="module")
def visit():
    """The worked example scenario (docs/examples/small-visit): short, with both choices and continues; loaded once for each module that asks for it."""
    from simulator.scenario import load_scenario

    result = load_scenario(SMALL_VISIT)
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.scenario


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    """A real LRS (Ralph, from .venv-lrs) on a free loopback port for the whole session, stopped at the end."""
    from lrs_ralph import start

    server = start(tmp_path_factory.mktemp("ralph"))
    yield server
    server.stop()
