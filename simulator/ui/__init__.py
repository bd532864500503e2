"""The Pygame window: the only package that imports pygame.

It is a host over the pure engine and the services, like the terminal
player. One package per area of the window (``shell``, ``play``, ``watch``,
``review``), each with the moves its screens may ask for (``moves.py``); the
flow (``flow/``) implements every move and is the only code that changes
the stack of screens; the kit (``kit/``) is what all of them build on.
``launch.run_window`` and ``launch.run_watch`` are what the command line
calls; ``driver`` drives the window from tests and benchmarks.
"""
