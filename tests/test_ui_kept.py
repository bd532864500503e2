"""A returning trainee's first frame is the title as their last run drew it, kept beside their settings (issue 13).

The picture is shown only when kept for the same window, look, case and code;
the title is laid out and drawn just after, and a picture that differs is
replaced; anything else about the file (damaged, torn, kept for another
window) leaves the title drawn as ever, and kept again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")

from simulator.services.settings import Settings  # noqa: E402
from simulator.ui.driver import make_app  # noqa: E402
from simulator.ui.shell import kept as kept_module  # noqa: E402
from simulator.ui.shell.title import kept_file  # noqa: E402

pytestmark = pytest.mark.ui

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "small-visit"
OTHER = Path(__file__).resolve().parent.parent / "scenarios" / "harris-family"


def first_frame(folder: Path, scenario: Path = EXAMPLE, **kw: object) -> tuple[bytes, bool, bytes]:
    """A run's first frame (its pixels), whether the title was laid out before it, and the window once the work after it is done."""
    app = make_app(folder, scenario, settle=False, **kw)  # type: ignore[arg-type]
    try:
        laid_out = app.top._owed is None  # type: ignore[union-attr]
        app.step([], dt=0.0)
        frame = app.surface.get_buffer().raw
        while app.run_task():
            pass
        app.step([], dt=0.0)
        return frame, laid_out, app.surface.get_buffer().raw
    finally:
        app.close()


def picture(folder: Path) -> Path:
    return folder / "config" / "title-first-frame.pixels"


def test_the_next_run_shows_the_first_frame_kept_before_laying_the_title_out_and_it_is_the_same(tmp_path):
    """The first run keeps its first frame beside the settings; the second shows it without laying out first, pixel for pixel
    the frame the first drew, and after the work that follows the window is the same as the first run's was."""
    frame, laid_out, after = first_frame(tmp_path)
    assert laid_out and picture(tmp_path).is_file()
    kept_at = picture(tmp_path).stat().st_mtime_ns
    again, laid_out_again, after_again = first_frame(tmp_path)
    assert not laid_out_again  # the layout waited for the frame
    assert again == frame and after_again == after
    assert picture(tmp_path).stat().st_mtime_ns == kept_at  # checked and found the same: not written again


def test_a_key_the_moment_the_kept_picture_appears_lays_the_title_out_and_is_answered(tmp_path):
    """Enter on the kept first frame, before any work after it, opens the case picker as on a title drawn as ever."""
    first_frame(tmp_path)
    app = make_app(tmp_path, EXAMPLE, settle=False)
    try:
        app.step([])
        assert app.top is not None and app.top._owed is not None  # type: ignore[attr-defined]
        app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)])
        assert app.top is not None and app.top.name == "picker"
    finally:
        app.close()


@pytest.mark.parametrize(
    ("change", "kw"),
    [
        ("window size", {"size": (1024, 600)}),
        ("text size", {"settings": Settings(text_size=2)}),
        ("contrast", {"settings": Settings(high_contrast=True)}),
        ("case", {"scenario": OTHER}),
    ],
)
def test_a_picture_kept_for_another_window_look_or_case_is_not_shown_and_is_replaced(tmp_path, change: str, kw: dict[str, object]):
    """Each thing the title is drawn from names the picture: another window size, text size, contrast or case lays the title
    out and draws it as ever, and keeps that run's frame instead."""
    first_frame(tmp_path)
    before = picture(tmp_path).read_bytes()
    _frame, laid_out, _after = first_frame(tmp_path, **kw)  # type: ignore[arg-type]
    assert laid_out, change
    assert picture(tmp_path).read_bytes() != before, change


def test_the_title_code_and_font_files_name_the_picture(tmp_path, monkeypatch):
    """A change to any module that draws the title (its file's size or time), or to a font file, names another picture."""
    import sys
    import types

    app = make_app(tmp_path, EXAMPLE, settle=False)
    try:
        part = tmp_path / "part.py"
        part.write_text("X = 1\n")
        module = types.ModuleType("title_part")
        module.__file__ = str(part)
        monkeypatch.setitem(sys.modules, "title_part", module)
        monkeypatch.setattr(kept_module, "DRAWN_BY", (*kept_module.DRAWN_BY, "title_part"))
        key = kept_module.picture_key(app, "Small visit")
        assert key is not None and kept_module.picture_key(app, "Small visit") == key
        assert kept_module.picture_key(app, "Another case") != key
        os.utime(part, ns=(part.stat().st_atime_ns, part.stat().st_mtime_ns + 1_000_000_000))
        assert kept_module.picture_key(app, "Small visit") != key
        key = kept_module.picture_key(app, "Small visit")
        part.write_text("X = 2\n# longer\n")
        assert kept_module.picture_key(app, "Small visit") != key
        key = kept_module.picture_key(app, "Small visit")
        copies = tmp_path / "fonts"
        copies.mkdir()
        for face in kept_module.fonts.FACES.values():
            (copies / face).write_bytes((Path(kept_module.fonts.COPIES) / face).read_bytes() + b"\0")
        monkeypatch.setattr(kept_module.fonts, "COPIES", copies)
        assert kept_module.picture_key(app, "Small visit") != key
        assert {"simulator.ui.shell.title", "simulator.ui.kit.look", "simulator.ui.kit.widgets", "simulator.ui.kit.text"} <= set(kept_module.DRAWN_BY)
    finally:
        app.close()


@pytest.mark.parametrize("damage", ["torn", "longer", "another version", "empty", "a folder"])
def test_a_damaged_picture_is_ignored_and_kept_again(tmp_path, damage: str):
    """A torn or lengthened file, one of another format, an empty one or a folder in its place: the title is laid out and
    drawn as ever (the same first frame), and a good picture is kept again where it can be."""
    frame, _, _ = first_frame(tmp_path)
    path = picture(tmp_path)
    data = path.read_bytes()
    if damage == "torn":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "longer":
        path.write_bytes(data + b"\0")
    elif damage == "another version":
        path.write_bytes(data.replace(kept_module.MAGIC, b"doorstep kept title 0\n", 1))
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
        path.mkdir()
    again, laid_out, _ = first_frame(tmp_path)
    assert laid_out and again == frame
    if damage != "a folder":
        assert path.read_bytes() == data


def test_a_picture_whose_pixels_differ_is_shown_once_then_replaced_and_the_window_drawn_again(tmp_path):
    """Pixels changed under the right line (a damaged disk, or code changed without its files' sizes and times): the frame
    after shows the title as drawn, and the picture kept is the drawn one."""
    frame, _, after = first_frame(tmp_path)
    path = picture(tmp_path)
    data = bytearray(path.read_bytes())
    for i in range(len(data) - 4000, len(data)):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    shown, laid_out, after_again = first_frame(tmp_path)
    assert not laid_out and shown != frame  # the damaged picture was shown (once)
    assert after_again == after  # then the title as drawn
    assert picture(tmp_path).read_bytes() != bytes(data)
    third, laid_out, _ = first_frame(tmp_path)
    assert not laid_out and third == frame


def test_auto_play_and_handout_screenshots_neither_keep_nor_show_a_picture(tmp_path):
    """Auto play and a clean profile (handouts) draw the title as ever and keep nothing."""
    app = make_app(tmp_path, EXAMPLE, settle=True, clean=True)
    app.close()
    assert not picture(tmp_path).exists()
    assert kept_file(app) == str(picture(tmp_path))
