"""The case's glossary: finding its words in what is shown, so the window can mark them and explain them.

Pure Python. A scenario declares its glossary (``glossary:`` in
scenario.yaml: a term, its plain meaning, and other ways the case writes it).
A term written in capitals or with a digit (IDVA, MARAC, s47) is found only
as written; any other (core group, safety plan) in any case. Only whole words
count ("PLO" is not found in "PLOT"), and where two forms overlap the longer
wins ("initial child protection conference" over "child protection").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from simulator.scenario.model import Term


def _pattern(form: str) -> re.Pattern[str]:
    exact = form.upper() == form or any(ch.isdigit() for ch in form)
    words = r"\s+".join(re.escape(w) for w in form.split())
    return re.compile(rf"(?<![\w-]){words}s?(?![\w-])", 0 if exact else re.IGNORECASE)  # a plural too ("core groups", "IDVAs")


@lru_cache(maxsize=8)
def _forms(glossary: tuple[Term, ...]) -> tuple[tuple[re.Pattern[str], Term], ...]:
    forms = [(form, t) for t in glossary for form in (t.term, *t.also) if form.strip()]
    forms.sort(key=lambda ft: -len(ft[0]))
    return tuple((_pattern(form), t) for form, t in forms)


def find_terms(text: str, glossary: tuple[Term, ...]) -> list[tuple[int, int, Term]]:
    """Every glossary word in ``text`` as (start, end, term), in order, none overlapping (the longer form first)."""
    if not glossary or not text:
        return []
    taken: list[tuple[int, int, Term]] = []
    for pattern, term in _forms(glossary):
        for m in pattern.finditer(text):
            a, b = m.span()
            if all(b <= x or a >= y for x, y, _ in taken):
                taken.append((a, b, term))
    return sorted(taken, key=lambda hit: hit[0])


def terms_in(texts: Iterable[str], glossary: tuple[Term, ...]) -> list[Term]:
    """The glossary's terms found in ``texts``, each once, in the order first met."""
    seen: dict[str, Term] = {}
    for text in texts:
        for _, _, term in find_terms(text, glossary):
            seen.setdefault(term.term, term)
    return list(seen.values())


def alphabetical(glossary: Sequence[Term]) -> list[Term]:
    return sorted(glossary, key=lambda t: t.term.casefold())
