"""The commands a trainee can type at any prompt of the text player, and how they are listed.

One letter each, with the words people also type for them ("pause",
"quit", "help"); :func:`command_of` reads an answer as one of them. The
glossary command is offered only by a case that declares a glossary.
"""

from __future__ import annotations

#: Every command, as typed at any prompt: (what to type, its other names, what it does).
COMMANDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("p", ("pause",), "pause: the case waits here until you resume"),
    ("h", ("history",), "history: read back what was said and what you chose"),
    ("k", ("skip",), "skip the rest of this scene: not scored; the case carries on from the next episode"),
    ("g", ("glossary",), "glossary: the words this case explains, in plain terms, those you just met first"),
    ("r", ("rewind",), "rewind one choice (coach setting only)"),
    ("s", ("step out", "stop", "q", "quit", "exit"), "save and step out; run the same command again to come back here"),
    ("?", ("help",), "help: these commands"),
)


class SteppedOut(Exception):
    """The trainee stepped out (or the input ended)."""


def command_of(answer: str) -> str | None:
    """The command an answer names (its letter), or None."""
    word = answer.strip().lower()
    for letter, names, _ in COMMANDS:
        if word == letter or word in names:
            return letter
    return None


def commands_line(glossary: bool) -> str:
    """The commands in one line, said when a playthrough is continued."""
    g = " g glossary," if glossary else ""
    return f"At any prompt: p pause, h history, k skip the rest of a scene, r rewind a choice,{g} s save and step out, ? help."


def help_lines(glossary: bool) -> list[tuple[str, str]]:
    """The help: a heading, each command on its line, then how to choose and go on (as (heading, "") or ("", line) pairs)."""
    out: list[tuple[str, str]] = [("Commands, at any prompt", "")]
    out += [("", f"{letter}: {what}") for letter, _, what in COMMANDS if letter != "g" or glossary]
    out += [("", "A number chooses an option; Enter goes on."), ("", "")]
    return out
