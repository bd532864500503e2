"""The workshop windows in words, for a screen reader and self-voicing: what is on the projector, the counts, the line.

The projector has no buttons (a clicker drives it), so the least any screen
says (its buttons) said nothing. :func:`describe_projector` gives what the
play screen gives: where the case is, what is said on the page in view (a new
page is announced), the question with its options, how many phones have
joined and voted, the tally once shown, what the room's choice did, the
timer and pause, and the keys. The facilitator's notes window is a second
pygame window without an accessibility adapter of its own, so its words (the
paths of the options, the discussion prompts, what comes next) are read in
the projector's tree under a heading of their own while it is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.ui.kit.access_describe import Sketch, page_text, para_text, sentence

if TYPE_CHECKING:
    from simulator.ui.workshop.projector import ProjectorScene

PHASE_SAID = {
    "waiting": "Read the options. Voting opens next.",
    "open": "Voting is open on the phones.",
    "closed": "Voting has closed.",
    "revealed": "The votes are shown.",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe_projector(scene: ProjectorScene, sketch: Sketch, hints: str) -> None:
    """Everything the projector shows, in reading order; what changed is announced."""
    ws = scene.control.workshop
    view = scene.room.view()
    stop = ws.stop
    sketch.heading(f"{ws.scenario.title}: {stop.heading}")
    flags = _flags(scene, view)
    if flags:
        sketch.text(flags)
    if scene.blank:
        sketch.text("The projector is blank. Any key brings the picture back.")
        sketch.say("The projector is blank.")
    if ws.ended:
        lines = ["The workshop has ended. Thank you, everyone.", *scene.moves.ended_lines, "PageDown or Escape closes the window."]
        for line in lines:
            sketch.text(line)
        sketch.say(lines[0])
    elif view.stepped_out:
        sketch.text("The room has stepped out. The support list is on the screen and on the phones; O brings the case back.")
        for s in ws.scenario.support:
            sketch.text(f"{s.name}: {s.detail}")
        sketch.say("The room has stepped out.")
    elif scene._reading() and scene.pages:
        at = min(scene.page, len(scene.pages) - 1)
        words = page_text(scene.pages[at])
        sketch.text(words, scene.main)
        if len(scene.pages) > 1:
            sketch.text(f"Page {at + 1} of {len(scene.pages)}. PageDown turns the page.")
        sketch.say(words)
    elif view.question is not None:
        _question(scene, sketch, view)
    joined = _plural(view.joined, "phone")
    sketch.text(f"{joined} joined. Phones join at {scene.moves.venue.short} with the room code {scene.moves.venue.code}.")
    if scene.said:
        sketch.text(scene.said)
        sketch.say(scene.said)
    sketch.text(hints)
    notes = scene.moves.notes
    if notes is not None:
        sketch.heading("Facilitator's notes (on your screen only)", level=2)
        for p in notes.paras():
            sketch.text(para_text(p))
    sketch.said_key = (stop.number, scene.page, view.phase, view.paused, view.stepped_out, ws.ended, scene.blank, scene.said)


def _flags(scene: ProjectorScene, view: Any) -> str:
    flags = []
    if view.paused:
        flags.append("Paused for discussion.")
    if view.timer is not None:
        left = int(view.timer.left(scene.clock()) + 0.999)
        flags.append(f"Discussion timer: {left // 60}:{left % 60:02d} left." if left else "The discussion time is up.")
    return " ".join(flags)


def _question(scene: ProjectorScene, sketch: Sketch, view: Any) -> None:
    ws = scene.control.workshop
    question = view.question
    phase = view.phase or "waiting"
    sketch.text(question.prompt)
    status = PHASE_SAID.get(phase, "")
    if phase in ("open", "closed"):
        status += f" {view.voted} of {_plural(view.joined, 'phone')} have voted."
    if phase == "revealed" and ws.mode == "play":
        candidate = ws.candidate
        status += f" PageDown: the room follows {question.letter_of(candidate)}; a number picks another." if candidate else " Nobody voted: press the number of the option the room follows."
    elif phase == "revealed":
        status += " PageDown: what each worker chose."
    sketch.text(status.strip())
    for c in question.options:
        votes = f" {_plural(view.tally.get(c.id, 0), 'vote')}." if view.tally is not None else ""
        sketch.text(f"Option {c.letter}: {sentence(c.text)}{votes}")
    if phase == "waiting":
        sketch.say(sentence(question.prompt), *(sentence(f"{c.letter}: {c.text}") for c in question.options))
    sketch.say(status.strip())
