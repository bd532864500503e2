"""Python's cyclic garbage collector held off while work makes many lasting objects and no garbage, then let go as it was.

Starting the window, an analysis and loading a case each make tens or
hundreds of thousands of objects that live on and hold no cycles; the
collector's passes over them find nothing and cost a noticeable share of the
work (a tenth of an analysis; 2 ms before the window's first frame).
Reference counting still frees everything as usual. :func:`held` puts the
collector back as it found it, so a run made in-process (a test, a tool
calling :func:`simulator.cli.main`) leaves the process as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held() -> Iterator[None]:
    """The collector off for the block; afterwards on again if it was on."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
