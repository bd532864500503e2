"""What the trainee is told when they step out of the case or a scene: calm words, said the same wherever they appear."""

from __future__ import annotations

#: After "Save and step out"; the second paragraph also closes the debrief's support section.
GROUNDING = (
    "You have stepped out, and your place in the case is saved at this exact moment.",
    "If the case brought something up for you, take a minute before anything else: feet flat on the floor, "
    "a slow breath out, and notice three things you can see around you.",
    "When you are ready, Continue on the title screen brings you back to where you were. There is no hurry.",
)

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
