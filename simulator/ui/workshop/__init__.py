"""The workshop's projector: the room view in large type, the join code, votes and tallies, and the facilitator's keys."""
