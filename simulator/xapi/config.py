"""Where to send statements, kept between runs: the LRS settings file (``lrs.json``).

One small JSON file in Doorstep's config folder (``DOORSTEP_CONFIG_DIR``
overrides it, as for the window's settings), readable only by its owner
because it holds the LRS password. Both the window (its settings and
outbox screens, its background sender) and ``doorstep xapi push`` read it;
``doorstep xapi setup`` writes it. Sending is off until an endpoint is
saved and switched on, and private by default: no name, no reflections.
A file that cannot be read leaves sending off and says why; it is never
deleted.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from simulator import fileio, strictjson
from simulator.xapi.identity import Options
from simulator.xapi.lrs import Client, check_endpoint
from simulator.xapi.vocab import DEFAULT_HOME_PAGE, VERSIONS

FILENAME = "lrs.json"
LIMIT = 16 * 1024
LRS_SETTINGS_VERSION = 1


def config_dir() -> Path:
    """The settings folder: see :func:`simulator.fileio.config_dir` ($DOORSTEP_CONFIG_DIR, else $DOORSTEP_DATA_DIR, else the platform's)."""
    return fileio.config_dir()


@dataclass(frozen=True, slots=True)
class LRSSettings:
    """The organisation's LRS and what the trainee agreed to send."""

    enabled: bool = False
    endpoint: str = ""
    username: str = ""
    password: str = ""
    xapi_version: str = "1.0.3"
    send_name: bool = False
    send_reflections: bool = False
    home_page: str = DEFAULT_HOME_PAGE

    def with_changes(self, **changes: Any) -> LRSSettings:
        return replace(self, **changes)

    def problem(self) -> str | None:
        """Why these settings cannot send (one line), or None when they can."""
        if not self.endpoint:
            return "no LRS endpoint is set"
        try:
            check_endpoint(self.endpoint)
        except ValueError as exc:
            return str(exc)
        if self.xapi_version not in VERSIONS:
            return f"the xAPI version must be one of {', '.join(VERSIONS)}"
        return None

    @property
    def ready(self) -> bool:
        """Switched on and complete: the window sends in the background."""
        return self.enabled and self.problem() is None

    def options(self) -> Options:
        version = self.xapi_version if self.xapi_version in VERSIONS else VERSIONS[0]
        return Options(version, self.send_name, self.send_reflections, self.home_page or DEFAULT_HOME_PAGE)

    def client(self, *, timeout: float = 20.0) -> Client:
        """A client for the LRS; ValueError (one line) if the settings are incomplete."""
        problem = self.problem()
        if problem:
            raise ValueError(problem)
        return Client(self.endpoint, self.username, self.password, version=self.options().version, timeout=timeout)

    def to_dict(self) -> dict[str, Any]:
        return {"version": LRS_SETTINGS_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: Any) -> LRSSettings:
        """Settings from saved data; a field missing or of the wrong type keeps its default."""
        if not isinstance(data, dict):
            raise ValueError("the LRS settings file does not hold a JSON object")
        base = cls()
        values = {f.name: data[f.name] for f in fields(cls) if isinstance(data.get(f.name), type(getattr(base, f.name)))}
        return replace(base, **values)


def load_lrs_settings(folder: Path | None = None) -> tuple[LRSSettings, str | None]:
    """The saved LRS settings (or the defaults: sending off) and a sentence if the file could not be used."""
    try:
        path = (folder or config_dir()) / FILENAME
    except fileio.FileRefused as exc:  # no folder for settings at all (no home folder)
        return LRSSettings(), f"The LRS settings could not be read ({exc}), so nothing is sent."
    if not os.path.lexists(path):
        return LRSSettings(), None
    try:
        repeated: dict[str, list[Any]] = {}
        settings = LRSSettings.from_dict(strictjson.loads(fileio.read_text(path, limit=LIMIT), repeated=repeated))
        return (settings, None) if not repeated else _named_twice(settings, repeated, path)
    except fileio.FileRefused as exc:
        return LRSSettings(), f"The LRS settings at {path} could not be read ({exc}), so nothing is sent."
    except (strictjson.JSONRefused, ValueError) as exc:
        return LRSSettings(), f"The LRS settings at {path} are damaged ({exc}), so nothing is sent until they are saved again."


def _named_twice(settings: LRSSettings, repeated: dict[str, list[Any]], path: Path) -> tuple[LRSSettings, str]:
    """Settings from a file that names a key more than once, and the line saying so.

    Where statements about a trainee go, and what they carry, is never a guess: a setting written twice with
    different values (two endpoints, ``send_name`` both true and false) keeps its default (no endpoint, private),
    and sending from the window is off until the settings are saved again; the file's other settings stand, so
    ``doorstep xapi setup`` saving one change keeps them. Written twice alike, a setting is used as it is.
    """
    names = {f.name for f in fields(LRSSettings)}
    differing = [k for k, values in repeated.items() if k in names and any(json.dumps(v) != json.dumps(values[0]) for v in values)]
    if differing:
        base = LRSSettings()
        kept = replace(settings, **{**{k: getattr(base, k) for k in differing}, "enabled": False})
        more = f" (and {len(differing) - 1} other setting{'s' if len(differing) > 2 else ''})" if len(differing) > 1 else ""
        return kept, (
            f"The LRS settings at {path} name `{differing[0]}`{more} more than once with different values, so Doorstep uses none of them"
            " and sending from the window is off until doorstep xapi setup saves them again."
        )
    key = next((k for k in repeated if k in names), None)
    if key is None:
        return settings, f"The LRS settings at {path} name `{next(iter(repeated))}` more than once; Doorstep does not use it, and leaves it out when doorstep xapi setup next saves them."
    return settings, f"The LRS settings at {path} name `{key}` more than once (the same each time); doorstep xapi setup writes it once when it next saves them."


def save_lrs_settings(settings: LRSSettings, folder: Path | None = None) -> str | None:
    """Write the settings (owner-only, atomically); None when saved, else a sentence saying why not."""
    try:
        target = (folder or config_dir()) / FILENAME
        target.parent.mkdir(parents=True, exist_ok=True)
        fileio.write_atomic(target, json.dumps(settings.to_dict(), indent=2) + "\n", mode=0o600)
    except OSError as exc:
        return f"The LRS settings could not be saved ({fileio.reason(exc)})."
    return None
