"""Text is drawn in Atkinson Hyperlegible from its package, never through a system font lookup."""

from __future__ import annotations

import os
import re
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import fontpkg_atkinson_hyperlegible as package
import pygame
import pytest

from simulator.scenario.glyphs import cmap_codepoints
from simulator.ui.driver import Driver, make_app
from simulator.ui.fonts import HERE, copies, glyph_program_bytes, tables
from simulator.ui.kit.fonts import FACES, HINTED_BELOW, STYLES, Fonts

UI = Path(__file__).resolve().parent.parent / "simulator" / "ui"
PROJECT = UI.parent.parent


def test_no_system_font_lookup_anywhere_in_the_window():
    """No module of the window calls SysFont, match_font or a default font (Font(None))."""
    pattern = re.compile(r"SysFont|match_font|get_fonts\(|font\.Font\(\s*None")
    offenders = [str(p) for p in UI.rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


PACKAGE_FILES = Path(package.ROOT) / "files"


def test_every_style_uses_the_package_files_under_14_px_and_the_copies_without_glyph_programs_from_14_px_up():
    """Each style's face is one of Atkinson Hyperlegible's four files: the package's own under HINTED_BELOW px, the window's
    copies of them (simulator/ui/fonts) from there up; all eight exist."""
    fonts = Fonts()
    assert fonts.folder.resolve() == PACKAGE_FILES.resolve()
    assert HINTED_BELOW == 14
    for face, _ in STYLES.values():
        assert "AtkinsonHyperlegible" in FACES[face]
        for size in (11, 13):
            assert fonts.path(face, size) == PACKAGE_FILES / FACES[face] and fonts.path(face, size).is_file()
        for size in (14, 21, 68, 146):
            assert fonts.path(face, size) == HERE / FACES[face] and fonts.path(face, size).is_file()


def test_the_copies_are_the_package_files_with_only_the_glyph_programs_taken_out_made_again():
    """The copies are exactly what `python -m simulator.ui.fonts` makes from the installed package (run it when the package
    changes), with the licence beside them; they hold no glyph instructions where the package's hold thousands of bytes,
    and keep the font's own programs, so FreeType goes on hinting them as TrueType (advances in whole pixels) instead of
    switching to its auto-hinter (other widths)."""
    made = copies(PACKAGE_FILES)
    assert sorted(made) == sorted([*FACES.values(), "OFL.txt"])
    for name, data in made.items():
        assert (HERE / name).read_bytes() == data, f"simulator/ui/fonts/{name} is stale: run python -m simulator.ui.fonts"
    for name in FACES.values():
        original, copy = (PACKAGE_FILES / name).read_bytes(), (HERE / name).read_bytes()
        assert glyph_program_bytes(original) > 10_000 and glyph_program_bytes(copy) == 0
        assert cmap_codepoints(copy) == cmap_codepoints(original)
        kept = tables(copy)
        assert sorted(kept) == sorted(t for t in tables(original) if t != b"DSIG")  # DSIG: a signature of the old bytes
        assert all(kept[t] == tables(original)[t] for t in kept if t not in (b"glyf", b"loca", b"head", b"maxp"))


SAMPLE = ("Practise relationship-based social work, one visit at a time. AVATAR Tŷ Wales, “quoted” — 47 IDVA’s 0123456789 "
          "(Fiona: “Will he find out?”) office coffee Żaneta Łukasz Ørsted ﬁ ﬂ")  # fmt: skip


@pytest.mark.parametrize("face", sorted(FACES))
def test_the_copies_give_every_character_the_same_width_as_the_package_files_at_every_size(face: str):
    """Taking the glyph programs out changes no width: every character the font has, and shaped text with its kerning, measures
    the same at every size from HINTED_BELOW to the largest the window sets (so every line break and page is as before)."""
    pygame.font.init()
    original = PACKAGE_FILES / FACES[face]
    chars = "".join(chr(c) for c in sorted(cmap_codepoints(original.read_bytes())) if c > 32 and c != 0xA0)
    for size in [*range(HINTED_BELOW, 41), *range(41, 150, 6)]:
        a, b = pygame.font.Font(str(original), size), pygame.font.Font(str(HERE / FACES[face]), size)
        assert [m[4] if m else None for m in a.metrics(chars)] == [m[4] if m else None for m in b.metrics(chars)], size
        assert a.size(SAMPLE)[0] == b.size(SAMPLE)[0] and a.size(chars)[0] == b.size(chars)[0], size
        assert (a.get_linesize(), a.get_ascent(), a.get_descent()) == (b.get_linesize(), b.get_ascent(), b.get_descent()), size


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
