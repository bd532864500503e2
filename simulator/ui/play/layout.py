"""Play's layout: where the clock bar, the stage, the text panel and its buttons go, and how a moment is paged.

A moment is laid out once (:func:`lay_out`: the bar, the stage and the
reading panel; the moment's lines paged to fit; the options on the last
page when they fit with it, else on a page of their own), and each page
(:func:`lay_page`) sizes the panel for what it shows: a page of a line under
its speaker's tab with Continue and Previous, or the options as large
numbered buttons, given the room they need up to the whole height under the
clock bar. Every layout has its own number, so a layout made ahead
(play/ahead.py) is told apart from the one on screen.
"""

from __future__ import annotations

import functools
import itertools
import weakref
from typing import TYPE_CHECKING

import pygame

from simulator.engine.actions import Choose
from simulator.scenario.model import Node, Scenario
from simulator.ui.kit.clockbar import clock_items
from simulator.ui.kit.look import Look
from simulator.ui.kit.reading import choices_heading, reading_pages
from simulator.ui.kit.stage import crowd_of
from simulator.ui.kit.text import Page, Span, wrap
from simulator.ui.kit.widgets import Button, ButtonGroup
from simulator.ui.play.ahead import adopt
from simulator.wording import numbers_to_press

if TYPE_CHECKING:
    from simulator.ui.play.scene import PlayScene

LAYOUTS = itertools.count(1)  # every layout of every play screen has its own number (a layout made ahead is told apart)


def inputs(scene: PlayScene, look: Look) -> tuple[object, ...]:
    """Everything a layout depends on beyond the window's look."""
    return (look, scene.moment, tuple(scene.seem()), scene.app.settings.reduced_motion, scene.glossary)


def lay_out(scene: PlayScene, look: Look) -> None:
    """Lay the moment out for ``look`` and page it (or take over the layout made while the prebrief was read)."""
    shell, scene.next_moment = (scene.next_moment, None) if scene._laid == 0 else (None, scene.next_moment)
    if shell is not None and scene._open_at is None and adopt(scene, shell):
        return  # the first layout of a new playthrough, made while the prebrief was read
    scene._laid = next(LAYOUTS)
    scene._laid_for = inputs(scene, look)
    m = look.m
    w, h = look.size
    moment = scene.moment
    bar_h = scene.bar.layout(look, clock_items(moment.clock, moment.episode_title, episode=(moment.episode_number, moment.episodes_total), seem=scene.seem()), w)
    pad_x, pad_y = m.u(28), m.u(18)
    scene.pad = (pad_x, pad_y)
    button_h = Button("Continue", kind="primary").measure(look, w)
    hint_h = look.typeset.line_height("small")
    footer = max(button_h, hint_h)
    body_line = look.typeset.line_height("body")
    # At least four lines of text per page; large text takes more of the screen from the scene, not fewer lines.
    panel_h = max(int(h * 0.34), 4 * body_line + footer + 2 * pad_y + m.gap)
    panel_h = min(panel_h, int((h - bar_h) * 0.6))
    reading = pygame.Rect(m.margin, h - m.margin - panel_h, w - 2 * m.margin, panel_h)
    scene.reading = reading
    scene.text_box = pygame.Rect(reading.x + pad_x, reading.y + pad_y, reading.width - 2 * pad_x, panel_h - 2 * pad_y - footer - m.gap)
    tab_h = look.typeset.line_height("bold") + m.u(8)
    scene.tab_h = tab_h
    scene.stage.animate = not scene.app.settings.reduced_motion
    scene.stage.set(moment.view_at(0 if moment.views else None), None, crowd_of((*moment.views, moment.view)))
    scene.stage.layout(look, pygame.Rect(0, bar_h, w, reading.y - tab_h - bar_h))
    back_row = any(p.at == "back" for view in (*moment.views, moment.view) for p in view.people)
    scene.stage.prefetch(look, scene.app.art, _people(scene), _places_ahead(scene), back_row)
    leaves = reading_pages(look, moment, scene.text_box.width, scene.text_box.height, scene.glossary)
    scene.stages = [("read", leaf) for leaf in leaves]
    if moment.choices:
        scene.max_top = bar_h + max(m.margin, int(h * 0.1))
        choices_h = choice_group(scene).measure_column(look, scene.text_box.width)
        last = leaves[-1] if leaves else None
        if last is not None and _choose_height(scene, look, last.page, choices_h) <= h - m.margin - scene.max_top:
            scene.stages[-1] = ("choose", last)
        else:
            scene.stages.append(("choose", None))
    if not scene.stages:
        scene.stages = [("read", None)]
    if scene._open_at is not None:  # the first stage showing the line the trainee was reading (or the last before it)
        at = scene._open_at
        scene._open_at = None
        lines = [leaf.line if leaf is not None and leaf.line is not None else -1 for _, leaf in scene.stages]
        scene.index = lines.index(at) if at in lines else max((i for i, n in enumerate(lines) if 0 <= n < at), default=0)
        scene._reached = max(scene._reached, at)  # what came before was read before stepping out
    scene.index = max(0, min(scene.index, len(scene.stages) - 1))
    lay_page(scene)


def _people(scene: PlayScene) -> list[tuple[str, str | None, str | None]]:
    """Every (person, mood, pose) this moment shows, so their pictures are ready before they are needed."""
    out = {(f.id, f.mood, f.pose) for view in (*scene.moment.views, scene.moment.view) for f in view.people}
    return sorted(out, key=str)


def _places_ahead(scene: PlayScene) -> list[str]:
    """Locations this episode may still move to, then the next episode's."""
    scenario = scene.run.session.scenario
    episode = scenario.episode_by_id[scene.moment.episode]
    places = [view.location for view in scene.moment.views]
    known = _AHEAD.setdefault(scenario, {})  # each episode's walked once, not at every moment (3,000 nodes: 9 million steps)
    if episode.id not in known:
        order = list(scenario.episodes)
        at = order.index(episode)
        known[episode.id] = [loc for n in episode.nodes if (node := scenario.nodes.get(n)) is not None for loc in _locations(node)]
        known[episode.id] += [order[at + 1].location] if at + 1 < len(order) else []
    return [p for p in dict.fromkeys([*places, *known[episode.id]]) if p != scene.moment.location]


_AHEAD: weakref.WeakKeyDictionary[Scenario, dict[str, list[str]]] = weakref.WeakKeyDictionary()  # a scenario's places ahead, by episode


def choice_group(scene: PlayScene) -> ButtonGroup:
    buttons = [Button(text, functools.partial(scene.act, Choose(cid)), number=i + 1, kind="choice", key=cid) for i, (cid, text) in enumerate(scene.moment.choices)]
    return ButtonGroup(buttons, arrows="vertical")


def _choose_height(scene: PlayScene, look: Look, page: Page | None, choices_h: int) -> int:
    m = look.m
    text_h = page.height if page is not None else look.pages([choices_heading()], scene.text_box.width, 1 << 30)[0].height
    return 2 * scene.pad[1] + text_h + m.gap + choices_h + m.gap + look.typeset.line_height("small")


def lay_page(scene: PlayScene) -> None:
    """Buttons and panel size for the current page."""
    look = scene.look
    m = look.m
    h = look.size[1]
    kind, leaf = scene.stages[scene.index]
    if leaf is not None and leaf.line is not None:
        scene._reached = max(scene._reached, leaf.line + 1)
    pad_x, pad_y = scene.pad
    if kind == "choose":
        keep = scene.group.focused.key if scene.group.focused is not None and scene.group.focused.kind == "choice" else None
        scene.group = choice_group(scene)
        scene.group.focus = None  # an Enter meant for "Continue" must never pick an option
        choices_h = scene.group.measure_column(look, scene.text_box.width)
        need = _choose_height(scene, look, leaf.page if leaf else None, choices_h)
        # Options get the room they need, up to the whole height under the clock bar: the scene can wait.
        top = max(scene.max_top if h - m.margin - need >= scene.max_top else scene.bar.rect.bottom + m.gap, h - m.margin - need)
        scene.panel = pygame.Rect(scene.reading.x, top, scene.reading.width, h - m.margin - top)
        scene.heading = leaf is None
        hint_h = look.typeset.line_height("small") + m.gap
        if need > scene.panel.height:
            # Short of room: "What do you do?" goes first, then the key hint (the numbers are on the buttons).
            heading_h = look.pages([choices_heading()], scene.text_box.width, 1 << 30)[0].height + m.gap if leaf is None else 0
            scene.heading = False if leaf is None else scene.heading
            if need - heading_h > scene.panel.height:
                hint_h = 0
        text_h = leaf.page.height if leaf else (look.pages([choices_heading()], scene.text_box.width, 1 << 30)[0].height if scene.heading else 0)
        scene.page_box = pygame.Rect(scene.panel.x + pad_x, top + pad_y, scene.text_box.width, text_h)
        col_top = scene.page_box.bottom + (m.gap if text_h else 0)
        scene.group.place_column(look, scene.page_box.x, col_top, scene.page_box.width, scene.panel.bottom - pad_y - hint_h - col_top)
        n = len(scene.moment.choices)
        if not hint_h:
            scene.hint = ""
        else:
            scene.hint = f"Press {numbers_to_press(n)}, or use the arrow keys and Enter.  Esc pauses." if n > 1 else "Press 1, or Enter on the option.  Esc pauses."
        if scene.highlight or keep:
            scene.group.focus_key(scene.highlight or keep or "")
        if scene.run.coach and not scene._warmed and scene is scene.app.top and not scene.preparing:
            scene._warmed = True
            scene.app.later(functools.partial(scene._still_here, scene.moment.node, lambda run: scene.moves.prepare_feedback(run.session)))
    else:
        scene.panel = scene.reading
        scene.page_box = scene.text_box
        buttons = [Button("Continue", scene.advance, kind="primary", key="continue")]
        if scene.index > 0:
            buttons.insert(0, Button("Previous", scene.go_back, key="previous"))
        scene.group = ButtonGroup(buttons, arrows="horizontal")
        scene.group.focus_key("continue")
        if scene.index == len(scene.stages) - 1 and scene.moment.can_proceed and not scene._warmed and scene is scene.app.top and not scene.preparing:
            scene._warmed = True
            scene.app.later(functools.partial(scene._still_here, scene.moment.node, scene.moves.prepare_next))  # while the last page is read
        row_h = scene.group.measure_row(look, scene.panel.width // 2)
        scene.group.place_row(look, scene.panel.centerx, scene.panel.bottom - pad_y - row_h, scene.panel.width // 2 - pad_x)
        scene.hint = "Enter continues.  Esc pauses."
    hint_w = (scene.panel.width - 2 * pad_x) if kind == "choose" else (scene.panel.width // 2 - pad_x - m.gap)
    # A glossary word on the page is named in the hint (it is also marked in colour), then the keys, as far as one line holds.
    terms = [t.term for t in scene.page_terms()]
    wants = [scene.hint] if scene.hint else []
    if terms:
        named = f"G explains {', '.join(terms[:3])}{' and more' if len(terms) > 3 else ''}."
        first_key = scene.hint.split("  ")[0] if scene.hint else ""
        wants = [f"{named}  {scene.hint}", f"{named}  {first_key}", named, f"G: glossary.  {first_key}", *wants]
    scene.hint = next((w.strip() for w in wants if len(wrap((Span(w.strip(), "small", "muted"),), hint_w, look.typeset)) == 1), "")
    # (the keys are also on the buttons; never squeeze the hint)
    scene.hint_rect = pygame.Rect(scene.panel.x + pad_x, scene.panel.bottom - pad_y - look.typeset.line_height("small"), hint_w, look.typeset.line_height("small"))
    scene.tab = None
    if leaf is not None and leaf.name:
        font = look.typeset.font("bold")
        tw = font.size(leaf.name)[0] + 2 * m.u(16)
        scene.tab = (pygame.Rect(scene.panel.x + pad_x, scene.panel.y - scene.tab_h, min(tw, scene.panel.width - 2 * pad_x), scene.tab_h), leaf.name)
    scene.stage.set(scene.moment.view_at(leaf.line if leaf else None), leaf.speaker if leaf else None)
    scene.app.dirty = True
    if not scene.preparing and scene.index + 1 < len(scene.stages) and scene is scene.app.top:
        scene.app.later(scene._page_ahead, unseen=True)  # the next page, while this one is read


def _locations(node: Node) -> list[str]:
    """The places a node's stage directions name (itself and its lines)."""
    out = [node.stage.location] if node.stage.location else []
    return out + [line.stage.location for line in node.lines if line.stage.location]
