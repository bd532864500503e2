"""The trainer's tools: validating a scenario or one file of it, scaffolding a new one, editor settings, watching for saves, playing from a node."""
