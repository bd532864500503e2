"""The case's glossary: finding its words in what is shown, so the window can mark them and explain them.

Pure Python. A scenario declares its glossary (``glossary:`` in
scenario.yaml: a term, its plain meaning, and other ways the case writes it).
A term written with capitals (IDVA, MARAC, Operation Encompass) is found only
as written; any other (core group, s47, section 47 enquiry) in any case, and
with its plural ("core groups", "section 47 enquiries"). Only whole words
count ("PLO" is not found in "PLOT"), and where two forms overlap the longer
wins ("initial child protection conference" over "child protection").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from simulator.scenario.model import Term


def _pattern(form: str) -> re.Pattern[str]:
    exact = any(ch.isupper() for ch in form)  # IDVA, MARAC, Operation Encompass as written; s47, section 47 at a sentence's start too
    words = r"\s+".join(re.escape(w) for w in form.split())
    plural = "s?"  # a plural too ("core groups", "IDVAs")
    if not exact and len(form) > 2 and form[-1] in "yY" and form[-2].lower() not in "aeiou":
        words, plural = words[:-1], "(?:y|ies)"  # "section 47 enquiries" for "section 47 enquiry"
    return re.compile(rf"(?<![\w-]){words}{plural}(?![\w-])", 0 if exact else re.IGNORECASE)


@lru_cache(maxsize=8)
def _forms(glossary: tuple[Term, ...]) -> tuple[tuple[re.Pattern[str], Term], ...]:
    forms = [(form, t) for t in glossary for form in (t.term, *t.also) if form.strip()]
    forms.sort(key=lambda ft: -len(ft[0]))
    return tuple((_pattern(form), t) for form, t in forms)


def find_terms(text: str, glossary: tuple[Term, ...]) -> list[tuple[int, int, Term]]:
    """Every glossary word in ``text`` as (start, end, term), in order, none overlapping (the longer form first)."""
    if not glossary or not text:
        return []
    return list(_find(text, glossary))


@lru_cache(maxsize=256)
def _find(text: str, glossary: tuple[Term, ...]) -> tuple[tuple[int, int, Term], ...]:
    # The window asks again for the same line at every page and every frame that lays it out: remembered, a
    # long line is searched once, not once a frame.
    taken: list[tuple[int, int, Term]] = []
    for pattern, term in _forms(glossary):
        for m in pattern.finditer(text):
            a, b = m.span()
            if all(b <= x or a >= y for x, y, _ in taken):
                taken.append((a, b, term))
    return tuple(sorted(taken, key=lambda hit: hit[0]))


def terms_in(texts: Iterable[str], glossary: tuple[Term, ...]) -> list[Term]:
    """The glossary's terms found in ``texts``, each once, in the order first met."""
    seen: dict[str, Term] = {}
    for text in texts:
        for _, _, term in find_terms(text, glossary):
            seen.setdefault(term.term, term)
    return list(seen.values())


def alphabetical(glossary: Sequence[Term]) -> list[Term]:
    return sorted(glossary, key=lambda t: t.term.casefold())
