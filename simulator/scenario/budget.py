"""Doorstep's size budget: a scenario far past any real case is refused in one located line (F313), before the costly checks.

The limits are set from the cases Doorstep ships, with a wide margin, so no
case a trainer writes by hand comes near them, while a file made by a
program gone wrong (a loop that wrote a node or an option too many times)
is told so at once instead of taking minutes to validate, analyse and play:

- at most :data:`MAX_NODES` nodes in a scenario: 20,000, eighty times the
  largest shipped case (Harris, 248 nodes over 14 episodes) and twice the
  10,000-node case bench/ times every command on;
- at most :data:`MAX_OPTIONS` options in one decision: 20, four times the
  most any shipped decision offers (5), and more than a trainee can weigh
  on one screen (a `when:` on an option does not take it out of the count:
  the window still has to be able to show every option);
- at most :data:`MAX_BYTES` of YAML in the scenario's files: 32 MB, seventy
  times Harris (0.46 MB) and four times the 10,000-node case (8 MB). Each
  file is also held to 8 MB by itself (Y107).

:func:`over_bytes` is checked before a file is parsed; :func:`over_counts`
just after parsing, before the schema, the build and the graph checks,
which are what grows with a case. One line is said however many limits a
case passes: the first, with how far it is past; the trainer fixes that and
validates again. docs/authoring.md says the same to trainers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from simulator.scenario.diagnostics import Diagnostic, make
from simulator.scenario.yamlstrict import Document

MAX_NODES = 20_000
MAX_OPTIONS = 20
MAX_BYTES = 32 * 1024 * 1024
MB = 1024 * 1024
T = TypeVar("T")


def over_bytes(files: Mapping[str, bytes], manifest: str) -> Diagnostic | None:
    """F313 at the scenario's file when its files together hold more than :data:`MAX_BYTES`, else None."""
    total = sum(len(raw) for raw in files.values())
    if total <= MAX_BYTES:
        return None
    return make(
        "F313",
        f"the scenario's files hold {total / MB:.1f} MB of YAML; Doorstep takes at most {MAX_BYTES // MB} MB in one scenario, seventy times the largest case that comes with it",
        manifest,
        suggestion="split the case into several scenarios, or look for text a program repeated",
    )


def over_counts(docs: Iterable[tuple[str, Document]]) -> Diagnostic | None:
    """F313 where the scenario's episodes pass :data:`MAX_NODES` nodes, or at the first decision offering more than :data:`MAX_OPTIONS` options; else None."""
    total = 0
    wide: tuple[str, Document, dict[str, Any], str, int] | None = None
    more = 0
    for name, doc in docs:
        episode = doc.data.get("episode") if isinstance(doc.data, dict) else None
        nodes = episode.get("nodes") if isinstance(episode, dict) else None
        if not isinstance(nodes, dict):
            continue
        total += len(nodes)
        if total > MAX_NODES:
            return make(
                "F313",
                f"the scenario has more than {MAX_NODES:,} nodes ({total:,} by the end of this file's `nodes:`); Doorstep takes at most {MAX_NODES:,}, eighty times the largest case that comes with it",
                name,
                doc.positions.key(episode, "nodes") or doc.positions.locate(doc.data, ("episode", "nodes"), prefer_key=True),
                "split the case into several scenarios, or look for nodes a program repeated",
            )
        for local, node in nodes.items():
            choices = node.get("choices") if isinstance(node, dict) else None
            if isinstance(choices, list) and len(choices) > MAX_OPTIONS:
                if wide is None:
                    wide = (name, doc, node, str(local), len(choices))
                else:
                    more += 1
    if wide is None:
        return None
    name, doc, node, local, count = wide
    others = f" ({more:,} more decisions offer more than {MAX_OPTIONS} too)" if more else ""
    return make(
        "F313",
        f"the decision `{local}` offers {count:,} options; a decision may offer at most {MAX_OPTIONS} (the cases that come with Doorstep offer at most 5){others}",
        name,
        doc.positions.key(node, "choices") or doc.positions.locate(doc.data, ("episode", "nodes", local, "choices"), prefer_key=True),
        "split it into two decisions, the first choosing which few options to show",
    )


def until_full(paths: Iterable[T], files: Mapping[str, bytes]) -> Iterator[T]:
    """``paths``, while the ``files`` read from them so far hold no more than :data:`MAX_BYTES` (reading on would only fill memory)."""
    for path in paths:
        if sum(len(raw) for raw in files.values()) > MAX_BYTES:
            return
        yield path
