"""Colours, spacing and the type scale: how the window looks, in one place.

Two palettes: a calm default (warm paper, slate ink, a muted teal) and a
high-contrast one (black and white, yellow for what to press, a cyan focus ring) for low vision and for
washed-out classroom projectors. Sizes are designed at 1280x720 and scaled
by ``min(width / 1280, height / 720)``, so the same layout fills a
1920x1080 projector and still fits a 1024x600 netbook.
"""

# No `from __future__ import annotations`: the palette's and the metrics' NamedTuples, made before the first frame, would have each field's
# annotation as a string, compiled into a forward reference as the class is made (36 compiles, about 20 us each).

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import NamedTuple
else:  # the same classes, their __new__ compiled ahead rather than at every start (simulator/quicktuple)
    from simulator.quicktuple import NamedTuple

Colour = tuple[int, int, int]

DESIGN_W, DESIGN_H = 1280, 720

# Body text in design pixels for each text-size step (Small, Medium, Large, Largest).
BODY_SIZES = (22, 26, 31, 37)


# Records are NamedTuples, not frozen dataclasses: they are defined before the first frame, and a dataclass compiles
# its methods as its module loads (about a millisecond each; tests/test_startup.py).
class Palette(NamedTuple):
    """Named colours; scenes ask for a role ("text", "muted", "accent"), never a literal colour."""

    name: str
    bg: Colour
    surface: Colour
    panel: Colour
    panel_alpha: int
    text: Colour
    muted: Colour
    accent: Colour
    on_accent: Colour
    button: Colour
    button_hover: Colour
    button_border: Colour
    button_text: Colour
    primary: Colour
    primary_hover: Colour
    on_primary: Colour
    disabled: Colour
    focus: Colour
    focus_name: str  # the focus ring's colour in a word, for the settings screen to say truthfully
    bar: Colour
    on_bar: Colour
    bar_warn: Colour
    good: Colour
    bad: Colour
    scrim: Colour
    scrim_alpha: int
    border_width: int
    art_dim: int

    def role(self, name: str) -> Colour:
        value: Colour = getattr(self, name)
        return value


CALM = Palette(
    name="calm",
    bg=(244, 241, 234),
    surface=(252, 250, 246),
    panel=(252, 250, 246),
    panel_alpha=242,
    text=(31, 42, 51),
    muted=(84, 96, 106),
    accent=(38, 98, 103),
    on_accent=(255, 255, 255),
    button=(232, 238, 238),
    button_hover=(214, 228, 229),
    button_border=(160, 182, 185),
    button_text=(31, 42, 51),
    primary=(38, 98, 103),
    primary_hover=(30, 80, 85),
    on_primary=(255, 255, 255),
    disabled=(120, 128, 134),
    focus=(196, 84, 20),
    focus_name="orange",
    bar=(40, 57, 68),
    on_bar=(244, 241, 234),
    bar_warn=(255, 196, 140),
    good=(36, 110, 66),
    bad=(160, 52, 36),
    scrim=(20, 28, 34),
    scrim_alpha=150,
    border_width=1,
    art_dim=0,
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    bg=(0, 0, 0),
    surface=(0, 0, 0),
    panel=(0, 0, 0),
    panel_alpha=255,
    text=(255, 255, 255),
    muted=(230, 230, 230),
    accent=(255, 221, 0),
    on_accent=(0, 0, 0),
    button=(0, 0, 0),
    button_hover=(40, 40, 40),
    button_border=(255, 255, 255),
    button_text=(255, 255, 255),
    primary=(255, 221, 0),
    primary_hover=(255, 236, 110),
    on_primary=(0, 0, 0),
    disabled=(170, 170, 170),
    focus=(0, 229, 255),
    focus_name="cyan",
    bar=(0, 0, 0),
    on_bar=(255, 255, 255),
    bar_warn=(255, 221, 0),
    good=(120, 255, 150),
    bad=(255, 150, 130),
    scrim=(0, 0, 0),
    scrim_alpha=200,
    border_width=2,
    art_dim=90,
)


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else CALM


class Metrics(NamedTuple):
    """Pixel sizes for one window size and text-size step."""

    width: int
    height: int
    scale: float
    body: int
    small: int
    heading: int
    title: int
    display: int

    @classmethod
    def for_size(cls, width: int, height: int, text_step: int) -> "Metrics":
        scale = max(0.4, min(width / DESIGN_W, height / DESIGN_H))
        body = max(12, round(BODY_SIZES[text_step] * scale))
        return cls(
            width=width,
            height=height,
            scale=scale,
            body=body,
            small=max(11, round(body * 0.82)),
            heading=max(14, round(body * 1.3)),
            title=max(16, round(body * 1.75)),
            display=max(20, round(body * 2.6)),
        )

    def u(self, design_px: float) -> int:
        """A design-pixel length (spacing, radius, border) in real pixels; never below 1."""
        return max(1, round(design_px * self.scale))

    @property
    def margin(self) -> int:
        return self.u(24)

    @property
    def gap(self) -> int:
        return self.u(12)

    @property
    def radius(self) -> int:
        return self.u(10)

    @property
    def focus_width(self) -> int:
        return max(3, self.u(4))
