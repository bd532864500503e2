"""validate's F312 and the window's SVG reader agree on which pictures cannot be drawn, so validate never cries wolf."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from conftest import PROJECT

from simulator import svgcost

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("pygame_display")]

SAMPLES = {
    "cut off mid-file": b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" heig',
    "a group never closed": b'<svg width="100" height="100"><rect width="100" height="100" fill="#ccd"/><g>\n',
    "no size, but a shape": b'<svg><rect width="10" height="10" fill="#000"/></svg>',
    "a viewBox only": b'<svg viewBox="0 0 100 100"><rect width="10" height="10"/></svg>',
    "a declaration and a comment first": b'<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg width="5" height="5"/>',
    "no size and nothing in it": b"<svg><g>",
    "an empty svg": b"<svg></svg>",
    "a web page": b"<!DOCTYPE html>\n<html><body>hi</body></html>",
    "an empty file": b"",
    "a PNG renamed": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
}


def _draws(data: bytes) -> bool:
    try:
        pygame.image.load(io.BytesIO(data), "picture.svg")
    except (pygame.error, ValueError):
        return False
    return True


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_validate_refuses_exactly_what_the_window_cannot_draw(name: str):
    """Each sample is F312 to validate if and only if the window's reader refuses it."""
    data = SAMPLES[name]
    assert (svgcost.unreadable(data) is None) == _draws(data), name


def test_no_shipped_picture_is_called_unreadable():
    """Every picture Doorstep ships draws, and none is called unreadable."""
    pictures = [*(PROJECT / "assets" / "art").rglob("*.svg"), *(PROJECT / "scenarios").glob("*/art/**/*.svg"), *(PROJECT / "docs").rglob("*.svg")]
    assert len(pictures) > 100
    assert [p for p in pictures if svgcost.unreadable(p.read_bytes())] == []


def test_validate_says_which_picture(tmp_path: Path):
    """A scenario's own picture saved as a web page is F312 at its art.yaml line, and the case still loads."""
    from simulator.authoring.scaffold import files
    from simulator.scenario.art import ArtCatalog
    from simulator.scenario.loader import load_scenario

    folder = tmp_path / "case"
    for rel, text in files("case").items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    (folder / "art" / "locations").mkdir()
    (folder / "art" / "locations" / "kitchen.svg").write_bytes(SAMPLES["a web page"])
    art = folder / "art" / "art.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace('alex-kitchen: {label:', 'alex-kitchen: {file: locations/kitchen.svg, label:'), encoding="utf-8")
    result = load_scenario(folder, art=ArtCatalog())
    [d] = [d for d in result.diagnostics if d.code == "F312"]
    assert d.file.endswith("art/art.yaml") and d.line > 0 and "does not begin with <svg>" in d.message
    assert result.scenario is not None
