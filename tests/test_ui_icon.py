"""The window's icon: Doorstep's door, set before the window first opens (pygame's own is then never loaded)."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")

from simulator.ui.kit import icon as icon_module  # noqa: E402
from simulator.ui.kit.icon import DOOR, KNOB, SIZE, door_icon  # noqa: E402


def test_the_icon_is_a_door_on_a_transparent_square():
    """The icon is a square of SIZE px, see-through at its corners, with the teal door and its knob drawn in it."""
    pygame.display.init()
    icon = door_icon()
    assert icon.get_size() == (SIZE, SIZE)
    assert icon.get_at((0, 0)).a == 0 and icon.get_at((SIZE - 1, SIZE - 1)).a == 0
    colours = {tuple(icon.get_at((x, y)))[:3] for x in range(SIZE) for y in range(SIZE)}
    assert DOOR in colours and KNOB in colours
    assert tuple(icon.get_at((SIZE // 2, SIZE // 2 + 8)))[:3] == DOOR  # the door fills the middle


@pytest.mark.ui
def test_the_window_is_given_its_icon_before_it_opens(tmp_path, monkeypatch):
    """Opening the window sets the door icon first: some systems never change an icon once the window is shown."""
    from simulator.services.settings import Settings
    from simulator.ui.kit.app import App

    calls: list[str] = []
    set_icon, set_mode = pygame.display.set_icon, pygame.display.set_mode

    def noting_icon(surface):
        calls.append(f"icon {surface.get_size()}")
        return set_icon(surface)

    def noting_mode(*args, **kwargs):
        calls.append("mode")
        return set_mode(*args, **kwargs)

    monkeypatch.setattr(icon_module.pygame.display, "set_icon", noting_icon)
    monkeypatch.setattr(pygame.display, "set_mode", noting_mode)
    app = App(Settings(), size=(1024, 600), config_dir=tmp_path)
    try:
        assert calls[:2] == [f"icon {(SIZE, SIZE)}", "mode"]
    finally:
        app.close()
