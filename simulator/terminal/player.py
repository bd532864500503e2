"""The text player: a whole playthrough in a terminal, with the same care as the window.

What ``doorstep play PATH --text`` runs for a trainee. Before the case, the
prebrief: what it practises, the fiction contract, its content notes, how
to pause and step out, the setting. At every prompt the same commands
(pause, history, skip the rest of a scene, rewind in practice, step out,
help). After each choice in the coach setting, the feedback with what it
changed and the principle behind it. At the end, the ending, a short
debrief and the support list. Every action is saved as it is made (the same
record store as the window), so stepping out keeps the place, and the next
run, here or in the window, continues from it.

Plain text only: no colour, no cursor movement, nothing drawn with
punctuation; headings are lines of their own and lists are numbered, so a
terminal screen reader (Orca, NVDA, VoiceOver) reads it as written.

This module is the playthrough itself; what it says comes from its
neighbours: ``prebrief.py`` (before the case), ``commands.py`` (the commands
and their help), ``glossary.py`` and ``ending.py``.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from typing import TextIO

from simulator.engine.actions import CONTINUE, SKIP, Choose
from simulator.engine.clock import clock_view
from simulator.engine.shown import Option
from simulator.engine.state import Step
from simulator.records.store import Playthrough, Store, StoreError, now
from simulator.scenario.model import Scenario, Term
from simulator.services import care
from simulator.services.glossary import terms_in
from simulator.services.moment import episode_place
from simulator.services.run import ResumeError, Run
from simulator.services.settings import Mode
from simulator.services.transcript import transcript
from simulator.services.words import changes_in_words
from simulator.terminal.commands import SteppedOut, command_of, commands_line, help_lines
from simulator.terminal.ending import ending_lines
from simulator.terminal.glossary import glossary_lines, named
from simulator.terminal.prebrief import prebrief_lines
from simulator.wording import numbers_to_press

Read = Callable[[str], str]

class TextPlayer:
    """One trainee's playthrough of ``scenario`` on text streams; ``store`` keeps it (None: nothing is saved)."""

    def __init__(self, scenario: Scenario, out: TextIO, read: Read, *, store: Store | None, mode: Mode = "coach", seed: int = 0, name: str | None = None) -> None:
        self.scenario = scenario
        self.out = out
        self.read = read
        self.store = store
        self.mode: Mode = mode
        self.seed = seed
        self.name = name
        self.width = max(40, min(100, shutil.get_terminal_size((78, 24)).columns - 2))
        self.run: Run | None = None
        self._episode = ""
        self._named: set[str] = set()  # glossary words already named in this episode
        self.problems: list[str] = []

    # -- writing -----------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        for para in text.split("\n"):
            self.out.write((textwrap.fill(para, self.width) if para.strip() else "") + "\n")

    def heading(self, text: str) -> None:
        self.say()
        self.say(text)

    def say_lines(self, lines: list[tuple[str, str]]) -> None:
        """(heading, "") and ("", line) pairs, as prebrief.py, ending.py and glossary.py give them."""
        for heading, line in lines:
            if heading:
                self.heading(heading)
            else:
                self.say(line)

    def ask(self, prompt: str) -> str:
        try:
            return self.read(prompt)
        except EOFError:
            raise SteppedOut from None

    # -- the whole playthrough -------------------------------------------------------------------
    def play(self) -> Run | None:
        """Prebrief (or continue), play, and end with the debrief and support; the run played, or None if never begun."""
        try:
            self.run = self.resume() or self.begin()
        except SteppedOut:
            return None
        if self.run is not None:
            self.go_on(self.run)
        return self.run

    def go_on(self, run: Run) -> None:
        """Play ``run`` from where it is to the end (debrief and support), or until the trainee steps out."""
        self.run = run
        try:
            self.loop(run)
            self.finish(run)
        except SteppedOut:
            self.step_out()

    def resume(self) -> Run | None:
        """Offer the latest unfinished playthrough of this case; the run continued, or None for a new one."""
        saved = self.unfinished()
        if saved is None or self.store is None:
            return None
        steps = f"{saved.steps} step{'s' if saved.steps != 1 else ''} in" if saved.steps else "just begun"
        self.say(f"You have an unfinished playthrough of {saved.scenario_title}: {steps}, {saved.mode} setting.")
        while True:
            answer = self.ask("Type c to continue it, or n to begin a new one: ").strip().lower()
            if answer in ("c", "continue", ""):
                break
            if answer in ("n", "new"):
                return None
            if command_of(answer) == "s":
                raise SteppedOut
        try:
            run = Run.resume(self.scenario, saved, self.store, on_problem=self.problem)
        except ResumeError as exc:
            self.say(f"It cannot be continued: {exc} A new playthrough begins instead.")
            return None
        self.mode = run.mode
        self.say(f"Continuing where you stopped, in the {run.mode} setting. {self.commands_line()}")
        return run

    def unfinished(self) -> Playthrough | None:
        if self.store is None:
            return None
        try:
            return next((p for p in self.store.unfinished(self.scenario.id) if not p.damaged), None)
        except StoreError as exc:
            self.problem(str(exc))
            return None

    def begin(self) -> Run | None:
        """The prebrief, then a new playthrough when the trainee is ready."""
        older = self.unfinished()
        self.prebrief(older is not None)
        while True:
            answer = self.ask("Press Enter to begin, or type s to leave: ").strip().lower()
            if not answer:
                break
            if command_of(answer) == "s":
                self.say("You left before the case began. Nothing was saved.")
                return None
            if command_of(answer) == "?":
                self.help()
        run = Run.begin(self.scenario, seed=self.seed, mode=self.mode, player_name=self.name, store=self.store, on_problem=self.problem, clock=now)
        if older is not None and self.store is not None:
            Run(run.session, older.mode, self.store, older.id, self.problem).abandon()
        return run

    def prebrief(self, replacing: bool) -> None:
        self.say_lines(prebrief_lines(self.scenario, self.mode, self.worker(), replacing=replacing))

    def worker(self) -> str:
        if self.name:
            return self.name
        worker = self.scenario.characters.get(self.scenario.player)
        return worker.short if worker is not None else str(self.scenario.player)

    # -- play ------------------------------------------------------------------------------------------
    def loop(self, run: Run) -> None:
        while not run.session.finished:
            self.show_moment(run)
            options = run.session.options
            if options:
                self.decide(run, options)
            else:
                self.wait(run)

    def show_moment(self, run: Run) -> None:
        s = run.session
        if s.state.episode != self._episode:
            self._episode = s.state.episode
            card = s.card()
            clock = clock_view(s)
            self.say()
            if card.transition:
                self.say(f"{card.transition.rstrip('.')}.")
            number, total = episode_place(s)
            self.say(f"Episode {number} of {total}: {card.title}." if number else f"Episode: {card.title}.")
            self.say(", ".join(clock.when) + ".")
            self._named = set()
            nm = clock.next_milestone
            if nm is not None and nm.due_date is not None:
                self.say(f"Next milestone: {nm.label}, due {nm.due_date:%A} {nm.due_date.day} {nm.due_date:%B}.")
            self.say()
        for line in s.lines():
            self.say(spoken_line(line.name, line.cue, line.text))
        new = [t for t in self.moment_terms(run) if t.term not in self._named]
        if new:
            self._named.update(t.term for t in new)
            self.say(named(new))

    def moment_terms(self, run: Run) -> list[Term]:
        """The glossary's words in what this moment says and offers (the window marks the same words on its pages)."""
        s = run.session
        return terms_in([line.text for line in s.lines()] + [o.text for o in s.options], self.scenario.glossary)

    def wait(self, run: Run) -> None:
        while True:
            answer = self.ask("Press Enter to go on, or type ? for commands: ")
            if not answer.strip():
                self.show_events(run.act(CONTINUE))
                return
            if self.command(run, answer):
                return

    def decide(self, run: Run, options: tuple[Option, ...]) -> None:
        n = len(options)
        self.say()
        self.say(f"What do you do? {n} option{'s' if n != 1 else ''}.")
        for i, option in enumerate(options, 1):
            self.say(f"{i}. {option.text}")
        while True:
            answer = self.ask(f"Type {numbers_to_press(n)} to choose, or ? for commands: ").strip()
            if answer.isascii() and answer.isdigit() and len(answer) <= 6 and 1 <= int(answer) <= n:  # '²' and 10,000 digits are digits int() refuses
                option = options[int(answer) - 1]
                self.show_choice(run, option, run.act(Choose(option.id)))
                return
            if self.command(run, answer):
                return
            if command_of(answer) is None:
                self.say(f"Type a number from 1 to {n}, or ? for the commands.")

    def show_choice(self, run: Run, option: Option, step: Step) -> None:
        self.say(f"You chose: {option.text}")
        choice = option.choice
        if run.coach:
            if option.feedback:
                self.say(f"Feedback: {option.feedback}")
            changes = changes_in_words(run.session, choice.effects, choice.trust)
            if changes:
                self.say("What changed: " + "; ".join(changes) + ".")
            evidence = self.scenario.evidence
            for pid in choice.principles:
                principle = evidence.principles.get(pid)
                if principle is not None:
                    self.say(f"Practice principle: {principle.title}.")
            if option.safety:
                self.say(f"Safety: {option.safety}")
        self.show_events(step)

    def show_events(self, step: Step) -> None:
        for event in step.events:
            changes = changes_in_words(self.run.session, event.effects, event.trust) if self.run else []
            self.say(f"Clock: {event.text}" + (" What changed: " + "; ".join(changes) + "." if changes else ""))

    # -- commands ----------------------------------------------------------------------------------------
    def command(self, run: Run, answer: str) -> bool:
        """Do the command ``answer`` names; True if the moment moved on (a scene skipped, a choice rewound)."""
        letter = command_of(answer)
        if letter == "s":
            raise SteppedOut
        if letter == "?":
            self.help()
        elif letter == "h":
            self.history(run)
            self.reshow(run)
        elif letter == "p":
            return self.pause(run)
        elif letter == "k":
            return self.skip(run)
        elif letter == "g":
            self.glossary(run)
        elif letter == "r":
            return self.rewind(run)
        return False

    def commands_line(self) -> str:
        return commands_line(bool(self.scenario.glossary))

    def help(self) -> None:
        self.say_lines(help_lines(bool(self.scenario.glossary)))

    def pause(self, run: Run) -> bool:
        saved = "Everything so far is saved." if run.saving else "This playthrough is not being saved."
        self.heading("Paused")
        self.say(f"The case waits here until you resume. {saved}")
        while True:
            answer = self.ask(f"Press Enter to resume, or type h, {'g, ' if self.scenario.glossary else ''}k, r, s or ?: ")
            if not answer.strip():
                self.say("Resumed.")
                self.reshow(run)
                return False
            letter = command_of(answer)
            if letter == "p":
                continue
            if letter == "h":
                self.history(run)
                continue
            if letter == "g":
                self.glossary(run)
                continue
            if self.command(run, answer):
                return True
            if letter is None:
                self.say("Press Enter to resume, or type one of the commands (? lists them).")

    def history(self, run: Run) -> None:
        self.heading("History: what was said and chosen so far")
        for entry in transcript(run.session):
            if entry.kind == "episode":
                title, _, when = entry.text.partition("\n")
                self.say()
                self.say(f"Episode: {title}. {when}.")
            elif entry.kind == "choice":
                self.say(f"You chose: {entry.text}")
            else:
                self.say(spoken_line(entry.name, entry.cue, entry.text))
        self.say("End of the history.")
        self.say()

    def glossary(self, run: Run) -> None:
        self.say_lines(glossary_lines(self.scenario.glossary, self.moment_terms(run)))
        self.say("End of the glossary.")
        self.say()

    def skip(self, run: Run) -> bool:
        if not run.can_skip:
            self.say("There is no scene left to skip.")
            return False
        step = run.act(SKIP)
        self.say()
        for para in care.SKIPPED:
            self.say(para)
        self.show_events(step)
        self.ask("Press Enter when you are ready to go on: ")
        return True

    def rewind(self, run: Run) -> bool:
        if not run.coach:
            self.say("Not in the assessment setting: choices stand, as in practice.")
            return False
        if not run.rewind():
            self.say("There is no choice to rewind yet.")
            return False
        self._episode = ""  # say where we are again
        self.say("Rewound to your last decision.")
        return True

    def reshow(self, run: Run) -> None:
        """After a pause or the history, the options again, so nobody has to scroll back for them."""
        options = run.session.options
        if options:
            self.say("You were at a decision:")
            for i, option in enumerate(options, 1):
                self.say(f"{i}. {option.text}")

    def step_out(self) -> None:
        run = self.run
        self.say()
        if run is None:
            return
        first = care.GROUNDING[0] if run.saving else care.NOT_SAVED
        self.say(first)
        self.say(care.GROUNDING[1])
        if run.saving:
            self.say(care.RETURN_TEXT)

    def problem(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)
            self.say(f"Note: {text}")

    # -- the end -----------------------------------------------------------------------------------------------
    def finish(self, run: Run) -> None:
        """The ending, a short debrief and the support list (terminal/ending.py)."""
        self.say_lines(ending_lines(self.scenario, run))


def spoken_line(name: str | None, cue: str | None, text: str) -> str:
    """A line as a script prints it: "Dana (holds the door half open): You're from the council." """
    if name:
        return f"{name} ({cue}): {text}" if cue else f"{name}: {text}"
    return f"{cue}. {text}" if cue else text
