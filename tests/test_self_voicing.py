"""Self-voicing heard: the window's lines spoken by espeak-ng into a real-time sound card (tests/realtime_sink.py), measured by sox.

Each WAV file is one utterance, in the order spoken. It is compared with
espeak-ng's own rendering of the line the window showed: a line heard to
the end has exactly that sound; a line cut short by a key press is the
start of it and shorter (sox measures both).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from simulator.services.settings import Settings
from simulator.services.voice import ENGINES, Engine, Speaker, find_engine
from simulator.ui.driver import Driver, make_app

pytestmark = pytest.mark.ui
TESTS = Path(__file__).resolve().parent
HARRIS = TESTS.parent / "scenarios" / "harris-family"  # four lines before the first decision
RATE = 300  # words a minute: quick, so the test is short


def need(*commands: str) -> None:
    missing = [c for c in commands if shutil.which(c) is None]
    if missing:
        pytest.fail(f"self-voicing tests need {', '.join(missing)} (make test installs espeak-ng and sox)")


def recorder(log: Path, pause: float = 0.0) -> Engine:
    """A voice that writes what it is given to a file, one line per utterance (and takes ``pause`` seconds to say it)."""
    return Engine("record", ("sh", "-c", f"cat >> {shlex.quote(str(log))}; echo >> {shlex.quote(str(log))}; sleep {pause}"))


def test_speaker_says_texts_once_in_order_and_say_replaces_what_was_queued(tmp_path: Path):
    """Queued texts are each said once, in order; a new say() drops what had not been said yet."""
    log = tmp_path / "said.txt"
    speaker = Speaker(recorder(log))
    speaker.say(["One.", "Two.", "Three."])
    assert speaker.wait(10)
    assert log.read_text().splitlines() == ["One.", "Two.", "Three."]
    assert [s for _, s in speaker.history] == ["spoken"] * 3
    slow = Speaker(recorder(log, pause=0.3))
    slow.say(["Four.", "Five.", "Six."])
    slow.say(["Seven."])  # replaces: Four may have begun, Five and Six never will
    assert slow.wait(10)
    said = log.read_text().splitlines()[3:]
    assert said[-1] == "Seven." and "Five." not in said and "Six." not in said
    speaker.close()
    slow.close()


def test_stop_cuts_speech_short_without_waiting(tmp_path: Path):
    """stop() ends the speaking process at once: the text is marked cut, and nothing queued after it is said."""
    log = tmp_path / "said.txt"
    speaker = Speaker(recorder(log, pause=30))
    speaker.say(["A long line.", "Never said."])
    for _ in range(200):
        if log.exists() and log.read_text():
            break
        pygame.time.wait(10)
    assert speaker.speaking
    speaker.stop()
    assert speaker.wait(5)
    assert list(speaker.history) == [("A long line.", "cut")]
    assert log.read_text().splitlines() == ["A long line."]
    speaker.close()


def test_the_platform_engine_is_found_and_its_command_reads_the_text_from_standard_input():
    """Linux takes speech-dispatcher or espeak-ng, macOS say, Windows SAPI; DOORSTEP_SPEECH_COMMAND comes first; rate and voice go in."""
    need("espeak-ng")
    assert find_engine({"DOORSTEP_SPEECH_COMMAND": "my-tts --fast"}) == Engine("custom", ("my-tts", "--fast"))
    linux = find_engine({}, "linux")
    assert linux is not None and linux.name in ("speech-dispatcher", "espeak-ng")
    assert ENGINES["espeak-ng"].argv(200, "en-gb") == ["espeak-ng", "-v", "en-gb", "--stdin", "-s", "200"]
    assert ENGINES["say"].argv(200, "") == ["say", "-r", "200", "-f", "-"]
    assert ENGINES["speech-dispatcher"].argv(275, "") == ["spd-say", "-w", "-e", "-r", "50"]
    assert "$s.Rate = 1;" in ENGINES["sapi"].argv(200, "")[-1]
    assert "{ $s.SelectVoice('Microsoft Hazel Desktop') }" in ENGINES["sapi"].argv(200, "Microsoft Hazel Desktop")[-1]
    shell = Engine("custom", ("sh", "-c", 'v="{voice}"; espeak-ng ${v:+-v "$v"} -s {rate}'))  # a shell's own braces are left alone
    assert shell.argv(150, "en-us") == ["sh", "-c", 'v="en-us"; espeak-ng ${v:+-v "$v"} -s 150']
    assert "en-gb" in ENGINES["espeak-ng"].voices()


def reference(text: str, folder: Path, n: int) -> Path:
    """espeak-ng's own rendering of ``text`` at the test's rate, to compare what was heard with."""
    path = folder / f"ref-{n:03d}.wav"
    subprocess.run(["espeak-ng", "-s", str(RATE), "-w", str(path)], input=" ".join(text.split()).encode(), check=True)
    return path


def seconds(path: Path) -> float:
    return float(subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True, check=True).stdout)


def samples(path: Path) -> bytes:
    with wave.open(str(path)) as w:
        return w.readframes(w.getnframes())


def test_the_window_speaks_each_line_once_in_order_and_a_key_cuts_it_short(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """V switches self-voicing on in play; each new line is heard once, in order, whole; Enter while a line is heard cuts it short."""
    need("espeak-ng", "soxi")
    heard = tmp_path / "heard"
    sink = TESTS / "realtime_sink.py"
    pipeline = f"espeak-ng --stdin -s {{rate}} --stdout | {shlex.quote(sys.executable)} {shlex.quote(str(sink))} {shlex.quote(str(heard))}"
    monkeypatch.setenv("DOORSTEP_SPEECH_COMMAND", f"sh -c {shlex.quote(pipeline)}")
    app = make_app(tmp_path, HARRIS, settings=Settings(speech_rate=RATE, no_time_pressure=True))
    d = Driver(app)
    d.key(pygame.K_RETURN)  # New playthrough: the case picker
    assert d.tab_to("start") and d.key(pygame.K_RETURN)
    assert d.tab_to("begin") and d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)  # past the episode's card
    assert app.top is not None and app.top.name == "play"

    d.key(pygame.K_v)  # on: "Self-voicing on. Press V to turn it off." and the line on screen
    speaker = app.access.speaker
    assert speaker is not None and app.settings.self_voicing
    assert speaker.wait(60)
    d.key(pygame.K_RETURN)  # the next line, heard to the end
    assert speaker.speaking  # the key was handled while the line is still being said: nothing waited for speech
    assert speaker.wait(60)
    cut = heard / f"{len(list(heard.glob('*.wav'))) + 1:03d}.wav"
    d.key(pygame.K_RETURN)  # the next line...
    for _ in range(300):
        if cut.exists() and cut.stat().st_size > 44 + 0.3 * 22050 * 2:  # 0.3 s of espeak-ng's 22 kHz, 16-bit sound heard
            break
        pygame.time.wait(10)
    d.key(pygame.K_RIGHT)  # ...cut short by the next key, which brings the line after it, heard to the end
    assert speaker.wait(60)
    app.close()

    said = list(speaker.history)
    texts = [t for t, _ in said]
    assert [s for _, s in said] == ["spoken", "spoken", "spoken", "spoken", "cut", "spoken"]
    assert texts[0] == "Self-voicing on. Press V to turn it off."
    assert texts[2] == "Continue"  # what Enter does here, said once after the screen
    lines = [t for t in texts[1:] if t != "Continue"]
    assert lines[0].startswith("Monday") and lines[2].startswith("The officers") and lines[3].startswith("At eleven")
    assert len(set(texts)) == len(texts)  # each once
    files = sorted(heard.glob("*.wav"))
    assert len(files) == len(said)
    for n, ((text, status), got) in enumerate(zip(said, files, strict=True)):
        ref = reference(text, tmp_path, n)
        whole, part = samples(ref), samples(got)
        assert whole.startswith(part), f"utterance {n + 1} is not the sound of {text!r}"
        if status == "spoken":
            assert part == whole and abs(seconds(got) - seconds(ref)) < 0.05
        else:
            assert 0.3 <= seconds(got) < seconds(ref) - 0.5, f"{text!r} was not cut short: {seconds(got)} of {seconds(ref)} s"


def test_rate_and_voice_reach_the_voice_heard(tmp_path: Path):
    """The same line at 125 and 350 words a minute, in two voices, heard and measured by sox: slower is longer, each is espeak-ng's own sound."""
    need("espeak-ng", "soxi")
    heard = tmp_path / "heard"
    sink = TESTS / "realtime_sink.py"
    pipeline = f'v="{{voice}}"; espeak-ng --stdin -s {{rate}} ${{v:+-v "$v"}} --stdout | {shlex.quote(sys.executable)} {shlex.quote(str(sink))} {shlex.quote(str(heard))}'
    engine = Engine("custom", ("sh", "-c", pipeline))
    line = "Fiona looks at the floor, then at you."
    asked = [(125, "en-gb"), (350, "en-gb"), (350, "en-us")]
    for rate, voice in asked:
        speaker = Speaker(engine, rate, voice)
        speaker.say([line])
        assert speaker.wait(60) and list(speaker.history) == [(line, "spoken")]
        speaker.close()
    files = sorted(heard.glob("*.wav"))
    assert len(files) == 3
    for n, ((rate, voice), got) in enumerate(zip(asked, files, strict=True)):
        ref = tmp_path / f"ref-{n}.wav"
        subprocess.run(["espeak-ng", "-s", str(rate), "-v", voice, "-w", str(ref)], input=line.encode(), check=True)
        assert samples(got) == samples(ref), f"{rate} words a minute in {voice} is not what was heard"
    slow, fast, _ = (seconds(f) for f in files)
    assert slow > 2 * fast, (slow, fast)
    assert samples(files[1]) != samples(files[2])  # another voice is another sound


def test_the_settings_screen_offers_the_engines_own_voices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """With espeak-ng as the voice, Settings → Voice steps through its English voices and back to the default, and keeps the choice."""
    from simulator.services.settings import load_settings

    need("espeak-ng")
    monkeypatch.delenv("DOORSTEP_SPEECH_COMMAND", raising=False)
    voices = ENGINES["espeak-ng"].voices()
    assert len(voices) >= 2
    app = make_app(tmp_path, HARRIS, settings=Settings(self_voicing=True))
    app.access.engine = ENGINES["espeak-ng"]
    app.access.use_speaker(Speaker(ENGINES["espeak-ng"]))
    d = Driver(app)
    assert d.tab_to("settings") and d.key(pygame.K_RETURN)
    assert d.tab_to("voice")
    for expected in (voices[0], voices[1]):
        d.key(pygame.K_RETURN)
        assert app.settings.voice == expected and app.access.speaker is not None and app.access.speaker.voice == expected
        assert app.access.speaker.engine.argv(175, expected)[:3] == ["espeak-ng", "-v", expected]
    app.close()
    saved, _ = load_settings(tmp_path / "config")
    assert saved.voice == voices[1]


def test_speech_settings_are_kept_between_runs_and_checked_on_load(tmp_path: Path):
    """Self-voicing, its rate and its voice round-trip; a rate out of range or a voice that is not text falls back to the default."""
    from simulator.services.settings import load_settings, save_settings

    s = Settings(self_voicing=True, speech_rate=250, voice="en-gb")
    assert save_settings(s, tmp_path) is None
    assert load_settings(tmp_path) == (s, None)
    (tmp_path / "settings.json").write_text('{"version": 1, "self_voicing": true, "speech_rate": 9000, "voice": ["x"]}')
    loaded, note = load_settings(tmp_path)
    assert note is None and loaded.self_voicing and loaded.speech_rate == Settings().speech_rate and loaded.voice == ""


def test_the_settings_screen_switches_self_voicing_and_steps_its_rate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Settings → Self-voicing starts a speaker; Speech rate steps with Left and Right; the choice is kept for next time."""
    from simulator.services.settings import load_settings

    monkeypatch.setenv("DOORSTEP_SPEECH_COMMAND", "true")
    app = make_app(tmp_path, HARRIS)
    d = Driver(app)
    assert d.tab_to("settings") and d.key(pygame.K_RETURN)
    assert app.access.speaker is None and not any(b.key == "speech-rate" for b in app.top.group.buttons)
    assert d.tab_to("self-voicing") and d.key(pygame.K_RETURN)
    assert app.access.speaker is not None
    assert d.tab_to("speech-rate")
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_LEFT)
    assert app.access.speaker.rate == 200
    app.close()
    saved, _ = load_settings(tmp_path / "config")
    assert saved.self_voicing and saved.speech_rate == 200


def test_with_self_voicing_on_nothing_moves_on_by_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A new episode's card waits for Enter while self-voicing is on (it moves on by itself after a few seconds otherwise)."""
    monkeypatch.setenv("DOORSTEP_SPEECH_COMMAND", "true")
    for voicing, stays in ((False, False), (True, True)):
        app = make_app(tmp_path / str(voicing), HARRIS, settings=Settings(self_voicing=voicing))
        d = Driver(app)
        d.key(pygame.K_RETURN)
        assert d.tab_to("start") and d.key(pygame.K_RETURN)
        assert d.tab_to("begin") and d.key(pygame.K_RETURN)
        assert app.top is not None and app.top.name == "transition"
        for _ in range(int(app.top.hold / 0.5) + 4):  # past the time the card gives a reader (longer for a longer recap)
            d.step(dt=0.5)
        assert (app.top.name == "transition") is stays
        app.close()
