"""Graph export: every node and way out appears in DOT and Mermaid, and authored text is escaped."""

from __future__ import annotations

import re

import pytest
from tiny import build

from simulator.analysis.graph import edges, export, to_dot, to_mermaid


def _ways_out(scenario) -> int:
    return sum(1 for node in scenario.nodes.values() for _ in edges(node))


def test_dot_has_a_cluster_per_episode_and_every_node_and_edge(mini):
    """DOT output declares each node once inside its episode's cluster and draws every choice and route option."""
    dot = to_dot(mini)
    assert dot.count("subgraph cluster_") == len(mini.episodes)
    for node_id in mini.nodes:
        assert re.search(rf'^\s+"{re.escape(node_id)}" \[', dot, re.M), node_id
    assert dot.count(" -> ") == _ways_out(mini) == 6  # 2 + 2 choices, 2 route options
    assert 'label="go-now"' in dot and 'style="dotted"' in dot
    assert dot.rstrip().endswith("}")


def test_mermaid_has_every_node_and_edge(mini):
    """Mermaid output is a flowchart with a subgraph per episode and an arrow per way out."""
    text = to_mermaid(mini)
    assert text.startswith("flowchart TD")
    assert text.count("subgraph ") == len(mini.episodes)
    arrows = re.findall(r"^\s+n\d+ (?:-->|-\.->)", text, re.M)
    assert len(arrows) == _ways_out(mini)
    assert ':::enabler' in text and ':::barrier' in text


def test_authored_text_is_escaped():
    """Quotes and markup in titles cannot break out of a DOT string or a Mermaid label."""
    sc = build(
        {
            "a": """
            format: 1
            episode:
              id: a
              title: 'Say "hi" <b>&</b> | go'
              day: 1
              time: "09:00"
              location: office
              nodes:
                start:
                  ending: {kind: mixed, title: 'The "end"', text: "x"}
            """
        }
    )
    dot = to_dot(sc)
    assert 'label="Say \\"hi\\" <b>&</b> | go (day 1)"' in dot
    mermaid = to_mermaid(sc)
    assert "#quot;hi#quot;" in mermaid and "<b>" not in mermaid and "#124;" in mermaid


def test_unknown_format_is_refused(mini):
    """Asking for a format that does not exist is a programming error with a clear message."""
    assert export(mini, "dot") == to_dot(mini)
    with pytest.raises(ValueError, match="dot, mermaid"):
        export(mini, "svg")
