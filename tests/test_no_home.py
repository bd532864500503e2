"""No home folder (a service account, a container: HOME unset and no entry in the user database): one line, never a crash.

Python answers `~` with RuntimeError there, and platformdirs too, so every command that names a folder of
Doorstep's (the data, settings or exports folder, or one given as `~/...` in a variable) ended in a crash log,
even `validate`. Now the folder helpers (fileio.home_path, fileio.platform_dir) say in a sentence which variable to
set; what needs no folder (validate, info, analyze, graph, auto play) runs without the load cache; a trainee's play
goes on unsaved, as when the store cannot be opened; the settings' readers keep their defaults and say why.
"""

from __future__ import annotations

import pwd

import pytest
from conftest import PROJECT

from simulator.cli import main
from simulator.services.settings import Settings, load_settings, save_settings
from simulator.xapi.config import LRSSettings, load_lrs_settings, save_lrs_settings

EXAMPLE = str(PROJECT / "docs" / "examples" / "small-visit")
VARIABLES = ("DOORSTEP_DATA_DIR", "DOORSTEP_CONFIG_DIR", "DOORSTEP_EXPORT_DIR")


@pytest.fixture
def homeless(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    def nobody(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_DOCUMENTS_DIR", "XDG_CACHE_HOME", *VARIABLES):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", nobody)
    monkeypatch.setenv("DOORSTEP_CACHE", "1")  # the suite keeps the load cache off; here its folder is what is missing
    return monkeypatch


def answer(capsys: pytest.CaptureFixture[str], argv: list[str], stdin: str = "") -> tuple[int, list[str]]:
    code = main(argv)
    out = capsys.readouterr()
    said = [line for line in out.err.splitlines() if line.strip()]
    assert "Traceback" not in out.out + out.err and "unexpected error" not in out.err, out.err
    return code, said


@pytest.mark.parametrize("argv", [["validate", EXAMPLE], ["info", EXAMPLE], ["analyze", EXAMPLE], ["graph", EXAMPLE], ["play", EXAMPLE, "--text", "--auto", "random"]])
def test_what_needs_no_folder_runs_without_a_home(homeless, capsys, argv):
    code, said = answer(capsys, argv)
    assert code == 0 and said == []


NEEDS_A_FOLDER = [
    (["xapi", "outbox"], "DOORSTEP_DATA_DIR"),
    (["xapi", "setup"], "DOORSTEP_CONFIG_DIR"),
    (["xapi", "push", "--timeout", "1"], "DOORSTEP_CONFIG_DIR"),
    (["workshop", EXAMPLE, "--no-window", "--port", "0"], "DOORSTEP_DATA_DIR"),
]


@pytest.mark.parametrize(("argv", "variable"), NEEDS_A_FOLDER)
def test_what_needs_a_folder_says_which_variable_to_set_in_one_line(homeless, capsys, argv, variable):
    code, said = answer(capsys, argv)
    assert code in (1, 2) and len(said) == 1 and "no home folder" in said[0] and variable in said[0]


@pytest.mark.parametrize("variable", VARIABLES)
def test_a_folder_given_from_a_home_there_is_not_is_named_in_one_line(homeless, capsys, variable, tmp_path):
    for other in VARIABLES:
        homeless.setenv(other, str(tmp_path / other.lower()))
    homeless.setenv(variable, "~/doorstep")
    record = tmp_path / "run.json"
    code, said = answer(capsys, ["play", EXAMPLE, "--text", "--auto", "enabler", "--record", str(record)])
    assert code == 0
    argv = {"DOORSTEP_DATA_DIR": ["xapi", "outbox"], "DOORSTEP_CONFIG_DIR": ["xapi", "setup"], "DOORSTEP_EXPORT_DIR": ["xapi", "setup"]}[variable]
    code, said = answer(capsys, argv)
    if variable == "DOORSTEP_EXPORT_DIR":  # setup never writes there
        assert code == 0
    else:
        assert code in (1, 2) and len(said) == 1 and variable in said[0] and "starts with ~" in said[0]


def test_a_trainees_play_goes_on_unsaved(homeless, capsys, monkeypatch):
    answers = iter(["", *["1"] * 60, "s"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code = main(["play", EXAMPLE, "--text"])
    out = capsys.readouterr().out
    assert code in (0, 1) and "nothing will be saved" in out and "no home folder" in out


def test_the_settings_readers_keep_their_defaults_and_say_why(homeless):
    settings, note = load_settings()
    assert settings == Settings() and note and "no home folder" in note and "\n" not in note
    assert (save_settings(Settings(text_size=3)) or "").startswith("Your settings could not be saved")
    lrs, note = load_lrs_settings()
    assert lrs == LRSSettings() and note and "no home folder" in note
    assert "no home folder" in (save_lrs_settings(LRSSettings(endpoint="https://lrs.example/x/")) or "")


@pytest.mark.ui
def test_the_window_opens_without_a_home_says_nothing_will_be_saved_and_keeps_no_title_picture(homeless, monkeypatch):
    """The window's title keeps its first frame beside the settings (simulator/ui/shell/kept.py); with no folder for settings at
    all it crashed before the first frame. Now the trainee is told their playthroughs cannot be saved, and the title is drawn
    as ever, without keeping a picture anywhere."""
    pygame = pytest.importorskip("pygame")
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    from pathlib import Path

    from simulator.ui.driver import Driver
    from simulator.ui.launch import Options, build_app
    from simulator.ui.shell import kept

    kept_anywhere: list[str] = []
    monkeypatch.setattr(kept, "_keep", lambda where, *_: kept_anywhere.append(where))
    app = build_app(Options(path=Path(EXAMPLE)), size=(1280, 720))
    try:
        app.step([], dt=0.0)
        while app.run_task():
            pass
        driver = Driver(app)
        driver.settle()
        notices: list[str] = []
        while type(app.top).__name__ == "NoticeScene" and len(notices) < 5:
            notices.append(" ".join(span.text for p in app.top.body for span in p.spans))  # type: ignore[attr-defined]
            driver.key(pygame.K_RETURN)
            driver.settle()
        assert any("cannot be saved" in n and "DOORSTEP_DATA_DIR" in n for n in notices)
        assert type(app.top).__name__ == "TitleScene"
        driver.key(pygame.K_RETURN)  # the title's first button: play the case
        driver.settle()
        assert type(app.top).__name__ != "TitleScene"
    finally:
        app.close()
    assert kept_anywhere == []
