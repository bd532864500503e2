"""The title's first frame kept between runs, so a returning trainee's window shows it at once (issue 13).

The first frame a trainee's window draws of the title is kept beside the
settings it was drawn in (``title-first-frame.pixels`` in the settings folder):
a line naming everything the picture was drawn from, then the window's pixels
as they lie in memory. A later run
whose window, look, case and code name the same line shows those pixels as
its first frame, without first laying out or drawing the title; just after
that frame it lays the title out, draws it and compares, pixel for pixel. A
picture that differs (a damaged file, code changed without its files'
sizes or times changing) is replaced, and the window drawn again at once. A
file of the wrong length, or kept for another window, look, case or code, is
ignored and replaced. Nothing is unpickled or evaluated: the file's line is
only compared, and its pixels only copied.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING

import pygame

from simulator import __version__, fileio
from simulator.ui.kit import fonts

if TYPE_CHECKING:
    from simulator.ui.kit.app import App
    from simulator.ui.shell.title import TitleScene

MAGIC = b"doorstep kept title 1\n"
#: The modules whose code draws the title: a change to any (its size or time) names another picture.
DRAWN_BY = (
    "simulator.ui.shell.title",
    "simulator.ui.shell.kept",
    "simulator.ui.kit.look",
    "simulator.ui.kit.widgets",
    "simulator.ui.kit.scene",
    "simulator.ui.kit.text",
    "simulator.ui.kit.paging",
    "simulator.ui.kit.fonts",
    "simulator.ui.kit.theme",
)


def _stamp(path: str) -> tuple[str, int, int]:
    found = os.stat(path)
    return os.path.basename(path), found.st_size, found.st_mtime_ns


def picture_key(app: App, case: str) -> bytes | None:
    """The line naming what the title's first frame is drawn from, or None when it is not to be kept: the window's size and
    pixel format, the look (sizes, palette), the case named on New, the font files, pygame-ce's and SDL's versions, and
    the title's code. Text read aloud from the first frame (self-voicing), or collected by a test, needs the title laid
    out at once; text under HINTED_BELOW is drawn from the font package's files, which are not named here."""
    look = app.look
    m = look.metrics
    if look.log is not None or app.settings.self_voicing or min(m.small, m.body, m.heading, m.title, m.display) < fonts.HINTED_BELOW:
        return None
    surface = app.surface
    try:
        files = [_stamp(str(sys.modules[name].__file__)) for name in DRAWN_BY]
        files += [_stamp(os.path.join(fonts.COPIES, face)) for face in fonts.FACES.values()]
    except (KeyError, OSError):
        return None
    names = (__version__, pygame.version.ver, str(pygame.version.SDL), pygame.font.get_sdl_ttf_version())
    window = (surface.get_size(), surface.get_pitch(), surface.get_bitsize(), surface.get_masks())
    return repr((names, window, tuple(m), tuple(look.palette), look.high_contrast, case, files)).encode("utf-8", "backslashreplace")


def _keep(where: str, key: bytes, pixels: bytes) -> None:
    """Write the picture (a cache: a torn write is a file of the wrong length, ignored next time)."""
    with contextlib.suppress(OSError):  # nothing is lost: the next run draws the title as this one did
        fileio.write_atomic(where, MAGIC + key + b"\n" + pixels, mode=0o600, durable=False)


def keep_first_frame(title: TitleScene, where: str) -> None:
    """Just after a first frame drawn without a kept picture: keep it in ``where``, if the window still shows it."""
    app = title.app
    if app.frames != 1 or app.stack != [title]:
        return
    key = picture_key(app, title.moves.selected_title())
    if key is not None:
        _keep(where, key, app.surface.get_buffer().raw)


class KeptTitle:
    """A picture of the title's first frame kept by an earlier run: where, for which key, and where its pixels begin."""

    def __init__(self, where: str, key: bytes, start: int) -> None:
        self.where = where
        self.key = key
        self.start = start

    @classmethod
    def find(cls, app: App, case: str, where: str) -> KeptTitle | None:
        """The picture kept in ``where`` for this window, look, case and code, or None (none, kept for something else, or a
        file of the wrong length: damaged, or torn while written)."""
        key = picture_key(app, case)
        if key is None:
            return None
        head = MAGIC + key + b"\n"
        try:
            with open(where, "rb") as kept:
                if kept.read(len(head)) != head or os.fstat(kept.fileno()).st_size != len(head) + app.surface.get_pitch() * app.surface.get_height():
                    return None
        except (OSError, ValueError):
            return None
        return cls(where, key, len(head))

    def show(self, surface: pygame.Surface) -> bool:
        """Read the picture straight into the window's pixels; False if it could not all be read (the window then draws the
        title over whatever came in)."""
        try:
            with open(self.where, "rb") as kept:
                kept.seek(self.start)
                return kept.readinto(surface.get_buffer()) == surface.get_pitch() * surface.get_height()  # type: ignore[arg-type]
        except (OSError, ValueError, TypeError, pygame.error):
            return False

    def check(self, title: TitleScene) -> None:
        """Just after the first frame: the title laid out and drawn for real, over the picture shown; kept again, and the
        window drawn again, if they differ. Skipped if the window has moved on already (the trainee was quicker)."""
        app = title.app
        if app.frames != 1 or app.stack != [title]:
            return
        shown = app.surface.get_buffer().raw
        title.lay_out()
        title.paint(app.surface)
        drawn = app.surface.get_buffer().raw
        if drawn != shown:
            _keep(self.where, self.key, drawn)
            app.dirty = True
