"""What the fresh processes of bench_ui.py's first-frame figure run: a bare pygame-ce window, the same given an icon, and Doorstep.

Each notes the moment its first frame is on screen (FIRST-FRAME, the wall
clock and its own CPU time since it began) on stderr; what it spends exiting
after that is no part of the wait. :func:`stopped_at_first_frame` is also
what tests/test_startup.py runs, so the two stop the command the same way.

Run on its own, it counts with valgrind's callgrind the instructions each
fresh process executes to its first frame (no exit: the process ends at once
there), which the machine's load does not disturb, and prints the ratios, for
a first run (a fresh profile) and a returning trainee's (settings and a playthrough saved, and the title's first frame kept by their first run):

    python bench/ui_first_frame.py [SCENARIO]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

FRAME_MARK = "import os as _os, time as _t; _os.write(2, f'FIRST-FRAME {_t.time()!r} {_t.process_time()!r}\\n'.encode())"
BARE_COLD = f"""
import os, pygame
pygame.display.init()
s = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
s.fill((244, 241, 234)); pygame.display.flip()
{FRAME_MARK}
"""
# The same bare window given an icon of its own before it opens, as Doorstep's is (kit/icon.py): pygame-ce then does not
# load its default icon from its package. Printed beside the bar so the comparison can be read like for like.
BARE_ICON_COLD = BARE_COLD.replace("pygame.display.init()\n", "pygame.display.init()\npygame.display.set_icon(pygame.Surface((64, 64)))\n")

# The real command, as its console script runs it (main() on the process's own arguments), stopped once its first frame is
# on screen. The window's loop is replaced as its module loads (a finder wrapping that one module: a plain object, not an
# importlib.abc subclass, whose import the real command never pays), so the command imports everything in its own order.
_STOPPED = """
import sys
{before}
def first_frame_only(self):
    self.step([])
    assert self.frames == 1
{at_frame}
    self.close()
    return 0
class StopAfterFirstFrame:
    def find_spec(self, name, path, target=None):
        if name != "simulator.ui.kit.app":
            return None
        from importlib.machinery import PathFinder
        spec = PathFinder.find_spec(name, path)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            module.App.run = first_frame_only
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, StopAfterFirstFrame())
from simulator.cli import main
{imported}
sys.argv = ["doorstep", *{argv}]
code = main()
{after}
sys.exit(code)
"""


def stopped_at_first_frame(at_frame: str, *, before: str = "", imported: str = "", after: str = "", argv: str = "sys.argv[1:]") -> str:
    """The text of a process running ``doorstep ARGV`` as its console script does, which runs ``at_frame`` (with ``self``
    the window) once the first frame is on screen, then closes the window; ``before`` runs first, ``imported`` once the
    command line is imported (nothing of the window yet), ``after`` once the command has returned ``code``."""
    return _STOPPED.format(before=before, at_frame=textwrap.indent(textwrap.dedent(at_frame), "    "), imported=imported, after=after, argv=argv)


# bench_ui.py's: `cold(APP_COLD, FOLDER, SCENARIO)` (the folder is for the profile); `doorstep play SCENARIO`.
APP_COLD = stopped_at_first_frame(FRAME_MARK, argv='["play", sys.argv[2]]')

# A returning trainee's profile: the settings file saved (read before the first frame; their records are read after it),
# and what its first run left: the title's first frame kept beside them (simulator/ui/shell/kept.py, after that frame),
# and a playthrough begun and saved some steps in (the one Continue names on the title, once the records are open).
_RETURNING = "import sys\nfrom pathlib import Path\nfrom simulator.services.settings import Settings, save_settings\nsave_settings(Settings(worker_name='Zoë'), Path(sys.argv[1]))"
_FIRST_RUN = stopped_at_first_frame(
    """
    while self.run_task():  # the work after the frame done
        pass
    import pygame
    from simulator.ui.driver import Driver
    d = Driver(self)
    assert d.tab_to("new")
    d.key(pygame.K_RETURN)
    assert d.tab_to("start")
    d.key(pygame.K_RETURN)
    d.until(lambda: d.top.name != "prebrief", lambda: d.key(pygame.K_RETURN), 30)
    for _ in range(12):  # a playthrough some steps in, saved as it goes
        top = d.top
        d.key(pygame.K_1 if top.name == "play" and top.stages[top.index][0] == "choose" else pygame.K_RETURN)
    assert self.flow.playing is not None and self.flow.playing.run.session.state.steps, "the returning trainee's playthrough was not begun"
    """,
    argv='["play", sys.argv[1]]',
)


def returning_profile(folder: Path, env: dict[str, str], scenario: Path | None = None) -> Path:
    """``folder`` made a returning trainee's profile (its config folder holding the settings Doorstep saved and, after a
    first run playing ``scenario``, the title's first frame kept beside them, and a playthrough saved in its data folder); returned."""
    subprocess.run([sys.executable, "-c", _RETURNING, str(folder / "config")], env=env, check=True)
    if scenario is not None:
        profile = {"DOORSTEP_CONFIG_DIR": str(folder / "config"), "DOORSTEP_DATA_DIR": str(folder / "data")}
        subprocess.run([sys.executable, "-c", _FIRST_RUN, str(scenario)], env=env | profile, check=True, capture_output=True)
    return folder

# -- instructions to the first frame (callgrind) --------------------------------------------------------------------
_ENDED = "\nos._exit(0)\n"  # ended at the first frame: its exit is no part of the wait (and valgrind still counts to here)


def instructions(code: str, *args: str, env: dict[str, str], fresh: Path | None = None) -> tuple[int, int]:
    """Instructions a fresh interpreter runs for ``code``, counted by callgrind, and how many of them were FreeType's
    TrueType interpreter (TT_RunIns: hinting glyphs, and setting up each font size). ``fresh``: a profile folder emptied
    before the counted run, so it is a first run (the run before it compiles the bytecode, and would keep the title)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, capture_output=True)  # compiles the caches
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
        )
        found = re.search(r"Collected : (\d+)|refs:\s+([\d,]+)", done.stderr)
        if found is None:
            raise SystemExit(f"ui_first_frame: no count from callgrind:\n{done.stderr[-500:]}")
        table = subprocess.run(["callgrind_annotate", "--threshold=100", str(out)], capture_output=True, text=True, check=True).stdout
        hinting = sum(int(line.split()[0].replace(",", "")) for line in table.splitlines() if line.rstrip().endswith("]") and ":TT_RunIns " in line)
        return int((found.group(1) or found.group(2)).replace(",", "")), hinting


def main() -> int:
    project = Path(__file__).resolve().parent.parent
    scenario = Path(sys.argv[1]) if len(sys.argv) > 1 else project / "scenarios" / "harris-family"
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PYTHONPATH": str(project),
                "PYTHONPYCACHEPREFIX": f"{tmp}/pycache", "DOORSTEP_DATA_DIR": f"{tmp}/profile/data", "DOORSTEP_CONFIG_DIR": f"{tmp}/profile/config"}  # fmt: skip
        bare, _ = instructions(BARE_COLD + _ENDED, env=env)
        icon, _ = instructions(BARE_ICON_COLD + _ENDED, env=env)
        stopped = stopped_at_first_frame("import os\nos._exit(0)", argv='["play", sys.argv[1]]')
        ours, hinting = instructions(stopped, str(scenario), env=env, fresh=Path(tmp) / "profile")
        back = returning_profile(Path(tmp) / "returning", env, scenario)
        returning, _ = instructions(stopped, str(scenario), env=env | {"DOORSTEP_CONFIG_DIR": str(back / "config"), "DOORSTEP_DATA_DIR": str(back / "data")})
    print(f"instructions to the first frame (callgrind, {scenario.name}, dummy driver): Doorstep, first run {ours / 1e6:.1f} M")
    print(f"  vs a bare pygame-ce window {bare / 1e6:.1f} M = {ours / bare:.3f}x")
    print(f"  like for like, vs the bare window given its own icon {icon / 1e6:.1f} M = {ours / icon:.3f}x (bar 1.2x)")
    print(f"  a returning trainee (settings and a playthrough saved, the title's first frame kept by their first run): {returning / 1e6:.1f} M = {returning / icon:.3f}x like for like")
    print(
        f"  of Doorstep's, FreeType's TrueType interpreter {hinting / 1e6:.1f} M (SDL_ttf loads each glyph of the title three times:"
        f" HarfBuzz's advance, SDL_ttf's metrics, its pixels; from 14 px up the window's copies of the font have no glyph programs,"
        f" simulator/ui/fonts); the rest is {(ours - hinting) / icon:.3f}x the bare window (information)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
