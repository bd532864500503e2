"""Doorstep: an offline simulator for relationship-based social work practice.

The package is layered so that the story logic never needs a screen:

* :mod:`simulator.scenario` reads and checks authored YAML scenarios;
* :mod:`simulator.engine` plays them as a pure, pulled, deterministic session;
* :mod:`simulator.analysis`, :mod:`simulator.report` and :mod:`simulator.records`
  answer questions about scenarios and playthroughs;
* :mod:`simulator.cli`, :mod:`simulator.terminal` and :mod:`simulator.ui` are hosts.

Only :mod:`simulator.ui` imports pygame.
"""

__version__ = "0.1.0"
