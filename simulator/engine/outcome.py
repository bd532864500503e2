"""Where a seeded playthrough ends, played in one tight loop: what the spread of a thousand plays asks.

:func:`play_out` plays exactly the playthrough ``doorstep play --auto POLICY
--seed SEED`` plays (:func:`simulator.analysis.spread.play_random`): the same
options offered, in the same shuffled order, the same picks, chance rolls,
scores, trust, flags and clock. It returns the playthrough's
:class:`~simulator.engine.state.State` with everything that decides how the
case goes and ends, and leaves out what only a host shows:

- no steps (as :meth:`Session.advance <simulator.engine.session.Session.advance>`);
- no moods: a line's mood is drawn, never read by a condition;
- who is on stage only where an arrival later in the same scene may need it
  (late-arrival trust is lost with whoever is in the room): elsewhere the
  stage is drawn, never read;
- the random policy's pick is read straight off the shuffle: only the swaps
  that settle the picked place are drawn (Fisher-Yates from the last place
  down never touches a place again once it is settled), so the same option
  is taken with fewer draws.

``stage``, ``stage_in``, ``moods`` and ``moods_in`` are left empty in the
state it returns. tests/test_engine_outcome.py holds it to ``play_random``
on the shipped cases and on generated scenarios of any shape.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, TypeVar

from simulator.engine import rng
from simulator.engine.autoplay import RANDOM_SALT
from simulator.engine.autoplay import policy as named_policy
from simulator.engine.casework import arrive, enter_episode, move_trust
from simulator.engine.plan import Plan, plan_of
from simulator.engine.scene import staged
from simulator.engine.session import SessionError
from simulator.engine.shortcuts import Shortcuts
from simulator.engine.state import State
from simulator.scenario.conditions import Condition
from simulator.scenario.model import Choice, Scenario

T = TypeVar("T")
MASK = rng.MASK
GOLDEN = rng.GOLDEN
STEPS = rng.STEPS
SHUFFLE_PRIME = rng.SHUFFLE_PRIME


def play_out(scenario: Scenario, seed: int, policy: str = "random") -> State:
    """The state a seeded playthrough by ``policy`` ends in (see the module's note for what is left out)."""
    plan = plan_of(scenario)
    cuts = plan.shortcuts()
    records, choices = cuts.nodes, cuts.choices
    episodes = scenario.episode_by_id
    calendar = scenario.calendar
    s = State.fresh(scenario, seed)
    seen, trail, chosen, scores, trust = s.seen, s.trail, s.chosen, s.scores, s.trust
    pick = None if policy == "random" else named_policy(policy, seed)
    draw = rng.seed_state(seed ^ RANDOM_SALT)  # the random policy's own generator (autoplay.seeded_random)
    shuffle_seed = (seed * SHUFFLE_PRIME) & MASK  # a node's shuffle starts from this mixed with its salt (Session.choices)
    places = STEPS  # filled up to the most options a decision met has (_node_record)
    mask = MASK
    limit = 4 * len(scenario.nodes) + 4  # as play_random: the graph is acyclic, a playthrough is never longer

    def holds(condition: Condition) -> bool:
        return bool(condition(s))

    node_id = scenario.start
    while True:
        # Entering a node: Session._enter, without moods, and the stage only where it is needed.
        r = records.get(node_id)
        if r is None:
            r = records[node_id] = _node_record(plan, cuts, node_id)
        p, quiet, needs_stage, waits, ending, decision, routes, after = r
        seen.add(node_id)  # (s.node is set where the playthrough stops: nothing on the way reads it)
        trail.append(node_id)
        if not quiet:
            node = p.node
            if node.episode == s.episode:
                base = s.stage if p.carries else None
            else:
                base = None
                enter_episode(scenario, s, p.episode, None)  # what the clock did is told only to hosts
            if p.touches:
                if node.flags:
                    s.flags.update(node.flags)
                for dim, delta in node.effects:
                    scores[dim] += delta
                if node.trust:
                    move_trust(s, node.trust)
                s.minutes += node.minutes
            if needs_stage:
                s.stage = base if p.still and base is not None else staged(scenario, plan, p, s, base, holds, None)
            elif node.arrive:
                arrive(scenario, s, p.episode, node, None, _nobody)  # late or not, nobody's trust is at stake
        if waits:
            # The node waits for the host, who continues or chooses (as play_random does, at most `limit` times).
            if ending or not limit:
                break
            limit -= 1
            if decision is not None:
                # Session.choices and the policy's pick, among the options' records (_choice_record)
                offer, checks, otherwise, shuffles, salt = decision
                offered: Sequence[tuple[Any, ...]] = offer if offer is not None else [c for c, when in checks if when is None or when(s)]
                if not offered:
                    offered = otherwise
                    if not offered:
                        raise SessionError(f"nothing is offered at `{node_id}`")  # the loader proves a decision always offers something
                n = len(offered)
                if pick is not None:  # a canonical path: it sorts the options by their authored order, so only ties see the shuffle
                    shown = [c[0] for c in offered]
                    if p.tied and n > 1 and shuffles:
                        shown = rng.shuffled(shown, rng.seed_state(shuffle_seed ^ salt))
                    picked = choices[pick(shown).id]
                else:
                    draw = (draw + GOLDEN) & mask  # autoplay.seeded_random's draw, written out
                    if n == 1:
                        picked = offered[0]  # one option: the draw is taken, and whatever it is, it picks place 0
                    else:
                        z = ((draw ^ (draw >> 30)) * 0xBF58476D1CE4E5B9) & mask
                        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
                        at = bisect_right(places[n], z ^ (z >> 31))  # int(((z ^ (z >> 31)) >> 11) / TWO_53 * n)
                        picked = _settled(offered, at, shuffle_seed ^ salt) if shuffles else offered[at]
                # Session._apply
                _, effects, last, path, moves, flags, choice_id, minutes, days, phones, node_id = picked
                for dim, delta in effects:
                    scores[dim] += delta
                s.last_effects = last  # the choice's effects as a dict, made once and shared (only ever read)
                s.last_path = path
                if moves:
                    for who, delta in moves:
                        value = trust.get(who, 50) + delta
                        trust[who] = 0 if value < 0 else 100 if value > 100 else value
                if flags:
                    s.flags.update(flags)
                chosen.add(choice_id)
                s.minutes += minutes
                if days:
                    s.day += days
                    s.month = calendar.month_of(s.day)
                    s.minutes = episodes[s.episode].time
                if phones:
                    s.phoned = True
                continue
        # Moving on by itself or by a continue: Session._exit_of
        if routes:
            for when, chance, target in routes:
                if when is not None and not when(s):
                    continue
                if chance is not None:
                    roll, s.rng = rng.draw(s.rng)
                    if roll >= chance:
                        continue
                node_id = target
                break
            else:
                raise SessionError(f"no route option can be taken at `{node_id}`")
        elif after is not None:
            node_id = after
        else:
            raise SessionError(f"`{node_id}` has no way forward")
    s.node = node_id
    s.last_effects = dict(s.last_effects)  # its own, not the shared one
    s.stage = s.stage_in = None
    s.moods = {}
    s.moods_in = None
    return s


def _node_record(plan: Plan, cuts: Shortcuts, node_id: str) -> tuple[Any, ...]:
    """What play_out reads of a node, in the order it reads it: (plan, quiet, its stage needed, waits, an ending, the decision, routes, next).

    The decision is None where the node has no options, else (the options offered whatever the state or None,
    each option with its test, the options offered otherwise, whether they are shuffled, the shuffle's salt),
    every option as its record (:func:`_choice_record`).
    """
    p = plan.nodes[node_id]
    node = p.node
    decision = None
    if node.choices:
        rng.steps(len(node.choices))
        choices = cuts.choices
        for c in node.choices:
            if c.id not in choices:
                choices[c.id] = _choice_record(c)
        decision = (
            tuple(choices[c.id] for c in p.offer) if p.offer is not None else None,
            tuple((choices[c.id], when) for c, when in p.checks),
            tuple(choices[c.id] for c in p.otherwise),
            not node.keep_order,
            p.salt,
        )
    return (p, node_id in cuts.quiet, node_id in cuts.staged, p.waits, node.ending is not None, decision, p.routes, node.next)


def _choice_record(c: Choice) -> tuple[Any, ...]:
    """What taking an option changes, as play_out applies it: (the option, effects, effects as a dict, path, trust, flags, id, minutes, days, phones ahead, next)."""
    return (c, c.effects, dict(c.effects), c.path, c.trust, c.flags, c.id, c.minutes, c.days, c.phones_ahead, c.next)


def _nobody() -> tuple[str, ...]:
    return ()


def _settled(items: Sequence[T], at: int, seed: int) -> T:
    """``rng.shuffled(items, rng.seed_state(seed))[at]``, drawing only the swaps down to place ``at`` (later ones never touch it)."""
    z = ((seed ^ (seed >> 30)) * 0xBF58476D1CE4E5B9) & MASK  # rng.seed_state, written out
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    state = ((z ^ (z >> 31)) + GOLDEN) & MASK
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    n = len(items)
    places = STEPS  # filled up to n (_node_record)
    j = bisect_right(places[n], z ^ (z >> 31))  # rng.shuffled's swap, written out
    if at == n - 1:  # settled by the first swap
        return items[j]
    out = list(items)
    out[n - 1], out[j] = out[j], out[n - 1]
    for i in range(n - 2, (at if at > 1 else 1) - 1, -1):
        state = (state + GOLDEN) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        j = bisect_right(places[i + 1], z ^ (z >> 31))
        out[i], out[j] = out[j], out[i]
    return out[at]
