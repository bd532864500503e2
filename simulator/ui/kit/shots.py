"""Screenshots of every new screen, for trainers' handouts (``--screenshots DIR``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from simulator.ui.kit.scene import AnyScene


class Shots:
    """Saves ``NNN-<scene>.png`` the first time each screen is drawn settled."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.last: tuple[int, object] | None = None
        self.saved: list[Path] = []

    def capture(self, surface: pygame.Surface, scene: AnyScene) -> Path | None:
        key = (id(scene), scene.screen_key())
        if key == self.last:
            return None
        self.last = key
        self.count += 1
        path = self.folder / f"{self.count:03d}-{scene.name}.png"
        pygame.image.save(surface, str(path))
        self.saved.append(path)
        return path
