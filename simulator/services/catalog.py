"""The cases the window can offer: the shipped scenarios plus any named on the command line.

Pure Python. Scenarios are loaded lazily (after the first frame is on
screen, or when first needed) and once each; one that does not validate is
kept with its diagnostics so the picker can say why it cannot be played.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from simulator import fileio

if TYPE_CHECKING:  # the loader brings in the schema checker: imported when a case is first loaded, not before the first frame
    from simulator.scenario.art import ArtCatalog
    from simulator.scenario.loader import LoadResult
    from simulator.scenario.model import Scenario

ArtSource: TypeAlias = "ArtCatalog | Callable[[], ArtCatalog | None] | None"


def scenario_folder(path: Path) -> Path:
    """The folder of a scenario, whether given the folder or its scenario.yaml."""
    path = fileio.home_path(path).resolve()
    return path.parent if fileio.is_file(path) else path


class Catalog:
    """Known scenario folders, in order, with each one's load result once loaded."""

    def __init__(self, paths: list[Path], selected: Path | None = None, art: ArtSource = None, notify: Callable[[str], None] | None = None) -> None:
        chosen = scenario_folder(selected) if selected else None  # each path resolved once: before the first frame, a handful of system calls
        seen: dict[Path, None] = {}
        for folder in ([chosen] if chosen is not None else []) + [scenario_folder(p) for p in paths if p is not None]:
            seen.setdefault(folder, None)
        self.paths: list[Path] = list(seen)
        self.selected: Path | None = chosen if chosen is not None else (self.paths[0] if self.paths else None)
        self.art = art
        self.notify = notify
        self._results: dict[Path, LoadResult] = {}
        self._ids: dict[str, Path] = {}  # each case's folder by its id, once it has loaded

    @classmethod
    def discover(cls, folder: Path, selected: Path | None = None, art: ArtSource = None, notify: Callable[[str], None] | None = None) -> Catalog:
        """Every subfolder of ``folder`` with a scenario.yaml, plus ``selected``."""
        try:
            found = sorted(p for p in folder.iterdir() if fileio.is_file(p / "scenario.yaml"))
        except OSError:
            found = []
        return cls(found, selected, art, notify)

    def discover_in(self, folder: Path) -> None:
        """Add every subfolder of ``folder`` with a scenario.yaml (after any already known)."""
        for path in Catalog.discover(folder).paths:
            if path not in self.paths:
                self.paths.append(path)
        if self.selected is None and self.paths:
            self.selected = self.paths[0]

    def loaded(self, path: Path) -> bool:
        return scenario_folder(path) in self._results

    def load(self, path: Path) -> LoadResult:
        """The LoadResult for a folder (loading it the first time)."""
        key = scenario_folder(path)
        result = self._results.get(key)
        if result is None:
            # Imported here: the loader brings in jsonschema, which the first frame need not wait for.
            from simulator.scenario import Severity, load_scenario, settle

            art = self.art() if callable(self.art) else self.art
            result = load_scenario(key, art=art, cache=True)
            self._results[key] = result
            if result.scenario is not None:
                self._ids[result.scenario.id] = key
            settle()  # the model lives for the whole session: keep the collector from rescanning it each frame
            if not result.ok and self.notify is not None:
                errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
                for d in errors[:10]:
                    self.notify(d.render())
                from simulator.wording import count

                self.notify(f"{key} has {count(len(errors), 'error')}; run `doorstep validate {key}` for details")
        return result

    def reload(self, path: Path) -> LoadResult:
        """Load a case again from its files (after they were edited), replacing what was loaded before."""
        self._results.pop(scenario_folder(path), None)
        return self.load(path)

    def path_of(self, scenario_id: str) -> Path | None:
        """The folder of a case already loaded, by its id (no loading)."""
        return self._ids.get(scenario_id)

    def scenario(self, path: Path) -> Scenario | None:
        result = self.load(path)
        return result.scenario if result.ok else None

    def load_next(self) -> bool:
        """Load one scenario not yet loaded (the selected one first); False when all are loaded."""
        for path in ([self.selected] if self.selected else []) + self.paths:
            if path is not None and path not in self._results:
                self.load(path)
                return True
        return False

    def find(self, scenario_id: str) -> tuple[Path, Scenario] | None:
        """The folder and scenario with this id, loading scenarios as needed."""
        for path in self.paths:
            scenario = self.scenario(path)
            if scenario is not None and scenario.id == scenario_id:
                return path, scenario
        return None

    def selected_title(self) -> str:
        """The name of the case a new playthrough would start (from its folder's name until it has loaded)."""
        if self.selected is None:
            return "No case installed"
        # A known folder is resolved already: the title asks this as it is laid out, before its first frame.
        return self._title(self.selected if self.selected in self.paths else scenario_folder(self.selected))

    def title_of(self, path: Path) -> str:
        return self._title(scenario_folder(path))

    def _title(self, folder: Path) -> str:
        result = self._results.get(folder)
        if result is not None and result.scenario is not None and result.ok:
            return result.scenario.title
        return folder.name.replace("-", " ").capitalize()
