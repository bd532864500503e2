"""Python's cyclic garbage collector held off while work makes many lasting objects and no garbage, then let go as it was.

Starting the window, an analysis and loading a case each make tens or
hundreds of thousands of objects that live on and hold no cycles; the
collector's passes over them find nothing and cost a noticeable share of the
work (a tenth of an analysis; 2 ms before the window's first frame).
Reference counting still frees everything as usual. :func:`held` puts the
collector back as it found it, so a run made in-process (a test, a tool
calling :func:`simulator.cli.main`) leaves the process as it was, but
for a host that has settled what it loaded and asks for what the block
made to be kept the same way.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held(settled: bool = False) -> Iterator[None]:
    """The collector off for the block; afterwards on again if it was on.

    ``settled`` is for a host that keeps what it loaded frozen
    (:func:`simulator.scenario.settle`) and keeps what the block makes as
    long (``doorstep analyze`` and its analysis): what the block leaves is
    frozen too as the collector is let go. Otherwise the first collection
    after the block would walk all of it (about 50,000 objects after the
    analysis of a 10,000-node case, a tenth of its time) and free none.
    Reference counting frees frozen objects as usual.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if settled:
                gc.freeze()
            gc.enable()
