"""Reading what the window shows, as a trainee would: every page's words, every name plate, every line of text.

:class:`Reader` watches every pagination the window makes (``Look.pages``) and
every string it renders (``TextCache.render``), and after each pass of the
loop what was drawn where. It knows nothing of how the kit pages text: it
maps each page's words back to the paragraphs they came from and judges the
breaks with its own idea of a sentence, so it tests the rule, not the code.

It fails on:
- a page that ends mid-sentence where that sentence, on its own, would fit a page;
- a page holding only a scrap of one sentence (fewer than half the rows a page holds), or one word;
- a citation (a "Rests on:" line, or anything in brackets) split across pages when it fits one;
- a heading left at the foot of a page with its text on the next;
- an unfilled ``{placeholder}`` anywhere on screen;
- text drawn outside its box or the window (clipped), and name plates that overlap;
- in watch, a version's header ("Barrier version") covered by the decision panel, or both headers alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pygame

from simulator.ui.kit.look import Look
from simulator.ui.kit.text import Page, Para, TextCache, wrap

PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9_-]*\}")
SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*$")
BREAK_AT = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*\s+")
BIG = 1 << 29


@dataclass
class Layout:
    paras: tuple[Para, ...]
    width: int
    height: int
    look: Look
    pages: list[Page]
    screen: str


def page_text(page: Page) -> list[str]:
    """The words of a page in reading order (a bullet's mark left out)."""
    return [w for row in page.rows for run in row.runs if not (run.text == "\u2022" and run.role == "accent") for w in run.text.split()]


@dataclass
class Reader:
    """Collects layouts and drawn text while the window is driven; :meth:`problems` says what a reader would trip on."""

    layouts: dict[tuple[Any, ...], Layout] = field(default_factory=dict)
    rendered: set[str] = field(default_factory=set)
    drawn: list[tuple[pygame.Rect, pygame.Rect]] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    screens: set[str] = field(default_factory=set)
    passes: int = 0
    screen: str = ""

    # -- hooks --------------------------------------------------------------------------------
    def install(self, monkeypatch) -> None:
        reader = self
        pages = Look.pages
        render = TextCache.render

        def recording_pages(look: Look, paras: Sequence[Para], width: int, height: int) -> list[Page]:
            out = pages(look, paras, width, height)
            if height < BIG and paras:
                key = (tuple(paras), width, height, look.typeset.key)
                if key not in reader.layouts:
                    reader.layouts[key] = Layout(tuple(paras), width, height, look, list(out), reader.screen)
            return out

        def recording_render(cache: TextCache, font: pygame.font.Font, text: str, colour: Any) -> pygame.Surface:
            reader.rendered.add(text)
            return render(cache, font, text, colour)

        monkeypatch.setattr(Look, "pages", recording_pages)
        monkeypatch.setattr(TextCache, "render", recording_render)

    def __call__(self, rect: pygame.Rect, box: pygame.Rect) -> None:  # the app's text log
        self.drawn.append((rect.copy(), box.copy()))

    # -- after each pass of the loop ---------------------------------------------------------------
    def look_at(self, app: Any) -> None:
        """Check what the last frame drew: text inside its box and the window; name plates apart and inside."""
        top = app.top
        self.passes += 1
        if top is None:
            return
        self.screen = f"{top.name} {top.screen_key()!r}"[:160]
        self.screens.add(top.name)
        window = pygame.Rect((0, 0), app.look.size)
        for rect, box in self.drawn:
            if not box.contains(rect) or not window.contains(rect):
                self.found.append(f"clipped text on {self.screen}: {rect} outside {box} (window {window.size})")
        self.drawn.clear()
        panes = [p for p in getattr(top, "panes", []) if p.beats]
        for pane in panes:
            if pane.header.colliderect(pane.panel):
                self.found.append(f"the {pane.label!r} header is covered by the panel on {self.screen}")
        if len(panes) == 2 and panes[0].colour == panes[1].colour:
            self.found.append(f"both versions' headers are the same colour on {self.screen}")
        for stage, origin, area in stages(top):
            plates = [p.move(origin) for p in stage.plates]
            for i, a in enumerate(plates):
                if not area.contains(a):
                    self.found.append(f"a name plate leaves its stage on {self.screen}: {a} not in {area}")
                for b in plates[i + 1 :]:
                    if a.colliderect(b):
                        self.found.append(f"name plates overlap on {self.screen}: {a} and {b}")

    # -- the words ---------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        out = list(dict.fromkeys(self.found))
        for text in sorted(self.rendered):
            if PLACEHOLDER.search(text):
                out.append(f"unfilled placeholder on screen: {text!r}")
        for layout in self.layouts.values():
            out += judge(layout)
        return out


def stages(top: Any) -> list[tuple[Any, tuple[int, int], pygame.Rect]]:
    """The stages (with name plates) a screen shows, where they sit in the window, and the area each may use."""
    found = []
    stage = getattr(top, "stage", None)
    if stage is not None and hasattr(stage, "plates"):
        found.append((stage, (0, 0), pygame.Rect((0, 0), top.look.size)))
    for pane in getattr(top, "panes", []):
        if hasattr(pane.stage, "plates"):
            found.append((pane.stage, pane.rect.topleft, pane.rect))
    return found


def _para_words(p: Para) -> list[str]:
    return "".join(s.text for s in p.spans).split()


def judge(layout: Layout) -> list[str]:
    """What a reader would trip on in one paged text."""
    pages = layout.pages
    if len(pages) < 2:
        return []
    words: list[tuple[int, int]] = []  # (paragraph, word index) for every word, in order
    for i, p in enumerate(layout.paras):
        words += [(i, j) for j in range(len(_para_words(p)))]
    labels = {tuple(w for s in p.carry for w in s.text.split()) for p in layout.paras if p.carry}
    texts = [_unlabelled(page_text(pg), labels) for pg in pages]
    counts = [len(t) for t in texts]
    if sum(counts) != len(words):
        return []  # a word broken across rows (a long URL): the words cannot be matched up; nothing to judge
    where = f"{layout.screen} ({layout.width}x{layout.height})"
    out: list[str] = []
    line = layout.look.typeset.line_height("body")
    capacity = max(1, layout.height // line)
    starts = [sum(counts[:k]) for k in range(len(pages))]
    for k in range(1, len(pages)):
        first = words[starts[k]]
        pi, wi = first
        para_ = layout.paras[pi]
        text_words = _para_words(para_)
        if wi == 0:
            prev = layout.paras[pi - 1] if pi > 0 else None
            if prev is not None and prev.keep_with_next and words[starts[k] - 1][0] == pi - 1:
                out.append(f"a heading is left at the foot of a page on {where}: {' '.join(_para_words(prev))!r}")
            continue
        before = " ".join(text_words[:wi])
        sentence = _sentence_around(" ".join(text_words), len(before))
        fits = _height(layout, para_, sentence) + _headings_above(layout, words, starts, k, pi, wi, text_words) <= layout.height
        if not SENTENCE_END.search(text_words[wi - 1]):
            if fits:
                out.append(f"a page ends mid-sentence on {where}: ...{before[-50:]!r} | {' '.join(text_words[wi:wi + 6])!r}...")
        if _in_citation(para_, before) and _height(layout, para_, None) <= layout.height:
            out.append(f"a citation is split across pages on {where}: {' '.join(text_words)[:80]!r}")
    for k, page in enumerate(pages):
        n = counts[k]
        if n == 1 and sum(counts) > 1:
            out.append(f"a page of one word on {where}: {page_text(page)!r}")
            continue
        if k == 0 or n == 0:
            continue
        pi, wi = words[starts[k]]
        if wi == 0:
            continue
        text_words = _para_words(layout.paras[pi])
        end = starts[k] + n
        same_para = all(words[x][0] == pi for x in range(starts[k], end))
        upto = words[end - 1][1] + 1
        tail = " ".join(text_words[wi:upto])
        mid_sentence_start = not SENTENCE_END.search(text_words[wi - 1])
        if same_para and mid_sentence_start and not BREAK_AT.search(tail) and len(page.rows) < max(1, capacity // 2):
            out.append(f"a scrap of a sentence alone on a page on {where}: {tail!r}")
    return out


def _unlabelled(words: list[str], labels: set[tuple[str, ...]]) -> list[str]:
    """A page's words without the label a carried-on paragraph opens with ("IDVA (continued):"): not the paragraph's own words."""
    for label in labels:
        if label and tuple(words[: len(label)]) == label:
            return words[len(label) :]
    return words


def _headings_above(layout: Layout, words: list[tuple[int, int]], starts: list[int], k: int, pi: int, wi: int, text_words: list[str]) -> int:
    """The height of headings that open the page a sentence begins on (a heading stays with its text, so they share the page)."""
    s0 = wi
    while s0 > 0 and not SENTENCE_END.search(text_words[s0 - 1]):
        s0 -= 1
    first = starts[k] - (wi - s0)
    page = max(i for i, start in enumerate(starts) if start <= first)
    above = {words[x][0] for x in range(starts[page], first)}
    if s0 != 0 or page != k - 1 or not above or not all(layout.paras[i].keep_with_next for i in above):
        return 0
    line = layout.look.typeset.line_height("body")
    total = round(layout.paras[pi].space_before * line)
    for i in sorted(above):
        total += _height(layout, layout.paras[i], None) + round(layout.paras[i].space_after * line)
    return total


def _sentence_around(text: str, at: int) -> str:
    """The sentence of ``text`` that holds offset ``at``, by the plain rule: it ends at . ! ? and white space."""
    start = 0
    for m in BREAK_AT.finditer(text):
        if m.end() <= at:
            start = m.end()
        else:
            return text[start : m.end()].strip()
    return text[start:].strip()


def _height(layout: Layout, para_: Para, sentence: str | None) -> int:
    """How tall ``sentence`` (or the whole paragraph) is on its own in this box, in the paragraph's first style."""
    typeset = layout.look.typeset
    indent = typeset.font("body").size("\u2022  ")[0] if para_.bullet else 0
    spans = para_.spans if sentence is None else (type(para_.spans[0])(sentence, para_.spans[-1].style, para_.spans[-1].role),)
    rows = wrap(spans, layout.width - indent, typeset)
    return sum(max((typeset.line_height(r.style) for r in runs), default=typeset.line_height(spans[0].style)) for runs in rows)


def _in_citation(para_: Para, before: str) -> bool:
    text = " ".join(_para_words(para_))
    if text.startswith("Rests on"):
        return True
    return before.count("(") > before.count(")")
