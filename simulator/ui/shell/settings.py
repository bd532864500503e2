"""Settings: text size, high contrast, reduced motion, no time pressure, how people seem, full screen, self-voicing with
its rate and voice (and sending records, where a course set that up).

Each change applies at once (the screen behind is laid out again) and is
saved for next time. Enter or a click changes a setting; on the text size,
Left and Right also step it down and up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from simulator.services.settings import RATES, TEXT_SIZES
from simulator.ui.kit.menu import MenuScene
from simulator.ui.kit.text import Para, para
from simulator.ui.kit.theme import HIGH_CONTRAST
from simulator.ui.kit.widgets import Button
from simulator.ui.shell.moves import SettingsMoves

if TYPE_CHECKING:
    from simulator.ui.kit.pilot import Pilot


def _on(flag: bool) -> str:
    return "On" if flag else "Off"


class SettingsScene(MenuScene[SettingsMoves]):
    name = "settings"
    heading = "Settings"
    width = 960  # wide enough that each explanation takes a line or two, even at the largest text
    keep_details = True  # what each setting does is the point of this screen: the column scrolls before it goes

    def intro(self) -> list[Para]:
        return [para("Changes apply at once and are kept for next time.", "body", "muted", space_after=0.2)]

    def buttons(self) -> list[Button]:
        s = self.app.settings
        return [
            Button(f"Text size: {s.text_size_name}", lambda: self.text_size(1), detail="Enter for the next size; Left and Right step down and up", key="text-size"),
            Button(f"High contrast: {_on(s.high_contrast)}", lambda: self.toggle("high_contrast"), detail=f"White on black, yellow for what to press, and a {HIGH_CONTRAST.focus_name} ring around the button in focus", key="high-contrast"),
            Button(f"Reduced motion: {_on(s.reduced_motion)}", lambda: self.toggle("reduced_motion"), detail="No fades and no moving figures", key="reduced-motion"),
            Button(f"No time pressure: {_on(s.no_time_pressure)}", lambda: self.toggle("no_time_pressure"), detail="Nothing moves on by itself; every screen waits for you", key="no-time-pressure"),
            Button(f"How people seem: {_on(s.seem)}", lambda: self.toggle("seem"), detail="Coach setting only: the top bar says how each person seems towards you, and whether they are warming or cooling this episode", key="seem"),
            Button(f"Full screen: {_on(s.fullscreen)}", lambda: self.toggle("fullscreen"), detail="F11 also switches", key="fullscreen"),
            Button(f"Self-voicing: {_on(s.self_voicing)}", lambda: self.toggle("self_voicing"), detail="Reads each line, the options and feedback aloud; any key stops it; V also switches", key="self-voicing"),
            *(
                [
                    Button(f"Speech rate: {s.speech_rate} words a minute", lambda: self.rate(1), detail="Enter for faster; Left and Right step slower and faster", key="speech-rate"),
                    Button(f"Voice: {s.voice or 'the default'}", self.next_voice, detail="Enter for the next voice", key="voice"),
                ]
                if s.self_voicing
                else []
            ),
            # Only where a course has set up a record store: for everyone else the screen stays as it was.
            *([Button("Sending your records…", self.moves.sending, detail="To your course's record store", key="sending")] if self.moves.lrs_settings().endpoint else []),
            Button("Done", self.back, kind="primary", key="done"),
        ]

    def text_size(self, step: int) -> None:
        s = self.app.settings
        size = (s.text_size + step) % len(TEXT_SIZES) if step > 0 else max(0, s.text_size + step)
        self.app.apply_settings(s.with_changes(text_size=size))

    def rate(self, step: int, wrap: bool = True) -> None:
        s = self.app.settings
        at = min(range(len(RATES)), key=lambda i: abs(RATES[i] - s.speech_rate))
        i = (at + step) % len(RATES) if wrap else max(0, min(len(RATES) - 1, at + step))
        self.app.apply_settings(s.with_changes(speech_rate=RATES[i]))

    def next_voice(self) -> None:
        s = self.app.settings
        engine = self.app.access.engine
        voices = ["", *engine.voices()] if engine is not None else [""]
        i = voices.index(s.voice) if s.voice in voices else 0
        self.app.apply_settings(s.with_changes(voice=voices[(i + 1) % len(voices)]))

    def toggle(self, field: str) -> None:
        s = self.app.settings
        self.app.apply_settings(s.with_changes(**{field: not getattr(s, field)}))

    def handle(self, event: pygame.event.Event) -> bool:
        focused = self.group.focused
        if event.type == pygame.KEYDOWN and focused is not None and focused.key == "speech-rate" and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.rate(1 if event.key == pygame.K_RIGHT else -1, wrap=False)
            return True
        if event.type == pygame.KEYDOWN and focused is not None and focused.key == "text-size" and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            s = self.app.settings
            size = max(0, min(len(TEXT_SIZES) - 1, s.text_size + (1 if event.key == pygame.K_RIGHT else -1)))
            if size != s.text_size:
                self.app.apply_settings(s.with_changes(text_size=size))
            return True
        return super().handle(event)

    def screen_key(self) -> tuple[Any, ...]:
        return (self.name,)

    def autoplay(self, pilot: Pilot) -> bool:
        if not pilot.touring:
            return False  # opened by the trainee: wait for them
        self.back()
        return True
