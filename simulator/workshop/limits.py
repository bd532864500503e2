"""Rate limits as token buckets, with the time passed in: how often one phone, or one address, may ask.

Each key (a phone's token, an address) has a bucket that holds up to
``burst`` requests and refills at ``rate`` a second; a request takes one, and
is refused when the bucket is empty, with how long until there is one again.
The table of buckets is bounded: when it is full, the longest-idle key is
forgotten (a full bucket is what a forgotten key starts with again, so
forgetting never lets anyone ask more than a full bucket's worth at once).
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class Buckets:
    """Token buckets by key; thread-safe."""

    def __init__(self, rate: float, burst: float, *, max_keys: int = 4096) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a rate limit needs a rate above 0 and room for at least one request")
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, when last filled)
        self._lock = threading.Lock()

    def _level(self, key: str, now: float) -> float:
        tokens, then = self._buckets.get(key, (self.burst, now))
        return min(self.burst, tokens + max(0.0, now - then) * self.rate)

    def allow(self, key: str, now: float, cost: float = 1.0) -> bool:
        """Take ``cost`` from ``key``'s bucket if it holds that much; whether it did."""
        with self._lock:
            level = self._level(key, now)
            allowed = level >= cost
            self._buckets[key] = (level - cost if allowed else level, now)
            self._buckets.move_to_end(key)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return allowed

    def retry_after(self, key: str, now: float, cost: float = 1.0) -> float:
        """Seconds until ``key`` may ask again (0 if it may now)."""
        with self._lock:
            level = self._level(key, now)
        return 0.0 if level >= cost else (cost - level) / self.rate
