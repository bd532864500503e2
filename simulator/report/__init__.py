"""Debriefs built from a record, rendered to self-contained HTML and versioned JSON (no pygame)."""
