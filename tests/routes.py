"""Routes through a shipped case, for the tests that check where its choices lead.

A route is a policy's choices (``enabler``, ``barrier``, ``random``) except
at the nodes named in ``picks`` (``episode.node`` -> choice id); scenes with
no choices are proceeded through. :func:`route` yields the session before
each move, so a test can stop where it asks or read what is shown on the way;
:func:`play` and :func:`play_ids` drive one to the end. :func:`decisions`
checks that every decision offers a route of each kind. :func:`every_route`
walks every combination of options at the decisions a test names, the rest
played by one policy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from simulator.assets import load_art
from simulator.engine import Session
from simulator.engine.autoplay import Policy, policy
from simulator.scenario import load_scenario
from simulator.scenario.model import Choice, Node, Scenario

T = TypeVar("T")


def project_art():
    """The catalog of the project's art, which the shipped cases are checked against."""
    art = load_art()
    return art.catalog() if art is not None else None


def shipped(folder: Path) -> Scenario:
    """A shipped case, loaded against the project's art and evidence base; fails with its problems if it does not load."""
    result = load_scenario(folder, art=project_art())
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.scenario


def decisions(scenario: Scenario) -> list[Node]:
    """The case's decisions, each checked to offer three or more options, an enabler and a barrier one among them, and two that need no condition (so it is never left empty)."""
    found = [node for node in scenario.nodes.values() if node.choices]
    for node in found:
        paths = [c.path for c in node.choices]
        assert len(paths) >= 3 and "enabler" in paths and "barrier" in paths, node.id
        assert sum(1 for c in node.choices if c.when is None) >= 2, node.id
    return found


def route(session: Session, chooser: Policy, picks: dict[str, str] | None = None) -> Iterator[Session]:
    """The session before each move to the end: the pick named for its node, else the chooser's, else proceed."""
    while not session.finished:
        yield session
        if session.choices:
            wanted = picks.get(session.state.node) if picks else None
            session.choose(wanted if wanted is not None else chooser(session.choices))
        else:
            session.proceed()


def drive(session: Session, chooser: Policy, picks: dict[str, str] | None = None) -> Session:
    """The session, played on to the end."""
    for _ in route(session, chooser, picks):
        pass
    return session


def play(scenario: Scenario, name: str, seed: int = 0) -> Session:
    """Play to the end with a policy."""
    return drive(Session.start(scenario, seed=seed), policy(name, seed))


def play_ids(scenario: Scenario, picks: dict[str, str], fallback: str = "enabler", seed: int = 0) -> Session:
    """Play to the end with the fallback policy, except at the nodes named in ``picks``."""
    return drive(Session.start(scenario, seed=seed), policy(fallback), picks)


def straight_and_restored(scenario: Scenario, episode: str, seed: int) -> tuple[Session, Session]:
    """A random route played straight to the end, and the same route saved as it leaves ``episode``, restored from the save and played on."""
    chooser = policy("random", seed)
    session = next(s for s in route(Session.start(scenario, seed=seed), chooser) if s.state.episode != episode)
    return play(scenario, "random", seed), drive(Session.restore(scenario, session.save()), chooser)


def reach(scenario: Scenario, node: str, picks: dict[str, str], fallback: str = "enabler") -> Session:
    """The session when the route (``fallback``, except ``picks``) first reaches ``node``; fails if it never does."""
    for session in route(Session.start(scenario), policy(fallback), picks):
        if session.state.node == node:
            return session
    raise AssertionError(f"{node} was never reached")


def every_route(
    scenario: Scenario,
    within: Callable[[str], bool],
    forks: Callable[[Sequence[Choice]], bool],
    record: Callable[[Session], list[T]],
    default: str | Policy = "enabler",
    seed: int = 0,
) -> Iterator[tuple[tuple[str, ...], list[T], Session]]:
    """Every route through the decisions ``forks`` marks, from the start while ``within`` holds for the node's id, every other decision played by ``default`` (a policy, or its name).

    At each node on the way ``record`` is given the session before the move and what it returns is
    kept. Yields (the options taken at the forks, in order; what was kept; the session where the
    route left the stretch) once for each complete route. ``seed`` seeds every route's chance alike, so
    what chance decided before the first fork is the same on all of them.
    """
    chooser = policy(default) if isinstance(default, str) else default
    pending: list[tuple[str, ...]] = [()]
    while pending:
        taking = pending.pop()
        session = Session.start(scenario, seed=seed)
        kept: list[T] = []
        taken = 0
        forked = False
        while not session.finished and within(session.node.id):
            kept += record(session)
            offered = session.choices
            if not offered:
                session.proceed()
                continue
            if forks(offered):
                if taken == len(taking):
                    pending += [(*taking, c.id) for c in offered]
                    forked = True
                    break
                session.choose(next(c for c in offered if c.id == taking[taken]))
                taken += 1
            else:
                session.choose(chooser(offered))
        if not forked:
            yield taking, kept, session
