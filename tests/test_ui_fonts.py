"""Text is drawn in Atkinson Hyperlegible from its package, never through a system font lookup."""

from __future__ import annotations

import os
import re
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import fontpkg_atkinson_hyperlegible as package
import pygame
import pytest

from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.fonts import FACES, STYLES, Fonts

UI = Path(__file__).resolve().parent.parent / "simulator" / "ui"
PROJECT = UI.parent.parent


def test_no_system_font_lookup_anywhere_in_the_window():
    """No module of the window calls SysFont, match_font or a default font (Font(None))."""
    pattern = re.compile(r"SysFont|match_font|get_fonts\(|font\.Font\(\s*None")
    offenders = [str(p) for p in UI.rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_every_style_uses_a_file_from_the_font_package():
    """Each style's face is one of the package's four Atkinson Hyperlegible files, and all four exist."""
    fonts = Fonts()
    assert fonts.folder.resolve() == (Path(package.ROOT) / "files").resolve()
    for face, _ in STYLES.values():
        assert (fonts.folder / FACES[face]).is_file()
        assert "AtkinsonHyperlegible" in FACES[face]


@pytest.mark.ui
def test_f11_switches_full_screen_and_back_and_remembers(tmp_path: Path):
    """F11 goes full screen and back, the layout follows the new size, and the setting is kept."""
    d = Driver(make_app(tmp_path, PROJECT / "docs" / "examples" / "small-visit"))
    d.key(pygame.K_F11)
    assert d.app.settings.fullscreen
    assert d.app.look.size == pygame.display.get_surface().get_size()
    d.key(pygame.K_F11)
    assert not d.app.settings.fullscreen
    assert d.app.look.size == (1280, 720)
    d.app.close()
