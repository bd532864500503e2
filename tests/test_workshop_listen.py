"""Where the real workshop command listens: only on the addresses it prints for the projector, on the port asked, only while it runs.

The kernel's own table of listening sockets (/proc/net/tcp and tcp6) is read
while ``doorstep workshop --no-window`` runs, so what is checked is what the
machine really listens on, not what the code meant to.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE = str(ROOT / "scenarios" / "campbell-care-act")


def listening(port: int) -> set[str]:
    """Every address some process listens on at ``port`` (TCP, IPv4 and IPv6), from the kernel's tables."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            local, st = fields[1], fields[3]
            address, _, hex_port = local.partition(":")
            if st != "0A" or int(hex_port, 16) != port or len(address) != width:
                continue
            raw = bytes.fromhex(address)
            packed = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))  # each 32-bit word is in host order
            found.add(str(ipaddress.ip_address(packed)))
    return found


def run(tmp: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "DOORSTEP_DATA_DIR": str(tmp / "data"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "workshop", CASE, "--no-window", "--report-dir", str(tmp / "reports"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    text = ""
    while "Press Ctrl-C" not in text:
        line = proc.stdout.readline()
        assert line, f"the workshop command stopped: {proc.stderr.read() if proc.stderr else ''}"
        text += line
    return proc, text


def end(proc: subprocess.Popen[str], host: str) -> None:
    data = urllib.parse.urlencode({"do": "end", "sure": "on"}).encode()
    with urllib.request.urlopen(urllib.request.Request(f"{host}/act", data=data, headers={"Accept": "application/json"}), timeout=10):
        pass
    try:
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's table of listening sockets")
def test_the_port_asked_on_the_address_named_and_nothing_else(tmp_path: Path) -> None:
    """--host 127.0.0.1 --port N: the kernel lists one listener, on 127.0.0.1:N; 127.0.0.2 is refused; after End, nothing."""
    port = _free_port()
    proc, text = run(tmp_path, "--host", "127.0.0.1", "--port", str(port))
    shown = re.findall(r"Phones join at http://([\d.]+):(\d+) ", text)
    assert shown == [("127.0.0.1", str(port))] and "Only this computer can reach it" in text
    assert listening(port) == {"127.0.0.1"}
    with pytest.raises(OSError), socket.create_connection(("127.0.0.2", port), timeout=2):
        pass  # another loopback address of this machine: not one the server was told
    host = re.search(r"(http://127\.0\.0\.1:\d+/host/\S+)", text)
    assert host
    end(proc, host.group(1))
    assert listening(port) == set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's table of listening sockets")
def test_by_default_it_listens_only_where_the_projector_says(tmp_path: Path) -> None:
    """Without --host the server picks this machine's local-network address (or loopback), prints it, and listens there alone."""
    proc, text = run(tmp_path, "--port", "0")
    shown = re.findall(r"Phones join at http://([\d.]+):(\d+) ", text)
    assert len(shown) == 1, text
    address, port = shown[0][0], int(shown[0][1])
    assert listening(port) == {address}
    assert address not in ("0.0.0.0", "::")
    if address != "127.0.0.1":
        assert ipaddress.ip_address(address).is_private and "Only this computer" not in text
    host = re.search(r"(http://[\d.]+:\d+/host/\S+)", text)
    assert host
    end(proc, host.group(1))
    assert listening(port) == set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals as Linux sends them")
@pytest.mark.parametrize("signum", [15, 1])
def test_a_closed_terminal_or_a_kill_keeps_the_record_and_the_report(tmp_path: Path, signum: int) -> None:
    """SIGTERM or SIGHUP (the terminal closed) ends the workshop as Ctrl-C does: report written, record kept, port closed."""
    proc, text = run(tmp_path, "--host", "127.0.0.1", "--port", "0")
    port = int(re.findall(r"Phones join at http://[\d.]+:(\d+) ", text)[0])
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert "Workshop report written to" in out and "Kept in the saved playthroughs file" in out
    assert list((tmp_path / "reports").glob("workshop-*.json")) and listening(port) == set()
