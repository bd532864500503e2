"""The shipped cases' pictures agree with their words: who the text says has come or gone is drawn that way.

Read as a trainee would, screen by screen: the stage (who is drawn, carried or heard, as the
window shows it) is checked against what the narration says on the three canonical paths and
random playthroughs of every shipped case. These are the contradictions people found by eye
(John drawn after he has walked out, nobody drawn for a speaker, someone in the part of a meeting
they were asked to leave), found instead by a test, so a restaged scene cannot bring them back.
"""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import PROJECT

from simulator.engine import Session
from simulator.engine.autoplay import policy as named_policy
from simulator.engine.autoplay import prefer
from simulator.scenario import load_scenario

SHIPPED = ("harris-family", "campbell-care-act", "jay-residential")
LEAVES = r"(?:leaves|walks out|goes out|is gone|has gone|goes back to the side room|is out of the door|gets up and leaves)"
NOT_NOW = r"(?<!after )(?<!before )(?<!until )(?<!when )(?<!once )"  # 'after John has gone' is not John going
COMES = r"(?:comes (?:back )?in|comes in from)"


@pytest.fixture(scope="module", params=SHIPPED)
def played(request):
    """(scenario, every shown line as (node, text, speaker, who is in the scene)) over canonical and 60 random playthroughs."""
    result = load_scenario(PROJECT / "scenarios" / request.param)
    assert result.ok, [d.render() for d in result.errors]
    scenario = result.scenario
    rows = []
    for seed, pick in enumerate([prefer("enabler"), prefer("barrier"), prefer("other")] + [named_policy("random", s) for s in range(60)]):
        session = Session.start(scenario, seed=seed)
        while not session.finished:
            node = session.node
            for shown, view in zip(session.lines(), session.views(), strict=True):
                who = {p.id for p in view.people} | {p.holding for p in view.people if p.holding} | {v.id for v in view.heard}
                rows.append((node.id, shown.text, shown.speaker, frozenset(who)))
            session.choose(pick(session.choices)) if session.choices else session.proceed()
    return scenario, rows


def names(scenario) -> dict[str, str]:
    """How the narration names each person who is drawn: 'John', 'Ms Bell', 'Mr Campbell'."""
    out = {}
    for c in scenario.characters.values():
        if c.id != scenario.player:
            out[c.id] = "|".join(re.escape(n) for n in {c.short, c.name} if n)
    return out


def test_every_shipped_case_stages_cleanly():
    """No shipped case has a stage warning: every speaker has a figure or a voice, nobody is staged where the words keep them out."""
    for case in SHIPPED:
        result = load_scenario(PROJECT / "scenarios" / case)
        staged = [d.render() for d in result.diagnostics if d.code.startswith("P")]
        assert staged == [], case


def test_every_speaker_is_drawn_or_heard(played):
    """On every line shown, its speaker is drawn, carried or heard (on the phone, a letter, through a door)."""
    scenario, rows = played
    missing = sorted({f"{node}: {speaker}" for node, _, speaker, who in rows if speaker and speaker != scenario.player and speaker not in who})
    assert missing == [], "\n".join(missing)


def test_nobody_is_drawn_after_the_words_say_they_left(played):
    """A line that says someone leaves ('Sam goes back to the side room') is the last they are drawn in that episode until they come back."""
    scenario, rows = played
    wrong = set()
    for (node, text, _, _), (next_node, next_text, _, next_who) in itertools.pairwise(rows):
        if node.split(".")[0] != next_node.split(".")[0]:
            continue  # a new episode opens on its own stage
        for cid, name in names(scenario).items():
            if re.search(rf"{NOT_NOW}\b(?:{name}) {LEAVES}\b", text) and cid in next_who and not re.search(rf"\b(?:{name})\b[^.]*{COMES}", next_text):
                wrong.add(f"{node}: {cid} still drawn after '{text[:60]}'")
    assert sorted(wrong) == [], "\n".join(sorted(wrong))


def test_whoever_comes_in_is_drawn(played):
    """A line that says someone comes in ('John comes back in and sits down') shows them."""
    scenario, rows = played
    wrong = set()
    for node, text, _, who in rows:
        for cid, name in names(scenario).items():
            if re.search(rf"{NOT_NOW}\b(?:{name}) {COMES}\b", text) and cid not in who:
                wrong.add(f"{node}: {cid} not drawn on '{text[:60]}'")
    assert sorted(wrong) == [], "\n".join(sorted(wrong))
