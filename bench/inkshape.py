"""A Doorstep scenario written as ink, node for node, for the side-by-side benchmark (bench/bench_ink.py).

``to_ink(scenario)`` returns ink source with the same shape as the scenario:
one knot per episode and one stitch per node, each stitch holding the node's
narration and lines (a line's ``when`` as an ink conditional), its effects as
variable assignments, and its one way out: sticky choices (``+``, with their
``when`` as a choice condition, their effects, the chosen flag, the last path
and their feedback), a route as conditional diverts (a ``chance`` as
``RANDOM``), a ``next`` divert, or an ending and ``-> END``. Conditions are
translated token for token: ``trust.fiona`` becomes the variable
``trust_fiona``, ``seen.node`` the stitch's read count, ``'text'`` a string.

It is a benchmark's fixture, not an exporter: the stage directions, the case
calendar and the scoring rules are not carried over, since ink has no such
things; what matters is that ink's compiler, loader and runtime meet the same
number of nodes, words, choices and conditions as Doorstep's.

Run as a script: ``python bench/inkshape.py SCENARIO_FOLDER OUT.ink``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from simulator.scenario.conditions import tokens  # noqa: E402
from simulator.scenario.model import Choice, Line, Node, Scenario  # noqa: E402

#: Characters ink gives a meaning to somewhere in a line; each is written with a backslash before it.
_SPECIAL = set("\\{}[]|#/~*+-<>=:")


def ident(text: str) -> str:
    """An ink name for a Doorstep id (lowercase letters, digits and single hyphens; so this is one to one)."""
    return text.replace("-", "_")


def group(expression: str) -> str:
    """An expression bracketed to combine with others; a lone name is left bare, since `(name)` is an ink list literal."""
    return f"({expression})" if " " in expression else expression


def escape(text: str) -> str:
    """Text ink prints as written: every character with a meaning to ink is escaped."""
    return "".join(f"\\{ch}" if ch in _SPECIAL else ch for ch in text)


class _Writer:
    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario
        self.out: list[str] = []
        self.local = {ep.id: {nid.partition(".")[2] for nid in ep.nodes} for ep in scenario.episodes}
        self.starts = {ep.id: ep.start for ep in scenario.episodes}
        self.episode_at_start = {ep.start: ep for ep in scenario.episodes}

    def target(self, qualified: str) -> str:
        episode, _, node = qualified.partition(".")
        return f"e_{ident(episode)}.n_{ident(node)}"

    def seen(self, member: str, episode: str) -> str:
        if "." in member:
            return self.target(member)
        if member in self.local.get(episode, ()):
            return self.target(f"{episode}.{member}")
        return self.target(self.starts.get(member, f"{episode}.{member}"))

    def condition(self, text: str, episode: str) -> str:
        """A Doorstep condition in ink's expression syntax."""
        words: list[str] = []
        for kind, value, _col in tokens(text):
            if kind == "end":
                break
            if kind == "name":
                root, _, member = value.partition(".")
                words.append(self.seen(member, episode) if root == "seen" else f"{root}_{ident(member)}")
            elif kind == "str":
                words.append('"' + value[1:-1].replace('"', "") + '"')
            elif kind == "time":
                hours, _, minutes = value.partition(":")
                words.append(str(int(hours) * 60 + int(minutes)))
            else:
                words.append(value)
        text = " ".join(words)
        # A bracket first would read as an ink list literal: `(flag_x)` is a list of one item.
        return f"true and {text}" if text.startswith("(") else text

    def line(self, text: str) -> None:
        for part in text.splitlines():
            if part.strip():
                self.out.append(escape(part.strip()))

    def assign(self, name: str, value: Any) -> None:
        shown = ("true" if value else "false") if isinstance(value, bool) else (f'"{value}"' if isinstance(value, str) else str(value))
        self.out.append(f"~ {name} = {shown}")

    def add(self, name: str, amount: int) -> None:
        if amount:
            self.out.append(f"~ {name} = {name} + {amount}")

    def effects(self, effects: tuple[tuple[str, int], ...], trust: tuple[tuple[str, int], ...], flags: tuple[tuple[str, Any], ...], minutes: int) -> None:
        for dim, amount in effects:
            self.add(f"score_{ident(dim)}", amount)
        for who, amount in trust:
            self.add(f"trust_{ident(who)}", amount)
        for flag, value in flags:
            self.assign(f"flag_{ident(flag)}", value)
        self.add("clock_time", minutes)

    def spoken(self, line: Line, episode: str) -> None:
        who = self.s.characters[line.speaker].short + ": " if line.speaker in self.s.characters else ""
        cue = f"({line.cue}) " if line.cue else ""
        text = escape(" ".join(f"{who}{cue}{line.text}".split()))
        self.out.append(f"{{{self.condition(line.when.source, episode)}: {text}}}" if line.when is not None else text)

    def choice(self, c: Choice, others: list[Choice], episode: str) -> None:
        if c.when is not None:
            test = self.condition(c.when.source, episode)
        elif c.otherwise:
            conds = [group(self.condition(o.when.source, episode)) for o in others if o.when is not None and not o.otherwise]
            test = " and ".join(f"not {x}" for x in conds)
        else:
            test = ""
        guard = f"{{{test}}} " if test else ""
        self.out.append(f"+ {guard}[{escape(' '.join(c.text.split()))}]")
        self.effects(c.effects, c.trust, c.flags, c.minutes)
        self.assign(f"chose_{ident(c.id)}", True)
        self.assign("last_path", c.path)
        for dim in self.s.dimensions:
            self.assign(f"last_{ident(dim)}", c.effect(dim))
        if c.feedback:
            self.line(c.feedback)
        self.out.append(f"  -> {self.target(c.next)}")

    def node(self, n: Node) -> None:
        episode, _, local = n.id.partition(".")
        self.out.append(f"= n_{ident(local)}")
        ep = self.episode_at_start.get(n.id)
        if ep is not None:
            self.assign("clock_day", ep.day)
            self.assign("clock_time", ep.time)
            if ep.milestone:
                self.assign(f"held_{ident(ep.milestone)}", True)
            self.out.append(escape(ep.title))
        self.effects(n.effects, n.trust, n.flags, n.minutes)
        if n.narration:
            self.line(n.narration)
        for ln in n.lines:
            self.spoken(ln, episode)
        if n.choices:
            for c in n.choices:
                self.choice(c, list(n.choices), episode)
        elif n.route:
            for r in n.route:
                tests = []
                if r.chance is not None:
                    tests.append(f"RANDOM(1, 100) <= {round(r.chance * 100)}")
                if r.when is not None:
                    tests.append(group(self.condition(r.when.source, episode)) if tests else self.condition(r.when.source, episode))
                self.out.append(f"{{{' and '.join(tests)}: -> {self.target(r.next)}}}" if tests else f"-> {self.target(r.next)}")
        elif n.next is not None:
            self.out.append(f"-> {self.target(n.next)}")
        elif n.ending is not None:
            self.line(n.ending.title)
            self.line(n.ending.text)
            self.out.append("-> END")
        else:
            self.out.append("-> END")
        self.out.append("")

    def variables(self) -> None:
        s = self.s
        flags: dict[str, Any] = {}
        for n in s.nodes.values():
            for flag, value in (*n.flags, *(f for c in n.choices for f in c.flags)):
                flags.setdefault(flag, value)
            placings = [*n.stage.placings(), *(p for ln in n.lines for p in ln.stage.placings())]
            conditions = [x.when for x in (*n.lines, *n.choices, *n.route, *placings)]
            for when in conditions:
                for kind, value, _col in tokens(when.source) if when is not None else ():
                    if kind == "name" and value.startswith("flag."):
                        flags.setdefault(value.partition(".")[2], False)  # read but never set: false, as in Doorstep
        declared = [
            *(f"trust_{ident(c.id)} = {c.trust}" for c in s.cast if c.trust is not None),
            *(f"score_{ident(d)} = 0" for d in s.dimensions),
            *(f"last_{ident(d)} = 0" for d in s.dimensions),
            *(f"flag_{ident(f)} = {'false' if isinstance(v, bool) else ('0' if isinstance(v, int) else chr(34) * 2)}" for f, v in flags.items()),
            *(f"chose_{ident(cid)} = false" for cid in s.choice_by_id),
            *(f"held_{ident(m.id)} = false" for m in s.milestones),
            *(f"overdue_{ident(m.id)} = 0" for m in s.milestones),
            'last_path = ""',
            "clock_day = 0",
            "clock_month = 0",
            "clock_time = 0",
            "clock_late = 0",
            "clock_phoned = false",
        ]
        self.out.extend(f"VAR {d}" for d in declared)
        self.out.append(f"-> {self.target(s.start)}")
        self.out.append("")

    def write(self) -> str:
        self.variables()
        for ep in self.s.episodes:
            self.out.append(f"=== e_{ident(ep.id)} ===")
            for nid in ep.nodes:
                self.node(self.s.nodes[nid])
        return "\n".join(self.out) + "\n"


def to_ink(scenario: Scenario) -> str:
    """The scenario as ink source, one knot per episode and one stitch per node."""
    return _Writer(scenario).write()


if __name__ == "__main__":
    from simulator.scenario import load_scenario

    result = load_scenario(sys.argv[1])
    if result.scenario is None:
        raise SystemExit(f"{sys.argv[1]} does not load; run doorstep validate on it")
    Path(sys.argv[2]).write_text(to_ink(result.scenario), encoding="utf-8")
