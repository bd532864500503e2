"""The staging example in docs/authoring.md loads cleanly and plays as its words say."""

from __future__ import annotations

import re
from pathlib import Path

from test_stage import MANIFEST
from tiny import evidence

from simulator.engine import Session
from simulator.scenario.loader import LoadResult, load_files

DOC = Path(__file__).resolve().parent.parent / "docs" / "authoring.md"

CAST = """\
cast:
  - {id: worker, name: "Sam Taylor", role: "Social worker"}
  - {id: fiona, name: "Fiona Reid", short: "Fiona", role: "Parent", trust: 40}
  - {id: john, name: "John Reid", short: "John", role: "Partner", trust: 40}
  - {id: mason, name: "Mason Reid", short: "Mason", role: "Child", age: 2}
  - {id: walsh, name: "DC Walsh", short: "DC Walsh", role: "Police officer"}
  - {id: advocate, name: "Tom Price", short: "Tom", role: "Advocate"}
  - {id: chair, name: "Margaret Osei", short: "Margaret", role: "Conference chair"}
"""


def example() -> str:
    """The YAML block of the section 'Who is on stage'."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Who is on stage") :]
    found = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert found, "the section has no YAML example"
    return found.group(1)


def load(episode: str) -> LoadResult:
    manifest = re.sub(r"cast:\n(  - .*\n)+", CAST, MANIFEST).replace("episodes: [visit, call]", "episodes: [first-visit]")
    files = {"doc/scenario.yaml": manifest.encode(), "doc/episodes/first-visit.yaml": episode.encode()}
    return load_files(files, "doc/scenario.yaml", evidence())


def test_the_example_validates_with_no_diagnostics():
    """Every key the section teaches is in the example, and the example passes `validate` untouched."""
    body = example()
    for key in ("present:", "exit:", "enter:", "move:", "by: phone", "holding:", "when:", "excluded:"):
        assert key in body, key
    result = load(body)
    assert result.ok and result.diagnostics == [], [d.render() for d in result.diagnostics]


def test_the_example_plays_as_its_words_say():
    """John at the door then gone; Fiona holds Mason and sits; DC Walsh heard, not seen; John out of the closed part and back."""
    result = load(example())
    assert result.scenario is not None
    session = Session.start(result.scenario)
    door = session.views()
    assert [p.id for p in door[0].people] == ["john", "fiona"] and door[0].people[0].pose == "at-door"
    assert door[0].people[1].holding == "mason" and door[0].people[1].at == "back"
    assert not door[-1].shows("john") and door[-1].shows("mason")
    asked = session.copy()
    session.choose("go-in")
    kitchen = session.views()
    assert kitchen[0].people[0].pose == "sitting" and [v.id for v in kitchen[1].heard] == ["walsh"]
    assert not kitchen[-1].shows("walsh") and not kitchen[-1].shows("advocate")  # not asked for on this route
    asked.choose("ask")
    assert asked.views()[-1].shows("advocate")
    session.proceed()
    meeting = session.views()
    fiona_line = next(i for i, view in enumerate(meeting) if i and not view.shows("john"))
    assert not meeting[fiona_line].shows("mason")
    assert meeting[-1].shows("john") and meeting[0].shows("john")


def test_staging_john_in_the_part_he_was_asked_to_leave_is_refused():
    """The same example with John's exit taken out is P906, and does not load."""
    body = example().replace("          exit: [john]\n          excluded", "          excluded")
    result = load(body)
    assert not result.ok
    assert sorted(d.code for d in result.diagnostics) == ["P903", "P906"]  # P903: he "comes back" while still there
