"""What a command does before its work, and the window before its first frame: only what they need (each waits for every module it imports)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator import argtypes, cli
from simulator.quickargs import plain_play
from simulator.services.settings import Settings, save_settings

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "bench"))
from ui_first_frame import stopped_at_first_frame  # noqa: E402 - the first-frame stop bench_ui.py times (bench/ui_first_frame.py)

EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"


def imported_by(*argv: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``python -X importtime -m simulator ARGV`` in a fresh process; its result and every module it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "simulator", *argv],
        capture_output=True, text=True, cwd=PROJECT, timeout=120,
        env={**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", **(env or {})},
    )  # fmt: skip
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:") and "|" in line}
    return done, modules


def under(modules: set[str], *packages: str) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def test_a_cold_validate_imports_no_window_no_jsonschema_and_no_other_command(tmp_path):
    """`doorstep validate` of a valid case, with no cache, imports neither pygame, jsonschema nor the window, and none of the other commands' modules."""
    done, modules = imported_by("validate", str(EXAMPLE), env={"DOORSTEP_CACHE": "0", "DOORSTEP_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-500:]
    assert "simulator.scenario.loader" in modules  # it did read the case
    unneeded = ("pygame", "jsonschema", "simulator.ui", "simulator.engine", "simulator.records", "simulator.report", "simulator.analysis",
                "simulator.xapi", "simulator.workshop_command", "simulator.workshop", "simulator.server", "simulator.terminal",
                "simulator.services", "simulator.authoring.scaffold", "simulator.authoring.editor", "simulator.authoring.watch")  # fmt: skip
    assert under(modules, *unneeded) == []


def test_a_command_imports_only_its_own_options():
    """Parsing one command builds its parser alone: the modules defining the other commands' options are not imported."""
    code = (
        "import sys\nfrom simulator import cli\nargs = cli.build_parser().parse_args(sys.argv[1:])\n"
        "print(args.command, sorted(m for m in sys.modules if m.startswith(('simulator.xapi', 'simulator.workshop', 'simulator.authoring'))))"
    )
    for argv, expected in ((["info", "x"], "info []"), (["play"], "play []"), (["validate", "x"], "validate ['simulator.authoring', 'simulator.authoring.commands']"),
                           (["cohort"], "cohort ['simulator.xapi', 'simulator.xapi.cli_common', 'simulator.xapi.cohort_command', 'simulator.xapi.commands']"),
                           (["workshop", "x"], "workshop ['simulator.workshop_command']")):  # fmt: skip
        done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=PROJECT, check=True, timeout=60)
        assert done.stdout.strip() == expected


def test_the_command_list_names_every_command_once_and_each_builds():
    """Every listed command has a line in `doorstep --help` and a parser of its own whose --help names it (so a lazily built command is never left empty)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as ended:
        cli.main(["--help"])
    assert ended.value.code == 0
    names = [name for name, _, _ in cli.COMMANDS]
    assert len(names) == len(set(names))
    for name, line, _ in cli.COMMANDS:
        assert f"    {name}" in out.getvalue() and line.split()[0] in out.getvalue()
        own = io.StringIO()
        with contextlib.redirect_stdout(own), pytest.raises(SystemExit) as ended:
            cli.main([name, "--help"])
        assert ended.value.code == 0
        assert own.getvalue().startswith(f"usage: doorstep {name} ") and "options:" in own.getvalue()


def test_building_every_parser_matches_building_on_demand():
    """`CommandList.build_all` gives each command the same options as running it would (tools that walk every command see them all)."""
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argtypes.CommandList))
    built = sub.build_all()
    assert list(built) == [name for name, _, _ in cli.COMMANDS]
    for name, p in built.items():
        fresh = cli.build_parser()
        out = io.StringIO()
        with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
            fresh.parse_args([name, "--help"])
        assert p.format_help() == out.getvalue()


@pytest.mark.parametrize("argv", [[], ["play"], ["play", "scenarios/harris-family"], ["play", "a folder/with spaces"], ["play", "play"]])
def test_the_window_commands_read_without_argparse_are_what_the_parser_makes_of_them(argv):
    """`doorstep` and `doorstep play [PATH]`, read without argparse, give the command exactly the values the parser gives it."""
    parsed = cli.build_parser().parse_args(argv)
    if parsed.command is None:  # `doorstep` alone: the parser is asked again for `play`, as the command line does
        parsed = cli.build_parser().parse_args(["play", *argv])
    expected = {k: v for k, v in vars(parsed).items() if k != "run"}
    assert plain_play(argv) == expected
    assert parsed.run is cli.cmd_play


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--version"], ["play", "--help"], ["play", "x", "--text"], ["play", "--auto", "enabler", "x"], ["play", "-x"], ["play", "-"],
     ["play", "x", "y"], ["watch", "x"], ["validate", "x"], ["pla", "x"], ["x"], ["play", "--", "x"], ["play", ""], ["play", " "]],
)  # fmt: skip
def test_every_other_command_line_goes_to_the_parser(argv):
    """Anything but `doorstep` or `doorstep play PATH` (an option, --help, another command, a mistake) is left to argparse, so its messages are argparse's own."""
    assert plain_play(argv) is None


def to_first_frame(code: str, tmp_path: Path) -> list[str]:
    """What ``code`` (a :func:`stopped_at_first_frame` process) prints running `doorstep play EXAMPLE` on a fresh profile."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1",
           "DOORSTEP_DATA_DIR": str(tmp_path / "data"), "DOORSTEP_CONFIG_DIR": str(tmp_path / "config")}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code, "play", str(EXAMPLE)], capture_output=True, text=True, cwd=PROJECT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    return done.stdout.splitlines()


FIRST_FRAME = stopped_at_first_frame(
    """
    assert self.top is not None and self.top.name == "title"
    print(" ".join(sorted(sys.modules)))
    print("collector at the first frame:", gc.isenabled())
    from simulator import streams
    print("escapes compiled:", streams._hidden.cache_info().currsize)
    while self.run_task():
        pass
    print("collector once idle:", gc.isenabled())
    import signal
    print("SIGTERM once idle:", getattr(signal.getsignal(signal.SIGTERM), "__name__", None))
    """,
    before="import gc",
    after='print("collector after:", gc.isenabled())',
)


@pytest.mark.ui
def test_the_title_is_drawn_before_the_other_commands_self_voicing_or_the_case_come_in(tmp_path):
    """`doorstep play PATH` draws the title before importing argparse, any other command's module, self-voicing's processes (it is off), the case's loader and engine, the flow, threads, pygame's default icon, or the signal handlers (set as the first work after it), with the garbage collector paused until then."""
    lines = to_first_frame(FIRST_FRAME, tmp_path)
    modules = set(lines[0].split())
    assert lines[1:] == ["collector at the first frame: False", "escapes compiled: 0", "collector once idle: True", "SIGTERM once idle: raise_stop",
                         "collector after: True"]  # paused for the start only; a message's escapes compiled only for a message
    assert "simulator.ui.shell.title" in modules
    unneeded = ("simulator.authoring", "simulator.xapi", "simulator.workshop_command", "simulator.workshop", "simulator.server",
                "simulator.services.voice", "subprocess", "yaml", "jsonschema", "sqlite3", "simulator.scenario", "simulator.engine",
                "simulator.records", "simulator.report", "simulator.analysis", "argparse", "gettext", "simulator.argtypes",
                "signal", "simulator.ui.kit.sentences", "simulator.ui.shell.moves", "json",
                "threading", "zipfile", "importlib.resources.readers", "simulator.strictjson", "simulator.ui.flow", "simulator.services.care",
                "simulator.ui.kit.displays", "fontpkg_atkinson_hyperlegible",
                )  # fmt: skip (json, strictjson: no settings file yet; zipfile: pygame's own icon; the flow: made just after; displays: full screen only; the font package: text under 14 px only)
    assert under(modules, *unneeded) == []
    if sys.platform.startswith("linux"):  # AT-SPI's bridge opens just after the first frame; nobody listens before it
        assert under(modules, "accesskit", "simulator.ui.kit.access_tree", "simulator.ui.kit.access_describe") == []


RETURNING = stopped_at_first_frame('print(self.settings.text_size, self.settings.worker_name, [m for m in ("json", "simulator.strictjson") if m in sys.modules])')


@pytest.mark.ui
def test_a_returning_trainees_settings_are_read_before_the_first_frame_without_json(tmp_path):
    """With a settings file saved (text size, a name with an accent), the title is drawn in those settings without importing
    json or strictjson: the file Doorstep writes is read by simulator/flatjson.py (8 M instructions less to the title)."""
    save_settings(Settings(text_size=3, worker_name="Zoë"), tmp_path / "config")
    assert to_first_frame(RETURNING, tmp_path) == ["3 Zoë []"]


# Nothing of the window is imported before the command starts, as when the console script runs it.
COLLECTOR_PASSES = stopped_at_first_frame(
    'print("pygame imported in the command:", "pygame" not in before, "passes before the title:", len(passes))',
    before="import gc\npasses = []",
    imported='before = set(sys.modules)\ngc.callbacks.append(lambda phase, info: passes.append(info) if phase == "start" else None)',
)


@pytest.mark.ui
def test_the_collector_is_paused_from_pygames_import_to_the_first_frame(tmp_path):
    """The window's command pauses the garbage collector before importing pygame-ce: not one collection from its start to the title."""
    assert to_first_frame(COLLECTOR_PASSES, tmp_path) == ["pygame imported in the command: True passes before the title: 0"]


@pytest.mark.ui
def test_the_screen_readers_bridge_opens_after_the_first_frame_with_the_title_on_it(tmp_path):
    """On Linux the AT-SPI bridge is not opened before the first frame; the first work after it opens it and hands it the title's tree."""
    if not sys.platform.startswith("linux"):
        pytest.skip("Windows and macOS open the bridge before the window is shown")
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from simulator.ui.driver import make_app

    app = make_app(tmp_path, settle=False)
    try:
        app.step([])
        assert app.frames == 1 and app.access.bridge is None and app.access.tree is None
        while app.run_task():
            pass
        bridge = app.access.bridge
        assert bridge is not None and bridge.tree is not None and bridge.tree == app.access.tree
        assert "New playthrough" in [n.label for n in bridge.tree.nodes()]
    finally:
        app.close()


@pytest.mark.ui
def test_with_self_voicing_on_the_title_is_said_at_its_first_frame_and_once(tmp_path):
    """Self-voicing on from the start: the title is said as it first appears, and the bridge opening after it does not say it again."""
    from simulator.services.settings import Settings
    from simulator.services.voice import Engine, Speaker

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from simulator.ui.driver import make_app

    asked: list[list[str]] = []

    class Heard(Speaker):
        def say(self, texts):
            asked.append(list(texts))

    app = make_app(tmp_path, settings=Settings(self_voicing=True), settle=False)
    try:
        app.access.use_speaker(Heard(Engine("none", ("true",))))
        app.step([])
        assert app.access.tree is not None and len(asked) == 1 and " ".join(asked[0]).startswith("Doorstep.")  # said as it appears
        while app.run_task():
            pass
        assert sum(" ".join(texts).count("Doorstep.") for texts in asked) == 1, asked
        if sys.platform.startswith("linux") and app.access.bridge is not None:
            assert app.access.bridge.tree == app.access.tree  # the screen reader has the same title
    finally:
        app.close()


def test_the_records_made_before_the_first_frame_have_their_field_types_without_compiling_them():
    """The NamedTuples the title's first frame makes (theme, text, settings, the command line's options) hold real field types: a string
    annotation (``from __future__ import annotations``) is compiled into a forward reference per field as the class is made."""
    import typing

    from simulator.services.settings import Settings
    from simulator.ui.flow.base import WatchOptions
    from simulator.ui.kit.text import Page, Para, Row, Run, Span
    from simulator.ui.kit.theme import Metrics, Palette
    from simulator.ui.options import Options

    for record in (Palette, Metrics, Span, Para, Run, Row, Page, Settings, Options, WatchOptions):
        strings = [name for name, kind in record.__annotations__.items() if isinstance(kind, (str, typing.ForwardRef))]
        assert strings == [], f"{record.__name__}: {strings}"
