"""The memory pictures drawn ahead hold: surface bytes reachable from the window, with and without them.

Used by bench_ui.py (section 4). The window's objects are walked from the app
(its scenes, flow, caches), counting every distinct pixel buffer once (a
subsurface counts as its parent). Pictures drawn ahead are the surfaces reached
only through what holds work done ahead: a card's picture (``_picture``), the
scratch surface cards are drawn on, a page or beat drawn ahead (``ahead``), a
fade step blended ahead (``_next``), the window dimmed ahead (``dimmed``), and
the cards and moments made ahead (``_feedback``, ``_transition``, ``_ready``,
``next_moment``, ``_moment``). "Without" is everything else: the window, the
picture under a card, the kept still parts, the text and art caches. The case's
own model (engine and scenario objects) is not walked: it holds no pictures.
"""

from __future__ import annotations

from typing import Any

import pygame

AHEAD = frozenset({"_picture", "_scratch_surface", "ahead", "_next", "dimmed", "_feedback", "_transition", "_ready", "next_moment", "_moment"})
WALKED = ("simulator.ui", "simulator.services.run")  # objects of these modules are walked into; containers always


def _root(surface: pygame.Surface) -> pygame.Surface:
    while surface.get_parent() is not None:
        surface = surface.get_parent()
    return surface


def _children(obj: Any) -> list[tuple[str, Any]]:
    if isinstance(obj, dict):
        return [(k if isinstance(k, str) else "", v) for k, v in obj.items()] + [("", k) for k in obj if not isinstance(k, str | int)]
    if isinstance(obj, list | tuple | set | frozenset):
        return [("", v) for v in obj]
    out: list[tuple[str, Any]] = []
    if hasattr(obj, "__dict__"):
        out.extend(vars(obj).items())
    for name in getattr(type(obj), "__slots__", ()):
        if hasattr(obj, name):
            out.append((name, getattr(obj, name)))
    for name in ("__self__", "__closure__", "__func__", "func", "args", "keywords"):  # bound methods, closures and partials in the task list
        if name in ("__self__", "__func__") and hasattr(obj, name):
            out.append(("", getattr(obj, name)))
        elif name == "__closure__" and getattr(obj, "__closure__", None):
            out.extend(("", cell.cell_contents) for cell in obj.__closure__ if _filled(cell))
        elif name in ("func", "args", "keywords") and type(obj).__name__ == "partial":
            out.append(("", getattr(obj, name)))
    return out


def _filled(cell: Any) -> bool:
    try:
        cell.cell_contents  # noqa: B018
    except ValueError:
        return False
    return True


def _walkable(obj: Any) -> bool:
    if isinstance(obj, dict | list | tuple | set | frozenset):
        return True
    kind = type(obj)
    if kind.__name__ in ("function", "method", "partial", "cell"):
        return True
    return kind.__module__.startswith(WALKED)


def surfaces(app: Any, *, skip_ahead: bool) -> dict[int, int]:
    """Every distinct pixel buffer reachable from ``app``: id of its root surface -> bytes (``skip_ahead``: not through work ahead)."""
    found: dict[int, int] = {}
    seen: set[int] = set()
    todo: list[Any] = [app, pygame.display.get_surface()]
    while todo:
        obj = todo.pop()
        if obj is None or id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, pygame.Surface):
            root = _root(obj)
            found[id(root)] = root.get_width() * root.get_height() * root.get_bytesize()
            continue
        if not _walkable(obj):
            continue
        for name, child in _children(obj):
            if skip_ahead and name in AHEAD:
                continue
            if isinstance(child, str | int | float | bool | bytes) or child is None:
                continue
            todo.append(child)
    return found


def held(app: Any) -> tuple[int, int]:
    """(bytes of every picture the window holds, bytes of those held only by work done ahead)."""
    every = surfaces(app, skip_ahead=False)
    own = surfaces(app, skip_ahead=True)
    return sum(every.values()), sum(v for k, v in every.items() if k not in own)


def by_holder(app: Any) -> dict[str, int]:
    """Bytes of the window's biggest holders of pictures: the text cache (rendered lines) and the art cache."""
    out: dict[str, int] = {}
    for name, holder, store in (("text cache", getattr(app, "cache", None), "_items"), ("art cache", getattr(app, "_art", None), "_surfaces")):
        roots = {id(r): r for r in (_root(s) for s in getattr(holder, store, {}).values() if isinstance(s, pygame.Surface))}
        out[name] = sum(r.get_width() * r.get_height() * r.get_bytesize() for r in roots.values())
    return out
