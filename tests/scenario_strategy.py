"""A Hypothesis strategy for random valid scenarios of any shape, and the checks every one must pass.

:func:`scenarios` draws a whole scenario folder: several episodes on a
week-scale or year-scale calendar (bank holidays, an appointment and
lateness, statutory milestones with working-day and month due rules,
postponements), its own rubric of one to four dimensions, a cast with and
without trust, moods and demeanour, decisions with conditional options
(covered by an ``otherwise`` or by complementary conditions), routes on
trust, scores, flags of three kinds, choices made, nodes seen, milestones
held and the clock, chance, node effects, safety errors, placeholders, a hub
written as a loop (each topic offered once, and a way out), and
sometimes its own evidence layer. Everything it draws is valid by
construction, so the loader must accept it without an error or a warning.

:func:`check_runnable` is the invariant the issue asks for: a scenario that
validates clean plays to an ending under every policy and a hundred seeds,
and analysis, the graph, the report, the debrief, the watch reels, the
spread of random play and play-from-a-node all run without an exception.
The suite runs a bounded slice (tests/test_generated_scenarios.py); the
long slice is ``make fuzz`` (bench/fuzz_scenarios.py).
"""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "fixtures" / "seeds"

DIMENSIONS = ["tone", "timeliness", "honesty", "candour", "reliability", "voice", "patience", "person-centred"]
PEOPLE = ["ann", "bo", "cy", "dee", "eli", "fay"]
MOODS = ["calm", "wary", "upset", "warm"]
SHARED_PRINCIPLES = ["be-on-time", "explain-role"]
PATHS = ["enabler", "barrier", "other"]


@dataclass
class Generated:
    """A drawn scenario: its files by path relative to the scenario folder, and what it was drawn to be."""

    files: dict[str, str]
    scale: str
    episodes: int
    own_evidence: bool
    notes: list[str] = field(default_factory=list)

    def write(self, root: Path) -> Path:
        """Write it under ``root`` (with the tests' evidence base as ``root/seeds``); the scenario folder."""
        shutil.copytree(SEEDS, root / "seeds", dirs_exist_ok=True)
        folder = root / "case"
        for rel, text in self.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return folder


def _dump(data: Any) -> str:
    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000))


class _Draw:
    """The state of one draw: names in use so far, so that every reference resolves and every condition is readable."""

    def __init__(self, draw: Any, dims: list[str], cast: dict[str, dict[str, Any]], principles: list[str], tags: list[str]) -> None:
        self.draw = draw
        self.dims = dims
        self.cast = cast
        self.trusting = [c for c, d in cast.items() if "trust" in d]
        self.principles = principles
        self.tags = tags
        self.flags: dict[str, str] = {}  # name -> kind: bool, int or text
        self.flag_texts: dict[str, list[str]] = {}
        self.choices: list[str] = []
        self.nodes: list[str] = []
        self.milestones: list[str] = []
        self.count = 0

    def pick(self, items: list[Any]) -> Any:
        return self.draw(st.sampled_from(items))

    def maybe(self, p: float = 0.5) -> bool:
        return bool(self.draw(st.floats(0, 1)) < p)

    def fresh(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}-{self.count}"

    # -- conditions -----------------------------------------------------------------
    def atom(self) -> str:
        kinds = ["score", "clock"]
        if self.trusting:
            kinds.append("trust")
        if self.flags:
            kinds.append("flag")
        if self.choices:
            kinds.append("chose")
        if self.nodes:
            kinds.append("seen")
        if self.milestones:
            kinds.append("held")
        kind = self.pick(kinds)
        op = self.pick([">=", "<", ">", "<=", "==", "!="])
        if kind == "trust":
            return f"trust.{self.pick(self.trusting)} {op} {self.draw(st.integers(0, 100))}"
        if kind == "score":
            return f"score.{self.pick(self.dims)} {op} {self.draw(st.integers(-6, 6))}"
        if kind == "clock":
            member = self.pick(["day", "month", "late", "time", "phoned"])
            if member == "phoned":
                return self.pick(["clock.phoned", "not clock.phoned"])
            if member == "time":
                return f"clock.time {op} {self.draw(st.integers(7, 18)):02d}:{self.pick(['00', '30'])}"
            return f"clock.{member} {op} {self.draw(st.integers(0, 40))}"
        if kind == "flag":
            name = self.pick(sorted(self.flags))
            if self.flags[name] == "bool":
                return self.pick([f"flag.{name}", f"not flag.{name}"])
            if self.flags[name] == "int":
                return f"flag.{name} {op} {self.draw(st.integers(0, 3))}"
            return f"flag.{name} {self.pick(['==', '!='])} '{self.pick(self.flag_texts[name])}'"
        if kind == "chose":
            return self.pick([f"chose.{self.pick(self.choices)}", f"not chose.{self.pick(self.choices)}"])
        if kind == "seen":
            return f"seen.{self.pick(self.nodes)}"
        name = self.pick(self.milestones)
        return self.pick([f"held.{name}", f"overdue.{name} > 0"])

    def condition(self) -> str:
        parts = [self.atom() for _ in range(self.draw(st.integers(1, 2)))]
        if len(parts) == 1:
            return parts[0]
        return f"{parts[0]} {self.pick(['and', 'or'])} {parts[1]}"

    # -- content ----------------------------------------------------------------------
    def lines(self, present: list[str]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for _ in range(self.draw(st.integers(0, 2))):
            line: dict[str, Any] = {"text": f"Something is said about {{{self.pick(list(self.cast))}}}."}
            if present and self.maybe(0.7):
                speaker = self.pick(present)
                line["speaker"] = speaker
                moods = self.cast[speaker].get("moods")
                if moods and self.maybe(0.4):
                    line["mood"] = self.pick(moods)
                if self.maybe(0.3):
                    line["cue"] = "looks at the floor"
            if self.maybe(0.25):
                line["when"] = self.condition()
            out.append(line)
        return out

    def set_flag(self) -> dict[str, Any]:
        name = self.pick(["promised", "read-file", "walked-out", "count", "mood", "plan"])
        kind = {"promised": "bool", "read-file": "bool", "walked-out": "bool", "count": "int", "plan": "int", "mood": "text"}[name]
        self.flags[name] = kind
        if kind == "bool":
            return {name: self.maybe(0.8)}
        if kind == "int":
            return {name: self.draw(st.integers(0, 3))}
        value = self.pick(["calm", "cross", "quiet"])
        self.flag_texts.setdefault(name, []).append(value)
        return {name: value}

    def choice(self, path: str, target: str, episode_index: int) -> dict[str, Any]:
        cid = self.fresh("c")
        c: dict[str, Any] = {"id": cid, "text": f"Option {cid} for {{{self.pick(list(self.cast))}}}", "path": path}
        if self.maybe(0.7):
            dim = self.pick(self.dims)
            sign = 1 if path == "enabler" else -1 if path == "barrier" else self.pick([1, -1])
            c["effects"] = {dim: sign * self.draw(st.integers(1, 3))}
            if self.maybe(0.3):  # now and then a second dimension
                c["effects"].setdefault(self.pick(self.dims), sign * self.draw(st.integers(1, 3)))
            c["feedback"] = f"Why {cid} lands as it does."
            c["principles"] = [self.pick(self.principles)]
            if self.tags and self.maybe(0.5):
                c["tags"] = [self.pick(self.tags)]
        if self.trusting and self.maybe(0.6):
            c["trust"] = {self.pick(self.trusting): self.draw(st.integers(-20, 20))}
        if self.maybe(0.3):
            c["flags"] = self.set_flag()
        if self.maybe(0.5):
            c["minutes"] = self.draw(st.integers(0, 60))
        if episode_index > 0 and self.maybe(0.05):
            c["days"] = self.draw(st.integers(1, 5))
        if self.maybe(0.1):
            c["phones_ahead"] = True
        if path == "barrier" and self.maybe(0.1):
            c["safety"] = "Something was put at risk by this."
        c["next"] = target
        return c

    def options(self, targets: list[str], episode_index: int) -> list[dict[str, Any]]:
        """A decision's options, covering every target, with conditional options made safe one of three ways."""
        n = max(len(targets), self.draw(st.integers(2, 4)))
        paths = ["enabler", *[self.pick(PATHS) for _ in range(n - 1)]]
        opts = [self.choice(paths[i], targets[i % len(targets)], episode_index) for i in range(n)]
        style = self.draw(st.integers(0, 3))
        if style == 1:  # some conditional, one open
            for o in opts[1:]:
                if self.maybe(0.5):
                    o["when"] = self.condition()
        elif style == 2:  # every one conditional, and an otherwise
            for o in opts:
                o["when"] = self.condition()
            extra = self.choice("other", targets[0], episode_index)
            extra["otherwise"] = True
            opts.append(extra)
        elif style == 3:  # complementary conditions the loader can prove cover every state
            cond = self.atom()
            opts[0]["when"] = cond
            opts[1]["when"] = f"not ({cond})"
        return opts


@st.composite
def scenarios(draw: Any) -> Generated:
    """A random valid scenario folder (see the module docstring)."""
    dims = draw(st.lists(st.sampled_from(DIMENSIONS), min_size=1, max_size=4, unique=True))
    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True))
    cast: dict[str, dict[str, Any]] = {"worker": {"id": "worker", "name": "Sam Taylor", "role": "Social worker"}}
    for p in people:
        c: dict[str, Any] = {"id": p, "name": f"{p.capitalize()} Person", "role": "Someone in the case"}
        if draw(st.booleans()) or p == people[0]:
            c["trust"] = draw(st.integers(0, 100))
        if draw(st.booleans()):
            c["moods"] = draw(st.lists(st.sampled_from(MOODS), min_size=1, max_size=3, unique=True))
            if "trust" in c and draw(st.booleans()):
                c["demeanour"] = [{"from": 0, "mood": c["moods"][0]}, {"from": 60, "mood": c["moods"][-1]}]
        cast[p] = c
    own = draw(st.booleans())
    principles = list(SHARED_PRINCIPLES)
    tags = ["pcf-1", "pcf-7"]
    files: dict[str, str] = {}
    if own:
        files["evidence/principles.yaml"] = _dump(
            {"format": 1, "principles": [{"id": "own-principle", "title": "An own principle", "summary": "Said plainly.", "sources": ["own-source", "test-source"], "tags": ["own-1"]}]}
        )
        files["evidence/sources.yaml"] = _dump({"format": 1, "sources": [{"id": "own-source", "kind": "guidance", "title": "An own source"}]})
        files["evidence/frameworks.yaml"] = _dump({"format": 1, "frameworks": [{"id": "own", "title": "An own framework", "tags": [{"id": "own-1", "label": "First"}, {"id": "own-2", "label": "Second"}]}]})
        principles.append("own-principle")
        tags.append("own-2")
    d = _Draw(draw, dims, cast, principles, tags)

    from simulator.scenario.calendar import Calendar

    referral = draw(st.dates(min_value=date(1995, 1, 1), max_value=date(2090, 12, 31)))
    scale = draw(st.sampled_from(["weeks", "months"]))
    count = draw(st.integers(2, 5))
    last_day = draw(st.integers(count, 55)) if scale == "weeks" else draw(st.integers(70, 250))
    holidays = sorted({referral + timedelta(days=draw(st.integers(1, 60))) for _ in range(draw(st.integers(0, 2)))})
    cal = Calendar(referral, frozenset(holidays))
    days = sorted([*draw(st.lists(st.integers(0, last_day), min_size=count - 1, max_size=count - 1)), last_day])
    # Milestones: the first held at the first episode; each later one due after the one before, and held on time.
    milestones: list[dict[str, Any]] = []
    held_at: dict[int, str] = {}
    if draw(st.booleans()):
        milestones.append({"id": "first-contact", "label": "First contact", "short": "Contact"})
        held_at[0] = "first-contact"
        prev_day = days[0]
        for i in range(1, count):
            if draw(st.booleans()):
                continue
            mid = f"step-{i}"
            if draw(st.booleans()):
                from_referral = draw(st.integers(0, 3)) == 0  # now and then due within days of the referral itself (day 0)
                wd = max(days[i] - (0 if from_referral else prev_day), 0) + draw(st.integers(0, 10))
                if wd > 400:
                    continue
                due: dict[str, Any] = {"after": "referral" if from_referral else milestones[-1]["id"], "working_days": wd}
            else:
                months = 1
                while cal.months_after(prev_day, months) < days[i] and months < 36:
                    months += 1
                due = {"after": milestones[-1]["id"], "months": months}
                if cal.months_after(prev_day, months) < days[i]:
                    continue
            milestones.append({"id": mid, "label": f"Step {i}", "short": f"Step {i}", "due": due})
            held_at[i] = mid
            prev_day = days[i]
    d.milestones = [m["id"] for m in milestones]
    calendar: dict[str, Any] = {"referral": referral.isoformat()}
    if holidays:
        calendar["holidays"] = [h.isoformat() for h in holidays]
    if draw(st.booleans()):
        calendar["scale"] = scale
    if draw(st.booleans()):
        calendar["punctuality"] = {"dimension": d.pick(dims), "grace_minutes": 5, "minutes_per_point": 10, "max_points": 2, "trust": 5}
    if draw(st.booleans()):
        calendar["overdue"] = {"dimension": d.pick(dims), "points": 2}
    episodes: list[str] = []
    previous: dict[str, Any] | None = None
    for i in range(count):
        eid = f"ep{i}"
        episodes.append(eid)
        episode = _episode(d, i, count, eid, days[i], held_at.get(i), people)
        if previous is not None and episode["day"] == previous["day"] and episode["time"] < previous["time"]:
            episode["time"] = previous["time"]  # two on one day: the later one in the calendar starts no earlier (G504)
            if "appointment" in episode:
                episode["appointment"] = f"{int(episode['time'][:2]) + 1:02d}:{episode['time'][3:]}"
        previous = episode
        files[f"episodes/{eid}.yaml"] = _dump({"format": 1, "episode": episode})
    manifest: dict[str, Any] = {
        "format": 1,
        "id": "generated-case",
        "title": "A generated case",
        "summary": "Drawn by Hypothesis.",
        "audience": ["tests"],
        "estimated_minutes": 5,
        "learning_objectives": ["Reach an ending"],
        "content_notes": ["Nothing in particular"],
        "prebrief": {"text": "A generated case.", "fiction_contract": "It is fiction."},
        "closing": {"text": "The end.", "support": [{"name": "Supervision", "detail": "Talk to your supervisor."}]},
        "player": "worker",
        "rubric": [{"id": x, "label": x.replace("-", " ").capitalize(), "description": f"How {x} goes."} for x in dims],
        "cast": list(cast.values()),
        "calendar": calendar,
        "episodes": episodes,
    }
    if milestones:
        manifest["milestones"] = milestones
    files["scenario.yaml"] = _dump(manifest)
    return Generated(files, scale, count, own)


def _hub(d: _Draw, eid: str, index: int, ways_out: list[str]) -> dict[str, Any]:
    """A hub and its topics: each topic's option asks that its flag, node or option has not happened yet."""
    nodes: dict[str, Any] = {}
    offers = []
    for i in range(d.draw(st.integers(1, 3))):
        topic = f"topic-{i}"
        option = d.choice(d.pick(PATHS), topic, index)
        guard = d.pick(["flag", "seen", "chose"])
        nodes[topic] = {"narration": f"Topic {i}."}
        if guard == "flag":
            option["when"] = f"not flag.{eid}-talked-{i}"
            nodes[topic]["flags"] = {f"{eid}-talked-{i}": True}
        else:
            option["when"] = f"not seen.{topic}" if guard == "seen" else f"not chose.{option['id']}"
        if d.maybe(0.3):
            nodes[topic]["choices"] = d.options(["hub"], index)
        else:
            nodes[topic]["next"] = "hub"
        offers.append(option)
    offers.extend(d.options(ways_out, index))  # the ways on, as a decision without the hub would offer them
    nodes["hub"] = {"narration": "Which topic next?", "choices": offers}
    d.nodes.extend(f"{eid}.{n}" for n in nodes)
    return nodes


def _episode(d: _Draw, index: int, count: int, eid: str, day: int, milestone: str | None, people: list[str]) -> dict[str, Any]:
    """One episode: a start node, layers of decisions, routes and narration, and a way on (or the endings)."""
    last = index == count - 1
    width = d.draw(st.integers(1, 3))
    layers = d.draw(st.integers(1, 3))
    names = [[f"n{layer}-{col}" for col in range(width)] for layer in range(layers)]
    present = d.draw(st.lists(st.sampled_from(people), min_size=0, max_size=len(people), unique=True))
    nodes: dict[str, Any] = {}
    exit_to = [f"ep{index + 1}"] if not last else ["end-a", "end-b"]
    appointment = d.maybe(0.5)
    start: dict[str, Any] = {"narration": f"Episode {index} begins."}
    if appointment:
        start["arrive"] = True
    hub = d.maybe(0.25)  # a hub the trainee comes back to, written as a loop: each topic offered once, and a way out
    start["choices"] = d.options(["hub"] if hub else names[0], index)
    nodes["start"] = start
    if hub:
        nodes.update(_hub(d, eid, index, names[0]))
    for layer in range(layers):
        for col, nid in enumerate(names[layer]):
            qualified = f"{eid}.{nid}"
            targets = [names[layer + 1][col]] if layer + 1 < layers else list(exit_to)
            if layer + 1 < layers and width > 1:
                targets += [t for t in names[layer + 1] if t != targets[0]][: d.draw(st.integers(0, width - 1))]
            node: dict[str, Any] = {"narration": f"Moment {nid}."} if d.maybe(0.8) else {}
            node_lines = d.lines(present)
            if node_lines:
                node["lines"] = node_lines
            if not node:
                node["narration"] = "A quiet moment."
            kind = d.pick(["decision", "route", "narration"])
            if d.maybe(0.15):
                node["effects"] = {dim: d.pick([-1, 1]) for dim in dict.fromkeys([d.pick(d.dims), d.pick(d.dims)])}  # one dimension or two
            if d.maybe(0.15):
                node["flags"] = d.set_flag()
            if d.maybe(0.2):
                node["minutes"] = d.draw(st.integers(0, 30))
            if kind == "decision":
                node["choices"] = d.options(targets, index)
            elif kind == "route" or len(targets) > 1:
                route = []
                for t in targets[1:]:
                    option: dict[str, Any] = {"next": t}
                    if d.maybe(0.8):
                        option["when"] = d.condition()
                    if "when" not in option or d.maybe(0.2):
                        option["chance"] = d.pick([0.25, 0.5, 0.75])
                    route.append(option)
                route.append({"next": targets[0]})
                node["route"] = route
            else:
                node["next"] = targets[0]
            if d.maybe(0.1) and node.get("choices"):
                node["keep_order"] = True
            nodes[nid] = node
            d.nodes.append(qualified)
    if last:
        nodes["end-a"] = {"ending": {"kind": d.pick(["enabler", "mixed"]), "title": "One way", "text": "It ended one way for {worker}.", "outcome": "One outcome"}}
        nodes["end-b"] = {"ending": {"kind": "barrier", "title": "Another way", "text": "It ended another way."}}
    for n in nodes.values():
        for c in n.get("choices", ()):
            d.choices.append(c["id"])
    ep: dict[str, Any] = {
        "id": eid,
        "title": f"Episode {index}",
        "day": day,
        "time": f"{d.draw(st.integers(8, 15)):02d}:{d.pick(['00', '15', '30'])}",
        "location": d.pick(["office", "car", "kitchen"]),
        "present": present,
        "nodes": nodes,
    }
    if appointment:
        hours, mins = int(ep["time"][:2]), int(ep["time"][3:])
        ep["appointment"] = f"{hours + 1:02d}:{mins:02d}"
    if milestone:
        ep["milestone"] = milestone
    if index and d.maybe(0.5):
        ep["transition"] = "Some time later"
    if d.maybe(0.5):
        ep["notice"] = ["What does the worker notice first?"]
    return ep


# -- the invariant ------------------------------------------------------------------------


def check_runnable(folder: Path, seeds: int = 100) -> dict[str, int]:
    """Validate clean, then every host-free thing Doorstep does must run to an ending without an exception.

    Returns counts for reporting (endings reached per kind).
    """
    from simulator.analysis.graph import export
    from simulator.analysis.overview import analyze, to_dict, to_text
    from simulator.analysis.paths import canonical_path
    from simulator.analysis.spread import play_random, spread
    from simulator.analysis.summary import summary
    from simulator.authoring.playfrom import reach
    from simulator.engine.autoplay import policy
    from simulator.engine.clock import clock_view
    from simulator.engine.session import Session
    from simulator.records.record import build_record, replay_record
    from simulator.report.debrief import build_debrief
    from simulator.report.html import render
    from simulator.scenario import Severity, load_scenario
    from simulator.services.reels import build_reels, contrast
    from simulator.services.reload import replay_onto
    from simulator.services.words import episode_when
    from simulator.terminal import TextHost

    result = load_scenario(folder)
    # C606 (a drawn condition that can never hold, such as `score.tone >= 6` when the case's choices give tone 5 at
    # most) is a true finding about a random condition, not a fault: the case still plays, and all below must still run.
    loud = [d.render() for d in result.diagnostics if d.severity is not Severity.INFO and d.code != "C606"]
    assert result.ok and not loud, loud
    sc = result.scenario
    assert sc is not None
    limit = 4 * len(sc.nodes) + 4
    kinds: dict[str, int] = {}
    for name in ("enabler", "barrier"):
        trace = canonical_path(sc, name)
        assert trace.finished, f"the {name} path stops at {trace.steps[-1].node if trace.steps else sc.start}"
    for seed in range(seeds):
        session = play_random(sc, seed)
        assert session.finished, f"seed {seed} stopped at {session.state.node}"
        assert len(session.state.steps) <= limit
        clock_view(session)
        kind = session.node.ending.kind if session.node.ending else "?"
        kinds[kind] = kinds.get(kind, 0) + 1
        if seed < 3:
            record = build_record(session, {"mode": "coach"})
            assert build_record(replay_record(sc, json.loads(json.dumps(record))), {"mode": "coach"}) == record
            debrief = build_debrief(sc, record)
            render(debrief)
            # A hub's rounds are named as written (`hub`, with a round), never by a round's own id (`hub~pick-a`).
            assert "~" not in json.dumps(record) and "~" not in json.dumps(debrief.to_dict())
            assert Session.restore(sc, session.save()).state == session.state
            # Reloading while writing: the case loaded again from its unchanged files takes every action back.
            reloaded = load_scenario(folder).scenario
            assert reloaded is not None
            again = replay_onto(reloaded, session.save())
            assert again.whole and again.session.state == session.state
    out = io.StringIO()
    TextHost(Session.start(sc, 0), out, policy=policy("random", 1)).run()
    overview = analyze(sc)
    to_text(overview)
    assert "~" not in json.dumps(to_dict(overview))
    for fmt in ("dot", "mermaid"):
        export(sc, fmt)
    summary(sc)
    spread(sc, 20)
    for episode in sc.episodes:  # the watch cards' and picker's words, in the case's own weeks or months
        when = episode_when(sc, episode)
        assert "{" not in when and ("month" not in when if sc.scale == "weeks" else "week" not in when), when
    reels = build_reels(sc)
    for reel in reels.episodes:
        for take in reel.shown:
            take.frames(sc, 0)
        contrast(sc, reel)
    for node_id in list(sc.nodes)[:: max(1, len(sc.nodes) // 4)]:
        node = sc.nodes[node_id]
        if node.has_content or node.choices or node.ending:
            reach(sc, node_id)
    return kinds
