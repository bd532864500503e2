"""A workshop session as an anonymous record: what the room met and did, never who voted for what.

:func:`build_summary` is the JSON the report is written from and the store
keeps: each decision with the room's votes per option against what the
barrier and enabler workers chose there, the path the room followed, where
the case ended, the facilitator's notes, and (in play) the debrief of the
path the room followed. Participants appear only as counts.
"""

from __future__ import annotations

from typing import Any

from simulator import __version__
from simulator.records.record import build_record
from simulator.report.debrief import build_debrief
from simulator.scenario.loops import looped, rounds, written_id
from simulator.workshop.course import PlayCourse
from simulator.workshop.facilitate import Result, Workshop

KIND = "doorstep-workshop"
FORMAT = 1


def _result(r: Result, round_: int, loops: frozenset[str]) -> dict[str, Any]:
    node = written_id(r.node)  # a hub's later round, as written, with its round
    return {
        "number": r.number,
        "episode": r.episode,
        "episode_title": r.episode_title,
        "node": node,
        **({"round": round_} if node in loops else {}),
        "prompt": r.prompt,
        "options": [{"id": o.id, "letter": o.letter, "text": o.text, "path": o.path, "votes": o.votes} for o in r.options],
        "votes": r.votes,
        "revealed": r.revealed,
        "chosen": r.chosen,
        "enabler": r.enabler,
        "barrier": r.barrier,
        "asked": r.asked or None,
    }


def build_summary(workshop: Workshop, *, started_at: str, finished_at: str, phones: int) -> dict[str, Any]:
    """The record of a session (finished or stopped early), JSON-ready."""
    scenario = workshop.scenario
    course = workshop.course
    data: dict[str, Any] = {
        "kind": KIND,
        "format": FORMAT,
        "generator": f"doorstep {__version__}",
        "scenario": scenario.id,
        "scenario_title": scenario.title,
        "mode": workshop.mode,
        "seed": course.seed,
        "started_at": started_at,
        "finished_at": finished_at,
        "finished": workshop.ended or course.finished,
        "phones": phones,
        "decisions": [_result(r, n, looped(scenario)) for r, n in zip(workshop.results, rounds(r.node for r in workshop.results), strict=True)],
        "notes": [{"where": n.where, "text": n.text} for n in workshop.notes],
        "events": list(workshop.events),
        "skipped": list(course.skipped),
        "closing": scenario.closing,
        "support": [{"name": x.name, "detail": x.detail} for x in scenario.support],
        "path": [],
        "ending": None,
        "debrief": None,
    }
    if isinstance(course, PlayCourse):
        session = course.session
        data["path"] = [
            {"episode": r.episode_title, "node": written_id(r.node), "choice": r.chosen, "text": _text(r, r.chosen), "path": _path(r, r.chosen)} for r in workshop.results if r.chosen
        ]
        ending = session.ending
        if ending is not None:
            data["ending"] = {"title": ending.title, "kind": ending.kind, "text": ending.text, "outcome": ending.outcome}
        record = build_record(session, {"mode": "workshop"})
        data["debrief"] = build_debrief(scenario, record, canonical=course.traces).to_dict()
    else:
        for path in ("enabler", "barrier"):
            trace = course.traces.get(path)
            if trace is not None and trace.ending_title:
                data.setdefault("endings", {})[path] = {"title": trace.ending_title, "kind": trace.ending_kind}
        asked = [r for r in workshop.results if r.asked and (r.enabler if r.asked == "enabler" else r.barrier)]
        right = sum(next((o.votes for o in r.options if o.id == (r.enabler if r.asked == "enabler" else r.barrier)), 0) for r in asked)
        data["predictions"] = {"decisions": len(asked), "votes": sum(r.votes for r in asked), "right": right}
    return data


def _text(r: Result, option_id: str | None) -> str:
    return next((o.text for o in r.options if o.id == option_id), "")


def _path(r: Result, option_id: str | None) -> str:
    return next((o.path for o in r.options if o.id == option_id), "other")
