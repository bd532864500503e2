"""The window's kit: what every area of the window builds on, and nothing about any one area.

The app loop and its stack (``app.py``), the scene contract and the ``Moves``
every scene may ask of the flow (``scene.py``), the look (``theme.py``,
``fonts.py``, ``look.py``), text that wraps and pages instead of clipping
(``text.py``), buttons with a focus ring (``widgets.py``, ``grid.py``), the
reading card and its pages (``card.py``), the document and menu bases
(``document.py``, ``menu.py``, ``notice.py``), the picture pieces that play
and the watch mode share (``art.py``, ``stage.py``, ``clockbar.py``,
``reading.py``), and the auto pilot and screenshots (``pilot.py``,
``shots.py``). The kit imports no area of the window and no flow.
"""
