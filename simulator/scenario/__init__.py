"""The authored content: strict YAML loading, JSON Schema, the model, diagnostics.

Use :func:`load_scenario` to read a scenario folder; it never raises on bad
input, and returns a :class:`LoadResult` with the scenario (or None) and
every diagnostic.
"""

from typing import TYPE_CHECKING

from simulator.scenario.diagnostics import CODES, Diagnostic, Severity
from simulator.scenario.loader import LoadResult, load_files, load_scenario, settle

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario


def __getattr__(name: str) -> object:
    """``Scenario`` is imported when first asked for: ``doorstep validate`` reading a load back needs no model."""
    if name == "Scenario":
        from simulator.scenario.model import Scenario

        return Scenario
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["CODES", "Diagnostic", "LoadResult", "Scenario", "Severity", "load_files", "load_scenario", "settle"]
