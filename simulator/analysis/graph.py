"""The story graph as Graphviz DOT or Mermaid text: the trainers' map of a scenario.

Each episode is a cluster (subgraph) titled with its name and day; nodes
are drawn by their way out (a decision is a box, a route a diamond, an
ending an octagon coloured by its kind) and labelled with their local id;
choices are edges labelled with the choice id and coloured by path, route
options dashed edges labelled with their condition. Output is plain text,
deterministic, and escapes everything an author wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from simulator.scenario.loops import as_written
from simulator.scenario.model import Node, Scenario

FORMATS = ("dot", "mermaid")

# Enabler and barrier are told apart by line style as well as colour, for readers who cannot see the difference.
PATH_STYLE = {"enabler": ("#0f766e", "solid"), "barrier": ("#b45309", "dashed"), "other": ("#6b7280", "solid")}
ENDING_FILL = {"enabler": "#ccfbf1", "mixed": "#fef3c7", "barrier": "#fde2d4"}


@dataclass(frozen=True, slots=True)
class Edge:
    """One way out of a node, as drawn."""

    source: str
    target: str
    label: str
    kind: str  # "choice", "route" or "next"
    path: str = "other"


def edges(node: Node) -> Iterator[Edge]:
    """Every way out of ``node``: its choices, its route options, or its next."""
    for c in node.choices:
        yield Edge(node.id, c.next, c.id, "choice", c.path)
    for r in node.route:
        if r.when is not None:
            label = r.when.source
        elif r.chance is not None:
            label = f"chance {r.chance:g}"
        else:
            label = "otherwise"
        if r.when is not None and r.chance is not None:
            label += f" (chance {r.chance:g})"
        yield Edge(node.id, r.next, label, "route")
    if node.next is not None and not node.choices:
        yield Edge(node.id, node.next, "", "next")


def _dot_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_node(node: Node) -> str:
    attrs = {"label": node.local_id}
    if node.ending is not None:
        attrs.update(shape="doubleoctagon", style="filled", fillcolor=ENDING_FILL.get(node.ending.kind, "#eeeeee"))
        attrs["label"] = f"{node.local_id}\n{node.ending.kind}: {node.ending.title}"
    elif node.choices:
        attrs.update(shape="box", style="rounded")
    elif node.route:
        attrs.update(shape="diamond")
    else:
        attrs.update(shape="ellipse")
    return f"    {_dot_str(node.id)} [{', '.join(f'{k}={_dot_str(v)}' for k, v in attrs.items())}];"


def to_dot(scenario: Scenario) -> str:
    """The story graph in Graphviz DOT (``dot -Tsvg map.dot > map.svg``)."""
    out = [
        f"// {scenario.title} ({scenario.id}): the story graph, one cluster per episode",
        f"digraph {_dot_str(scenario.id)} {{",
        "  rankdir=TB;",
        '  graph [fontname="sans-serif", labeljust="l"];',
        '  node [fontname="sans-serif", fontsize=11];',
        '  edge [fontname="sans-serif", fontsize=9];',
    ]
    for i, ep in enumerate(scenario.episodes):
        out.append(f"  subgraph cluster_{i} {{")
        out.append(f"    label={_dot_str(f'{ep.title} (day {ep.day})')};")
        out.extend(_dot_node(scenario.nodes[n]) for n in ep.nodes)
        out.append("  }")
    for node in scenario.nodes.values():
        for e in edges(node):
            attrs = {"label": e.label} if e.label else {}
            if e.kind == "choice":
                colour, style = PATH_STYLE.get(e.path, PATH_STYLE["other"])
                attrs.update(color=colour, fontcolor=colour, style=style)
            elif e.kind == "route":
                attrs.update(style="dotted")
            rendered = f" [{', '.join(f'{k}={_dot_str(v)}' for k, v in attrs.items())}]" if attrs else ""
            out.append(f"  {_dot_str(e.source)} -> {_dot_str(e.target)}{rendered};")
    out.append("}")
    return "\n".join(out) + "\n"


def _mermaid_text(text: str) -> str:
    """Text inside a quoted Mermaid label: quotes and markup characters as entity codes."""
    for raw, code in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;"), ("\n", " ")):
        text = text.replace(raw, code)
    return text


def to_mermaid(scenario: Scenario) -> str:
    """The story graph as a Mermaid flowchart (paste into any Markdown viewer that draws Mermaid)."""
    ids = {node_id: f"n{i}" for i, node_id in enumerate(scenario.nodes)}
    out = ["flowchart TD"]
    for i, ep in enumerate(scenario.episodes):
        out.append(f'  subgraph e{i}["{_mermaid_text(f"{ep.title} (day {ep.day})")}"]')
        for node_id in ep.nodes:
            node = scenario.nodes[node_id]
            label = _mermaid_text(node.local_id)
            if node.ending is not None:
                text = _mermaid_text(f"{node.local_id}: {node.ending.kind}, {node.ending.title}")
                out.append(f'    {ids[node_id]}{{{{"{text}"}}}}:::{node.ending.kind}')
            elif node.choices:
                out.append(f'    {ids[node_id]}["{label}"]')
            elif node.route:
                out.append(f'    {ids[node_id]}{{"{label}"}}')
            else:
                out.append(f'    {ids[node_id]}("{label}")')
        out.append("  end")
    styles: list[str] = []
    count = 0
    for node in scenario.nodes.values():
        for e in edges(node):
            arrow = "-.->" if e.kind == "route" else "-->"
            label = f'|"{_mermaid_text(e.label)}"|' if e.label else ""
            out.append(f"  {ids[e.source]} {arrow}{label} {ids[e.target]}")
            if e.kind == "choice" and e.path in ("enabler", "barrier"):
                colour, style = PATH_STYLE[e.path]
                dash = ",stroke-dasharray:5 4" if style == "dashed" else ""
                styles.append(f"  linkStyle {count} stroke:{colour}{dash}")
            count += 1
    out.extend(styles)
    for kind, fill in ENDING_FILL.items():
        out.append(f"  classDef {kind} fill:{fill},stroke:#374151")
    return "\n".join(out) + "\n"


def export(scenario: Scenario, fmt: str) -> str:
    """The graph in ``fmt`` ("dot" or "mermaid"), with any loop drawn as written (not as its rounds)."""
    scenario = as_written(scenario)
    if fmt == "dot":
        return to_dot(scenario)
    if fmt == "mermaid":
        return to_mermaid(scenario)
    raise ValueError(f"unknown graph format {fmt!r}; use one of {', '.join(FORMATS)}")
