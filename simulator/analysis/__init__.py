"""Whole-graph questions about a scenario: counts, paths, score bounds, reachable endings."""
