"""Wording every output shares: a number with its sign, a label inside a sentence, and a stored time read back.

The window, the HTML report, the terminal and ``doorstep analyze`` all show
score changes; they write them one way. A true minus sign reads better and
is announced as "minus" by screen readers; plain-text outputs that must
stay ASCII (transcripts, the analysis printout) pass ``minus="-"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

MINUS = "\u2212"


def stored_time(text: object) -> datetime | None:
    """An ISO time kept in a record, a store or a session (``2026-03-02T09:00:00+00:00``), or None if it is not one
    Doorstep can show: not text, not ISO, or within a day of year 1 or 9999, where moving it to UTC or to this
    machine's time zone (``astimezone``) would leave the calendar with OverflowError (a store or export edited by hand)."""
    if not isinstance(text, str):
        return None
    from datetime import datetime, timedelta  # here: the window's first frame imports this module and needs no dates

    try:
        when = datetime.fromisoformat(text)
        _ = (when - timedelta(days=2), when + timedelta(days=2))  # room for any zone's offset (at most a day) either way
    except (ValueError, OverflowError):
        return None
    return when


def signed(value: int, minus: str = MINUS) -> str:
    """A number with its sign: "+2", "0", "−1"."""
    return f"+{value}" if value > 0 else f"{minus}{-value}" if value < 0 else "0"


def in_sentence(label: str, proper: frozenset[str] = frozenset()) -> str:
    """A label inside a sentence: "Tone" reads "tone", but "Kai's own voice", "KSS evidence" and "Mr Bell's trust"
    keep their capitals (a name, an initialism, or a word in ``proper``, such as the cast's names), and so does a
    label written as a proper name, every word capitalised ("Child First", "Making Safeguarding Personal")."""
    first, *rest = label.split(" ")
    base = first[:-2] if first.endswith(("'s", "\u2019s")) else first
    if len(first) < 2 or not first[0].isupper() or not first[1:].islower() or base in proper:
        return label
    titled = [word for word in rest if len(word) > 3]  # "of", "and", "the" stay small in a title
    if titled and all(word[:1].isupper() for word in titled):
        return label
    return label[0].lower() + label[1:]


def count(n: int, word: str) -> str:
    """A number with its word, singular or plural: "1 error", "3 errors"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def numbers_to_press(n: int) -> str:
    """The number keys for ``n`` options, as a sentence says them: "1", "1 or 2", "1 to 5"."""
    return "1" if n <= 1 else "1 or 2" if n == 2 else f"1 to {n}"
