"""Play from a node with chosen state: ``doorstep play PATH --from EPISODE.NODE --set trust.john=40``.

Writing the eighth episode should not mean replaying seven. :func:`reach`
finds a way to a node by actually playing (so the state there is one a
trainee could have: trust, flags, the clock), trying the enabler options
first and backing out of any branch from which the node cannot be reached.
:func:`overrides` then sets the values a trainer names, checked against the
scenario, so a scene can be tried at trust 20 and at trust 80 without
playing twice. Pure: the command line and the window are the hosts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from simulator.engine.actions import CONTINUE, Choose
from simulator.engine.session import Session
from simulator.scenario.diagnostics import did_you_mean
from simulator.scenario.model import Choice, Scenario

MAX_TRIES = 2_000  # sessions tried in each search for a way to the node
PREFERENCE = {"enabler": 0, "other": 1, "barrier": 2}
ROOTS = ("trust", "score", "flag", "chose", "held", "clock")


class FromError(ValueError):
    """A node or a value the scenario does not have, or a node play cannot reach: one line for the trainer."""


def resolve(scenario: Scenario, where: str) -> str:
    """The qualified node id for ``EPISODE.NODE`` or ``EPISODE`` (its start)."""
    if where in scenario.nodes:
        return where
    if where in scenario.episode_by_id:
        return scenario.episode_by_id[where].start
    options = [*scenario.nodes, *scenario.episode_by_id]
    example = next((n for n in scenario.nodes if scenario.nodes[n].choices), scenario.start)  # one of this scenario's own
    hint = did_you_mean(where, options) or f"write episode.node, as in `{example}`, or an episode id such as `{scenario.episodes[0].id}`"
    raise FromError(f"`{where}` is not a node or an episode of this scenario ({hint})")


def _stops_at(scenario: Scenario, node_id: str) -> bool:
    node = scenario.nodes[node_id]
    return node.has_content or bool(node.choices) or node.ending is not None


def _leads_to(scenario: Scenario, target: str) -> set[str]:
    """Every node from which ``target`` can be reached (the target included), by walking the graph backwards."""
    back: dict[str, list[str]] = {}
    for node in scenario.nodes.values():
        for nxt in node.successors():
            back.setdefault(nxt, []).append(node.id)
    found = {target}
    todo = [target]
    while todo:
        for prev in back.get(todo.pop(), ()):
            if prev not in found:
                found.add(prev)
                todo.append(prev)
    return found


@dataclass(frozen=True)
class Arrival:
    """A session standing at the node asked for, and how it got there ("" when by play; else what to know)."""

    session: Session
    note: str = ""


def reach(scenario: Scenario, where: str, *, seed: int = 0, player_name: str | None = None) -> Arrival:
    """A session standing at the node, reached by play from the start (enabler options first).

    Play is tried first (depth first, then random walks among the options
    that can still lead there); if none finds a way within its budget, the
    session is played to the start of the node's episode and steps in
    directly, and the note says so. :class:`FromError` if not even that.
    """
    target = resolve(scenario, where)
    if not _stops_at(scenario, target):
        node = scenario.nodes[target]
        hint = f"start from `{node.successors()[0]}`" if node.successors() else "start from the node it leads to"
        raise FromError(f"`{target}` has nothing to show (it only leads on), so play never stops there; {hint}")
    ahead = _leads_to(scenario, target)
    start = Session.start(scenario, seed, player_name)

    def there(session: Session) -> bool:
        return session.state.node == target

    found = (
        _search(start, there, ahead, by_flags=False)
        or _search(start, there, ahead, by_flags=False, rank=_rank_barrier)
        or _search(start, there, ahead, by_flags=True)
        or _wander(start, there, ahead)
    )
    if found is not None:
        return Arrival(found)
    return _jump(start, target)


def _jump(start: Session, target: str) -> Arrival:
    """When play finds no way there within its budget: play into the node's episode, then step in directly."""
    scenario = start.scenario
    node = scenario.nodes[target]
    ahead: set[str] = set()
    for n in scenario.episode_by_id[node.episode].nodes:
        ahead |= _leads_to(scenario, n)

    def in_episode(session: Session) -> bool:
        return session.state.episode == node.episode

    found = _search(start, in_episode, ahead, by_flags=False) or _wander(start, in_episode, ahead)
    if found is None:
        raise FromError(f"no way of playing from the start reaches `{target}`, nor its episode `{node.episode}`; check the routes into them")
    state = found.state.copy()
    state.node = target
    state.seen.add(target)
    state.trail.append(target)
    state.moods.update(node.moods)
    state.flags.update(node.flags)
    note = (
        f"play found no way to `{target}` quickly (conditions on the way need particular trust, flags or chance), so it was "
        f"played into `{node.episode}` and stepped in from there: set what its conditions need with --set"
    )
    return Arrival(Session(scenario, state), note)


def _advance(session: Session, goal: Callable[[Session], bool], ahead: set[str]) -> None:
    """Continue through narration and routes until a decision, the goal, an ending or a dead end."""
    while not goal(session) and not session.finished and session.state.node in ahead and not session.choices:
        session.act(CONTINUE)


def _search(start: Session, goal: Callable[[Session], bool], ahead: set[str], *, by_flags: bool, rank: Callable[[Choice], tuple[int, int]] | None = None) -> Session | None:
    """Depth first, enabler options first (or as ``rank`` orders them), expanding each node once (or once per set of flags, what routes mostly read)."""
    rank = rank or _rank
    stack = [start.copy()]
    seen: set[tuple[str, frozenset[tuple[str, object]]]] = set()
    tries = 0
    while stack and tries < MAX_TRIES:
        session = stack.pop()
        tries += 1
        _advance(session, goal, ahead)
        if goal(session):
            return session
        here = session.state.node
        key = (here, frozenset(session.state.flags.items()) if by_flags else frozenset())
        if session.finished or here not in ahead or key in seen:
            continue
        seen.add(key)
        options = sorted((c for c in session.choices if c.next in ahead), key=rank)
        for choice in reversed(options):
            branch = session.copy()
            branch.act(Choose(choice.id))
            stack.append(branch)
    return None


def _wander(start: Session, goal: Callable[[Session], bool], ahead: set[str], walks: int = 200) -> Session | None:
    """Random walks among the options that can still lead there: for places only some trust or score opens."""
    from simulator.engine.autoplay import seeded_random

    for walk in range(walks):
        pick = seeded_random(walk)
        session = start.copy()
        while True:
            _advance(session, goal, ahead)
            if goal(session):
                return session
            options = [c for c in session.choices if c.next in ahead]
            if session.finished or session.state.node not in ahead or not options:
                break
            session.act(Choose(pick(options).id))
    return None


def _rank(choice: Choice) -> tuple[int, int]:
    return (PREFERENCE.get(choice.path, 1), choice.order)


def _rank_barrier(choice: Choice) -> tuple[int, int]:
    """Barrier options first: the way to the places a case reaches when things go wrong."""
    return (2 - PREFERENCE.get(choice.path, 1), choice.order)


@dataclass(frozen=True, slots=True)
class Setting:
    """One ``--set NAME=VALUE``, checked."""

    root: str
    member: str
    value: Any


def _flags(scenario: Scenario) -> set[str]:
    names = {k for n in scenario.nodes.values() for k, _ in n.flags}
    names |= {k for n in scenario.nodes.values() for c in n.choices for k, _ in c.flags}
    return names


def _whole(text: str, name: str, low: int | None = None, high: int | None = None) -> int:
    try:
        value = int(text)
    except ValueError:
        raise FromError(f"`{name}` needs a whole number, not `{text}`") from None
    if (low is not None and value < low) or (high is not None and value > high):
        raise FromError(f"`{name}` must be between {low} and {high}, not {value}")
    return value


def _truth(text: str, name: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise FromError(f"`{name}` is true or false, not `{text}`")


def parse_setting(scenario: Scenario, text: str) -> Setting:
    """``trust.john=40`` as a checked setting; :class:`FromError` naming what is wrong."""
    name, eq, raw = text.partition("=")
    name, raw = name.strip(), raw.strip()
    root, dot, member = name.partition(".")
    if not eq or not dot or not member:
        raise FromError(f"`{text}` is not NAME=VALUE, as in trust.<character>=40 or flag.<name>=true")
    if root not in ROOTS:
        raise FromError(f"`{root}` cannot be set; set one of {', '.join(f'{r}.' for r in ROOTS)} ({did_you_mean(root, ROOTS) or 'e.g. trust.john=40'})")
    if root == "trust":
        if member not in scenario.trusting:
            raise FromError(f"`{member}` has no trust in this scenario ({did_you_mean(member, scenario.trusting) or 'trusting: ' + ', '.join(scenario.trusting)})")
        return Setting(root, member, _whole(raw, name, 0, 100))
    if root == "score":
        if member not in scenario.dimensions:
            raise FromError(f"`{member}` is not a rubric dimension ({did_you_mean(member, scenario.dimensions) or 'dimensions: ' + ', '.join(scenario.dimensions)})")
        return Setting(root, member, _whole(raw, name))
    if root == "flag":
        known = _flags(scenario)
        if member not in known:
            raise FromError(f"no choice or node sets the flag `{member}` ({did_you_mean(member, known) or 'flags: ' + ', '.join(sorted(known))})")
        value: Any = raw
        if raw.lower() in ("true", "false"):
            value = raw.lower() == "true"
        elif raw.lstrip("-").isdigit():
            value = int(raw)
        return Setting(root, member, value)
    if root == "chose":
        if member not in scenario.choice_by_id:
            raise FromError(f"there is no choice `{member}` ({did_you_mean(member, scenario.choice_by_id) or 'give a choice id'})")
        return Setting(root, member, _truth(raw, name))
    if root == "held":
        if member not in scenario.milestone_by_id:
            raise FromError(f"`{member}` is not a milestone ({did_you_mean(member, scenario.milestone_by_id) or 'give a milestone id'})")
        return Setting(root, member, _truth(raw, name))
    if member == "time":
        from simulator.scenario.valuehints import time_meant

        hours, colon, minutes = raw.partition(":")  # 9:30 as well as 09:30, as a condition reads it
        if colon and len(minutes) == 2 and 1 <= len(hours) <= 2 and (hours + minutes).isdigit() and int(hours) <= 23 and int(minutes) <= 59:
            return Setting(root, member, int(hours) * 60 + int(minutes))
        meant = time_meant(raw)
        raise FromError(f"`clock.time` is a time like 10:30 (24-hour), not `{raw}`" + (f" (did you mean `{meant}`?)" if meant else ""))
    if member == "late":
        return Setting(root, member, _whole(raw, name, 0, 1440))
    if member == "phoned":
        return Setting(root, member, _truth(raw, name))
    raise FromError(f"`clock.{member}` cannot be set; set clock.time, clock.late or clock.phoned")


def overrides(session: Session, texts: Iterable[str]) -> Session:
    """A new session in the same place with the named values set (the one given is left as it was)."""
    scenario = session.scenario
    settings = [parse_setting(scenario, t) for t in texts]
    state = session.state.copy()
    for s in settings:
        if s.root == "trust":
            state.trust[s.member] = s.value
        elif s.root == "score":
            state.scores[s.member] = s.value
        elif s.root == "flag":
            if s.value is False:
                state.flags.pop(s.member, None)
            else:
                state.flags[s.member] = s.value
        elif s.root == "chose":
            (state.chosen.add if s.value else state.chosen.discard)(s.member)
        elif s.root == "held":
            if s.value:
                state.held.setdefault(s.member, state.day)
            else:
                state.held.pop(s.member, None)
        elif s.member == "time":
            state.minutes = s.value
        elif s.member == "late":
            state.late = s.value
        else:
            state.phoned = s.value
    return Session(scenario, state)
