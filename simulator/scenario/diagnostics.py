"""Author mistakes as data: stable codes, severities and located messages.

A :class:`Diagnostic` is what a trainer sees when a scenario has a problem:
``scenarios/x/episodes/visit.yaml:12:7: error R401 ...``. Codes are stable
(documented in docs/diagnostics.md, each with a bad example under
tests/bad/ that must produce it); messages are written for a trainer,
not a programmer.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import field

from simulator.quickdata import dataclass
from simulator.streams import escaped


class Severity(enum.Enum):
    """How much a diagnostic matters: errors stop a scenario from loading."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Code:
    """A stable diagnostic code with its default severity and one-line title."""

    code: str
    severity: Severity
    title: str


def _codes(*rows: tuple[str, Severity, str]) -> dict[str, Code]:
    return {code: Code(code, sev, title) for code, sev, title in rows}


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note (info)

CODES: dict[str, Code] = _codes(
    # Reading YAML strictly.
    ("Y101", E, "the file is not valid YAML"),
    ("Y102", E, "a key appears twice in the same mapping"),
    ("Y103", E, "YAML anchors and aliases are not allowed"),
    ("Y104", E, "YAML merge keys (<<) are not allowed"),
    ("Y105", E, "YAML tags (!!python/..., !foo) are not allowed"),
    ("Y106", E, "a file holds more than one YAML document"),
    ("Y107", E, "the file is too large"),
    ("Y108", E, "the file nests too deeply"),
    ("Y109", E, "the file is not UTF-8 text"),
    ("Y110", E, "a mapping key is not plain text"),
    ("Y111", E, "the file is empty"),
    ("Y112", E, "the file cannot be read"),
    ("Y113", E, "a number is too large"),
    # Shape of the data (JSON Schema).
    ("S201", E, "a required key is missing"),
    ("S202", E, "a value has the wrong type"),
    ("S203", E, "an unknown key"),
    ("S204", E, "a value is not one of the allowed ones"),
    ("S205", E, "an id is not written as an id"),
    ("S206", E, "a value is out of range"),
    ("S207", E, "a value does not match the scenario format"),
    ("S208", E, "keys that cannot go together"),
    # Files, folders and versions.
    ("F301", E, "no scenario.yaml in the folder"),
    ("F302", E, "unknown format version"),
    ("F303", E, "the path does not exist"),
    ("F304", E, "an episode in the calendar has no file"),
    ("F305", W, "an episode file is not in the calendar"),
    ("F306", E, "an episode is defined twice"),
    ("F307", E, "a YAML file is neither a scenario nor an episode"),
    ("F308", E, "the evidence base (seeds/) cannot be found"),
    ("F309", W, "a picture file named in art.yaml does not exist"),
    ("F310", W, "a picture would take the window too long to draw"),
    ("F311", W, "a file is saved under a name that is not read"),
    ("F312", W, "a picture file is not an SVG the window can read"),
    ("F313", E, "the scenario is far larger than any real case"),
    # References between ids.
    ("R401", E, "a reference to a node that does not exist"),
    ("R402", E, "a reference to a character that does not exist"),
    ("R403", E, "a reference to a dimension that does not exist"),
    ("R404", E, "a reference to a principle that does not exist"),
    ("R405", E, "a reference to a framework tag that does not exist"),
    ("R406", E, "a reference to a milestone that does not exist"),
    ("R407", W, "a mood the character has no art for"),
    ("R408", E, "the player character is not in the cast"),
    ("R409", E, "a {placeholder} in text that names no character"),
    ("R410", N, "a location or character with no art"),
    ("R411", E, "a reference to a source that does not exist"),
    ("R412", E, "a character without trust is given trust"),
    ("R413", W, "art drawn for another scenario"),
    ("R414", W, "a location with no art and no name"),
    ("R415", W, "the player is given trust"),
    ("R416", W, "art for a character who is not in the cast"),
    # The shape of the story graph and calendar.
    ("G501", W, "a node can never be reached"),
    ("G502", E, "a node has no way forward and is not an ending"),
    ("G503", E, "no ending can be reached"),
    ("G504", E, "episodes are out of calendar order"),
    ("G505", E, "a node id is also an episode id"),
    ("G506", E, "an id is used twice"),
    ("G507", E, "the story loops back on itself with no way out"),
    ("G508", E, "a node has more than one kind of way out"),
    ("G509", W, "a route option can never be taken"),
    ("G510", W, "a statutory milestone is scheduled after its due date"),
    ("G511", E, "a decision can be left with no option to take"),
    ("G512", W, "an `otherwise` option can never be offered"),
    ("G513", W, "a milestone is due after one held only later, so its due date never applies"),
    ("G514", W, "two episodes on one route hold the same milestone"),
    # Conditions.
    ("C601", E, "a condition cannot be read"),
    ("C602", E, "a condition names something that does not exist"),
    ("C603", W, "a condition reads a flag that nothing sets"),
    ("C604", W, "a condition compares values of different kinds"),
    ("C605", W, "a flag is set to yes, no, on or off, which are text"),
    ("C606", W, "a condition can never hold"),
    ("C607", W, "a flag is set to text that reads like a sum, which is never worked out"),
    # Text.
    ("T801", W, "a character the window's font cannot draw"),
    # Who is on stage.
    ("P901", W, "a speaker is neither on stage nor heard"),
    ("P902", E, "an exit or move of someone who is not there"),
    ("P903", W, "an entrance of someone already on stage"),
    ("P904", E, "a pose the character has no art for"),
    ("P905", E, "someone who cannot be held"),
    ("P906", E, "someone on stage in a part the words keep them out of"),
    ("P907", W, "`children` in `excluded` names nobody"),
    ("P908", W, "the worker the trainee plays is put on stage"),
    ("P909", W, "someone too old to be carried is held in someone's arms"),
    # The rubric.
    ("Q701", E, "a scored choice cites no principle"),
    ("Q702", W, "a scored choice has no feedback"),
    ("Q703", N, "a decision offers no enabler option"),
)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located problem: ``file:line:col: severity CODE message``.

    ``line`` and ``col`` are 1-based; 0 means "the whole file".
    """

    code: str
    message: str
    file: str = ""
    line: int = 0
    col: int = 0
    severity: Severity = field(default=Severity.ERROR)
    suggestion: str | None = None

    @property
    def location(self) -> str:
        if not self.file:
            return "<input>"
        if self.line:
            return f"{self.file}:{self.line}:{self.col or 1}"
        return self.file

    def render(self) -> str:
        """The one-line form editors and terminals understand."""
        text = f"{self.location}: {self.severity.value} {self.code} {self.message}"
        if self.suggestion:
            text += f" ({self.suggestion})"
        return escaped(text)  # a path or a quoted id holding a line break or a terminal escape stays on its line

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "suggestion": self.suggestion,
        }


def make(
    code: str,
    message: str,
    file: str = "",
    pos: tuple[int, int] | None = None,
    suggestion: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """Build a diagnostic with the code's default severity."""
    line, col = pos if pos else (0, 0)
    return Diagnostic(
        code=code,
        message=message,
        file=file,
        line=line,
        col=col,
        severity=severity or CODES[code].severity,
        suggestion=suggestion,
    )


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A "did you mean `x`?" suggestion, or None when nothing is close (``cutoff``: how close, 0 to 1)."""
    import difflib  # here: a suggestion is needed only when something is wrong

    choices = sorted({o for o in options if isinstance(o, str)})
    close = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if not close and isinstance(word, str):
        lowered = word.lower()
        close = [c for c in choices if c.lower() == lowered]
    return f"did you mean `{close[0]}`?" if close else None


def _tag_parts(tag: str) -> tuple[str, str] | None:
    """``kssa-5`` -> (``kssa``, ``5``); a tag written without its hyphen (``kssa5``) too; None for anything else."""
    import re

    m = re.fullmatch(r"([a-z]+(?:-[a-z]+)*?)-?([0-9]+(?:\.[0-9]+)*)", tag)
    return (m[1], m[2]) if m else None


def _number_key(tag: str) -> tuple[int, ...]:
    parts = _tag_parts(tag)
    return tuple(int(n) for n in parts[1].split(".")) if parts else ()


def suggest_tag(word: str, tags: Iterable[str]) -> str | None:
    """A suggestion for a framework tag that is not there, keeping to the framework its letters name.

    ``kssa-9`` in a case whose ``kssa`` stops at 8 is told the ``kssa`` tags,
    not offered the children's ``kss-9`` because the letters are close.
    """
    import difflib

    ids = sorted({t for t in tags if isinstance(t, str)})
    parts = _tag_parts(word) if isinstance(word, str) else None
    family = [t for t in ids if parts is not None and (p := _tag_parts(t)) is not None and p[0] == parts[0]]
    if parts is None or not family:
        return did_you_mean(word, ids)
    exact = f"{parts[0]}-{parts[1]}"
    if exact in family:
        return f"did you mean `{exact}`?"
    numbers = {_tag_parts(t)[1]: t for t in family}  # type: ignore[index]
    close = difflib.get_close_matches(parts[1], list(numbers), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{numbers[close[0]]}`?"
    family.sort(key=_number_key)
    listed = ", ".join(f"`{t}`" for t in family) if len(family) <= 4 else f"`{family[0]}` to `{family[-1]}`"
    return f"the `{parts[0]}` tags in the evidence base are {listed}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.file, d.line, d.col, d.code)


MAX_SAME = 20  # problems of one code listed for one file; the rest are counted on one line


class Capped(list[Diagnostic]):
    """One file's problems: at most :data:`MAX_SAME` of each code, then (after :meth:`close`) one line counting the rest.

    400,000 aliases in a 1.6 MB file were 400,000 lines, 400 MB and 40 seconds; a flood of one mistake
    says no more than its first few and how many there were.
    """

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file
        self.counts: dict[str, int] = {}

    def append(self, diagnostic: Diagnostic, /) -> None:
        n = self.counts[diagnostic.code] = self.counts.get(diagnostic.code, 0) + 1
        if n <= MAX_SAME:
            super().append(diagnostic)

    def over(self, code: str) -> bool:
        """Whether a problem of ``code`` would not be listed (it is counted): the caller need not even make it."""
        if self.counts.get(code, 0) < MAX_SAME:
            return False
        self.counts[code] += 1
        return True

    def close(self) -> None:
        for code, n in self.counts.items():
            if n > MAX_SAME:
                super().append(make(code, f"{n - MAX_SAME} more like these in this file (the first {MAX_SAME} are listed)", self.file))
