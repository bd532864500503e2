"""Figures packed side by side in one integer (simulator.analysis.packed) add and widen exactly as tuples of them do."""

from __future__ import annotations

from operator import add

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.analysis.packed import Lanes


@st.composite
def layouts(draw: st.DrawFn) -> tuple[Lanes, list[list[int]]]:
    """A layout and a few rows of figures for it, each within its bound."""
    count = draw(st.integers(1, 20))
    bound = draw(st.integers(1, 10**7))
    row = st.lists(st.integers(-bound, bound), min_size=count, max_size=count)
    return Lanes(count, bound), draw(st.lists(row, min_size=1, max_size=5))


@settings(deadline=None)  # timing is not what these test, and the machine may be busy
@given(layouts())
def test_figures_read_back_as_packed(layout: tuple[Lanes, list[list[int]]]):
    lanes, rows = layout
    for row in rows:
        assert lanes.unpack(lanes.pack(row)) == tuple(row)
    assert lanes.unpack(lanes.zero) == (0,) * lanes.count


@settings(deadline=None)  # timing is not what these test, and the machine may be busy
@given(layouts())
def test_the_lower_of_packed_values_is_each_figures_lower(layout: tuple[Lanes, list[list[int]]]):
    lanes, rows = layout
    packed = [lanes.pack(row) for row in rows]
    low = packed[0]
    for p in packed[1:]:
        low = lanes.lower(low, p)
    assert lanes.unpack(low) == tuple(min(column) for column in zip(*rows, strict=True))


@settings(deadline=None)  # timing is not what these test, and the machine may be busy
@given(layouts(), st.data())
def test_adding_a_shift_moves_each_figure_by_its_own(layout: tuple[Lanes, list[list[int]]], data: st.DataObject):
    lanes, rows = layout
    # A figure and a move whose sum stays within the bound: any sign, into and out of a lane's neighbours' bits.
    for row in rows:
        moves = [data.draw(st.integers(-lanes.bound - f, lanes.bound - f)) for f in row]
        assert lanes.unpack(lanes.pack(row) + lanes.shift(moves)) == tuple(map(add, row, moves))


@settings(deadline=None)  # timing is not what these test, and the machine may be busy
@given(layouts(), st.data())
def test_a_dead_lane_moved_within_the_bound_stays_above_every_live_one(layout: tuple[Lanes, list[list[int]]], data: st.DataObject):
    lanes, rows = layout
    drift = [data.draw(st.integers(-lanes.bound, lanes.bound)) for _ in range(lanes.count)]
    dead = lanes.dead + lanes.shift(drift)
    assert all(f > lanes.bound for f in lanes.unpack(dead))
    live = lanes.pack(rows[0])
    assert lanes.lower(dead, live) == live
    assert lanes.lower(live, dead) == live
    # Two dead ways: still dead.
    assert all(f > lanes.bound for f in lanes.unpack(lanes.lower(dead, lanes.dead)))
