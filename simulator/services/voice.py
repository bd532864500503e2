"""Self-voicing: the window's words spoken by the platform's own voice, for a trainee who wants speech without a screen reader.

Pure Python (no pygame). A :class:`Speaker` speaks one text at a time on a
thread of its own, each through a short-lived process of the platform's
speech engine (speech-dispatcher or espeak-ng on Linux, ``say`` on macOS,
SAPI through PowerShell on Windows), with the text on its standard input so
no word is ever read as an option. :meth:`Speaker.say` replaces whatever
was being said and :meth:`Speaker.stop` silences it at once: both only
queue, signal and end a process, so a frame never waits for speech.

``DOORSTEP_SPEECH_COMMAND`` names another engine: a command that speaks the
text it is given on standard input (its words split as a shell would);
``{rate}`` and ``{voice}`` in it are filled in from the settings.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from simulator.services.settings import DEFAULT_RATE  # the settings hold the pace; this module comes in only when voicing is on

_SAPI = (
    "Add-Type -AssemblyName System.Speech; $s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "$s.Rate = {sapi_rate}; if ('{voice}') { $s.SelectVoice('{voice}') }; $s.Speak([Console]::In.ReadToEnd())"
)
_SAPI_VOICES = (
    "Add-Type -AssemblyName System.Speech; (New-Object System.Speech.Synthesis.SpeechSynthesizer).GetInstalledVoices() "
    "| ForEach-Object { $_.VoiceInfo.Name }"
)


@dataclass(frozen=True)
class Engine:
    """A speech engine as commands: ``speak`` reads the text on standard input; ``{rate}``, ``{voice}`` and friends are filled in."""

    name: str
    speak: tuple[str, ...]
    voice_args: tuple[str, ...] = ()  # added when a voice is chosen
    silence: tuple[str, ...] = ()  # run after the speaking process is ended, for engines that speak in a server
    list_voices: tuple[str, ...] = ()
    parse_voices: Callable[[str], list[str]] = field(default=lambda out: [])

    def argv(self, rate: int, voice: str) -> list[str]:
        values = {
            "rate": str(rate),
            "voice": voice,
            "spd_rate": str(max(-100, min(100, round((rate - DEFAULT_RATE) / 2)))),
            "sapi_rate": str(max(-10, min(10, round((rate - DEFAULT_RATE) / 25)))),
        }
        words = [_fill(w, values) for w in self.speak]
        if voice and self.voice_args:
            words[1:1] = [_fill(w, values) for w in self.voice_args]
        return words

    def voices(self) -> list[str]:
        """The voices this engine offers for English text (empty if it cannot say)."""
        if not self.list_voices:
            return []
        try:
            out = subprocess.run(self.list_voices, capture_output=True, text=True, timeout=5, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return []
        return self.parse_voices(out)


def _fill(word: str, values: dict[str, str]) -> str:
    """``{rate}``, ``{voice}`` and friends filled in; any other braces (a shell's ``${x}`` in a custom command) left as they are."""
    for name, value in values.items():
        word = word.replace("{" + name + "}", value)
    return word


def _espeak_voices(out: str) -> list[str]:
    rows = [line.split() for line in out.splitlines()[1:]]
    return [r[1] for r in rows if len(r) >= 4 and r[1].startswith("en")]


def _say_voices(out: str) -> list[str]:
    names = []
    for line in out.splitlines():
        head, _, _ = line.partition("#")
        words = head.split()
        if len(words) >= 2 and words[-1].startswith("en"):
            names.append(" ".join(words[:-1]))
    return names


def _spd_voices(out: str) -> list[str]:
    rows = [line.split() for line in out.splitlines()[1:]]
    return [r[0] for r in rows if len(r) >= 2 and r[1].startswith("en")]


def _lines(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip()]


ENGINES: dict[str, Engine] = {
    "speech-dispatcher": Engine("speech-dispatcher", ("spd-say", "-w", "-e", "-r", "{spd_rate}"), ("-y", "{voice}"), ("spd-say", "-S"), ("spd-say", "-L"), _spd_voices),
    "espeak-ng": Engine("espeak-ng", ("espeak-ng", "--stdin", "-s", "{rate}"), ("-v", "{voice}"), (), ("espeak-ng", "--voices=en"), _espeak_voices),
    "espeak": Engine("espeak", ("espeak", "--stdin", "-s", "{rate}"), ("-v", "{voice}"), (), ("espeak", "--voices=en"), _espeak_voices),
    "say": Engine("say", ("say", "-r", "{rate}", "-f", "-"), ("-v", "{voice}"), (), ("say", "-v", "?"), _say_voices),
    "sapi": Engine("sapi", ("powershell", "-NoProfile", "-NonInteractive", "-Command", _SAPI), (), (), ("powershell", "-NoProfile", "-NonInteractive", "-Command", _SAPI_VOICES), _lines),
}


def find_engine(environ: dict[str, str] | None = None, platform: str | None = None) -> Engine | None:
    """The engine self-voicing uses here: ``DOORSTEP_SPEECH_COMMAND``, else the platform's own (None when there is none)."""
    env = os.environ if environ is None else environ
    custom = env.get("DOORSTEP_SPEECH_COMMAND", "").strip()
    if custom:
        return Engine("custom", tuple(shlex.split(custom)))
    system = platform or sys.platform
    order = ("say",) if system == "darwin" else ("sapi",) if system.startswith("win") else ("speech-dispatcher", "espeak-ng", "espeak")
    for name in order:
        engine = ENGINES[name]
        if shutil.which(engine.speak[0]):
            return engine
    return None


class Speaker:
    """Speaks texts one after another on its own thread; ``say`` replaces, ``stop`` silences, neither waits."""

    def __init__(self, engine: Engine, rate: int = DEFAULT_RATE, voice: str = "") -> None:
        self.engine = engine
        self.rate = rate
        self.voice = voice
        self.history: deque[tuple[str, str]] = deque(maxlen=500)  # (text, "spoken" | "cut" | "failed"), for whoever asks
        self.problem: str | None = None  # why the engine could not speak, once
        self._cond = threading.Condition()
        self._queue: deque[str] = deque()
        self._proc: subprocess.Popen[bytes] | None = None
        self._cut = False
        self._closed = False
        self._busy = False  # a text is being said (or its process started)
        self._gen = 0  # changes whenever what is being said is replaced or stopped
        self._thread: threading.Thread | None = None

    # -- the caller's side: quick, never waits for speech ---------------------------------------
    def say(self, texts: Sequence[str]) -> None:
        """Say these, in order, instead of anything still being said."""
        words = [" ".join(t.split()) for t in texts if t.strip()]
        with self._cond:
            self._queue.clear()
            self._queue.extend(words)
            self._end_locked()
            self._cond.notify()
        if words and self._thread is None:
            self._thread = threading.Thread(target=self._work, name="doorstep-voice", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Silence at once (a key press cuts speech short)."""
        with self._cond:
            self._queue.clear()
            self._end_locked()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._queue.clear()
            self._end_locked()
            self._cond.notify()

    @property
    def speaking(self) -> bool:
        with self._cond:
            return bool(self._queue) or self._busy

    def wait(self, timeout: float) -> bool:
        """Wait until everything queued has been said (tests and the terminal); False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._queue and not self._busy, timeout)

    def _end_locked(self) -> None:
        self._gen += 1
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        self._cut = True
        with contextlib.suppress(OSError):
            if os.name == "posix":
                os.killpg(proc.pid, signal.SIGTERM)
            else:
                proc.kill()
        if self.engine.silence:
            with contextlib.suppress(OSError):
                subprocess.Popen(self.engine.silence, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # -- the speaking thread -----------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: bool(self._queue) or self._closed)
                if self._closed:
                    return
                text = self._queue.popleft()
                gen = self._gen
                self._busy = True
            try:  # started outside the lock, so say() and stop() never wait for a process to start
                proc = subprocess.Popen(
                    self.engine.argv(self.rate, self.voice),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=os.name == "posix",
                )
            except OSError as exc:
                with self._cond:
                    self.problem = self.problem or f"self-voicing could not start {self.engine.speak[0]} ({exc.strerror or exc})"
                    self.history.append((text, "failed"))
                    self._queue.clear()
                    self._busy = False
                    self._cond.notify_all()
                continue
            with self._cond:
                self._proc = proc
                self._cut = False
                if gen != self._gen:  # replaced or stopped while the process was starting
                    self._end_locked()
            with contextlib.suppress(OSError):
                assert proc.stdin is not None
                proc.stdin.write(text.encode("utf-8"))
                proc.stdin.close()
            code = proc.wait()
            with self._cond:
                self.history.append((text, "cut" if self._cut else "spoken" if code == 0 else "failed"))
                self._proc = None
                self._busy = False
                self._cond.notify_all()
