"""Generate a large, valid scenario folder for benchmarks: ``generate(folder, nodes=10000, seed=1)``.

The scenario has the shape of a real case, only bigger: episodes spread
over eleven months on the case calendar with statutory milestones held on
time; in each episode a first decision, then layers of decisions, route
nodes (reading trust, flags, scores, earlier choices and the clock) and
narration that join and branch again, and a way on to the next episode; the
last episode ends in enabler, mixed and barrier endings reached by routes on
the accumulated state. Choices carry effects, trust, flags, minutes and a
few postponements (``days:``), cite principles and framework tags from the
project's evidence base, and have feedback, so the whole format is
exercised. Output is deterministic for a given ``nodes`` and ``seed``.

Run as a script to write one: ``python bench/generate.py OUT_FOLDER [NODES] [SEED]``.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
WIDTH = 3  # nodes per layer inside an episode
DIMENSIONS = ("tone", "timeliness", "honesty")
FAMILY = ("parent-a", "parent-b", "child")
FLAGS = ("read-file", "promised-call", "shared-plan", "met-child-alone")
# Statutory milestones and the working day each is held on (all within their timescales).
MILESTONES = (
    ("strategy", "Strategy discussion", "Strategy", None, 1),
    ("icpc", "Initial child protection conference", "ICPC", ("strategy", "working_days", 15), 12),
    ("core-group-1", "First core group", "Core group", ("icpc", "working_days", 10), 20),
    ("review-1", "First review conference", "Review", ("icpc", "months", 3), 70),
    ("review-2", "Second review conference", "Review 2", ("review-1", "months", 6), 190),
)
LAST_DAY = 232
WORDS = ["the kitchen is quiet", "the kettle on", "a letter from school on the table", "shoes by the door", "a phone that keeps buzzing", "the television low", "coats on the banister", "a calendar with dates circled"]


def _dump(data: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False))


def _principles() -> list[dict[str, Any]]:
    """The evidence base's principles (id, dimension, tags), so generated citations always resolve."""
    data = yaml.safe_load((SEEDS / "principles.yaml").read_text(encoding="utf-8"))
    return [p for p in data["principles"] if p.get("tags")]


def _days(count: int) -> list[int]:
    """Episode days: the milestone days plus the rest spread evenly, in calendar order."""
    fixed = [m[4] for m in MILESTONES]
    rest = max(0, count - len(fixed))
    spread = [round(1 + (LAST_DAY - 1) * (i + 1) / rest) for i in range(rest)]  # the last is LAST_DAY: month 11
    return sorted(fixed + spread)[:count]


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.principles = _principles()
        self.by_dim = {d: [p for p in self.principles if p.get("dimension") == d] or self.principles for d in DIMENSIONS}
        self.choice_ids: list[str] = []

    def cite(self, dim: str) -> tuple[list[str], list[str]]:
        p = self.rng.choice(self.by_dim[dim])
        return [p["id"]], list(p["tags"])[:2]

    def choice(self, cid: str, path: str, target: str, ep_index: int) -> dict[str, Any]:
        rng = self.rng
        dim = rng.choice(DIMENSIONS)
        who = rng.choice(FAMILY)
        c: dict[str, Any] = {"id": cid, "text": f"Option {cid}: {rng.choice(WORDS)}", "path": path}
        if path == "enabler":
            c["effects"] = {dim: rng.choice((1, 1, 2))}
            c["trust"] = {who: rng.choice((3, 5, 8))}
            c["minutes"] = rng.choice((5, 10, 15))
            if rng.random() < 0.2:
                c["flags"] = {rng.choice(FLAGS): True}
        elif path == "barrier":
            c["effects"] = {dim: -rng.choice((1, 1, 2))}
            c["trust"] = {who: -rng.choice((3, 5, 8))}
            c["minutes"] = rng.choice((15, 30, 45))
            if ep_index > 0 and rng.random() < 0.03:
                c["days"] = rng.choice((1, 2))
        else:
            c["minutes"] = rng.choice((5, 20))
            if rng.random() < 0.5:
                c["effects"] = {dim: rng.choice((-1, 1))}
        if "effects" in c:
            principles, tags = self.cite(dim)
            c["feedback"] = f"This choice moves {dim} because of how it lands with the family ({cid})."
            c["principles"] = principles
            c["tags"] = tags
        c["next"] = target
        self.choice_ids.append(cid)
        return c

    def route(self, targets: list[str]) -> list[dict[str, Any]]:
        rng = self.rng
        conditions = [
            f"trust.{rng.choice(FAMILY)} >= {rng.choice((35, 45, 55))}",
            f"flag.{rng.choice(FLAGS)} and score.{rng.choice(DIMENSIONS)} > 0",
            f"score.{rng.choice(DIMENSIONS)} >= {rng.choice((0, 2, 4))}",
            "clock.late > 5 and not clock.phoned",
        ]
        if self.choice_ids:
            conditions.append(f"chose.{rng.choice(self.choice_ids)}")
        options = [{"when": rng.choice(conditions), "next": t} for t in targets[1:]]
        options.append({"next": targets[0]})
        return options

    def node(self, kind: str, ep_index: int, nid: str, targets: list[str], arrive: bool = False) -> dict[str, Any]:
        rng = self.rng
        speaker = rng.choice(FAMILY)
        node: dict[str, Any] = {
            "lines": [
                {"text": f"{rng.choice(WORDS).capitalize()}."},
                {"speaker": speaker, "text": f"Line {nid} from {{{speaker}}}.", "cue": rng.choice(("arms folded", "looks away", "nods"))},
            ]
        }
        if arrive:
            node["arrive"] = True
        if kind == "decision":
            paths = ["enabler", "other", "barrier"]
            rng.shuffle(paths)
            # The first target is this node's own column, so every node of the next layer is reachable.
            node["choices"] = [self.choice(f"e{ep_index}-{nid}-{i}", p, t, ep_index) for i, (p, t) in enumerate(zip(paths, targets, strict=True))]
        elif kind == "route":
            node["route"] = self.route(targets)
        else:
            node["next"] = targets[0]
        return node


def _episode(w: _Writer, index: int, count: int, day: int, milestone: str | None, size: int) -> dict[str, Any]:
    """One episode of about ``size`` nodes: a first decision, layers of WIDTH nodes, then the way on."""
    rng = w.rng
    last = index == count - 1
    ep_id = f"ep-{index:03d}"
    exit_target = f"ep-{index + 1:03d}" if not last else None
    layers = max(1, (size - 1 - (3 if last else 0)) // WIDTH)
    names = [[f"n{layer}-{col}" for col in range(WIDTH)] for layer in range(layers)]
    nodes: dict[str, Any] = {}
    nodes["start"] = w.node("decision", index, "start", names[0])
    for layer in range(layers):
        for col, nid in enumerate(names[layer]):
            if layer + 1 < layers:
                nxt = names[layer + 1]
                targets = [nxt[col], *rng.sample([t for t in nxt if t != nxt[col]], WIDTH - 1)]
                kind = rng.choices(("decision", "route", "narration"), weights=(5, 2, 2))[0]
            elif last:
                targets = ["end-mixed", "end-enabler", "end-barrier"]
                kind = "route"
            else:
                targets = [exit_target or ""]
                kind = "narration"
            node = w.node(kind, index, nid, targets, arrive=layer == 0)
            if last and layer + 1 == layers:
                node["route"] = [
                    {"when": "score.tone >= 4 and score.honesty >= 2 and trust.parent-a >= 50", "next": "end-enabler"},
                    {"when": "score.tone < 0 or trust.parent-a < 30", "next": "end-barrier"},
                    {"next": "end-mixed"},
                ]
            nodes[nid] = node
    if last:
        for kind in ("enabler", "mixed", "barrier"):
            nodes[f"end-{kind}"] = {"ending": {"kind": kind, "title": f"The {kind} ending", "text": f"The case closes the {kind} way.", "outcome": kind}}
    ep: dict[str, Any] = {
        "id": ep_id,
        "title": f"Visit {index + 1}",
        "day": day,
        "time": "09:30",
        "appointment": "10:00",
        "location": rng.choice(("office", "family-home", "family-centre")),
        "present": list(FAMILY),
        "summary": f"Generated episode {index + 1} of {count}.",
        "nodes": nodes,
    }
    if milestone:
        ep["milestone"] = milestone
    return {"format": 1, "episode": ep}


def _manifest(folder: Path, episodes: list[str]) -> dict[str, Any]:
    milestones: list[dict[str, Any]] = []
    for mid, label, short, due, _day in MILESTONES:
        m: dict[str, Any] = {"id": mid, "label": label, "short": short}
        if due is not None:
            m["due"] = {"after": due[0], due[1]: due[2]}
        milestones.append(m)
    return {
        "format": 1,
        "id": "generated",
        "title": f"Generated case ({len(episodes)} episodes)",
        "summary": "A generated scenario for benchmarks.",
        "audience": ["benchmarks"],
        "estimated_minutes": 600,
        "learning_objectives": ["Measure the analysis"],
        "content_notes": ["Generated text only"],
        "prebrief": {"text": "A generated case.", "fiction_contract": "Nothing here is real."},
        "closing": {"text": "The end of the generated case.", "support": [{"name": "Supervision", "detail": "Talk to your supervisor."}]},
        "evidence": os.path.relpath(SEEDS, folder),
        "player": "worker",
        "rubric": [{"id": d, "label": d.capitalize(), "description": f"The {d} dimension."} for d in DIMENSIONS],
        "cast": [
            {"id": "worker", "name": "Sam Taylor", "role": "Social worker"},
            {"id": "parent-a", "name": "Alex Harper", "role": "Parent", "trust": 40},
            {"id": "parent-b", "name": "Jordan Harper", "role": "Parent", "trust": 30},
            {"id": "child", "name": "Robin Harper", "role": "Child", "age": 11, "trust": 50},
        ],
        "calendar": {
            "referral": "2026-03-02",
            "punctuality": {"dimension": "timeliness", "grace_minutes": 5, "minutes_per_point": 10, "max_points": 2, "trust": 5},
            "overdue": {"dimension": "timeliness", "points": 2},
        },
        "milestones": milestones,
        "episodes": episodes,
    }


def generate(folder: str | os.PathLike[str], nodes: int = 10000, seed: int = 1) -> Path:
    """Write a valid scenario of about ``nodes`` nodes into ``folder`` (created); returns its path."""
    root = Path(folder)
    (root / "episodes").mkdir(parents=True, exist_ok=True)
    count = max(len(MILESTONES) + 1, nodes // 100)
    size = max(1 + WIDTH * 2 + 3, nodes // count)
    days = _days(count)
    held = {m[4]: m[0] for m in MILESTONES}
    w = _Writer(seed)
    ids: list[str] = []
    for i in range(count):
        milestone = held.pop(days[i], None)
        doc = _episode(w, i, count, days[i], milestone, size)
        ep_id = doc["episode"]["id"]
        ids.append(ep_id)
        (root / "episodes" / f"{ep_id}.yaml").write_text(_dump(doc), encoding="utf-8")
    (root / "scenario.yaml").write_text(_dump(_manifest(root.resolve(), ids)), encoding="utf-8")
    return root


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python bench/generate.py OUT_FOLDER [NODES] [SEED]")
    out = generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10000, int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    print(f"wrote {out}")
