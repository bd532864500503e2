"""Stage directions as authored: who comes on, goes off, moves, and where the scene is.

A scenario says who is present the way a script does: an episode opens with
its ``present`` cast, and a node or a line may change the stage with
``location``, ``present`` (exactly these people), ``enter``, ``exit`` and
``move``. In a format 2 episode what they set lasts until something changes
it; a format 1 episode (written before the stage carried on) starts every node
from the episode's own location and cast, as it always did.

Each person is a :class:`Placing`: who, and optionally their ``pose`` (a
picture their art has: ``sitting``, ``standing``, ``at-door``...), where they
stand (``at``), whom they are ``holding``, or ``by`` what they are heard when
they are not in the room (a phone, a letter, a video call), and ``when`` the
placing applies. The engine (:mod:`simulator.engine.stage`) resolves these
into who is on stage at each line; the builder and :mod:`simulator.scenario.stage_checks`
check them.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Literal

from simulator.quickdata import dataclass
from simulator.scenario.conditions import Condition

if TYPE_CHECKING:  # the model imports this module; the location type is only annotated here
    from simulator.scenario.model import Loc

Spot = Literal["left", "centre", "right", "back"]
SPOTS: tuple[Spot, ...] = ("left", "centre", "right", "back")

Medium = Literal["phone", "speakerphone", "video", "letter", "email", "message", "voicemail", "nearby", "back-seat"]

#: How each way of being heard but not seen is said: "DC Walsh, on the speakerphone".
MEDIA: dict[str, str] = {
    "phone": "on the phone",
    "speakerphone": "on the speakerphone",
    "video": "on a video call",
    "letter": "in a letter",
    "email": "by email",
    "message": "by text message",
    "voicemail": "in a voicemail",
    "nearby": "heard from nearby, out of sight",
    "back-seat": "in the back seat",
}

#: The pose a person holding someone is drawn in when no pose is given: ``holding-mason``.
HOLDING_POSE = "holding-{}"


def drawn_pose(pose: str | None, holding: str | None) -> str | None:
    """The picture to draw for someone: the pose given, else None (their mood's own picture); with a child in
    their arms and no pose, or ``standing`` (the holding pictures stand), ``holding-<child>``, so the child is in
    the picture. Another pose is drawn as given: ``holding-lily-on-hip``, or ``sitting`` as the words ask."""
    if holding and (pose is None or pose == "standing"):
        return HOLDING_POSE.format(holding)
    return pose

#: The stage keys a node or a line may carry, in the order they are applied.
KEYS = ("location", "present", "exit", "enter", "move", "excluded")

#: In ``excluded``, everyone in the cast under 18 (their ``age``), when no character has this id.
CHILDREN = "children"


@dataclass(frozen=True, slots=True)
class Placing:
    """One person in a stage direction: who, and how and where they are (all optional but ``who``).

    ``by`` means heard but not seen (and then no pose, spot or child);
    ``holding`` names someone carried in their arms (a baby, a toddler on the
    hip), who is then on stage as part of their picture; ``when`` makes the
    placing apply only while the condition holds.
    """

    who: str
    pose: str | None = None
    at: Spot | None = None
    by: Medium | None = None
    holding: str | None = None
    when: Condition | None = None
    loc: Loc | None = field(default=None, compare=False)

    @property
    def drawn_pose(self) -> str | None:
        """The picture to draw: see :func:`drawn_pose`."""
        return drawn_pose(self.pose, self.holding)


@dataclass(frozen=True, slots=True)
class Directions:
    """The stage keys of one episode opening, node or line, applied in the order of :data:`KEYS`.

    ``present`` None leaves the stage's people as they are; a tuple (even
    empty) replaces them all. ``exit`` placings carry only ``who`` and
    ``when``.
    """

    location: str | None = None
    present: tuple[Placing, ...] | None = None
    exit: tuple[Placing, ...] = ()
    enter: tuple[Placing, ...] = ()
    move: tuple[Placing, ...] = ()
    excluded: tuple[str, ...] | None = None
    excluded_loc: Loc | None = field(default=None, compare=False)

    @property
    def empty(self) -> bool:
        return self.location is None and self.present is None and self.excluded is None and not (self.exit or self.enter or self.move)

    def placings(self) -> tuple[Placing, ...]:
        """Every placing, in the order they are applied."""
        return (*(self.present or ()), *self.exit, *self.enter, *self.move)


NO_DIRECTIONS = Directions()
