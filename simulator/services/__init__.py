"""Services: the pure-Python work the hosts share, below the window and the terminal.

A playthrough being played and saved as it goes (:mod:`~simulator.services.run`, with its
saver thread in :mod:`~simulator.services.saver`), one looked back on
(:mod:`~simulator.services.review`, :mod:`~simulator.services.past`), the watch mode's
reels (:mod:`~simulator.services.reels`), what one moment shows
(:mod:`~simulator.services.moment`), the history (:mod:`~simulator.services.transcript`),
the cases on offer (:mod:`~simulator.services.catalog`), the trainee's settings
(:mod:`~simulator.services.settings`), editing the trainee's own writing
(:mod:`~simulator.services.textedit`), and the words every host uses for a change
(:mod:`~simulator.services.words`, :mod:`~simulator.services.care`).

Nothing here imports pygame, draws, or reads the wall clock except through a
clock passed in (the store's ``now``); every module is tested without a display.
"""
