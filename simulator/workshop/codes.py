"""Room codes, phone tokens and the facilitator's key: short where people type them, long where nobody does.

A room code is what participants read off the projector and type (or get
inside the QR code's address): four characters from an alphabet without
look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), so it reads one way off a screen
at the back of a room, compared without regard to case or spaces. It keeps out a phone that is not in the room; it is not a password,
so the server also rate-limits (see :mod:`limits`). A phone token is a long
random secret the server hands each phone in a cookie, so a phone that drops
off the Wi-Fi and comes back is the same voter. The facilitator's key guards
the controls when the facilitator drives from a browser.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Callable

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 4

Random = Callable[[int], int]
"""``randbelow``: a number in ``range(n)``; :func:`secrets.randbelow` unless a test passes its own."""


def new_code(randbelow: Random = secrets.randbelow) -> str:
    """A fresh room code such as ``K7QM``."""
    return "".join(ALPHABET[randbelow(len(ALPHABET))] for _ in range(CODE_LENGTH))


def normal(typed: str) -> str:
    """A typed code as it is compared: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in typed.upper() if not ch.isspace() and ch != "-")


def matches(typed: str, code: str) -> bool:
    """Whether a typed code is the room's (constant-time, so timing gives nothing away)."""
    if not isinstance(typed, str) or len(typed) > 64:
        return False
    return hmac.compare_digest(normal(typed).encode("utf-8"), normal(code).encode("utf-8"))


def new_token() -> str:
    """A phone's token: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def new_key() -> str:
    """The facilitator's key for the controls page: 128 random bits."""
    return secrets.token_urlsafe(16)


_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def looks_like_token(value: str) -> bool:
    """Whether a cookie value could be one of our tokens, URL-safe base64 (so junk is never looked up)."""
    return _TOKEN.fullmatch(value) is not None
