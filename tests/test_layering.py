"""The core and the services never import pygame: only simulator/ui/ may."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CORE = [
    "simulator.scenario",
    "simulator.engine",
    "simulator.engine.clock",
    "simulator.engine.autoplay",
    "simulator.analysis.summary",
    "simulator.records.record",
    "simulator.terminal",
    "simulator.cli",
    "simulator.assets",
    "simulator.xapi.commands",
    "simulator.xapi.sender",
    "simulator.xapi.documents",
    "simulator.services.run",
    "simulator.services.review",
    "simulator.services.reels",
    "simulator.services.past",
    "simulator.services.transcript",
    "simulator.services.catalog",
    "simulator.services.settings",
    "simulator.services.textedit",
    "simulator.services.words",
    "simulator.wording",
    "simulator.palette",
]


def test_core_modules_do_not_import_pygame():
    """Importing every core module leaves pygame out of sys.modules."""
    code = "import sys\n" + "".join(f"import {m}\n" for m in CORE) + "print('pygame' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_only_ui_mentions_pygame_in_imports():
    """No module outside simulator/ui/ has an import of pygame."""
    root = Path(__file__).resolve().parent.parent / "simulator"
    offenders = []
    for path in root.rglob("*.py"):
        if "ui" in path.relative_to(root).parts[:1]:
            continue
        for line in path.read_text().splitlines():
            stripped = line.strip()
            if stripped.startswith(("import pygame", "from pygame")):
                offenders.append(str(path))
    assert offenders == []


def test_the_window_opens_without_the_loader_the_engine_or_the_store():
    """Importing the command line and the window loads no YAML, JSON Schema or SQLite, and no scenario, engine, records or report code: they come after the first frame."""
    heavy = ["yaml", "jsonschema", "sqlite3", "simulator.scenario", "simulator.engine", "simulator.records", "simulator.report", "simulator.analysis", "simulator.services.run"]
    code = f"import sys\nimport simulator.cli\nimport simulator.ui.launch\nprint([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    assert done.stdout.strip() == "[]"
