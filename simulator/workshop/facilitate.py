"""The facilitator's controls over the room and the course: one button forward, one back, and the rest.

A presentation clicker has two buttons, so :meth:`Workshop.forward` always
does the next sensible thing: past a card or a moment, on to the next; at a
decision, open voting, close it, reveal the tally, then settle (in play, take
the option the room settled on, by default its most-voted; in watch, show
what both versions' workers chose). :meth:`Workshop.back` undoes the last
step of voting (reopen, or cancel an opening made by mistake); it never
undoes a choice the case has already taken. Pausing for discussion, a
discussion timer, skipping the rest of a scene, stepping out for the whole
room and typed notes are separate controls. Every decision the room met is
kept as a :class:`Result`: the tally, never who voted for what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from simulator.scenario.model import Scenario
from simulator.workshop.course import PlayCourse, Stop, WatchCourse
from simulator.workshop.room import Mode, Outcome, Question, Room, RoomError

Stage = Literal["card", "reading", "question", "outcome", "ending", "ended"]
PATH_WORDS = {"enabler": "Enabler worker", "barrier": "Barrier worker"}
MAX_NOTE = 4000


@dataclass(frozen=True, slots=True)
class OptionResult:
    id: str
    letter: str
    text: str
    path: str
    votes: int


@dataclass(frozen=True, slots=True)
class Result:
    """One decision as the room met it: the options with their votes, what the room (or each version) chose."""

    number: int
    episode: str
    episode_title: str
    node: str
    prompt: str
    options: tuple[OptionResult, ...]
    voters: int
    revealed: bool
    chosen: str | None  # play: the option the room followed
    enabler: str | None  # what the enabler worker chose here (None: that version did not come this way)
    barrier: str | None
    asked: str = ""  # watch: which version the room predicted

    @property
    def votes(self) -> int:
        return sum(o.votes for o in self.options)


@dataclass(frozen=True, slots=True)
class Note:
    """A note the facilitator typed, and where in the case they were."""

    where: str
    text: str


@dataclass
class Workshop:
    """One workshop session: the room, the course, and what happened."""

    scenario: Scenario
    room: Room
    course: PlayCourse | WatchCourse
    results: list[Result] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # skips and step-outs, in words, for the report
    candidate: str | None = None  # play: the option the room will follow when the facilitator settles
    ended: bool = False
    shown: Stop | None = None  # the stop on the projector (in play, the course is already past a settled decision)

    @classmethod
    def start(cls, scenario: Scenario, mode: Mode, room: Room, seed: int = 0) -> Workshop:
        course: PlayCourse | WatchCourse = PlayCourse(scenario, seed) if mode == "play" else WatchCourse(scenario, seed)
        workshop = cls(scenario, room, course)
        workshop._arrive()
        return workshop

    @property
    def mode(self) -> Mode:
        return "play" if isinstance(self.course, PlayCourse) else "watch"

    @property
    def stop(self) -> Stop:
        return self.shown if self.shown is not None else self.course.stop

    @property
    def stage(self) -> Stage:
        if self.ended:
            return "ended"
        stop = self.stop
        if stop.kind == "ending":
            return "ending"
        if stop.kind == "card":
            return "card"
        if stop.decision:
            return "outcome" if self.room.phase == "settled" else "question"
        return "reading"

    # -- moving on --------------------------------------------------------------------------
    def _arrive(self) -> None:
        """Show the stop the course is now at, and tell the room."""
        stop = self.shown = self.course.stop
        self.candidate = None
        if stop.decision and stop.moment is not None:
            self.room.ask(self._question(stop), heading=stop.heading)
        else:
            self.room.ask(None, heading=stop.heading)

    def _question(self, stop: Stop) -> Question:
        if isinstance(self.course, WatchCourse):
            asked = self.course.beat.asked
            prompt = f"Which option did the {asked} worker take?"
        else:
            prompt = "What should the worker do?"
        moment = stop.moment
        said = [f"{ln.name}: {ln.text}" if ln.name else ln.text for ln in (moment.lines[-2:] if moment is not None else ())]
        return Question.of(f"{stop.number}:{stop.node}", prompt, stop.options, "\n".join(said))

    def forward(self) -> None:
        """PageDown: the next step, whatever the screen shows."""
        stage = self.stage
        if stage == "ended":
            return
        if stage == "ending":
            self.end()
            return
        if stage == "question":
            phase = self.room.phase
            if phase == "waiting":
                self.room.open_voting()
            elif phase == "open":
                self.room.close_voting()
            elif phase == "closed":
                self.room.reveal()
                self.candidate = self._top()
            elif phase == "revealed":
                self.settle(self.candidate)
            return
        if stage == "outcome" and isinstance(self.course, PlayCourse):
            self._arrive()  # the case already moved on when the room's choice was taken
            return
        self.course.forward()
        self._arrive()

    def back(self) -> None:
        """PageUp: undo the last step of voting (a choice already taken stays taken)."""
        if self.stage != "question":
            return
        phase = self.room.phase
        if phase == "open":
            self.room.cancel_voting()
        elif phase == "closed":
            self.room.open_voting()

    def _top(self) -> str | None:
        """The most-voted option (the first shown among equals); None when nobody voted."""
        tally = self.room.tally()
        if not tally or max(tally.values()) == 0:
            return None
        best = max(tally.values())
        return next(oid for oid, n in tally.items() if n == best)

    def move_candidate(self, step: int) -> None:
        """Arrow keys: the option the room will follow moves up or down the list."""
        question = self.room.question
        if question is None or self.stage != "question":
            return
        ids = [c.id for c in question.options]
        at = ids.index(self.candidate) if self.candidate in ids else (-1 if step > 0 else 0)
        self.candidate = ids[(at + step) % len(ids)]

    def settle(self, option_id: str | None = None) -> None:
        """Play: take ``option_id`` (the candidate, else the most-voted) as the room's choice. Watch: show both versions' choices."""
        if self.stage != "question":
            raise RoomError("There is no decision on the screen to settle.")
        stop = self.stop
        question = self.room.question
        assert question is not None
        revealed = self.room.phase in ("revealed",)
        if isinstance(self.course, PlayCourse):
            chosen = option_id or self.candidate or self._top()
            if chosen is None:
                raise RoomError("Nobody has voted: choose the option the room follows (its number, or arrows and Enter).")
            if all(c.id != chosen for c in question.options):
                raise RoomError("That is not one of the options on the screen.")
            enabler = self.course.canonical_choice("enabler", stop.node)
            barrier = self.course.canonical_choice("barrier", stop.node)
            taken = self.course.choose(chosen)
            marks = {chosen: "The room's choice"}
            for path, oid in (("enabler", enabler), ("barrier", barrier)):
                if oid is not None:
                    marks[oid] = (marks[oid] + " · " if oid in marks else "") + f"{PATH_WORDS[path]}'s choice"
            outcome = Outcome(f"The room chose {question.letter_of(chosen)}", (taken.option.text, taken.feedback, *taken.changes), marks)
            tally = self.room.settle(outcome)
            self._keep(stop, question, tally, revealed, chosen, enabler, barrier, "")
            return
        answers = self.course.answers()
        asked = self.course.beat.asked
        lines: list[str] = []
        marks = {}
        for path in (asked, "barrier" if asked == "enabler" else "enabler"):
            oid = answers.get(path)
            if oid is None:
                lines.append(f"The {path} version did not come to this decision.")
                continue
            marks[oid] = (marks[oid] + " · " if oid in marks else "") + f"{PATH_WORDS[path]}"
            lines.append(f"{PATH_WORDS[path]} ({question.letter_of(oid)}): {self.course.option_text(oid)}")
            feedback = self.course.feedback(oid)
            if feedback:
                lines.append(feedback)
        right = answers.get(asked)
        tally_now = self.room.tally()
        voted = sum(tally_now.values())
        if right is not None and voted:
            lines.insert(0, f"{tally_now.get(right, 0)} of {voted} phones predicted it.")
        heading = f"The {asked} worker chose {question.letter_of(right)}" if right else "What each version did"
        tally = self.room.settle(Outcome(heading, tuple(lines), marks))
        self._keep(stop, question, tally, revealed, None, answers.get("enabler"), answers.get("barrier"), asked)

    def _keep(self, stop: Stop, question: Question, tally: dict[str, int], revealed: bool, chosen: str | None, enabler: str | None, barrier: str | None, asked: str) -> None:
        scenario = self.scenario
        options = tuple(
            OptionResult(c.id, c.letter, c.text, scenario.choice_by_id[c.id].path if c.id in scenario.choice_by_id else "other", tally.get(c.id, 0))
            for c in question.options
        )
        voters = sum(tally.values())
        self.results.append(Result(len(self.results) + 1, stop.episode, stop.heading, stop.node, question.prompt, options, voters, revealed, chosen, enabler, barrier, asked))

    # -- the other controls -------------------------------------------------------------------
    def skip_scene(self) -> str:
        """Leave the rest of this episode (a decision on screen is left unanswered and not kept)."""
        if self.stage == "ended":
            return "The workshop has ended."
        said = self.course.skip_episode()
        self.events.append(said)
        self._arrive()
        return said

    def toggle_pause(self) -> bool:
        self.room.set_paused(not self.room.paused)
        return self.room.paused

    def toggle_step_out(self) -> bool:
        out = not self.room.stepped_out
        self.room.set_stepped_out(out)
        self.events.append(f"The room stepped out at “{self.stop.heading}”." if out else "The room came back.")
        return out

    def note(self, text: str) -> None:
        """Keep a note the facilitator typed (empty notes are ignored; a very long one is cut)."""
        text = text.strip()
        if text:
            self.notes.append(Note(self.stop.heading, text[:MAX_NOTE]))

    def end(self) -> None:
        """The workshop is over: the room is told, and nothing more can change."""
        if not self.ended:
            self.ended = True
            self.room.end()
