"""Playthroughs as a cohort counts them, read back from an LRS's statements.

The statements of a scenario (the scenario as object or parent) are grouped
by registration; voided statements are left out (whether or not the LRS
already leaves them out); a decision answered more than once (a rewind whose
voiding has not arrived) counts its latest answer by step. A registration
with a ``completed`` statement is finished, with the ending and final
scores it carries. Only Doorstep's own statements are understood; others
about the same activities are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from simulator.report.cohort import Played
from simulator.scenario.model import Scenario
from simulator.xapi import vocab


def _ext(part: Any, key: str) -> Any:
    if isinstance(part, Mapping):
        ext = part.get("extensions")
        if isinstance(ext, Mapping):
            return ext.get(key)
    return None


def played_from_statements(scenario: Scenario, statements: Iterable[Mapping[str, Any]]) -> list[Played]:
    """One :class:`Played` per registration of ``scenario`` found among ``statements``."""
    listed = [s for s in statements if isinstance(s, Mapping)]
    voided = {
        s["object"].get("id")
        for s in listed
        if isinstance(s.get("verb"), Mapping) and s["verb"].get("id") == vocab.VERBS["voided"] and isinstance(s.get("object"), Mapping)
    }
    prefix = vocab.scenario_iri(scenario.id)
    decisions_at = prefix + "/decisions/"
    answers: dict[str, dict[str, tuple[int, str]]] = {}
    ends: dict[str, tuple[str | None, tuple[tuple[str, int], ...]]] = {}
    for s in listed:
        if s.get("id") in voided:
            continue
        context, obj, verb = s.get("context"), s.get("object"), s.get("verb")
        if not (isinstance(context, Mapping) and isinstance(obj, Mapping) and isinstance(verb, Mapping)):
            continue
        registration = context.get("registration")
        if not isinstance(registration, str):
            continue
        object_id = obj.get("id")
        result = s.get("result")
        if verb.get("id") == vocab.VERBS["answered"] and isinstance(object_id, str) and object_id.startswith(decisions_at):
            node = object_id[len(decisions_at) :]  # as written, `/round-2` after it for a loop's later round
            written, _, nth = node.partition("/round-")
            response = result.get("response") if isinstance(result, Mapping) else None
            step = _ext(context, vocab.EXT_STEP)
            if written in scenario.nodes and (not nth or nth.isdigit()) and isinstance(response, str) and isinstance(step, int):
                seen = answers.setdefault(registration, {})
                if node not in seen or seen[node][0] <= step:
                    seen[node] = (step, response)
        elif verb.get("id") == vocab.VERBS["completed"] and object_id == prefix:
            ending = _ext(result, vocab.EXT_ENDING)
            dims = _ext(result, vocab.EXT_DIMENSIONS)
            raws = {d: _whole(dims[d].get("raw")) for d in scenario.dimensions if isinstance(dims, Mapping) and isinstance(dims.get(d), Mapping)}
            scores = tuple((d, raw) for d, raw in raws.items() if raw is not None)
            ends[registration] = (ending.get("id") if isinstance(ending, Mapping) else None, scores)
        elif verb.get("id") == vocab.VERBS["experienced"]:
            continue  # watching the versions in watch mode is not a playthrough
        elif object_id == prefix or (isinstance(object_id, str) and object_id.startswith(prefix + "/")):
            answers.setdefault(registration, {})
    out = []
    for registration in sorted(set(answers) | set(ends)):
        made = sorted(answers.get(registration, {}).items(), key=lambda item: item[1][0])
        ending, scores = ends.get(registration, (None, ()))
        out.append(Played(tuple((node.partition("/round-")[0], option) for node, (_, option) in made), registration in ends, ending, scores))
    return out


def _whole(value: object) -> int | None:
    """A score as an LRS gave it back, if it is a whole number; None for text, true/false, NaN, infinity or a fraction."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None
