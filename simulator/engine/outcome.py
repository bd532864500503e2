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

from collections.abc import Sequence

from simulator.engine import rng
from simulator.engine.autoplay import RANDOM_SALT
from simulator.engine.autoplay import policy as named_policy
from simulator.engine.casework import arrive, enter_episode, move_trust
from simulator.engine.plan import plan_of
from simulator.engine.scene import staged
from simulator.engine.session import SessionError
from simulator.engine.state import Event, State
from simulator.scenario.conditions import Condition
from simulator.scenario.model import Choice, Scenario

MASK = rng.MASK
GOLDEN = rng.GOLDEN
TWO_53 = rng.TWO_53
SHUFFLE_PRIME = rng.SHUFFLE_PRIME


def play_out(scenario: Scenario, seed: int, policy: str = "random") -> State:
    """The state a seeded playthrough by ``policy`` ends in (see the module's note for what is left out)."""
    plan = plan_of(scenario)
    plans = plan.nodes
    cuts = plan.shortcuts()
    needs_stage, quiet, lasts = cuts.staged, cuts.quiet, cuts.last
    episodes = scenario.episode_by_id
    calendar = scenario.calendar
    s = State.fresh(scenario, seed)
    seen, trail, chosen, scores, trust = s.seen, s.trail, s.chosen, s.scores, s.trust
    events: list[Event] = []  # what the clock said: wanted only by hosts, so dropped as it comes
    pick = None if policy == "random" else named_policy(policy, seed)
    draw = rng.seed_state(seed ^ RANDOM_SALT)  # the random policy's own generator (autoplay.seeded_random)
    shuffle_seed = (seed * SHUFFLE_PRIME) & MASK  # a node's shuffle starts from this mixed with its salt (Session.choices)
    limit = 4 * len(scenario.nodes) + 4  # as play_random: the graph is acyclic, a playthrough is never longer

    def holds(condition: Condition) -> bool:
        return bool(condition(s))

    node_id = scenario.start
    while True:
        # Entering a node: Session._enter, without moods, and the stage only where it is needed.
        p = plans[node_id]
        node = p.node
        seen.add(node_id)  # (s.node is set where the playthrough stops: nothing on the way reads it)
        trail.append(node_id)
        if node_id not in quiet:
            if node.episode == s.episode:
                base = s.stage if p.carries else None
            else:
                base = None
                enter_episode(scenario, s, p.episode, events)
            if p.touches:
                if node.flags:
                    s.flags.update(node.flags)
                for dim, delta in node.effects:
                    scores[dim] += delta
                if node.trust:
                    move_trust(s, node.trust)
                s.minutes += node.minutes
            if node_id in needs_stage:
                s.stage = base if p.still and base is not None else staged(scenario, plan, p, s, base, holds, events)
            elif node.arrive:
                arrive(scenario, s, p.episode, node, events, _nobody)  # late or not, nobody's trust is at stake
            if events:
                events.clear()
        if p.waits:
            # The node waits for the host, who continues or chooses (as play_random does, at most `limit` times).
            if node.ending is not None or not limit:
                break
            limit -= 1
            if node.choices:
                # Session.choices and the policy's pick
                offered: Sequence[Choice] = p.offer if p.offer is not None else [c for c, when in p.checks if when is None or when(s)]
                if not offered:
                    offered = p.otherwise
                    if not offered:
                        raise SessionError(f"nothing is offered at `{node_id}`")  # the loader proves a decision always offers something
                if pick is not None:  # a canonical path: it sorts the options by their authored order, so only ties see the shuffle
                    if p.tied and len(offered) > 1 and not node.keep_order:
                        offered = rng.shuffled(offered, rng.seed_state(shuffle_seed ^ p.salt))
                    picked = pick(offered)
                else:
                    draw = (draw + GOLDEN) & MASK  # autoplay.seeded_random's rng.draw, written out
                    z = ((draw ^ (draw >> 30)) * 0xBF58476D1CE4E5B9) & MASK
                    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
                    at = int(((z ^ (z >> 31)) >> 11) / TWO_53 * len(offered))
                    picked = offered[at] if len(offered) == 1 or node.keep_order else _settled(offered, at, shuffle_seed ^ p.salt)
                # Session._apply
                for dim, delta in picked.effects:
                    scores[dim] += delta
                last = lasts.get(picked.id)  # the choice's effects as a dict, made once and shared (only ever read)
                if last is None:
                    last = lasts[picked.id] = dict(picked.effects)
                s.last_effects = last
                s.last_path = picked.path
                for who, delta in picked.trust:
                    value = trust.get(who, 50) + delta
                    trust[who] = 0 if value < 0 else 100 if value > 100 else value
                if picked.flags:
                    s.flags.update(picked.flags)
                chosen.add(picked.id)
                s.minutes += picked.minutes
                if picked.days:
                    s.day += picked.days
                    s.month = calendar.month_of(s.day)
                    s.minutes = episodes[s.episode].time
                if picked.phones_ahead:
                    s.phoned = True
                node_id = picked.next
                continue
        # Moving on by itself or by a continue: Session._exit_of
        if p.routes:
            for when, chance, target in p.routes:
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
        elif node.next is not None:
            node_id = node.next
        else:
            raise SessionError(f"`{node_id}` has no way forward")
    s.node = node_id
    s.last_effects = dict(s.last_effects)  # its own, not the shared one
    s.stage = s.stage_in = None
    s.moods = {}
    s.moods_in = None
    return s


def _nobody() -> tuple[str, ...]:
    return ()


def _settled(items: Sequence[Choice], at: int, seed: int) -> Choice:
    """``rng.shuffled(items, rng.seed_state(seed))[at]``, drawing only the swaps down to place ``at`` (later ones never touch it)."""
    z = ((seed ^ (seed >> 30)) * 0xBF58476D1CE4E5B9) & MASK  # rng.seed_state, written out
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    state = ((z ^ (z >> 31)) + GOLDEN) & MASK
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    n = len(items)
    j = int(((z ^ (z >> 31)) >> 11) / TWO_53 * n)
    if at == n - 1:  # settled by the first swap
        return items[j]
    out = list(items)
    out[n - 1], out[j] = out[j], out[n - 1]
    for i in range(n - 2, (at if at > 1 else 1) - 1, -1):
        state = (state + GOLDEN) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        j = int(((z ^ (z >> 31)) >> 11) / TWO_53 * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out[at]
