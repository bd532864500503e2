"""Who is on stage, line by line: stage directions applied by the engine, handed to hosts as views."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from tiny import evidence

from simulator.engine import Session
from simulator.scenario.loader import LoadResult, load_files

MANIFEST = """\
format: 2
id: stagey
title: "Stagey"
summary: "A visit with comings and goings."
audience: ["tests"]
estimated_minutes: 1
learning_objectives: ["Know who is there"]
content_notes: ["A raised voice"]
prebrief:
  text: "A test."
  fiction_contract: "A test fiction."
closing:
  text: "The end."
  support:
    - {name: "Supervision", detail: "Talk to your supervisor."}
player: worker
rubric:
  - {id: tone, label: Tone, description: "How you speak."}
  - {id: timeliness, label: Timeliness, description: "Being on time."}
cast:
  - {id: worker, name: "Sam Taylor", role: "Social worker"}
  - {id: ann, name: "Ann Lee", role: "Parent", trust: 40, moods: [anxious, calm, upset]}
  - {id: bo, name: "Bo Lee", role: "Partner", trust: 40}
  - {id: kit, name: "Kit Lee", role: "Baby", age: 1}
  - {id: pc, name: "PC Rowe", short: "PC Rowe", role: "Police officer"}
calendar:
  referral: "2026-03-02"
  punctuality: {dimension: timeliness, grace_minutes: 5, minutes_per_point: 10, max_points: 2, trust: 5}
episodes: [visit, call]
"""

VISIT = """\
format: {format}
episode:
  id: visit
  title: "Visit"
  day: 1
  time: "09:30"
  appointment: "09:00"
  location: doorstep
  present: [ann]
  nodes:
    door:
      arrive: true
      lines:
        - {{speaker: ann, text: "Come in.", mood: anxious}}
        - {{speaker: ann, text: "He's out."}}
      choices:
        - {{id: in, text: "Go in", path: enabler, next: hall}}
        - {{id: wait, text: "Wait for Bo", path: other, flags: {{bo-back: true}}, next: hall}}
    hall:
      location: hall
      present: [{{who: ann, pose: standing, holding: kit}}, {{who: bo, at: back, when: "flag.bo-back"}}]
      lines:
        - {{speaker: kit, text: "Ba."}}
        - {{text: "Ann puts Kit down and sits.", enter: [kit], move: [{{who: ann, pose: sitting}}]}}
        - {{speaker: ann, text: "I'm upset.", mood: upset}}
        - {{text: "Ann's phone rings; it is PC Rowe.", enter: [{{who: pc, by: speakerphone}}]}}
        - {{speaker: pc, text: "Is now a good time?"}}
        - {{text: "Ann goes to the kitchen to talk.", exit: [ann, pc]}}
      next: after
    after:
      narration: "You wait with Kit."
      next: call
"""

CALL = """\
format: 2
episode:
  id: call
  title: "Call"
  day: 3
  time: "10:00"
  location: office
  nodes:
    ring:
      lines:
        - {text: "Ann rings.", enter: [{who: ann, by: phone}]}
        - {speaker: ann, text: "It's me."}
      ending: {kind: enabler, title: "Done", text: "Done."}
"""


def load(visit_format: int = 2, visit: str = VISIT, extra: dict[str, str] | None = None) -> LoadResult:
    files = {"stagey/scenario.yaml": MANIFEST.encode(), "stagey/episodes/visit.yaml": textwrap.dedent(visit.format(format=visit_format)).encode(), "stagey/episodes/call.yaml": CALL.encode()}
    for name, text in (extra or {}).items():
        files[name] = text.encode()
    return load_files(files, "stagey/scenario.yaml", evidence())


@pytest.fixture(scope="module")
def stagey():
    result = load()
    assert result.ok, [d.render() for d in result.diagnostics]
    assert not result.diagnostics, [d.render() for d in result.diagnostics]
    return result.scenario


def walk(session: Session) -> list[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]]:
    """Every shown line to the end, going in at the door: (node, speaker, who is drawn, who is heard)."""
    out = []
    while True:
        for shown, view in zip(session.lines(), session.views(), strict=True):
            out.append((session.state.node, shown.speaker, tuple(p.id for p in view.people), tuple(v.id for v in view.heard)))
        if session.finished:
            return out
        if session.choices:
            session.choose("in")
        else:
            session.proceed()


def test_views_line_up_with_lines_and_follow_the_directions(stagey):
    """One view per shown line; people come in, sit, are carried, are heard and leave exactly on the line that says so."""
    session = Session.start(stagey)
    rows = walk(session)
    assert rows[0] == ("visit.door", "ann", ("ann",), ())
    hall = [r for r in rows if r[0] == "visit.hall"]
    assert hall[0] == ("visit.hall", "kit", ("ann",), ())  # Kit in Ann's arms: one picture
    assert hall[1][2] == ("ann", "kit")  # put down: Kit is drawn on his own
    assert hall[3][3] == ("pc",) and "pc" not in hall[3][2]  # heard, not drawn
    assert hall[-1][2] == ("kit",) and hall[-1][3] == ()  # Ann and the call leave together
    assert [r for r in rows if r[0] == "visit.after"] == [("visit.after", None, ("kit",), ())]  # the stage carries on
    assert rows[-1] == ("call.ring", "ann", (), ("ann",))  # a new episode opens on its own stage


def test_a_held_child_is_part_of_the_holder_and_leaves_with_them(stagey):
    """Holding names the picture `holding-<child>`, also beside `pose: standing` (holding pictures stand); the child is shown, not drawn apart."""
    session = Session.start(stagey)
    session.choose("in")
    view = session.views()[0]
    (ann,) = view.people
    assert (ann.pose, ann.holding, ann.holding_name) == ("holding-kit", "kit", "Kit")
    assert view.shows("kit") and ann.describe() == "Ann, holding Kit, anxious"


def test_a_holding_pose_with_that_child_is_kept_and_standing_gives_way():
    """`standing` (or no pose) with a child in arms draws `holding-<child>`; any other pose is drawn as given."""
    from simulator.scenario.staging import drawn_pose

    assert drawn_pose("standing", "lily") == drawn_pose(None, "lily") == "holding-lily"
    assert drawn_pose("holding-lily-on-hip", "lily") == "holding-lily-on-hip" and drawn_pose("sitting", "lily") == "sitting"
    assert drawn_pose("sitting", None) == "sitting" and drawn_pose(None, None) is None


def test_poses_and_moods_change_on_their_own_line(stagey):
    """A mood set on a later line is not shown before it; a pose set by `move` lasts until changed."""
    session = Session.start(stagey)
    session.choose("in")
    views = session.views()
    moods = [next((p.mood for p in v.people if p.id == "ann"), None) for v in views]
    assert moods[:3] == ["anxious", "anxious", "upset"]
    assert [p.pose for p in views[2].people if p.id == "ann"] == ["sitting"]


def test_conditional_presence_follows_the_state(stagey):
    """`{who: bo, when: ...}` puts Bo on stage only on routes where the condition holds, and he lasts until he leaves."""
    for choice, expected in (("in", ["ann"]), ("wait", ["ann", "bo"])):
        session = Session.start(stagey)
        session.choose(choice)
        assert [p.id for p in session.views()[0].people] == expected
        assert [p.at for p in session.views()[0].people][1:] == (["back"] if choice == "wait" else [])
        session.proceed()
        assert sorted(p.id for p in session.view().people) == sorted(["kit", *expected[1:]])


def test_format_1_nodes_start_from_the_episode_stage():
    """In a format 1 episode every node starts from the episode's location and cast, as before the stage carried on."""
    result = load(visit_format=1)
    assert result.ok, [d.render() for d in result.diagnostics]
    session = Session.start(result.scenario)
    rows = walk(session)
    assert [r for r in rows if r[0] == "visit.after"] == [("visit.after", None, ("ann",), ())]
    session = Session.start(result.scenario)
    session.choose("in")
    session.proceed()
    assert session.location == "doorstep"


def test_lateness_is_noticed_by_those_on_stage_at_the_door(stagey):
    """Arriving late costs trust with whoever is on stage at the arrive node (Bo only when he is home)."""
    session = Session.start(stagey)
    assert session.state.trust == {"ann": 35, "bo": 40}


def test_a_restored_session_shows_the_same_stage(stagey):
    """Stage and views are rebuilt exactly by replaying a save."""
    session = Session.start(stagey)
    session.choose("in")
    back = Session.restore(stagey, session.save())
    assert back.views() == session.views()
    assert back.state.to_dict() == session.state.to_dict()
    assert session.state.to_dict()["stage"]["people"] == [{"who": "kit"}]


def test_the_view_in_words(stagey):
    """A view says who is where and who is heard, for screen readers and screenshots."""
    session = Session.start(stagey)
    session.choose("in")
    view = session.views()[4]
    assert view.describe("The hall") == "The hall: Ann, sitting, upset; Kit. Heard: PC Rowe, on the speakerphone."


def test_whoever_comes_in_at_the_arrival_was_kept_waiting_too():
    """Lateness is noticed by everyone met at the arrive node (Bo, who comes in on its second line) but not by someone whose entrance does not happen; nobody is drawn before their line."""
    door = """\
        - {{speaker: ann, text: "Come in.", mood: anxious}}
        - {{text: "Bo comes in from the garden.", enter: [bo]}}
        - {{text: "PC Rowe knocks.", enter: [pc], when: "flag.never"}}
        - {{speaker: ann, text: "He's out."}}"""
    visit = VISIT.replace('''        - {{speaker: ann, text: "Come in.", mood: anxious}}
        - {{speaker: ann, text: "He's out."}}''', door)
    assert visit != VISIT
    result = load(visit=visit)
    assert result.ok, [d.render() for d in result.errors]
    session = Session.start(result.scenario)
    assert session.state.late == 30 and session.state.trust == {"ann": 35, "bo": 35}  # both were 40
    assert [tuple(p.id for p in v.people) for v in session.views()] == [("ann",), ("ann", "bo"), ("ann", "bo")]


def test_every_placing_points_at_the_person_as_written() -> None:
    """A placing's place is where its person is written: the list item (`- fiona`), or `who:`'s value in a mapping."""
    from simulator.scenario import load_scenario

    result = load_scenario(Path(__file__).resolve().parent.parent / "scenarios" / "harris-family")
    assert result.scenario is not None
    placings = [p for ep in result.scenario.episodes for p in ep.opening]
    for node in result.scenario.nodes.values():
        for d in (node.stage, *(line.stage for line in node.lines)):
            placings.extend(d.placings())
    assert len(placings) > 200
    texts: dict[str, list[str]] = {}
    for p in placings:
        lines = texts.setdefault(p.loc.file, Path(p.loc.file).read_text(encoding="utf-8").splitlines())
        written = lines[p.loc.line - 1][p.loc.col - 1 :]
        assert written.startswith((p.who, f'"{p.who}"', f"'{p.who}'")), (p, written)
