"""A tiny, deterministic SVG writer limited to what nanosvg renders.

pygame-ce loads SVG through SDL_image, which uses nanosvg.  nanosvg understands
basic shapes, paths, solid fills and strokes, linear/radial gradients declared in
<defs>, opacity and simple transforms.  This module only ever emits those, and
gradients always use ``gradientUnits="userSpaceOnUse"`` because nanosvg
misreads unitless bounding-box coordinates.

Numbers are rounded to one decimal place so the output is byte-for-byte stable.
"""

from __future__ import annotations

from contextlib import contextmanager


def num(value: float) -> str:
    """Format a coordinate: at most one decimal, no trailing zeros, no -0."""
    r = round(float(value), 1)
    if r == 0:
        return "0"
    if r == int(r):
        return str(int(r))
    return f"{r:.1f}"


def _attrs(attrs: dict) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, (int, float)):
            value = num(value)
        parts.append(f'{name}="{value}"')
    return (" " + " ".join(parts)) if parts else ""


class Path:
    """Fluent builder for path data: Path().M(0, 0).L(10, 0).Z()."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def _add(self, cmd: str, *values: float) -> "Path":
        self._parts.append(cmd + " ".join(num(v) for v in values))
        return self

    def M(self, x, y):
        return self._add("M", x, y)

    def L(self, x, y):
        return self._add("L", x, y)

    def Q(self, cx, cy, x, y):
        return self._add("Q", cx, cy, x, y)

    def C(self, c1x, c1y, c2x, c2y, x, y):
        return self._add("C", c1x, c1y, c2x, c2y, x, y)

    def A(self, rx, ry, rot, large, sweep, x, y):
        return self._add("A", rx, ry, rot, int(large), int(sweep), x, y)

    def Z(self):
        self._parts.append("Z")
        return self

    def __str__(self) -> str:
        return " ".join(self._parts)


class Doc:
    """An SVG document.  Shapes are appended to the innermost open group."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self._defs: list[str] = []
        self._def_ids: set[str] = set()
        self._stack: list[list[str]] = [[]]

    # -- paint servers -------------------------------------------------
    def linear(self, gid, x1, y1, x2, y2, stops) -> str:
        """Define a linear gradient once; return its url() reference.

        ``stops`` is a list of (offset, colour) or (offset, colour, opacity).
        """
        if gid not in self._def_ids:
            self._def_ids.add(gid)
            body = "".join(self._stop(s) for s in stops)
            self._defs.append(
                f'<linearGradient id="{gid}" gradientUnits="userSpaceOnUse" '
                f'x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}">'
                f"{body}</linearGradient>"
            )
        return f"url(#{gid})"

    def radial(self, gid, cx, cy, r, stops) -> str:
        if gid not in self._def_ids:
            self._def_ids.add(gid)
            body = "".join(self._stop(s) for s in stops)
            self._defs.append(
                f'<radialGradient id="{gid}" gradientUnits="userSpaceOnUse" '
                f'cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}">{body}</radialGradient>'
            )
        return f"url(#{gid})"

    @staticmethod
    def _stop(stop) -> str:
        offset, colour = stop[0], stop[1]
        opacity = f' stop-opacity="{num(stop[2])}"' if len(stop) > 2 else ""
        return f'<stop offset="{num(offset)}" stop-color="{colour}"{opacity}/>'

    # -- structure -----------------------------------------------------
    def raw(self, element: str) -> None:
        self._stack[-1].append(element)

    @contextmanager
    def group(self, transform: str | None = None, opacity: float | None = None):
        self._stack.append([])
        try:
            yield self
        finally:
            children = self._stack.pop()
            if children:
                attrs = _attrs({"transform": transform, "opacity": opacity})
                self.raw(f"<g{attrs}>" + "".join(children) + "</g>")

    # -- shapes --------------------------------------------------------
    def rect(self, x, y, w, h, fill, rx=None, **kw):
        if w <= 0 or h <= 0:
            return
        if rx is not None:
            rx = min(rx, w / 2, h / 2)
        self.raw(f"<rect{_attrs(dict(x=x, y=y, width=w, height=h, rx=rx, fill=fill, **kw))}/>")

    def circle(self, cx, cy, r, fill, **kw):
        self.raw(f"<circle{_attrs(dict(cx=cx, cy=cy, r=r, fill=fill, **kw))}/>")

    def ellipse(self, cx, cy, rx, ry, fill, **kw):
        self.raw(f"<ellipse{_attrs(dict(cx=cx, cy=cy, rx=rx, ry=ry, fill=fill, **kw))}/>")

    def path(self, d, fill="none", **kw):
        self.raw(f"<path{_attrs(dict(d=str(d), fill=fill, **kw))}/>")

    def poly(self, points, fill, **kw):
        pts = " ".join(f"{num(x)},{num(y)}" for x, y in points)
        self.raw(f"<polygon{_attrs(dict(points=pts, fill=fill, **kw))}/>")

    def line(self, x1, y1, x2, y2, stroke, width, cap="round", **kw):
        self.raw(
            f"<line{_attrs(dict(x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=width, stroke_linecap=cap, **kw))}/>"
        )

    def stroke(self, d, colour, width, cap="round", join="round", **kw):
        """An unfilled stroked path with soft (round) ends."""
        self.path(d, fill="none", stroke=colour, stroke_width=width,
                  stroke_linecap=cap, stroke_linejoin=join, **kw)

    # -- output --------------------------------------------------------
    def render(self) -> str:
        defs = ("<defs>" + "".join(self._defs) + "</defs>\n") if self._defs else ""
        body = "\n".join(self._stack[0])
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}">\n{defs}{body}\n</svg>\n'
        )
