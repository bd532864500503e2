"""Where a playthrough was left: the line on screen and the episode, for Continue.

Pure Python. The record store keeps every action, so Continue always lands
at the right decision; the line being read within a moment is not an action,
so it is kept here, beside the store (``places.json``), when the trainee
steps out or closes the window and after every action. Continue then opens
at that line, and the title can say which case and where ("The Harris family,
episode 3 of 14: The first core group") without replaying anything.

A place counts only while its playthrough has the same number of steps (a
place from before a later action is stale) and is never trusted for more than
that: a missing, damaged or foreign file is the same as no place, and a
failed write loses nothing but the line.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from simulator import fileio, strictjson

if TYPE_CHECKING:  # the title reads places before any case is loaded: the engine comes in with play
    from simulator.engine.session import Session

FILENAME = "places.json"
KEEP = 50  # the newest places kept; older playthroughs fall back to the start of their moment
LIMIT = 256 * 1024


@dataclass(frozen=True, slots=True)
class Place:
    """A playthrough's place: after ``steps`` actions, at ``line`` of the moment, in an episode of the case."""

    steps: int
    line: int
    episode: str
    number: int
    total: int
    when: str

    @property
    def words(self) -> str:
        """"episode 3 of 14: The first core group" (the date is on the card Continue opens with)."""
        return f"episode {self.number} of {self.total}: {self.episode}" if self.number else self.episode


def place_of(session: Session, line: int) -> Place:
    from simulator.engine.clock import clock_view

    scenario = session.scenario
    episode = session.state.episode
    number = next((i for i, ep in enumerate(scenario.episodes, 1) if ep.id == episode), 0)
    return Place(len(session.state.steps), max(0, line), session.card().title, number, len(scenario.episodes), clock_view(session).date_text)


def places_file(store_path: Path) -> Path:
    return Path(store_path).with_name(FILENAME)


def read_places(path: Path) -> dict[int, Place]:
    """Every place kept; {} when the file is missing or not what it should be."""
    try:
        data = strictjson.loads(fileio.read_text(path, limit=LIMIT))
    except (OSError, ValueError):
        return {}
    out: dict[int, Place] = {}
    if not isinstance(data, dict):
        return out
    for key, value in data.items():
        try:
            place = Place(**value)
        except TypeError:
            continue
        ints = (place.steps, place.line, place.number, place.total)
        if key.isdigit() and all(type(v) is int and 0 <= v < 1 << 31 for v in ints) and all(isinstance(v, str) and len(v) < 400 for v in (place.episode, place.when)):
            out[int(key)] = place
    return out


def place_for(path: Path, pid: int, steps: int) -> Place | None:
    """The place of playthrough ``pid`` if it was kept after exactly ``steps`` actions."""
    place = read_places(path).get(pid)
    return place if place is not None and place.steps == steps else None


def keep_place(path: Path, pid: int, place: Place) -> bool:
    """Remember ``place`` for ``pid`` (the newest :data:`KEEP`); False if it could not be written (nothing else is lost)."""
    places = read_places(path)
    places.pop(pid, None)
    places[pid] = place
    newest = dict(list(places.items())[-KEEP:])
    try:
        fileio.write_atomic(path, json.dumps({str(k): asdict(v) for k, v in newest.items()}, ensure_ascii=False), mode=0o600)
    except OSError:
        return False
    return True
