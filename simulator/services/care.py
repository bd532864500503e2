"""The safety words every host says, from one place: before a case (pause, step out, the settings), when the trainee
steps out of it or skips a scene, and the support at its end. The window and the text player both say these, so a
trainee hears the same care whichever they use."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

#: Before the case, when the scenario says nothing of its own about pausing (the window's keys).
SAFETY = (
    "Press Esc at any moment to pause. From the pause menu you can read back what was said, change settings, "
    "or save and step out: your place is kept, and Continue on the title screen brings you back to the same moment. "
    "Stepping out is always fine, and nobody is told that you did."
)

#: The same, for the text player, whose commands are typed at any prompt.
SAFETY_TEXT = (
    "At any prompt you can type p to pause, h to read back what was said, k to skip the rest of a scene, "
    "s to save and step out, or ? for every command. Your place is kept as you go, and running the same command "
    "again brings you back to the same moment. Stepping out is always fine, and nobody is told that you did."
)

#: The two settings, said the same before every case.
MODES = {
    "coach": "Coach setting: after each choice, a short card says why it helped or hurt, and you may rewind a choice to try another.",
    "assessment": "Assessment setting: no feedback while you play and no rewinding; everything is held for the debrief at the end.",
}

#: After "Save and step out"; the second paragraph also closes the debrief's support section.
GROUNDING = (
    "You have stepped out, and your place in the case is saved at this exact moment.",
    "If the case brought something up for you, take a minute before anything else: feet flat on the floor, "
    "a slow breath out, and notice three things you can see around you.",
    "When you are ready, Continue on the title screen brings you back to where you were. There is no hurry.",
)

#: The last paragraph of :data:`GROUNDING` in the text player.
RETURN_TEXT = "When you are ready, run the same command again and choose to continue: you come back to where you were. There is no hurry."

#: Instead of the first paragraph of :data:`GROUNDING` when the playthrough was not being saved.
NOT_SAVED = "You have stepped out. This playthrough was not being saved, so it cannot be continued later."

#: After "Skip the rest of this scene".
SKIPPED = (
    "You stepped out of the rest of that scene. It is not scored, and the story carries on from the next episode "
    "as if a middle way had been taken.",
    "If something in it affected you, it is fine to stay here for as long as you need.",
)


#: The pause screen's Take a moment: a short grounding exercise, as the prebrief promises, before where to find support.
GROUNDING_EXERCISE = (
    "Nothing in the case moves while you are here, and there is no hurry. If it helps, try this for a minute:",
    "Put both feet flat on the floor and feel the chair holding your weight.",
    "Breathe out slowly, a little longer than you breathe in, three times.",
    "Look around and name five things you can see, then three things you can hear.",
    "Notice where you are, what day it is, and one thing you will do after this.",
    "If the case has brought up something of your own, it is fine to stop: Save and step out keeps your place.",
)

#: When a scenario names no support of its own: never leave a trainee without somewhere to turn.
NO_SUPPORT_LISTED = "If something here has stayed with you, talk to your supervisor, practice educator or tutor."
class Section(NamedTuple):  # a record, not a dataclass: the window imports this before its first frame
    """A titled part of what is said (a heading may be empty), its paragraphs, and a list after them."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[tuple[str, str], ...] = ()  # (name, words): "Samaritans: 116 123, free, day or night"


def support(scenario: Scenario) -> list[Section]:
    """The end of every case: its closing words, where to find support, a moment to ground, and what the case contained."""
    out: list[Section] = []
    if scenario.closing:
        out.append(Section("", (scenario.closing,)))
    if scenario.support:
        out.append(Section("If this case stirred something up", items=tuple((s.name, s.detail) for s in scenario.support)))
    else:
        out.append(Section("If this case stirred something up", (NO_SUPPORT_LISTED,)))
    out.append(Section("Taking a moment", (GROUNDING[1],)))
    if scenario.content_notes:
        out.append(Section("What this case contains", items=tuple(("", n) for n in scenario.content_notes)))
    return out
