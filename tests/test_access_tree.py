"""The accessibility tree as data, what self-voicing makes of its changes, and every screen of a whole case described.

The bus itself is read in test_access_atspi.py; here the pure model
(simulator/ui/kit/access_tree.py) and the kit's descriptions of real
screens, driven with the dummy video driver.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.access_tree import ROOT, Node, Tree, speech, spoken, window

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def screen(*children: Node, key: str = "s1", title: str = "Paused") -> Node:
    return Node(key, "screen", title, children=children)


def button(key: str, label: str, **kw: object) -> Node:
    return Node(key, "button", label, focusable=True, **kw)  # type: ignore[arg-type]


def test_a_tree_refuses_two_nodes_with_one_key_and_a_focus_outside_it():
    """Keys are what a screen reader's node ids are made of: two alike, or a focus on nothing, is a mistake caught at once."""
    with pytest.raises(ValueError, match="two nodes"):
        Tree(Node(ROOT, "window", children=(button("a", "One"), button("a", "Two"))))
    with pytest.raises(ValueError, match="focus"):
        Tree(Node(ROOT, "window"), focus="nowhere")


def test_the_focus_falls_back_to_the_screen_when_no_button_has_it():
    """At a decision no option is focused until the trainee moves: the screen itself has the focus then."""
    s = screen(button("s1:b1", "Resume"))
    assert window(s, None, None).focus == "s1"
    assert window(s, None, "s1:b1").focused.label == "Resume"
    assert window(s, None, "gone").focus == "s1"


def test_spoken_says_position_state_and_detail():
    """A focused option says where it is among the options; an unavailable button says so, and why."""
    assert spoken(button("b", "Sit down", shortcut="2", position=(2, 3))) == "2 of 3: Sit down"
    assert spoken(button("b", "Rewind one choice", disabled=True, description="Practice only")) == "Rewind one choice, unavailable: Practice only"


def test_speech_says_what_is_new_once_then_the_focus_when_it_moves():
    """A new announcement is said once; the same tree again says nothing; Tab says the new focus; a changed label is said."""
    first = window(screen(button("s1:a", "Resume"), button("s1:b", "History")), Node("say1", "announcement", "Paused."), "s1:a")
    assert speech(None, first) == ["Paused.", "Resume"]
    assert speech(first, first) == []
    tabbed = window(screen(button("s1:a", "Resume"), button("s1:b", "History")), Node("say1", "announcement", "Paused."), "s1:b")
    assert speech(first, tabbed) == ["History"]
    switched = window(screen(button("s1:a", "Resume"), button("s1:b", "History: on")), Node("say1", "announcement", "Paused."), "s1:b")
    assert speech(tabbed, switched) == ["History: on"]
    again = window(screen(button("s1:a", "Resume"), button("s1:b", "History: on")), Node("say2", "announcement", "Paused."), "s1:b")
    assert speech(switched, again) == ["Paused."]  # the same words under a new key are new (two lines that read alike)


def test_coming_back_to_a_screen_does_not_repeat_its_focus():
    """Back from a card over it, with the focus where it was, only what is new is said."""
    play = window(screen(button("s1:c", "Continue"), key="s1"), Node("say1", "announcement", "Fiona: Come in."), "s1:c")
    card = window(screen(button("s2:c", "Continue"), key="s2", title="Feedback"), Node("say2", "announcement", "Feedback."), "s2:c")
    back = window(screen(button("s1:c", "Continue"), key="s1"), Node("say3", "announcement", "John: Five minutes."), "s1:c")
    assert speech(play, card) == ["Feedback.", "Continue"]
    assert speech(card, back, returning="s1:c") == ["John: Five minutes."]
    assert speech(card, back) == ["John: Five minutes.", "Continue"]


@pytest.mark.ui
def test_every_screen_of_a_whole_case_describes_itself(tmp_path: Path):
    """Auto play through a whole case, pause, history and settings included: every tree has a titled screen and named buttons, and focus is on one of them or the screen."""
    app = make_app(tmp_path, EXAMPLE, auto="enabler", speed=0, screenshots=tmp_path / "shots")  # screenshots: the pilot tours pause too
    seen: dict[str, Tree] = {}

    def look(before: Tree | None, after: Tree) -> None:
        top = app.top
        assert top is not None
        s = after.screen
        assert s is not None and s.label, f"{top.name}: a screen without a title"
        assert all(b.label for b in after.buttons()), f"{top.name}: a button without a name"
        assert after.buttons(), f"{top.name}: no buttons"
        assert after.focused.role in ("button", "field", "screen", "dialog"), f"{top.name}: the focus is on a {after.focused.role}"
        assert after.announcement is not None and after.announcement.label, f"{top.name}: nothing announced"
        seen.setdefault(top.name, after)

    app.access.listeners.append(look)
    app.access.tree = None
    app.draw()  # the title, already on screen, described again for the listener
    assert app.run() == 0
    assert {"title", "picker", "prebrief", "transition", "play", "feedback", "pause", "history", "settings", "ending", "debrief"} <= set(seen)
    assert seen["feedback"].screen is not None and seen["feedback"].screen.role == "dialog"
    assert seen["pause"].screen is not None and seen["pause"].screen.role == "dialog"


@pytest.mark.ui
def test_a_screen_readers_focus_and_press_move_the_same_focus_as_the_keyboard(tmp_path: Path):
    """AccessKit's focus and click requests reach the very button Tab and Enter would; a disabled button cannot be pressed."""
    app = make_app(tmp_path, EXAMPLE)
    app.access.listeners.append(lambda before, after: None)
    d = Driver(app)
    d.step()
    tree = app.access.tree
    assert tree is not None and tree.focused.label == "New playthrough"
    settings = next(b for b in tree.buttons() if b.label == "Settings")
    assert app.access.perform("focus", settings.key)
    d.step()
    assert d.focused_key() == "settings" and app.access.tree is not None and app.access.tree.focused.label == "Settings"
    assert app.access.perform("click", settings.key)
    d.step()
    assert app.top is not None and app.top.name == "settings"
    assert not app.access.perform("click", "s999:b1:gone")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
    d.step()
    assert app.top is not None and app.top.name == "title"


@pytest.mark.ui
def test_the_name_box_is_a_field_with_what_is_typed_and_typing_is_not_read_back_letter_by_letter(tmp_path: Path):
    """The worker's name is a focused text field holding the name so far; self-voicing says it when the focus arrives, not at each letter."""
    app = make_app(tmp_path, EXAMPLE)
    said: list[list[str]] = []
    app.access.listeners.append(lambda before, after: said.append(speech(before, after)))
    d = Driver(app)
    d.key(pygame.K_RETURN)
    assert d.tab_to("start") and d.key(pygame.K_RETURN)
    assert d.tab_to("name") and d.key(pygame.K_RETURN)
    tree = app.access.tree
    assert tree is not None and tree.screen is not None and tree.screen.label == "Your name"
    field = tree.focused
    assert field.role == "field" and field.label == "Your name" and field.value == ""
    assert said[-1][-1] == "Your name, a box to type in, empty"
    before = len(said)
    for letter in "Priya":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=letter))
        d.step()
    assert app.access.tree is not None and app.access.tree.focused.value == "Priya"
    assert all(words == [] for words in said[before:])
    d.key(pygame.K_TAB)
    assert app.access.tree is not None and app.access.tree.focused.label == "Save" and said[-1] == ["Save"]


class _Adapter:
    """AccessKit's adapter as the bridge uses it, keeping each update it is given instead of telling a platform."""

    def __init__(self) -> None:
        self.updates: list[object] = []

    def update_if_active(self, make: object) -> None:
        self.updates.append(make())  # type: ignore[operator]


def test_on_at_spi_new_words_under_a_steady_focus_are_the_focused_buttons_new_description():
    """Orca 43 ignores announcements but says a focused node's new description: each later line is carried there, once, never also live."""
    from simulator.ui.kit.access_kit import Bridge

    def bridge(carry: bool) -> Bridge:
        return Bridge(lambda *_: _Adapter(), carry_in_focus=carry)

    def play(n: int, words: str, focus: str = "s1:c") -> Tree:
        return window(screen(button("s1:c", "Continue"), button("s1:d", "Pause"), title="The first visit"), Node(f"say{n}", "announcement", words), focus)

    linux = bridge(True)
    linux.update(play(1, "Monday, half past one."))
    assert linux.carried == ""  # a first tree: the screen reader reads where the focus lands
    linux.update(play(2, "John: What do you want?"))
    assert linux.carried == "John: What do you want?"
    linux.update(play(2, "John: What do you want?"))  # the same tree again (a frame with nothing new)
    assert linux.carried == "John: What do you want?"
    linux.update(play(3, "John: What do you want?"))  # the same words said again are a new line
    assert linux.carried.strip() == "John: What do you want?" and linux.carried != "John: What do you want?"
    linux.update(play(4, "Fiona: Come in.", focus="s1:d"))  # the focus moved: the new focus is read, nothing carried
    assert linux.carried == ""
    assert not linux._node(Node("say9", "announcement", "x")).live  # never also a live region: a newer Orca would say it twice

    elsewhere = bridge(False)  # UIA and NSAccessibility: a polite live region, as NVDA and VoiceOver expect
    elsewhere.update(play(1, "Monday."))
    elsewhere.update(play(2, "John: What do you want?"))
    assert elsewhere.carried == "" and elsewhere._node(Node("say9", "announcement", "x")).live == elsewhere.ak.Live.POLITE


@pytest.mark.ui
def test_the_scores_and_compare_screens_say_their_numbers_and_decisions_in_words(tmp_path: Path):
    """Found with Orca: the debrief's scores screen had only its buttons; now every bar's numbers and the decision under the cursor are text."""
    from simulator.analysis.spread import play_random
    from simulator.records.record import build_record
    from simulator.scenario import load_scenario
    from simulator.services.review import Review
    from simulator.ui.review.compare import CompareScene
    from simulator.ui.review.scores import ScoresScene, bars, spoken_numbers

    harris = load_scenario(PROJECT / "scenarios" / "harris-family").scenario
    assert harris is not None
    review = Review(harris, build_record(play_random(harris, 0, "enabler"), {"mode": "coach"}))
    trees: list[Tree] = []
    app = make_app(tmp_path, PROJECT / "scenarios" / "harris-family")
    app.access.listeners.append(lambda _before, after: trees.append(after))
    d = Driver(app)
    d.step()
    app.push(ScoresScene(app, app.top.moves, review))
    d.step()
    words = " ".join(n.label for n in trees[-1].nodes())
    for bar in bars(review):
        assert f"{bar.title}: " in words and spoken_numbers(bar) in words and "\u00b7" not in spoken_numbers(bar)
    app.push(CompareScene(app, app.top.moves, review))
    d.step()
    first = " ".join(n.label for n in trees[-1].nodes())
    assert "Decision 1 of " in first and "You chose: " in first
    d.key(pygame.K_RIGHT)
    assert "Decision 2 of " in trees[-1].announcement.label  # type: ignore[union-attr]
    app.close()


@pytest.mark.ui
def test_the_watch_mode_says_each_beat_of_each_version(tmp_path: Path):
    """Watch the two versions said only its buttons; now each version's line (with its speaker) is text, and Right says the next beat."""
    trees: list[Tree] = []
    app = make_app(tmp_path, PROJECT / "scenarios" / "harris-family", settings=Settings(no_time_pressure=True))
    app.access.listeners.append(lambda _before, after: trees.append(after))
    d = Driver(app)
    assert d.tab_to("watch") and d.key(pygame.K_RETURN)
    assert d.until(lambda: app.top is not None and hasattr(app.top, "panes"), lambda: d.key(pygame.K_RETURN), limit=20)
    d.step()
    first = trees[-1]
    assert first.announcement is not None and first.announcement.label
    words = " ".join(n.label for n in first.nodes() if n.role == "text")
    assert words.strip(), "the watch screen has no words"
    d.key(pygame.K_RIGHT)
    d.step()
    assert trees[-1].announcement is not None and trees[-1].announcement.key != first.announcement.key
    app.close()
