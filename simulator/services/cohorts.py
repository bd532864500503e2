"""How others chose: a cohort file (``doorstep cohort --json``) imported for the compare screen.

A facilitator or trainer makes the cohort file; the trainee drops it onto
the window (or copies it into ``cohorts/`` beside their saved
playthroughs), and a decision's detail then says how the cohort chose at
that decision beside the trainee's own choice. Only counts travel in the
file, never names. Imported files are kept per scenario, so a newer cohort
of the same case replaces the older one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from simulator import fileio, strictjson
from simulator.report.cohort import cohort_from_dict

FOLDER = "cohorts"
LIMIT = 8 * 1024 * 1024
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


@dataclass(frozen=True, slots=True)
class Others:
    """A cohort's choices by decision node, and how many playthroughs it pooled."""

    playthroughs: int
    by_node: dict[str, Sequence[tuple[str, int]]]

    def at(self, node: str) -> list[tuple[str, int]] | None:
        found = self.by_node.get(node)
        if not found:
            return None
        return [(str(option), int(n)) for option, n in found if isinstance(option, str) and isinstance(n, int) and not isinstance(n, bool) and n >= 0]


def _read(path: Path) -> tuple[str, Others]:
    data = strictjson.loads(fileio.read_text(path, limit=LIMIT))
    by_node = cohort_from_dict(data)  # ValueError when it is not a cohort file
    scenario = data.get("scenario")
    count = data.get("playthroughs")
    if not isinstance(scenario, str) or not scenario or not set(scenario) <= _SAFE or len(scenario) > 100:
        raise ValueError("the cohort file does not name its scenario")
    return scenario, Others(count if isinstance(count, int) and not isinstance(count, bool) else 0, dict(by_node))


def others(folder: Path, scenario_id: str) -> Others | None:
    """The imported cohort of a scenario, or None (none imported, or one that cannot be read)."""
    path = folder / FOLDER / f"{scenario_id}.json"
    try:
        found, result = _read(path)
    except (fileio.FileRefused, strictjson.JSONRefused, ValueError):
        return None
    return result if found == scenario_id else None


def import_cohort(source: str | Path, folder: Path) -> str:
    """Keep a cohort file for the compare screen; a sentence saying what was imported. ValueError (one line) if it cannot be."""
    try:
        scenario, result = _read(Path(source))
    except fileio.FileRefused as exc:
        raise ValueError(f"{Path(source).name} cannot be read: {exc}") from None
    except strictjson.JSONRefused as exc:
        raise ValueError(f"{Path(source).name} is not a cohort file: {exc}") from None
    except ValueError as exc:
        raise ValueError(f"{Path(source).name}: {exc}") from None
    try:
        fileio.write_atomic(folder / FOLDER / f"{scenario}.json", fileio.read_text(Path(source), limit=LIMIT))
    except OSError as exc:
        raise ValueError(f"the cohort could not be kept: {fileio.reason(exc)}") from None
    plural = "playthrough" if result.playthroughs == 1 else "playthroughs"
    return f"How {result.playthroughs} {plural} chose will show beside each of your decisions on the compare screen."
