"""The Pygame window: the only package that imports pygame.

It is a host over the pure engine, like the terminal player: it pulls what
to show from a :class:`~simulator.engine.session.Session` and acts on it.
The pieces are a small scene stack of our own (``app.py``, ``scene.py``),
a theme and type scale (``theme.py``, ``fonts.py``), text that wraps and
pages instead of clipping (``text.py``, ``document.py``), widgets with a
visible focus ring (``widgets.py``), art with placeholders (``art.py``),
and the scenes themselves (``scenes/``). ``launch.run_window`` is the entry
point the command line calls.
"""
