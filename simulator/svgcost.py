"""How much work a picture would give the SVG renderer, told before it draws: a sentence when it is too much.

The window rasterises pictures with SDL_image, whose SVG renderer (nanosvg)
draws every shape over the whole of its bounding box, one after another: its
cost is the area the shapes cover, summed (measured: 2,000 rectangles the size
of the picture kept the art thread busy over 100 s at 1920x1080; gradients
cost about half as much again per pixel). It also walks every point of every
path, and cuts each dashed stroke into its dashes (a dash of 0.01 along a long
line is hundreds of thousands of pieces). Deep nesting, filters, text and
``<use>`` cost it nothing (it ignores the last three).

So :func:`refusal` reads the SVG the way that renderer does (a forgiving tag
scanner, not a strict XML parser: a file nanosvg draws is a file this reads)
and adds up, in units of "the whole picture painted once", what each shape
would cost, from its bounding box through every transform, clipped to the
picture. Over :data:`MAX_COVER`, or too many path points, dashes, elements or
a nesting too deep, is a one-line reason; Doorstep's own pictures are far
below every limit. Pure Python: ``validate`` says it (F310) and the window
shows a placeholder instead of drawing.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator

MAX_BYTES = 8 * 1024 * 1024  # Doorstep's own pictures are under 25 KB; a scanned-in SVG may be a few MB
MAX_COVER = 24.0  # the picture's area, painted this many times over (Doorstep's busiest picture: about 3.6; at the limit, about 1.4 s at 1920x1080 on a loaded 2-core machine)
MAX_POINTS = 50_000  # points along all paths (each costs the renderer whatever the size; 200,000 took it 2.5 s)
MAX_DASHES = 50_000  # pieces of dashed strokes
MAX_ELEMENTS = 20_000  # Doorstep's busiest picture has under 300
MAX_DEPTH = 200
GRADIENT_COST = 1.5  # a gradient-filled pixel against a flat one

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
Box = tuple[float, float, float, float]  # x0, y0, x1, y1

_TAG = re.compile(rb"<([^>]*)>")  # as the renderer reads tags: from < to the next >, quotes or not
_ATTR = re.compile(rb"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")
SHAPES = frozenset({"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"})
ARGS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}


class TooCostly(Exception):
    """The picture would take the renderer too long; ``str()`` says why in a phrase."""


def picture_problem(data: bytes) -> tuple[str, str, str] | None:
    """Why the window would not draw a scenario's own picture: (code, why, what to do), or None.

    Not an SVG its reader can read is F312, too much work for its renderer F310.
    """
    why = unreadable(data)
    if why:
        return "F312", why, "open it in a browser to see whether it draws, and save it again as plain SVG from your drawing program"
    why = refusal(data)
    return ("F310", why, "simplify it: fewer shapes drawn over each other, fewer points, no fine dashes") if why else None


def unreadable(data: bytes) -> str | None:
    """Why the window's SVG reader would refuse these bytes, or None: not an SVG at all, or one with no size and nothing in it.

    The reader is lenient (a file cut off mid-way still draws what it has), so only what it refuses is said: its first
    element is not ``<svg>`` (a web page, a PNG renamed .svg, an empty file), or the ``<svg>`` has no width, height or
    viewBox and no shape to take a size from.
    """
    first = None
    for match in _TAG.finditer(data):
        inner = match.group(1).strip()
        if inner and inner[:1] not in (b"?", b"!"):
            first = match
            break
    head = re.match(rb"([A-Za-z_][\w:.-]*)", first.group(1).strip()) if first is not None else None
    if head is None or head.group(1).rpartition(b":")[2].lower() != b"svg":
        return "is not an SVG picture (it does not begin with <svg>)"
    attrs = first.group(1) if first is not None else b""
    sized = re.search(rb"\b(width|height|viewBox)\s*=", attrs) is not None
    if not sized and not re.search(rb"<\s*(?:\w+:)?(?:" + b"|".join(s.encode() for s in sorted(SHAPES)) + rb")\b", data):
        return "is an SVG with no size (no width, height or viewBox) and nothing drawn in it"
    return None


def refusal(data: bytes) -> str | None:
    """Why drawing this SVG would take too long (a phrase such as "paints its area 2,000 times over"), or None."""
    try:
        cost = Cost(data)
        cost.run()
    except TooCostly as exc:
        return str(exc)
    return None


def _numbers(text: str, limit: int = 64) -> list[float]:
    out = []
    for m in itertools.islice(_NUMBER.finditer(text), limit):
        value = float(m.group())
        out.append(value if math.isfinite(value) else 0.0)
    return out


def _length(text: str | None, whole: float = 0.0) -> float:
    """A length attribute in user units (units other than % taken as user units: a bounding guess is enough)."""
    if not text:
        return 0.0
    found = _NUMBER.match(text.strip())
    if not found:
        return 0.0
    value = float(found.group())
    if not math.isfinite(value):
        return 0.0
    return value * whole / 100 if text.strip().endswith("%") else value


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    """a then b, as SVG composes a parent's transform (a) with its child's (b)."""
    return (
        a[0] * b[0] + a[2] * b[1],
        a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3],
        a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4],
        a[1] * b[4] + a[3] * b[5] + a[5],
    )


def transform(text: str) -> Matrix:
    """An SVG ``transform`` attribute as one matrix (unknown parts ignored, as the renderer does)."""
    m = IDENTITY
    for name, raw in _TRANSFORM.findall(text):
        v = _numbers(raw)
        step = IDENTITY
        if name == "matrix" and len(v) >= 6:
            step = (v[0], v[1], v[2], v[3], v[4], v[5])
        elif name == "translate" and v:
            step = (1.0, 0.0, 0.0, 1.0, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale" and v:
            step = (v[0], 0.0, 0.0, v[1] if len(v) > 1 else v[0], 0.0, 0.0)
        elif name == "rotate" and v:
            r = math.radians(v[0])
            c, s = math.cos(r), math.sin(r)
            cx, cy = (v[1], v[2]) if len(v) >= 3 else (0.0, 0.0)
            step = (c, s, -s, c, cx - c * cx + s * cy, cy - s * cx - c * cy)
        elif name in ("skewX", "skewY") and v:
            t = math.tan(math.radians(max(-89.0, min(89.0, v[0]))))
            step = (1.0, 0.0, t, 1.0, 0.0, 0.0) if name == "skewX" else (1.0, t, 0.0, 1.0, 0.0, 0.0)
        m = _multiply(m, step)
    return m


def path_points(d: str) -> Iterator[tuple[float, float, bool]]:
    """Every point a path's data names (end and control points, arcs' ends widened by their radii), absolute; True where a new subpath starts."""
    x = y = sx = sy = 0.0
    command = ""
    args: list[float] = []
    for found in _PATH.finditer(d):  # lazily: a path too long to draw is given up on part-way
        token = found.group()
        if token.isalpha():
            command, args = token, []
            if command in "Zz":
                x, y = sx, sy
                yield x, y, False
            continue
        if not command:
            continue
        args.append(float(token) if math.isfinite(float(token)) else 0.0)
        lower = command.lower()
        need = ARGS.get(lower, 2)
        if len(args) < need:
            continue
        rel = command.islower()
        ox, oy = (x, y) if rel else (0.0, 0.0)
        if lower == "h":
            x = ox + args[0]
            yield x, y, False
        elif lower == "v":
            y = (y if rel else 0.0) + args[0]
            yield x, y, False
        elif lower == "a":
            rx, ry = abs(args[0]), abs(args[1])
            x, y = ox + args[5], oy + args[6]
            yield x - rx, y - ry, False
            yield x + rx, y + ry, False
            yield x, y, False
        else:
            for i in range(0, need, 2):
                yield ox + args[i], oy + args[i + 1], lower == "m" and i == 0
            x, y = ox + args[need - 2], oy + args[need - 1]
            if lower == "m":
                sx, sy = x, y
                command = "l" if rel else "L"  # further pairs after a moveto are lines
        args = []


class Cost:
    """One SVG's cost, added up as its tags are read."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.canvas: Box | None = None
        self.cover = 0.0
        self.points = 0
        self.dashes = 0.0
        self.elements = 0
        self.unsized: list[Box] = []  # painted boxes of a picture with no size of its own
        self.stack: list[tuple[Matrix, dict[str, str]]] = []

    def run(self) -> None:
        for match in _TAG.finditer(self.data):
            inner = match.group(1).strip()
            if not inner or inner[:1] in (b"?", b"!"):
                continue  # a declaration, a comment, CDATA
            closing = inner[:1] == b"/"
            empty = inner[-1:] == b"/"
            head = re.match(rb"/?\s*([A-Za-z_][\w:.-]*)", inner)
            if head is None:
                continue
            name = head.group(1).decode("ascii", "replace").rpartition(":")[2]
            raw_attrs = inner[head.end() : len(inner) - 1 if empty else len(inner)]
            if closing:
                if self.stack:
                    self.stack.pop()
                continue
            self.elements += 1
            if self.elements > MAX_ELEMENTS:
                raise TooCostly(f"has more than {MAX_ELEMENTS:,} elements")
            attrs = self._attrs(raw_attrs)
            matrix, inherited = self.stack[-1] if self.stack else (IDENTITY, {})
            style = {**inherited, **{k: v for k, v in attrs.items() if k in ("fill", "stroke", "stroke-width", "stroke-dasharray")}}
            if "transform" in attrs:
                matrix = _multiply(matrix, transform(attrs["transform"]))
            if name == "svg" and self.canvas is None:
                self._set_canvas(attrs)
            elif name in SHAPES:
                self._shape(name, attrs, matrix, style)
            if not empty:
                self.stack.append((matrix, style))
                if len(self.stack) > MAX_DEPTH:
                    raise TooCostly(f"nests elements more than {MAX_DEPTH} deep")
        if self.unsized:
            whole = (min(b[0] for b in self.unsized), min(b[1] for b in self.unsized), max(b[2] for b in self.unsized), max(b[3] for b in self.unsized))
            if whole[2] > whole[0] and whole[3] > whole[1]:
                self.cover += sum(_share(b, whole) for b in self.unsized)
            self._check_cover()

    @staticmethod
    def _attrs(raw: bytes) -> dict[str, str]:
        attrs = {m.group(1).decode("ascii", "replace"): (m.group(2) if m.group(2) is not None else m.group(3) or b"").decode("utf-8", "replace") for m in _ATTR.finditer(raw)}
        for part in attrs.pop("style", "").split(";"):
            key, _, value = part.partition(":")
            if key.strip() and value.strip():
                attrs[key.strip()] = value.strip()
        return attrs

    def _set_canvas(self, attrs: dict[str, str]) -> None:
        box = _numbers(attrs.get("viewBox", ""))
        if len(box) >= 4 and box[2] > 0 and box[3] > 0:
            self.canvas = (box[0], box[1], box[0] + box[2], box[1] + box[3])
            return
        w, h = _length(attrs.get("width")), _length(attrs.get("height"))
        if w > 0 and h > 0:
            self.canvas = (0.0, 0.0, w, h)

    def _shape(self, name: str, a: dict[str, str], matrix: Matrix, style: dict[str, str]) -> None:
        box, length = self._geometry(name, a)
        if box is None:
            return
        fill = style.get("fill", "black").strip().lower() != "none"
        stroke = style.get("stroke", "none").strip().lower() not in ("none", "")
        width = abs(_length(style.get("stroke-width", "1"))) if stroke else 0.0
        for painted, grow, paint in ((fill, 0.0, style.get("fill", "")), (stroke, width / 2, style.get("stroke", ""))):
            if painted:
                area = self._area((box[0] - grow, box[1] - grow, box[2] + grow, box[3] + grow), matrix)
                self.cover += area * (GRADIENT_COST if "url(" in paint else 1.0)
        if stroke:
            pattern = [abs(v) for v in _numbers(style.get("stroke-dasharray", "none"))]
            pattern = pattern * 2 if len(pattern) % 2 else pattern  # the renderer repeats an odd list, as SVG says
            period = sum(pattern)
            if period > 0:
                self.dashes += length / period * len(pattern) / 2
                if self.dashes > MAX_DASHES:
                    raise TooCostly(f"cuts its dashed lines into more than {MAX_DASHES:,} dashes")
        self._check_cover()

    def _check_cover(self) -> None:
        if self.cover > MAX_COVER:
            raise TooCostly(f"paints more than {MAX_COVER:g} times the picture's own area (shapes drawn over shapes)")

    def _geometry(self, name: str, a: dict[str, str]) -> tuple[Box | None, float]:
        """The shape's bounding box in its own units, and the length of its outline (for dashes)."""
        cw = (self.canvas[2] - self.canvas[0]) if self.canvas else 0.0
        ch = (self.canvas[3] - self.canvas[1]) if self.canvas else 0.0
        if name == "rect":
            x, y, w, h = _length(a.get("x"), cw), _length(a.get("y"), ch), _length(a.get("width"), cw), _length(a.get("height"), ch)
            return ((x, y, x + w, y + h), 2 * (abs(w) + abs(h))) if w > 0 and h > 0 else (None, 0.0)
        if name in ("circle", "ellipse"):
            cx, cy = _length(a.get("cx"), cw), _length(a.get("cy"), ch)
            rx = _length(a.get("r") if name == "circle" else a.get("rx"), cw)
            ry = rx if name == "circle" else _length(a.get("ry"), ch)
            return ((cx - rx, cy - ry, cx + rx, cy + ry), 2 * math.pi * max(abs(rx), abs(ry))) if rx > 0 and ry > 0 else (None, 0.0)
        if name == "line":
            pts = [(_length(a.get("x1")), _length(a.get("y1"))), (_length(a.get("x2")), _length(a.get("y2")))]
        elif name in ("polyline", "polygon"):
            v = _numbers(a.get("points", ""), 2 * (MAX_POINTS - self.points) + 2)
            pts = list(zip(v[0::2], v[1::2], strict=False))
        else:
            pts = []
            for px, py, _ in path_points(a.get("d", "")):
                pts.append((px, py))
                if self.points + len(pts) > MAX_POINTS:
                    break
        self.points += len(pts)
        if self.points > MAX_POINTS:
            raise TooCostly(f"has more than {MAX_POINTS:,} points along its paths")
        if not pts:
            return None, 0.0
        length = sum(math.hypot(bx - ax, by - ay) for (ax, ay), (bx, by) in itertools.pairwise(pts))
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return (min(xs), min(ys), max(xs), max(ys)), length

    def _area(self, box: Box, m: Matrix) -> float:
        """The box through the transform, clipped to the picture: its area as a share of the picture's."""
        corners = [(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3]))]
        x0, x1 = min(c[0] for c in corners), max(c[0] for c in corners)
        y0, y1 = min(c[1] for c in corners), max(c[1] for c in corners)
        canvas = self.canvas
        if canvas is None:  # no size given: the renderer fits the picture to its shapes; counted once they are all known
            self.unsized.append((x0, y0, x1, y1))
            return 0.0
        return _share((x0, y0, x1, y1), canvas)


def _share(box: Box, canvas: Box) -> float:
    """How much of ``canvas`` the box covers, as a share of it."""
    x0, y0, x1, y1 = box
    w, h = canvas[2] - canvas[0], canvas[3] - canvas[1]
    cx0, cy0, cx1, cy1 = max(x0, canvas[0]), max(y0, canvas[1]), min(x1, canvas[2]), min(y1, canvas[3])
    if cx1 <= cx0 or cy1 <= cy0:
        return 0.0
    return (cx1 - cx0) * (cy1 - cy0) / (w * h)
