"""The trainee's window settings, kept between runs in a small JSON file.

Pure Python (no pygame), so loading and saving are tested on their own.
The file lives in the platform's user config folder (``DOORSTEP_CONFIG_DIR``
overrides it, for tests and shared classroom machines). A file that cannot
be read is renamed aside, never deleted, and the defaults are used; a file
that cannot be written is reported, and the settings still apply for this run.
"""

# No `from __future__ import annotations`: the settings' NamedTuple, made before the first frame, would have each field's
# annotation as a string, compiled into a forward reference as the class is made (12 compiles, about 20 us each).

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from simulator import fileio

if TYPE_CHECKING:
    from typing import NamedTuple
else:  # the same classes, their __new__ compiled ahead rather than at every start (simulator/quicktuple)
    from simulator.quicktuple import NamedTuple

SETTINGS_VERSION = 1
FILENAME = "settings.json"
# Settings are a few hundred bytes; anything much larger is not a settings file.
SETTINGS_LIMIT = 64 * 1024
TEXT_SIZES = ("Small", "Medium", "Large", "Largest")
DEFAULT_RATE = 175  # self-voicing's words a minute: espeak-ng's and say's own default pace (services/voice.py)
RATES = (100, 125, 150, 175, 200, 250, 300, 350)  # the paces the settings screen steps through
NAME_LIMIT = 40  # characters: room for a full name, short enough for a button and a line of dialogue
Mode = Literal["coach", "assessment"]


class Settings(NamedTuple):
    """What the trainee chose; every field has a safe default.

    A NamedTuple rather than a frozen dataclass: it is read before the window's first frame, and a dataclass compiles its
    methods as its module loads (about a millisecond).
    """

    text_size: int = 1
    high_contrast: bool = False
    reduced_motion: bool = False
    no_time_pressure: bool = False
    fullscreen: bool = False
    mode: Mode = "coach"
    window: tuple[int, int] = (1280, 720)
    worker_name: str = ""  # the trainee's own name for the worker; empty means the scenario's own
    seem: bool = False  # "how people seem" on the clock bar during play, in the coach setting only
    self_voicing: bool = False  # read each line, the options and the feedback aloud (services/voice.py)
    speech_rate: int = DEFAULT_RATE  # words a minute
    voice: str = ""  # the speech engine's voice; empty means its default

    @property
    def text_size_name(self) -> str:
        return TEXT_SIZES[self.text_size]

    def with_changes(self, **changes: Any) -> "Settings":
        return self._replace(**changes)

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["window"] = list(self.window)
        return {"version": SETTINGS_VERSION, **data}

    @classmethod
    def from_dict(cls, data: Any) -> "Settings":
        """Settings from saved data; a field that is missing or the wrong type keeps its default."""
        if not isinstance(data, dict):
            raise ValueError("the settings file does not hold a JSON object")
        base = cls()
        values: dict[str, Any] = {}
        for key in cls._fields:
            if key not in data:
                continue
            value = data[key]
            default = getattr(base, key)
            if key == "text_size":
                if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(TEXT_SIZES):
                    values[key] = value
            elif key == "mode":
                if value in ("coach", "assessment"):
                    values[key] = value
            elif key == "window":
                if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and 320 <= v <= 10000 for v in value):
                    values[key] = (value[0], value[1])
            elif key == "speech_rate":
                if isinstance(value, int) and not isinstance(value, bool) and 80 <= value <= 450:
                    values[key] = value
            elif key == "voice":
                if isinstance(value, str) and len(value) <= 80 and value.isprintable():
                    values[key] = value
            elif key == "worker_name":
                name = clean_name(value)
                if name is not None:
                    values[key] = name
            elif isinstance(default, bool) and isinstance(value, bool):
                values[key] = value
        return base._replace(**values)


def clean_name(value: Any) -> str | None:
    """``value`` stripped if it is a usable worker name (text of at most NAME_LIMIT printable characters), else None."""
    if not isinstance(value, str):
        return None
    name = value.strip()
    if len(name) > NAME_LIMIT or not name.isprintable():
        return None
    return name


def config_dir() -> Path:
    """The settings folder: see :func:`simulator.fileio.config_dir` ($DOORSTEP_CONFIG_DIR, else $DOORSTEP_DATA_DIR, else the platform's)."""
    return fileio.config_dir()


def load_settings(folder: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings (or the defaults) and a note for the trainee if the file was unusable."""
    try:
        path = (folder or config_dir()) / FILENAME
    except fileio.FileRefused as exc:  # no folder for settings at all (no home folder)
        return Settings(), f"Your settings could not be read ({_reason(exc)}), so the defaults are in use."
    try:
        text = fileio.read_text(path, limit=SETTINGS_LIMIT)
        from simulator import flatjson  # only when there is a file to read

        data = flatjson.loads(text)  # the file as Doorstep writes it, without importing json before the first frame
        if data is None:  # anything else (edited, damaged, a key twice) is strictjson's to read or refuse
            from simulator import strictjson

            repeated: dict[str, list[Any]] = {}
            data = strictjson.loads(text, repeated=repeated)
            if repeated and isinstance(data, dict):
                return _one_of_each(data, repeated, path)
        return Settings.from_dict(data), None
    except (fileio.FileTooLarge, fileio.FileNotText) as exc:
        damage = exc.why
    except fileio.FileRefused as exc:
        if not os.path.lexists(path):
            return Settings(), None
        return Settings(), f"Your settings could not be read ({_reason(exc)}), so the defaults are in use."
    except ValueError as exc:
        damage = f"{exc}"
    aside = _set_aside(path)
    where = f" The old file was kept as {aside.name}." if aside else ""
    return Settings(), f"Your settings file was damaged ({damage}), so the defaults are in use.{where}"


# The aids a trainee may rely on to use the window at all: where the file says both, the one that helps more is kept.
AIDS = ("high_contrast", "reduced_motion", "no_time_pressure", "self_voicing")


def _one_of_each(data: dict[str, Any], repeated: dict[str, list[Any]], path: Path) -> tuple[Settings, str]:
    """Settings from a file that names a setting twice, and the line saying which and what was kept.

    Every JSON reader (VS Code too) takes the last value, so that is kept, except for an aid (larger text,
    high contrast, less motion, no time pressure, self-voicing): turned on anywhere in the file, it stays on,
    so an edit that went wrong never takes away what someone needs to read the window.
    """
    for key, values in repeated.items():
        if key in AIDS and True in values:
            data[key] = True
        elif key == "text_size":
            sizes = [v for v in values if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < len(TEXT_SIZES)]
            data[key] = max(sizes) if sizes else values[-1]
    settings = Settings.from_dict(data)
    names = [k for k in repeated if k in Settings._fields] or list(repeated)
    key = names[0]
    kept = getattr(settings, key) if key in Settings._fields else data.get(key)
    shown = settings.text_size_name if key == "text_size" else repr(kept).replace("True", "true").replace("False", "false")
    why = "the value that helps more" if key in AIDS or key == "text_size" else "the last, as other programs read it"
    more = f" (and {len(names) - 1} other setting{'s' if len(names) > 2 else ''} too)" if len(names) > 1 else ""
    return settings, f"Your settings file {path} names `{key}` more than once{more}; Doorstep uses {shown}, {why}, and writes it once when a setting next changes."


def save_settings(settings: Settings, folder: Path | None = None) -> str | None:
    """Write the settings atomically; None when saved, else a sentence saying why not."""
    import json  # when settings change: the first frame reads them with flatjson

    try:
        target = (folder or config_dir()) / FILENAME
        fileio.write_atomic(target, json.dumps(settings.to_dict(), indent=2) + "\n")
    except OSError as exc:
        return f"Your settings could not be saved ({_reason(exc)}); they apply until you close Doorstep."
    return None


def _set_aside(path: Path) -> Path | None:
    n = 1
    while True:
        aside = path.with_name(f"{path.name}.damaged-{n}")
        if not aside.exists():
            break
        n += 1
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside


def _reason(exc: OSError) -> str:
    return fileio.reason(exc)
