"""A source cited in a line: "Ferguson et al. (2020)", "Munro (2011)", "Children Act 1989".

Pure Python. One rule for every place a source is cited short (the coach's
feedback card, a decision's "Rests on:", the debrief and the exported
report), so a trainee sees the same words for the same source everywhere:

- research and guidance by their authors' surnames (one, two, or the first
  and "et al."), else by the body that published them, and the year;
- legislation and case law by their title, which already carries its year
  ("Domestic Abuse Act 2021", "A Local Authority v JB [2021] UKSC 52"), never
  by the publisher (every Act would read "UK Parliament");
- anything longer than :data:`LONGEST` characters cut at a word with an
  ellipsis (the Sources list has it in full).
"""

from __future__ import annotations

import re

from simulator.scenario.model import Source

LONGEST = 48
BY_TITLE = frozenset({"legislation", "case-law"})


def short_authors(authors: str) -> str:
    """"Ferguson, H., Warwick, L., Disney, T." as "Ferguson et al."; two authors as "Weld and Greening"."""
    names = [n.strip() for n in re.split(r"(?<=\.),\s*", authors) if n.strip()]
    surnames = [n.split(",")[0].strip() for n in names if not n.startswith("et al")]
    if not surnames:
        return authors
    if len(names) > 2 or "et al" in authors:
        return f"{surnames[0]} et al."
    return " and ".join(surnames)


def _law_title(title: str) -> str:
    """An Act or a judgment by its name: a trailing chapter or SI number in brackets is left to the Sources list."""
    bare = re.sub(r"\s*\((?:\d{4} c\. ?\d+|SI \d{4}/\d+)\)", "", title).strip()
    return bare or title


def _cut(text: str) -> str:
    if len(text) <= LONGEST:
        return text
    return text[:LONGEST].rsplit(" ", 1)[0].rstrip(" ,;:(") + "\u2026"


def short_cite(source: Source) -> str:
    """The source in a few words, the same wherever it is cited."""
    year = source.date[:4] if source.date else ""
    if source.kind in BY_TITLE:
        title = _cut(_law_title(source.title))
        return title if not year or year in title else f"{title} ({year})"
    if source.authors:
        who = short_authors(source.authors)
    else:
        who = source.publisher or source.title
        if len(who) > LONGEST:  # a long corporate author: the part before its brackets
            who = who.split(" (")[0]
    who = _cut(who)
    return f"{who} ({year})" if year else who


#: Said beside a short citation when the source was not read in full (nothing for one that was).
NOT_READ = {"abstract": "from a summary", "sector-knowledge": "from professional knowledge"}


def with_check(short: str, evidence: str) -> str:
    """``short`` with how far its source was checked: "Munro (2011, from a summary)"; unchanged when it was read in full."""
    note = NOT_READ.get(evidence)
    if note is None:
        return short
    return f"{short[:-1]}, {note})" if short.endswith(")") else f"{short} ({note})"
