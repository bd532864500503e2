"""docs/authoring.md works as written: every command in it is run, in order, in a fresh folder, by the installed command.

The commands are read from the page itself (each line of a plain code block that starts with
`doorstep` or `cp`), so a command added to the docs is tried too; so is each command a sentence gives in
backticks (replaying a seed, screenshots), with its PATH, FOLDER and DIR filled in. A window or an interactive
terminal cannot be driven here, so those commands are run as a trainer's script would: play in the
window with `--auto enabler --speed 0`, watch with `--auto-advance`, an interactive `--text` play
answering 1 at every prompt, and `validate --watch` through a save that breaks the case and one
that fixes it. Step 3's reload is done in the window itself, by the page's own edit.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT

DOC = PROJECT / "docs" / "authoring.md"
BIN = Path(sys.executable).parent
pytestmark = [pytest.mark.slow, pytest.mark.ui]


def doc_commands() -> list[str]:
    """Every `doorstep ...` and `cp ...` line in a plain code block of the page, in order, without its comment."""
    out: list[str] = []
    fence: str | None = None  # the open block's language ("" for a plain block), None outside one
    for raw in DOC.read_text(encoding="utf-8").splitlines():
        if raw.startswith("```"):
            fence = raw[3:].strip() if fence is None else None
            continue
        line = re.sub(r"\s+#\s.*$", "", raw).strip()
        if fence == "" and line.startswith(("doorstep ", "cp ")):
            out.append(line)
    return out


PLACEHOLDERS = {"PATH": "scenarios/ward-visit", "FOLDER": "scenarios", "DIR": "shots"}


def prose_commands() -> list[str]:
    """The commands the page's sentences give in `backticks` (a span may break across lines), placeholders filled in.

    A bare mention (`doorstep validate`) is not a command; one the code blocks already run is not run twice.
    """
    prose: list[str] = []
    fence = False
    for raw in DOC.read_text(encoding="utf-8").splitlines():
        if raw.startswith("```"):
            fence = not fence
        elif not fence:
            prose.append(raw)
    out: list[str] = []
    for span in re.findall(r"`(doorstep [^`]+)`", " ".join(prose)):
        words = [PLACEHOLDERS.get(w, w) for w in span.split()]
        command = " ".join(words)
        if len(words) > 2 and command not in out and command not in doc_commands():
            out.append(command)
    return out


def headless(command: str) -> tuple[str, str | None]:
    """The command as run here, and what to type into it (None: nothing)."""
    words = shlex.split(command.split(">")[0])
    if words[:2] == ["doorstep", "play"] and "--auto" not in words:
        if "--text" in words:
            return command, "\n1\n" * 200  # a trainee pressing Enter to go on and answering 1 at each decision (a 1 where Enter is asked for is asked again)
        return command.replace("doorstep play", "doorstep play --auto enabler --speed 0", 1), None
    if words[:2] == ["doorstep", "watch"] and "--auto-advance" not in words:
        return command.replace("doorstep watch", "doorstep watch --auto-advance --speed 0", 1), None
    return command, None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A fresh folder with what the page assumes: docs/examples and an empty scenarios/ (seeds come with Doorstep)."""
    shutil.copytree(PROJECT / "docs" / "examples", tmp_path / "docs" / "examples")
    (tmp_path / "scenarios").mkdir()
    return tmp_path


def env(cwd: Path) -> dict[str, str]:
    """The installed command first on PATH, no display, and the window's records kept in the test's folder."""
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    return dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PATH=path, DOORSTEP_DATA_DIR=str(cwd / "data"))


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command, typed = headless(command)
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env(cwd), input=typed, capture_output=True, text=True, timeout=180)


def watch_through_two_saves(command: str, cwd: Path) -> str:
    """`validate --watch`: it reports, a save that breaks the case is reported, a save that mends it says ok again."""
    episode = cwd / "scenarios" / "ward-visit" / "episodes" / "first-visit.yaml"
    good = episode.read_text(encoding="utf-8")
    # Ctrl-C as in a terminal: a suite started in the background (make test from a script) would pass on an ignored SIGINT.
    proc = subprocess.Popen(
        ["bash", "-c", f"exec {command}"],
        cwd=cwd,
        env=env(cwd),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    seen: list[str] = []

    def until(word: str, limit: float = 30.0) -> None:
        assert proc.stdout is not None
        end = time.monotonic() + limit
        while time.monotonic() < end:
            line = proc.stdout.readline()
            seen.append(line)
            if word in line:
                return
        raise AssertionError(f"--watch never said {word!r}: {''.join(seen)}")

    try:
        until("ok")
        time.sleep(0.2)
        episode.write_text(good.replace("next: promise", "next: promis"), encoding="utf-8")
        until("R401")
        time.sleep(0.2)
        episode.write_text(good, encoding="utf-8")
        until("ok")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            rest, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            rest = proc.communicate()[0] + "\n(--watch did not stop on Ctrl-C)"
        seen.append(rest or "")
    return "".join(seen)


def reload_in_the_window(cwd: Path) -> None:
    """Step 3: in the window, change what Alex says at the door, save, F5: the same moment with the new words."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from simulator.ui.driver import Driver, make_app

    case = cwd / "scenarios" / "ward-visit"
    d = Driver(make_app(cwd / "window", case))
    d.tab_to("new")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    assert d.until(lambda: d.top.name == "play" and d.top.stages[d.top.index][0] == "choose", lambda: d.key(pygame.K_RETURN), 40)
    episode = case / "episodes" / "first-visit.yaml"
    text = episode.read_text(encoding="utf-8")
    said = "The school said someone would come. I don't know what I'm supposed to say."
    assert said in text
    episode.write_text(text.replace(said, "The school rang me. Come in, mind the bikes."), encoding="utf-8")
    d.key(pygame.K_F5)
    assert d.top.name == "notice" and "back where you were" in " ".join(str(p) for p in d.top.body)
    d.key(pygame.K_RETURN)
    assert any("mind the bikes" in line.text for line in d.top.run.session.lines())
    d.app.close()
    episode.write_text(text, encoding="utf-8")  # the page's later steps expect the scaffold's words


def test_the_pages_commands_are_the_ones_this_test_runs():
    """The walk-through's steps are on the page in order, from `doorstep new` to analyze and watch."""
    commands = doc_commands()
    firsts = [next(i for i, c in enumerate(commands) if c.startswith(p)) for p in ("doorstep new", "doorstep validate scenarios/ward-visit --watch", "doorstep analyze scenarios/ward-visit --spread", "doorstep watch")]
    assert firsts == sorted(firsts) and len(commands) >= 15


def test_every_command_on_the_page_works_in_a_fresh_folder(folder: Path):
    """Each command exits 0 with no traceback, in the page's order; the scaffold validates, plays to an ending, reloads and analyses."""
    outputs: dict[str, str] = {}
    for command in doc_commands():
        if "--watch" in command:
            reload_in_the_window(folder)  # step 3: the edit in the window, before the terminal's --watch
            outputs["reloaded"] = "yes"
            text = watch_through_two_saves(command, folder)
            assert "Traceback" not in text and "did not stop" not in text, text
            outputs[command] = text
            continue
        done = run(command, folder)
        text = done.stdout + done.stderr
        assert done.returncode == 0 and "Traceback" not in text, (command, done.returncode, text[-2000:])
        outputs[command] = text
    assert "reloaded" in outputs
    assert "ward-visit: ok" in outputs["doorstep validate scenarios/ward-visit"]
    assert "Ending: follow-up." in outputs["doorstep play scenarios/ward-visit --text --auto enabler"]
    assert "first-visit.yaml: ok" in outputs["doorstep validate scenarios/ward-visit/episodes/first-visit.yaml"]
    spread = outputs["doorstep analyze scenarios/ward-visit --spread 500"]
    assert "Random play: 500 playthroughs" in spread and "Trust at the end" in spread
    tried = outputs["doorstep play scenarios/ward-visit --text --from follow-up.back --set trust.alex=70"]
    assert "Working together" in tried  # trust 70 takes the route to the enabler ending
    assert (folder / "map.md").read_text(encoding="utf-8").startswith("flowchart")


def test_the_commands_in_the_pages_sentences_work(folder: Path):
    """Each command a sentence gives (replay a seed, screenshots, VS Code settings for a folder) runs on the scaffold as written."""
    commands = prose_commands()
    assert any("--seed 6" in c for c in commands) and any("--screenshots" in c for c in commands), commands
    assert run("doorstep new scenarios/ward-visit", folder).returncode == 0
    for command in commands:
        done = run(command, folder)
        text = done.stdout + done.stderr
        assert done.returncode == 0 and "Traceback" not in text, (command, done.returncode, text[-2000:])
        if "--seed" in command:
            assert "Ending: " in text
    assert len(list((folder / "shots").glob("*.png"))) >= 3
    assert (folder / "scenarios" / ".vscode" / "settings.json").is_file()
