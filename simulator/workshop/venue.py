"""Where the room meets: the addresses phones use, the room code, and the QR code that carries both.

Pure data the host that opens the server fills in and the projector draws:
nothing here opens a socket.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Venue:
    """The addresses the server listens on (and nothing else), its port, the room code, and the QR code's modules."""

    addresses: tuple[str, ...]
    port: int
    code: str
    qr: tuple[tuple[bool, ...], ...] = ()  # dark modules, row by row, of the first address's join link
    key: str = ""  # the facilitator's key for the controls page (never shown on the projector)

    def base(self, address: str | None = None) -> str:
        host = address or self.addresses[0]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    @property
    def short(self) -> str:
        """The address to type, as short as it can be: no scheme, no slash."""
        return self.base().removeprefix("http://")

    @property
    def join_link(self) -> str:
        """The link in the QR code: the address with the room code, so a scan joins at once."""
        return f"{self.base()}/?code={self.code}"

    @property
    def controls(self) -> str:
        """The facilitator's page (for a browser on the facilitator's own laptop)."""
        return f"{self.base()}/host/{self.key}"
