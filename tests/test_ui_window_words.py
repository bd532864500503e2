"""What the window says is true: history holds only lines reached, pause has the grounding exercise the prebrief promises, the focus ring's colour as drawn, every setting explained at every text size, the profile folder honoured, the episode's place in the case."""

from __future__ import annotations

import colorsys
import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from ui_check import start_new, words

from simulator.services.settings import Settings, config_dir, load_settings, save_settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.theme import CALM, HIGH_CONTRAST

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
HARRIS = PROJECT / "scenarios" / "harris-family"



def begin(d: Driver) -> None:
    start_new(d, "coach")
    assert d.until(lambda: d.top.name == "play", lambda: d.key(pygame.K_RETURN), 20)


def test_history_holds_only_the_lines_reached(tmp_path: Path):
    """On the first page of a moment of several, history shows that page's line and none after it; paged to the end, all of them."""
    d = Driver(make_app(tmp_path, HARRIS))
    begin(d)
    play = d.top
    assert d.until(lambda: len([s for s in play.stages if s[1] is not None]) >= 3 and play.index == 0, lambda: d.key(pygame.K_RETURN), 200)
    lines = play.moment.lines
    first, last = lines[0].text, lines[-1].text
    d.key(pygame.K_ESCAPE)
    assert d.tab_to("history")
    d.key(pygame.K_RETURN)
    said = words(d.top)
    assert first.split()[0] in said and last not in said
    d.keys(pygame.K_ESCAPE, pygame.K_ESCAPE)
    assert d.top is play
    while play.index < len(play.stages) - 1:
        d.key(pygame.K_PAGEDOWN)
    d.key(pygame.K_PAGEUP)  # paging back does not unread a line
    d.key(pygame.K_ESCAPE)
    assert d.tab_to("history")
    d.key(pygame.K_RETURN)
    assert " ".join(last.split()[-3:]) in words(d.top)
    d.app.close()


def test_pause_offers_the_grounding_exercise_and_support_the_prebrief_promises(tmp_path: Path):
    """The prebrief says pause shows a grounding exercise and where to find support: Take a moment does, with the case's own support list."""
    d = Driver(make_app(tmp_path, HARRIS))
    begin(d)
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "pause"
    assert d.tab_to("moment")
    d.key(pygame.K_RETURN)
    said = words(d.top)
    assert "feet flat on the floor" in said and "Where to find support" in said
    assert "Samaritans" in said and "0808 2000 247" in said
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "pause"
    d.app.close()


def _hue_name(colour: tuple[int, int, int]) -> str:
    h, _, _ = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    degrees = h * 360
    for name, upto in (("red", 15), ("orange", 45), ("yellow", 70), ("green", 160), ("cyan", 200), ("blue", 260), ("purple", 330), ("red", 361)):
        if degrees < upto:
            return name
    return "red"


@pytest.mark.parametrize("palette", [CALM, HIGH_CONTRAST])
def test_the_focus_ring_is_the_colour_its_name_says(palette):
    """Each palette names its focus ring's colour as the hue it draws (high contrast said 'yellow' and drew cyan)."""
    assert palette.focus_name == _hue_name(palette.focus)


def test_settings_say_the_high_contrast_focus_ring_as_drawn(tmp_path: Path):
    """The high contrast button's explanation names the ring colour high contrast draws."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    d.tab_to("settings")
    d.key(pygame.K_RETURN)
    button = next(b for b in d.top.group.buttons if b.key == "high-contrast")
    assert f"{_hue_name(HIGH_CONTRAST.focus)} ring" in button.detail
    d.app.close()


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize("text_size", [0, 1, 2, 3])
def test_every_setting_is_explained_at_every_text_size(tmp_path: Path, size, text_size):
    """Each setting keeps its explanation whatever the text size and window: the column scrolls, every button reachable with it shown."""
    d = Driver(make_app(tmp_path, EXAMPLE, size=size, settings=Settings(text_size=text_size)))
    d.tab_to("settings")
    d.key(pygame.K_RETURN)
    scene = d.top
    assert scene.name == "settings"
    for button in scene.group.buttons:
        if button.key == "done":
            continue
        assert d.tab_to(button.key)
        assert button.detail and button.rect is not None and button.rect.bottom <= size[1], (button.key, button.rect)
        assert button._detail, button.key  # laid out: its explanation is drawn under the label
    d.app.close()


def test_settings_live_in_the_data_folder_when_one_is_set(tmp_path: Path, monkeypatch):
    """With only DOORSTEP_DATA_DIR set, settings are read from and saved there, never the real home."""
    monkeypatch.delenv("DOORSTEP_CONFIG_DIR", raising=False)
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "profile"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    assert config_dir() == tmp_path / "profile"
    assert save_settings(Settings(text_size=2)) is None
    assert (tmp_path / "profile" / "settings.json").is_file()
    assert load_settings()[0].text_size == 2
    assert not (tmp_path / "home").exists()
    monkeypatch.setenv("DOORSTEP_CONFIG_DIR", str(tmp_path / "config"))
    assert config_dir() == tmp_path / "config"  # an explicit settings folder still wins


def test_the_clock_bar_says_which_episode_of_how_many(tmp_path: Path):
    """The bar over play names the episode's place in the case: 'Episode 1 of N', N the case's episodes."""
    d = Driver(make_app(tmp_path, HARRIS))
    begin(d)
    scenario = d.top.run.session.scenario
    texts = [item.text for item in d.top.bar.items]
    assert f"Episode 1 of {len(scenario.episodes)}" in texts
    d.app.close()


@pytest.mark.parametrize("mode", ["coach", "assessment"])
def test_the_next_episode_opens_with_a_recap_of_the_last(tmp_path: Path, mode: str):
    """The card before episode 2 recaps episode 1 (the choices made, the last in its words); what they changed only in the coach setting."""
    d = Driver(make_app(tmp_path, EXAMPLE))
    start_new(d, mode)
    for _ in range(200):
        top = d.top
        if top.name == "transition" and top.episode == "doorstep":
            break
        if top.name == "play" and top.stages[top.index][0] == "choose":
            d.choose(top.run.session.choices[0].id)
        else:
            d.key(pygame.K_RETURN)
    assert d.top.name == "transition"
    said = words(d.top)
    assert "Last time:" in said and "You made" in said
    assert ("What changed:" in said) is (mode == "coach")
    d.app.close()


@pytest.mark.parametrize(("seem", "mode", "shown"), [(True, "coach", True), (True, "assessment", False), (False, "coach", False)])
def test_how_people_seem_is_on_the_bar_only_when_asked_and_never_in_assessment(tmp_path: Path, seem: bool, mode: str, shown: bool):
    """With the setting on in the coach setting, the bar says how each person on stage seems ('How they seem: John: wary'); never in assessment, never by default."""
    d = Driver(make_app(tmp_path, HARRIS, settings=Settings(seem=seem)))
    start_new(d, mode)
    assert d.until(lambda: d.top.name == "play" and d.top.moment.figures, lambda: d.choose(d.top.run.session.choices[0].id) if d.top.name == "play" and d.top.stages[d.top.index][0] == "choose" else d.key(pygame.K_RETURN), 300)
    said = [item.text for item in d.top.bar.items if item.text.startswith("How they seem: ")]
    assert bool(said) is shown, said
    if shown:
        trust = d.top.run.session.state.trust
        named = {part.split(":")[0] for part in said[0].removeprefix("How they seem: ").split("  \u00b7  ")}
        assert named == {d.top.run.session.name_of(f.id) for f in d.top.moment.figures if f.id in trust}
    d.app.close()


def test_how_people_seem_says_warmer_or_cooler_since_the_episode_began():
    """The word follows trust's band, and the trend compares with trust as the episode began."""
    from simulator.services.seem import seems

    assert [seems(t) for t in (0, 30, 50, 70, 90)] == ["distrustful", "wary", "guarded but listening", "opening up", "at ease with you"]
    from simulator.engine.actions import CONTINUE, Choose
    from simulator.engine.session import Session
    from simulator.scenario import load_scenario
    from simulator.services.seem import how_people_seem

    scenario = load_scenario(HARRIS).scenario
    assert scenario is not None
    s = Session.start(scenario, seed=3)
    for _ in range(200):  # until Fiona is on stage and a choice would raise her trust: take it
        warm = next((c for c in s.choices if dict(scenario.choice_by_id[c.id].trust).get("fiona", 0) > 0), None)
        if warm is not None and "fiona" in s.present:
            s.act(Choose(warm.id))
            break
        s.act(Choose(s.choices[0].id) if s.choices else CONTINUE)
    assert "fiona" in s.present and s.state.trust["fiona"] > 40
    assert any(line.startswith("Fiona: ") and line.endswith(", warming") for line in how_people_seem(s)), how_people_seem(s)
