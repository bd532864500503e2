"""The shipped cases' pictures agree with their words: who the text says has come or gone is drawn that way.

Read as a trainee would, screen by screen: the stage (who is drawn, carried or heard, as the
window shows it) is checked against what each line says on the three canonical paths and
random playthroughs of every shipped case. These are the contradictions people found by eye
(John drawn after he has walked out, nobody drawn for a speaker, Chloe drawn before she comes
in, Fiona drawn in the room while the words have her on the phone), found instead by a test, so
a restaged scene cannot bring them back. The phrases are the many ways narration says someone
arrives, leaves or is somewhere else; each check names the node and the line it stopped at.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

import pytest
from conftest import PROJECT

from simulator.engine import Session
from simulator.engine.autoplay import policy as named_policy
from simulator.engine.autoplay import prefer
from simulator.scenario import load_scenario

SHIPPED = ("harris-family", "campbell-care-act", "jay-residential")

# Someone going: the verb comes straight after their name, or after a few small words ("Ms Bell drops Chloe
# off and goes to find a coffee", "John stands, zips his fleece and leaves").
LEAVES = (r"(?:leaves|has left|walks out|walks off|storms out|goes out|goes off|goes home|goes back (?:to|out|upstairs|inside)|"
          r"goes to (?:find|get|fetch|work|school|his van|her car)|goes upstairs|heads (?:out|off|home|back)|steps out|slips out|"
          r"is gone|has gone|is out of the door|gets up and (?:goes|leaves)|drives (?:off|away)|"
          r"takes (?:it|the call|the phone|his phone|her phone) (?:into|out)|hangs up|rings off|is off to)")
# Someone coming: in through a door, back from somewhere, into the scene.
COMES = (r"(?:comes (?:back )?in|comes in from|comes back|comes through|comes down|comes over|comes into|comes out|"
         r"walks in|walks back in|arrives|is at the door|opens the door|joins (?:you|us|them)|appears|"
         r"puts (?:his|her|their) head round the door|lets you in)")
# Somewhere that is not this scene: said of someone drawn in the room on that very line.
ELSEWHERE = (r"(?:is|'s|was|has been) (?:at work|at school|at nursery|at his brother's|at her sister's|at the depot|"
             r"on (?:his|her) way|in the garden|upstairs|asleep upstairs|on the phone|on the other line|out at|not here|"
             r"not in the room|outside in the van)")
FAR = r"(?:rings|texts|emails|leaves a (?:message|voicemail))"  # someone reaching the worker from afar, now
# The person is the subject of a clause of their own: at the start of a sentence or after a comma, 'and',
# 'then', 'as'... So 'After John has gone', 'Fiona asks whether John comes back' and 'Ms Bell drops Chloe
# off' say nothing of John or Chloe going or coming now.
CLAUSE = r"(?:^|(?<=[.;:!?] )|(?<=[.;:!?]\" )|(?<=, )|(?<=\band )|(?<=\bthen )|(?<=\bbut )|(?<=\bas )|(?<=\bnow ))"
# Up to five words between the name and the verb, with no full stop and no word that reports or supposes
# ('John stands, zips his fleece and leaves'; not 'Fiona says John leaves').
SMALL = (r"(?:(?:(?!(?:says|said|asks|asked|tells|told|thinks|knows|wonders|hopes|wants|whether|if|that|when|until|before|after|will|would|could|might|should|can|may|must|to|not|never|he|she|they|you|I|we|it)\b)[\w']+,? ){0,4}?"
         r"(?!(?:he|she|they|you|we|it|not|never|to|will|would|could|can|may|must|should|might)\b)[a-z][\w']*,? )?")  # ...the last one lower case: 'and John comes in' is John's
ON_PHONE = re.compile(r"\b(?:on the phone|down the phone|on a video call|in (?:a|her|his) text|voicemail)\b", re.I)  # not 'the phone on speaker between you'


class Row(NamedTuple):
    """One shown line: where, what it says, who says it and how, and who the picture has in the room or on the line."""

    node: str
    location: str
    text: str
    speaker: str | None
    cue: str | None
    drawn: frozenset[str]  # in person, or carried by someone in person
    heard: frozenset[str]  # on the phone, in a letter, out of sight nearby

    @property
    def who(self) -> frozenset[str]:
        return self.drawn | self.heard


@pytest.fixture(scope="module", params=SHIPPED)
def played(request):
    """(scenario, every shown line as a Row) over canonical and 60 random playthroughs."""
    result = load_scenario(PROJECT / "scenarios" / request.param)
    assert result.ok, [d.render() for d in result.errors]
    scenario = result.scenario
    rows = []
    for seed, pick in enumerate([prefer("enabler"), prefer("barrier"), prefer("other")] + [named_policy("random", s) for s in range(60)]):
        session = Session.start(scenario, seed=seed)
        while not session.finished:
            node = session.node
            for shown, view in zip(session.lines(), session.views(), strict=True):
                drawn = {p.id for p in view.people} | {p.holding for p in view.people if p.holding}
                rows.append(Row(node.id, view.location, shown.text, shown.speaker, shown.cue, frozenset(drawn), frozenset(v.id for v in view.heard)))
            session.choose(pick(session.choices)) if session.choices else session.proceed()
    return scenario, rows


def names(scenario) -> dict[str, str]:
    """How the narration names each person who is drawn: 'John', 'Ms Bell', 'Mr Campbell'."""
    out = {}
    for c in scenario.characters.values():
        if c.id != scenario.player:
            out[c.id] = "|".join(re.escape(n) for n in sorted({c.short, c.name} - {None}, key=len, reverse=True))
    return out


def says(name: str, verbs: str, text: str) -> bool:
    """Whether ``text`` has this person doing one of ``verbs`` now, as the subject of the clause."""
    return re.search(rf"{CLAUSE}(?:{name}) {SMALL}{verbs}\b", text) is not None


def test_every_shipped_case_stages_cleanly():
    """No shipped case has a stage warning: every speaker has a figure or a voice, nobody is staged where the words keep them out."""
    for case in SHIPPED:
        result = load_scenario(PROJECT / "scenarios" / case)
        staged = [d.render() for d in result.diagnostics if d.code.startswith("P")]
        assert staged == [], case


def test_every_speaker_is_drawn_or_heard(played):
    """On every line shown, its speaker is drawn, carried or heard (on the phone, a letter, through a door)."""
    scenario, rows = played
    missing = sorted({f"{r.node}: {r.speaker}" for r in rows if r.speaker and r.speaker != scenario.player and r.speaker not in r.who})
    assert missing == [], "\n".join(missing)


def test_nobody_is_drawn_after_the_words_say_they_left(played):
    """A line that says someone leaves ('Sam goes back to the side room', 'Ms Bell drops Chloe off and goes') is the last they are drawn in that episode until they come back."""
    scenario, rows = played
    wrong = set()
    for row, after in itertools.pairwise(rows):
        if row.node.split(".")[0] != after.node.split(".")[0]:
            continue  # a new episode opens on its own stage
        for cid, name in names(scenario).items():
            if row.speaker is None and says(name, LEAVES, row.text) and cid in after.who and not says(name, COMES, after.text):
                wrong.add(f"{row.node}: {cid} still in the scene after '{row.text[:70]}'")
    assert sorted(wrong) == [], "\n".join(sorted(wrong))


def test_whoever_comes_in_is_drawn(played):
    """A line that says someone comes in, arrives or joins you ('Chloe comes in behind her') shows them in the room on that line."""
    scenario, rows = played
    wrong = set()
    for row in rows:
        for cid, name in names(scenario).items():
            if row.speaker is None and says(name, COMES, row.text) and cid not in row.drawn:
                wrong.add(f"{row.node}: {cid} not drawn on '{row.text[:70]}'")
    assert sorted(wrong) == [], "\n".join(sorted(wrong))


def test_nobody_is_drawn_before_the_words_bring_them_in(played):
    """Someone the line says comes in was not already drawn on the line before it in the same place (Chloe at the back before 'Chloe comes in behind her')."""
    scenario, rows = played
    wrong = set()
    for before, row in itertools.pairwise(rows):
        if before.node.split(".")[0] != row.node.split(".")[0] or before.location != row.location:
            continue  # a new episode or a new place: they come in from where they were
        for cid, name in names(scenario).items():
            if row.speaker is None and says(name, r"(?:comes in|comes back in|walks in|arrives|appears)", row.text) and cid in before.drawn:
                wrong.add(f"{row.node}: {cid} drawn before '{row.text[:70]}'")
    assert sorted(wrong) == [], "\n".join(sorted(wrong))


def test_nobody_is_drawn_in_the_room_while_the_words_put_them_elsewhere(played):
    """A line that has someone at work, upstairs, on the phone or ringing in does not draw them in the room on that line."""
    scenario, rows = played
    wrong = set()
    for row in rows:
        for cid, name in names(scenario).items():
            if cid in row.drawn and (says(name, ELSEWHERE, row.text) or (row.speaker is None and says(name, FAR, row.text))):
                wrong.add(f"{row.node}: {cid} drawn in the room on '{row.text[:70]}'")
    assert sorted(wrong) == [], "\n".join(sorted(wrong))


def test_a_speaker_on_the_phone_is_heard_not_drawn(played):
    """A line whose cue puts its speaker on the phone ('on the phone', 'voicemail', 'in a text') has them heard, not drawn in the room."""
    _, rows = played
    wrong = sorted({f"{r.node}: {r.speaker} drawn while '{r.cue}'" for r in rows
                    if r.speaker and r.cue and ON_PHONE.search(r.cue) and r.speaker in r.drawn and r.speaker not in r.heard})
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize(("who", "text", "verbs", "expected"), [
    ("Ms Bell", "Ms Bell drops Chloe off and goes to find a coffee.", LEAVES, True),
    ("Chloe", "Ms Bell drops Chloe off and goes to find a coffee.", LEAVES, False),  # Chloe stays
    ("John", "John stands, zips his fleece and leaves.", LEAVES, True),
    ("John", "After John has gone, Fiona sits down.", LEAVES, False),
    ("Fiona", "Fiona says John goes out on Fridays.", LEAVES, False),
    ("Sam", "Sam quietly goes back to the side room.", LEAVES, True),
    ("Chloe", "Chloe comes in behind her with her eyes on the floor.", COMES, True),
    ("John", "Fiona asks whether John comes back tonight.", COMES, False),
    ("John", "John will come back in later.", COMES, False),
    ("John", "He says John is at work until six.", ELSEWHERE, False),
    ("John", "John is at work until six.", ELSEWHERE, True),
    ("John", "The phone goes. John rings you from the depot.", FAR, True),
    ("John", "John texted 'ok' last week.", FAR, False),
    ("Margaret", "Margaret opens the door, and John comes in.", COMES, True),  # she opens the door: it is John who comes in
    ("Margaret", "Margaret thanks John, and he goes out to the corridor.", LEAVES, False),
    ("John", "Together you write five lines: John goes to the programme.", LEAVES, False),
])
def test_the_phrases_find_what_a_reader_would(who, text, verbs, expected):
    """The phrase checks read a clause as a reader would: the named person doing it now, not someone else or something supposed."""
    assert says(re.escape(who), verbs, text) is expected
