"""The addresses this machine has on the room's network, and which of them the server listens on.

The server listens only on the addresses the facilitator sees on the
projector, never on every interface: by default the machine's own IPv4
addresses on its local networks (read from its interfaces, without sending
anything), or the ones named with ``--host``. Loopback is used only when it
is asked for (tests, a facilitator trying it alone) or when the machine has
no other address, and the projector then says that phones cannot reach it.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys
from collections.abc import Iterable


class AddressError(ValueError):
    """An address the server cannot listen on; the message says why in one line."""


def _linux_addresses() -> list[str]:
    import fcntl  # Linux and the BSDs only

    found = []
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(sock.fileno(), 0x8915, struct.pack("256s", name.encode()[:15]))  # SIOCGIFADDR
            except OSError:
                continue  # an interface without an IPv4 address
            found.append(socket.inet_ntoa(packed[20:24]))
    finally:
        sock.close()
    return found


def _resolved_addresses() -> list[str]:
    try:
        return list(socket.gethostbyname_ex(socket.gethostname())[2])
    except OSError:
        return []


def usable(address: str) -> bool:
    """An address phones on a local network could reach: private or link-local IPv4 (not loopback, not public)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and not ip.is_loopback and not ip.is_unspecified and (ip.is_private or ip.is_link_local)


def local_addresses() -> list[str]:
    """This machine's addresses on local networks, private ones first (may be empty)."""
    found: Iterable[str] = _linux_addresses() if sys.platform.startswith("linux") else _resolved_addresses()
    out = [a for a in dict.fromkeys(found) if usable(a)]
    return sorted(out, key=lambda a: (ipaddress.ip_address(a).is_link_local, a))


def choose(requested: Iterable[str]) -> tuple[str, ...]:
    """The addresses to listen on: those asked for (checked), else the local network's, else loopback."""
    asked = [a.strip() for a in requested if a.strip()]
    if asked:
        out = []
        for a in asked:
            if a in ("localhost",):
                a = "127.0.0.1"
            try:
                ip = ipaddress.ip_address(a)
            except ValueError:
                raise AddressError(f"--host {a[:60]!r} is not an IP address (give one this machine has, such as 192.168.1.20)") from None
            if ip.is_unspecified:
                raise AddressError("--host 0.0.0.0 would listen on every network this machine is on; name the room's address instead")
            out.append(str(ip))
        return tuple(dict.fromkeys(out))
    found = local_addresses()
    return tuple(found[:1]) if found else ("127.0.0.1",)


def loopback_only(addresses: Iterable[str]) -> bool:
    return all(ipaddress.ip_address(a).is_loopback for a in addresses)
