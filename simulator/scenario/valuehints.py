"""What a trainer most likely meant by a time, a date or a framework tag written another way.

Doorstep reads times as ``"HH:MM"`` (24-hour), dates as ``"YYYY-MM-DD"`` and
framework tags as ``letters-number``. People write ``9:30``, ``3pm``,
``15.20``, ``21/09/2026`` or ``kssa5``; a message that only repeats the
rule leaves them guessing which part is wrong, so each function here gives
the value written the way Doorstep reads it, or None when there is no one
obvious reading (``25:00``, ``noon-ish``).
"""

from __future__ import annotations

import datetime as _dt
import re

_TIME = re.compile(r"(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?(?::\d{2})?\s*([ap])?\.?\s*(?:m\.?)?")
_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}


def time_meant(value: object) -> str | None:
    """``9:30`` -> ``09:30``, ``3pm`` -> ``15:00``, ``3:20 p.m.`` -> ``15:20``, ``15.20`` -> ``15:20``; None if unclear."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip().lower()
    if text in _WORDS:
        return _WORDS[text]
    m = _TIME.fullmatch(text)
    if m is None:
        if isinstance(value, int) or text.isdigit():  # 930 or 1520, written without a colon
            digits = text.zfill(4)
            if len(digits) == 4:
                return _hhmm(int(digits[:2]), int(digits[2:]))
        return None
    hour, minutes, half = int(m[1]), int(m[2] or 0), m[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    elif m[2] is None:
        return None  # a bare "9": morning or evening?
    return _hhmm(hour, minutes)


def _hhmm(hour: int, minutes: int) -> str | None:
    return f"{hour:02d}:{minutes:02d}" if 0 <= hour <= 23 and 0 <= minutes <= 59 else None


def date_meant(value: object) -> str | None:
    """``21/09/2026`` or ``21.9.2026`` (day first, as written in the UK) -> ``2026-09-21``; None if it is no date."""
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*", value)
    if m is None:
        return None
    try:
        return _dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    except ValueError:
        return None


def tag_meant(value: object) -> str | None:
    """``kssa5`` -> ``kssa-5``, ``PCF 7`` -> ``pcf-7``, ``swe_2.3`` -> ``swe-2.3``; None if it does not look like a tag."""
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"\s*([A-Za-z]+(?:[-_ ][A-Za-z]+)*)[-_ ]*([0-9]+(?:\.[0-9]+)*)\s*", value)
    if m is None:
        return None
    meant = f"{re.sub(r'[_ ]', '-', m[1].lower())}-{m[2]}"
    return meant if meant != value else None


def time_in_condition(text: str) -> str | None:
    """A time of day written with am or pm in a condition (`clock.time > 3pm`): the 24-hour time to write instead."""
    found = re.search(r"(?<![\w.])(\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b\.?)", text, re.IGNORECASE)
    meant = time_meant(found[1]) if found else None
    return f"`{found[1]}` is written `{meant}`" if found and meant else None


_DURATION = re.compile(r"(?:(\d+)\s*(?:h|hr|hrs|hour|hours)\s*)?(?:(\d+)\s*(?:m|min|mins|minute|minutes)?)?")


def number_meant(key: object, value: object) -> str | None:
    """What to write for a whole number given as text: `minutes: "20 mins"` or `1h` (-> 20, 60), the same for
    `estimated_minutes`, a date or a month
    for an episode's `day` (a working-day count), `age: "sixteen"` or `"16-21"` (one age). None for any other key."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if key in ("minutes", "estimated_minutes"):
        m = _DURATION.fullmatch(text)
        if m is None or not (m[1] or m[2]):
            return None
        return f"minutes are a whole number, without quotes or a unit: `{int(m[1] or 0) * 60 + int(m[2] or 0)}`"
    if key == "day":
        return "`day` counts working days from the referral, which is day 0, as a number: about 21 a month, 253 a year"
    if key == "age":
        first = re.search(r"\d+", text)
        end = f" (`{first[0]}`)" if first else ""
        return f"an age is one whole number, without quotes: the age at the referral{end}"
    return None


_FALSE_WORDS = frozenset({"no", "n", "off", "false"})
_TRUTH_WORDS = _FALSE_WORDS | {"yes", "y", "on", "true"}
_READS = re.compile(r"\b(?:flag|score|trust|clock|seen|chose|held|overdue|last)\.[a-z]")


def flag_text(flag: str, value: object) -> tuple[str, str, str] | None:
    """(code, message, what to write) for a flag set to text that reads as something else, or None.

    `yes` and `no` are text, and any text counts as set (C605); `"flag.topics + 1"` is text too: a flag holds the
    value written, and is never worked out, so a count kept that way never counts (C607).
    """
    if not isinstance(value, str):
        return None
    if value.lower() in _TRUTH_WORDS:
        meant = "false" if value.lower() in _FALSE_WORDS else "true"
        return ("C605", f"the flag `{flag}` is set to the text `{value}`, and any text counts as set, so `flag.{flag}` is true here", f"write {meant}, without quotes")
    if _READS.search(value):
        return (
            "C607",
            f"the flag `{flag}` is set to the text `{value}`: a flag holds the value written, never a sum worked out, so it cannot count",
            "to count what happened, set one flag for each thing, such as `talked-money: true`, and add them in the condition: `flag.talked-money + flag.talked-home >= 2`",
        )
    return None
