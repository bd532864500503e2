"""Editor support: which JSON Schema each scenario file uses, as VS Code settings that work wherever the folder is.

A ``# yaml-language-server: $schema=../../...`` line in each file breaks
as soon as the folder is copied somewhere else. Instead,
``doorstep schema --vscode`` writes ``.vscode/settings.json`` with
``yaml.schemas`` mapping file patterns to the schemas installed with
Doorstep (absolute paths), which the YAML extension (Red Hat) reads for
autocomplete, hover descriptions and errors as you type. Pure: these
functions build and merge the settings; the command line writes them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

#: Which files each schema describes, as the YAML extension's glob patterns.
PATTERNS: dict[str, list[str]] = {
    "scenario": ["scenario.yaml", "**/scenario.yaml"],
    "episode": ["episodes/**/*.yaml", "**/episodes/**/*.yaml"],
    "seeds": ["seeds/*.yaml", "**/seeds/*.yaml", "evidence/*.yaml", "**/evidence/*.yaml"],
    "art": ["art/art.yaml", "**/art/art.yaml"],
}


def schema_folder() -> Path:
    """Where the installed schemas are, as a real folder."""
    return Path(str(resources.files("simulator.scenario").joinpath("schema"))).resolve()


def schema_file(kind: str) -> Path:
    return schema_folder() / f"{kind}.schema.json"


def yaml_schemas() -> dict[str, list[str]]:
    """``yaml.schemas`` for VS Code: each installed schema's path and the files it applies to."""
    return {schema_file(kind).as_uri(): patterns for kind, patterns in PATTERNS.items()}


def merged_settings(existing: dict[str, Any] | None) -> dict[str, Any]:
    """VS Code settings with Doorstep's schemas added: other settings, and other schemas, are kept."""
    settings = dict(existing or {})
    schemas = settings.get("yaml.schemas")
    mine = yaml_schemas()
    if isinstance(schemas, dict):
        # Drop an older Doorstep install's entries (the same schema file names elsewhere), keep everything else.
        names = {f"{kind}.schema.json" for kind in PATTERNS}
        kept = {k: v for k, v in schemas.items() if not (isinstance(k, str) and k.rsplit("/", 1)[-1] in names and k not in mine)}
        kept.update(mine)
        settings["yaml.schemas"] = kept
    else:
        settings["yaml.schemas"] = mine
    settings.setdefault("yaml.validate", True)
    settings.setdefault("yaml.hover", True)
    settings.setdefault("yaml.completion", True)
    return settings
