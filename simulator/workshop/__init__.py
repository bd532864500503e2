"""The workshop: a facilitator, a projector and a room of phones, as pure Python.

The room (:mod:`room`: who may join, votes, tallies, what may be seen when),
what the room goes through (:mod:`course`: a case played together, or the
canonical versions watched and predicted), the facilitator's controls over
both (:mod:`facilitate`), and the anonymous record and report of a session
(:mod:`summary`, :mod:`report_html`). Nothing here draws, listens on a socket
or reads the clock: the window and the web server are thin hosts over it,
and the tests drive it directly.
"""
