"""The case's glossary in the text player: the same reach as the window's (G in play, Glossary on pause).

After the lines of a moment, the words the glossary explains that are new in
this episode are named in a sentence of their own (a terminal has no colour
to mark them, and a screen reader reads a sentence as written); ``g`` at any
prompt lists the words of the moment first, then every word the case
explains, A to Z, as the window's glossary does.
"""

from __future__ import annotations

from collections.abc import Iterable

from simulator.scenario.model import Term
from simulator.services.glossary import alphabetical


def entry(term: Term) -> str:
    return f"{term.term}: {term.meaning}"


def glossary_lines(glossary: tuple[Term, ...], first: Iterable[Term]) -> list[tuple[str, str]]:
    """The glossary as (heading or "", line) pairs: the words just met first, then every word, A to Z."""
    if not glossary:
        return [("", "This case has no glossary.")]
    out: list[tuple[str, str]] = []
    here = list(first)
    if here:
        out.append(("Glossary: the words you just met", ""))
        out.extend(("", entry(t)) for t in here)
        out.append(("Every word this case explains", ""))
    else:
        out.append(("Glossary: every word this case explains", ""))
    out.extend(("", entry(t)) for t in alphabetical(glossary))
    return out


def named(terms: list[Term]) -> str:
    """The sentence that marks glossary words in what was just said: "The glossary explains s47 and core group (type g)."."""
    words = [t.term for t in terms]
    said = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return f"The glossary explains {said} (type g)."
