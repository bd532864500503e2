"""Every shipped scenario file points editors at the JSON Schema shipped in the package."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import PROJECT

LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)
FILES = sorted(p for p in PROJECT.glob("scenarios/**/*.yaml") if p.parent.name != "art")
EXAMPLES = sorted(PROJECT.glob("docs/examples/**/*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_examples_carry_no_relative_schema_line(path: Path):
    """Examples are copied elsewhere, where a relative schema line would break: editors get the schema from `doorstep schema --vscode`."""
    assert not LINE.search(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_scenario_file_names_its_schema(path: Path):
    """The first lines carry a yaml-language-server schema comment that resolves to the right shipped schema (a scenario's own evidence/ files: the evidence schema)."""
    head = "\n".join(path.read_text(encoding="utf-8").splitlines()[:3])
    match = LINE.search(head)
    assert match, f"{path} has no `# yaml-language-server: $schema=...` line"
    target = (path.parent / match.group(1)).resolve()
    assert target.is_file(), target
    kind = "scenario" if path.name == "scenario.yaml" else "seeds" if path.parent.name == "evidence" else "episode"
    assert target.name == f"{kind}.schema.json"
    assert target.parent == (PROJECT / "simulator" / "scenario" / "schema").resolve()


@pytest.mark.parametrize("kind", ["scenario", "episode", "seeds", "art"])
def test_shipped_schemas_are_valid_draft7(kind: str):
    """Each shipped schema is a valid draft-07 JSON Schema with descriptions for editors."""
    schema = json.loads((PROJECT / "simulator" / "scenario" / "schema" / f"{kind}.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"].startswith("http://json-schema.org/draft-07")


def _nodes(node: object, path: str = ""):
    """Every schema object inside ``node``, with a readable path."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _nodes(value, f"{path}[{i}]")


@pytest.mark.parametrize("kind", ["scenario", "episode", "seeds", "art"])
def test_every_property_explains_itself_and_every_pattern_says_it_in_words(kind: str):
    """Hover and completion have a description (and its markdown) for every key; a mistyped id is told in a sentence, not shown a regex."""
    schema = json.loads((PROJECT / "simulator" / "scenario" / "schema" / f"{kind}.schema.json").read_text())
    for path, node in _nodes(schema):
        for key, prop in (node.get("properties") or {}).items() if isinstance(node.get("properties"), dict) else ():
            assert prop.get("description") and prop.get("markdownDescription"), f"{kind}{path}/{key}"
            assert "^[" not in prop["description"], f"{kind}{path}/{key} shows a regex"
        if "pattern" in node:
            words = node.get("patternErrorMessage", "")
            assert words.endswith((".", ")")) and "^" not in words and "[a-z]" not in words, f"{kind}{path}"
