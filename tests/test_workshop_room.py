"""The workshop room: codes, one vote per phone, phases, and what each view may show (no display, no network)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.workshop import codes
from simulator.workshop.room import Outcome, Question, Room, RoomError


def _room(mode: str = "play") -> Room:
    counter = itertools.count()
    return Room("K7QM", mode, new_token=lambda: f"token-{next(counter):012d}")  # type: ignore[arg-type]


QUESTION = Question.of("1:a.b", "What should the worker do?", (("sit", "Sit down"), ("stand", "Stay standing"), ("leave", "Leave")))


def test_codes_use_an_alphabet_without_look_alikes_and_match_loosely() -> None:
    """A room code has no 0/O, 1/I/L, 5/S, 2/Z or 8/B, and is matched ignoring case, spaces and dashes."""
    made = {codes.new_code() for _ in range(200)}
    assert all(len(c) == 4 and not set(c) & set("0O1IL5S2Z8B") for c in made)
    assert codes.matches(" k7-qm ", "K7QM") and not codes.matches("K7QN", "K7QM") and not codes.matches("x" * 100, "K7QM")
    assert codes.looks_like_token(codes.new_token()) and not codes.looks_like_token("../../etc") and not codes.looks_like_token("a")


def test_joining_needs_the_code_and_a_returning_phone_keeps_its_token() -> None:
    """A wrong code is refused; a phone that comes back with its token is the same phone."""
    room = _room()
    with pytest.raises(RoomError, match="code"):
        room.join("AAAA")
    token = room.join("k7qm")
    assert room.join("K7QM", token) == token and room.joined == 1
    assert room.join("K7QM", "someone-elses-made-up-token") != token and room.joined == 2


def test_one_vote_per_phone_changeable_while_open_and_refused_otherwise() -> None:
    """A phone's vote can change while voting is open; it counts once; no vote before opening or after closing."""
    room = _room()
    a, b = room.join("K7QM"), room.join("K7QM")
    room.ask(QUESTION)
    with pytest.raises(RoomError, match="not open"):
        room.vote(a, "sit")
    room.open_voting()
    assert room.vote(a, "sit") == "A"
    assert room.vote(a, "leave") == "C"
    room.vote(a, "leave")
    room.vote(b, "sit")
    with pytest.raises(RoomError, match="not one of the options"):
        room.vote(b, "fly")
    with pytest.raises(RoomError, match="not joined"):
        room.vote("stranger-token-0000", "sit")
    room.close_voting()
    with pytest.raises(RoomError, match="not open"):
        room.vote(b, "stand")
    assert room.tally() == {"sit": 1, "stand": 0, "leave": 1}
    assert room.view(a).mine == "leave" and room.view(b).mine == "sit"


def test_no_view_shows_the_tally_before_it_is_revealed() -> None:
    """Before the reveal the projector and every phone see only how many voted; after it, the tally."""
    room = _room()
    phones = [room.join("K7QM") for _ in range(3)]
    room.ask(QUESTION)
    room.open_voting()
    for p in phones:
        room.vote(p, "stand")
    for token in (None, *phones):
        view = room.view(token)
        assert view.tally is None and view.voted == 3
    room.close_voting()
    assert room.view().tally is None
    room.reveal()
    assert room.view().tally == {"sit": 0, "stand": 3, "leave": 0} and room.view(phones[0]).tally == room.view().tally
    room.settle(Outcome("The room chose B"))
    assert room.view().phase == "settled" and room.view().tally is not None


def test_phases_move_only_forward_except_reopening_and_cancelling() -> None:
    """Closing needs an open vote; a closed vote reopens keeping votes; cancelling drops them."""
    room = _room()
    p = room.join("K7QM")
    with pytest.raises(RoomError):
        room.open_voting()  # no question yet
    room.ask(QUESTION)
    with pytest.raises(RoomError, match="Cannot close"):
        room.close_voting()
    room.open_voting()
    room.vote(p, "sit")
    room.close_voting()
    room.open_voting()
    assert room.tally()["sit"] == 1
    room.cancel_voting()
    assert room.phase == "waiting" and room.tally()["sit"] == 0
    room.ask(None)
    assert room.view().question is None and room.view().phase is None


def test_listeners_hear_every_change_and_the_version_moves() -> None:
    """Every change bumps the version and calls the listeners once; a repeated identical vote changes nothing."""
    room = _room()
    heard: list[int] = []
    room.subscribe(lambda: heard.append(room.version))
    p = room.join("K7QM")
    room.ask(QUESTION)
    room.open_voting()
    room.vote(p, "sit")
    before = len(heard)
    room.vote(p, "sit")
    assert len(heard) == before
    room.set_paused(True)
    room.set_paused(True)
    assert heard == sorted(heard) and len(heard) == before + 1


def test_stepping_out_stops_voting_and_the_timer_counts_down_on_the_hosts_clock() -> None:
    """While the room has stepped out no vote is taken; the discussion timer is read against a clock passed in."""
    room = _room()
    p = room.join("K7QM")
    room.ask(QUESTION)
    room.open_voting()
    room.set_stepped_out(True)
    with pytest.raises(RoomError, match="stepped out"):
        room.vote(p, "sit")
    room.set_stepped_out(False)
    room.vote(p, "sit")
    room.start_timer(120, now=1000.0)
    timer = room.view().timer
    assert timer is not None and timer.left(1030.0) == 90.0 and timer.left(2000.0) == 0.0
    with pytest.raises(RoomError):
        room.start_timer(0, now=1.0)
    room.end()
    assert room.view().ended and room.view().question is None


def test_a_full_room_refuses_more_phones() -> None:
    """A flood of joins stops at the room's limit."""
    room = Room("K7QM", "play", max_phones=3)
    for _ in range(3):
        room.join("K7QM")
    with pytest.raises(RoomError, match="full"):
        room.join("K7QM")


ACTIONS = st.lists(
    st.tuples(st.sampled_from(["join", "vote", "open", "close", "reveal", "cancel", "ask"]), st.integers(0, 9), st.integers(0, 3)),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(ACTIONS)
def test_any_sequence_counts_each_phone_at_most_once_and_hides_the_tally(actions: list[tuple[str, int, int]]) -> None:
    """Whatever happens, the tally adds up to the phones that voted, each once, and is hidden until revealed."""
    room = _room()
    phones: list[str] = []
    room.ask(QUESTION)
    last: dict[str, str] = {}
    for kind, who, which in actions:
        try:
            if kind == "join":
                phones.append(room.join("K7QM"))
            elif kind == "vote" and phones:
                token = phones[who % len(phones)]
                option = ["sit", "stand", "leave", "nope"][which]
                room.vote(token, option)
                last[token] = option
            elif kind == "open":
                room.open_voting()
            elif kind == "close":
                room.close_voting()
            elif kind == "reveal":
                room.reveal()
            elif kind == "cancel":
                room.cancel_voting()
                last.clear()
            elif kind == "ask":
                room.ask(QUESTION)
                last.clear()
        except RoomError:
            pass
        view = room.view()
        tally = room.tally()
        assert sum(tally.values()) == view.voted <= len(phones)
        assert (view.tally is not None) == (view.phase in ("revealed", "settled"))
        expected = {o: 0 for o in ("sit", "stand", "leave")}
        for option in last.values():
            expected[option] += 1
        assert tally == expected
