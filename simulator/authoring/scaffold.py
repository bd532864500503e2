"""``doorstep new``: the files of a small scenario that validates clean and plays at once.

Two episodes a week apart, a decision with an enabler, a barrier and a
middle option, a route that reads trust, two endings, the scenario's own
``evidence/`` folder with one principle (to show where a trainer's own
evidence goes), an ``art/art.yaml`` naming its two places (not drawn yet),
and editor settings so that autocomplete works wherever the
folder is. Every file says in a comment what to change. Pure: it returns
the files as text; the command line writes them.
"""

from __future__ import annotations

import re

SCENARIO = """\
# A new Doorstep scenario: change anything, then run `doorstep validate` on this folder.
# docs/authoring.md explains every key; your editor explains them too (hover over a key).
format: 2
id: {id}
title: "{title}"
summary: "A first home visit to a worried parent after a referral from school. Change this to say who, where, and what the trainee practises."
audience:
  - "Social work students preparing for placement"
estimated_minutes: 5
learning_objectives:
  - "Explain your role plainly at a first visit"
  - "Come back when you said you would"
content_notes:
  - "A parent who is anxious about a social worker's visit"
prebrief:
  text: "You are a social worker making a first visit to Alex, a parent, after a referral from the school."
  fiction_contract: "Alex is fictional. Treat them as real, and make the choices you would make in practice; nothing here is a test of you as a person."
closing:
  text: "That is the end of the scenario. What would you do differently next time?"
  support:
    - {{name: "Your supervisor or practice educator", detail: "Talk through anything that stayed with you."}}
player: worker
rubric:
  - {{id: tone, label: Tone, description: "Calm, respectful and clear, without pushing or placating."}}
  - {{id: honesty, label: Honesty, description: "Open about why you are there and what happens next."}}
  - {{id: reliability, label: Reliability, description: "Doing what you said, when you said."}}
cast:
  - {{id: worker, name: "Sam Taylor", role: "Social worker"}}
  - id: alex
    name: "Alex Morgan"
    role: "Parent"
    trust: 40
calendar:
  referral: "{referral}"
milestones:
  - {{id: first-visit, label: "First home visit", short: "First visit"}}
  - id: follow-up
    label: "Follow-up visit"
    short: "Follow-up"
    due: {{after: first-visit, working_days: 10}}
episodes:
  - first-visit
  - follow-up
"""

FIRST = """\
# One episode: a dated visit, made of nodes. Each node shows lines, then has one way out:
# choices, next, route or ending. Who is on stage lasts from node to node until a node or a
# line changes it (present, enter, exit, move: see "Who is on stage" in docs/authoring.md).
format: 2
episode:
  id: first-visit
  title: "First visit"
  summary: "You meet Alex for the first time, at their door."
  day: 2
  time: "10:00"
  # A place of this case's own: the window shows a plain background until you draw it (docs/authoring.md, Art),
  # or use a shared place such as office, car, family-centre, cafe or conference-room.
  location: alex-front-door
  milestone: first-visit
  present: [alex]
  nodes:
    door:
      narration: "Alex opens the door a little way."
      lines:
        - speaker: alex
          text: "The school said someone would come. I don't know what I'm supposed to say."
          cue: "holds the door half open"
      choices:
        - id: explain-plainly
          text: "Say who you are, why the school was worried, and what happens next"
          path: enabler
          effects: {{honesty: 2, tone: 1}}
          trust: {{alex: 15}}
          feedback: "Plain words about why you are there let Alex decide to talk to you with their eyes open."
          principles: [explain-your-role-plainly]
        - id: just-a-chat
          text: "Say it is nothing to worry about, just a chat"
          path: barrier
          effects: {{honesty: -2}}
          trust: {{alex: -5}}
          feedback: "It sounds kind, but Alex will feel misled when the questions start."
          principles: [explain-your-role-plainly]
        - id: ask-to-come-in
          text: "Ask if you can come in before saying more"
          path: other
          trust: {{alex: 5}}
      next: promise
    promise:
      narration: "At the end, Alex asks when you will be back."
      lines:
        - {{text: "Alex walks you to the door.", move: [{{who: alex, at: left}}]}}
      choices:
        - id: give-a-date
          text: "Give a date you know you can keep, and write it down for Alex"
          path: enabler
          effects: {{reliability: 2}}
          trust: {{alex: 10}}
          feedback: "A date you keep is worth more than an early date you miss."
          principles: [name-the-next-step]
          next: follow-up
        - id: soon
          text: "Say you will be back soon"
          path: barrier
          effects: {{reliability: -1}}
          feedback: "'Soon' leaves Alex waiting by the window, not knowing when."
          principles: [name-the-next-step]
          next: follow-up
"""

SECOND = """\
format: 2
episode:
  id: follow-up
  title: "Follow-up visit"
  transition: "Eight working days later"
  summary: "You come back, as you said you would."
  day: 10
  time: "10:00"
  location: alex-kitchen
  milestone: follow-up
  present: [alex]
  nodes:
    back:
      narration: "Alex has the kettle on this time."
      lines:
        - {{speaker: alex, text: "You came back when you said.", when: "chose.give-a-date"}}
        - {{speaker: alex, text: "I wasn't sure you'd come.", when: "not chose.give-a-date"}}
      route:
        - when: "trust.alex >= 60"
          next: working-together
        - next: still-wary
    working-together:
      ending:
        kind: enabler
        title: "Working together"
        text: "Alex shows you the letter from school and asks what you think. There is a plan you both understand."
        outcome: "A plan made with Alex"
    still-wary:
      ending:
        kind: barrier
        title: "Still wary"
        text: "Alex answers your questions and no more. The plan is yours, not theirs."
        outcome: "A plan made for Alex"
"""

PRINCIPLES = """\
# This scenario's own evidence: principles added to the shared evidence base (seeds/).
# Cite them from choices by id. Add sources.yaml and frameworks.yaml here too if you need them.
format: 1
principles:
  - id: name-the-next-step
    title: "Say exactly when you will be back, and keep to it"
    summary: "Give a date and time you can keep, and write it down for the person. A vague promise leaves people waiting and wondering; a kept one is how trust starts."
    dimension: reliability
    sources: [swe-2019-standards]
    tags: [pcf-1]
"""

ART = """\
# This scenario's own art, used before Doorstep's shared pictures (docs/authoring.md, Art).
# A place not drawn yet needs only a `label`: the window shows a plain background with that name.
# To draw one, save an SVG (1920 x 1080) under art/locations/ and add `file: locations/alex-kitchen.svg`.
format: 1
locations:
  alex-front-door: {label: "Alex's front door"}
  alex-kitchen: {label: "Alex's kitchen"}
"""


def slug(text: str) -> str:
    """An id made from a folder name: `Ward visit 2` becomes `ward-visit-2`, `Café visit` `cafe-visit`."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # é -> e, not dropped
    words = re.findall(r"[a-z0-9]+", plain.lower())
    joined = "-".join(words)
    if not joined or not joined[0].isalpha():
        joined = f"scenario-{joined}" if joined else "my-scenario"
    return joined


def files(folder_name: str, title: str | None = None, referral: str = "2026-03-02") -> dict[str, str]:
    """The scaffold's files by path relative to the new scenario folder."""
    ident = slug(folder_name)
    name = title or ident.replace("-", " ").capitalize()
    name = name.replace("\\", "").replace('"', "'")
    return {
        "scenario.yaml": SCENARIO.format(folder=folder_name, id=ident, title=name, referral=referral),
        "episodes/first-visit.yaml": FIRST.format(),
        "episodes/follow-up.yaml": SECOND.format(),
        "evidence/principles.yaml": PRINCIPLES,
        "art/art.yaml": ART,
    }
