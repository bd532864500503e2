"""The authored content: strict YAML loading, JSON Schema, the model, diagnostics.

Use :func:`load_scenario` to read a scenario folder; it never raises on bad
input, and returns a :class:`LoadResult` with the scenario (or None) and
every diagnostic.
"""

from simulator.scenario.diagnostics import CODES, Diagnostic, Severity
from simulator.scenario.loader import LoadResult, load_files, load_scenario, settle
from simulator.scenario.model import Scenario

__all__ = ["CODES", "Diagnostic", "LoadResult", "Scenario", "Severity", "load_files", "load_scenario", "settle"]
