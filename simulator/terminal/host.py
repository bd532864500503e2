"""The text host: play a scenario in a terminal, or print a transcript of auto play.

It pulls from a :class:`~simulator.engine.session.Session` exactly as the
window does. Output is deterministic (no wall-clock times), so transcripts
of auto play are compared in tests.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TextIO

from simulator.engine.actions import CONTINUE, Choose
from simulator.engine.autoplay import Policy
from simulator.engine.clock import clock_view
from simulator.engine.session import Session
from simulator.engine.shown import Option
from simulator.engine.state import Step
from simulator.wording import in_sentence, signed


def describe_changes(session: Session, effects: tuple[tuple[str, int], ...], trust: tuple[tuple[str, int], ...]) -> str:
    """"tone +1, honesty +2; Fiona's trust +5" for the dimensions and trust a change moved."""
    names = frozenset(w for c in session.scenario.cast for w in (*c.name.split(), *c.short.split()))
    labels = {d.id: in_sentence(d.label, names) for d in session.scenario.rubric}
    parts = [f"{labels.get(d, d)} {signed(v, '-')}" for d, v in effects if v]
    people = [f"{session.name_of(c)}'s trust {signed(v, '-')}" for c, v in trust if v]
    return "; ".join(p for p in (", ".join(parts), ", ".join(people)) if p)


class TextHost:
    """Plays a session on text streams, asking ``read`` for input or using ``policy``."""

    def __init__(
        self,
        session: Session,
        out: TextIO,
        read: Callable[[str], str] | None = None,
        policy: Policy | None = None,
        coach: bool = True,
        width: int = 78,
    ) -> None:
        self.session = session
        self.out = out
        self.read = read
        self.policy = policy
        self.coach = coach
        self.width = width
        self._episode = ""
        self.stopped = False

    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            self.out.write("\n")
            return
        for para in text.split("\n"):
            wrapped = textwrap.fill(para, self.width, initial_indent=indent, subsequent_indent=indent) if para.strip() else ""
            self.out.write(wrapped + "\n")

    def run(self) -> Session:
        """Play until the case ends, or the reader stops; returns the session."""
        s = self.session
        while not s.finished and not self.stopped:
            self.show_node()
            if s.options:
                option = self.pick(s.options)
                if option is None:
                    break
                step = s.act(Choose(option.id))
                self.show_choice(option, step)
            else:
                if self.read is not None and self.policy is None:
                    answer = self.ask("(Enter to continue, q to stop) ")
                    if answer is None:
                        break
                step = s.act(CONTINUE)
                self.show_events(step)
        if s.finished:
            self.show_node()
            self.show_ending()
        return s

    def ask(self, prompt: str) -> str | None:
        assert self.read is not None
        try:
            answer = self.read(prompt)
        except EOFError:
            self.stopped = True
            return None
        if answer.strip().lower() in ("q", "quit", "exit"):
            self.stopped = True
            return None
        return answer

    def pick(self, options: tuple[Option, ...]) -> Option | None:
        for i, o in enumerate(options, 1):
            self.say(f"{i}. {o.text}", "  ")
        if self.policy is not None:
            picked = self.policy([o.choice for o in options])
            return next(o for o in options if o.id == picked.id)
        while True:
            answer = self.ask(f"Your choice (1-{len(options)}, q to stop): ")
            if answer is None:
                return None
            text = answer.strip()
            # ASCII digits only, and few of them: "²" passes isdigit() yet int() refuses it, and int() of a
            # line of 5,000 digits raises (Python's limit on converting long numbers), whatever was pasted.
            if text.isascii() and text.isdecimal() and len(text) <= 6 and 1 <= int(text) <= len(options):
                return options[int(text) - 1]
            self.say(f"Type a number from 1 to {len(options)}.")

    def show_node(self) -> None:
        s = self.session
        if s.state.episode != self._episode:
            self._episode = s.state.episode
            card = s.card()
            clock = clock_view(s)
            self.say()
            if card.transition:
                self.say(f"~ {card.transition} ~")
            self.say(f"== {card.title} ==")
            self.say(" · ".join(clock.when))
            nm = clock.next_milestone
            if nm is not None and nm.due_date is not None:
                due = nm.due_date
                self.say(f"Next: {nm.label}, due {due:%a} {due.day} {due:%b}")
            self.say()
        for line in s.lines():
            if line.speaker is None:
                self.say(line.text)
            else:
                cue = f" [{line.cue}]" if line.cue else ""
                self.say(f"{line.name}{cue}: {line.text}")

    def show_choice(self, option: Option, step: Step) -> None:
        s = self.session
        choice = option.choice
        self.say(f"> {option.text}")
        if self.coach and (option.feedback or choice.effects or choice.trust):
            changes = describe_changes(s, choice.effects, choice.trust)
            note = option.feedback
            if changes:
                note = f"{note} ({changes})" if note else f"({changes})"
            self.say(note, "    ")
            if option.safety:
                self.say(f"Safety: {option.safety}", "    ")
        self.show_events(step)
        self.say()

    def show_events(self, step: Step) -> None:
        for event in step.events:
            changes = describe_changes(self.session, event.effects, event.trust)
            self.say(f"[clock] {event.text}" + (f" ({changes})" if changes else ""), "    ")

    def show_ending(self) -> None:
        s = self.session
        ending = s.ending
        assert ending is not None
        self.say()
        self.say(f"*** {ending.title} ***" + (f" ({ending.outcome})" if ending.outcome else ""))
        self.say(ending.text)
        self.say()
        labels = {d.id: d.label for d in s.scenario.rubric}
        self.say("Scores: " + ", ".join(f"{labels[d]} {v}" for d, v in s.state.scores.items()))
        if s.state.trust:
            self.say("Trust: " + ", ".join(f"{s.name_of(c)} {v}" for c, v in s.state.trust.items()))
        self.say(f"Ending: {s.state.node} ({ending.kind})")
        made = [s.option(st.choice) for st in s.state.steps if st.choice is not None and st.choice in s.scenario.choice_by_id]
        errors = [o.safety for o in made if o.safety]
        if errors:
            self.say(f"Safety errors ({len(errors)}), for your debrief:")
            for text in errors:
                self.say(f"- {text}", "  ")
