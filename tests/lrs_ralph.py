"""A real Learning Record Store for the tests: Ralph, from .venv-lrs, on a free loopback port with its file backend.

``make test`` installs Ralph into its own venv from requirements/lrs.txt;
:func:`start` creates a user with ``ralph auth``, starts the LRS
(tests/ralph_serve.py) in a new process group and waits until it answers;
:meth:`Ralph.stop` ends the whole group.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LRS_BIN = PROJECT / ".venv-lrs" / "bin"
USERNAME = "doorstep-tests"
PASSWORD = "a-password-for-the-tests"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Ralph:
    endpoint: str
    folder: Path
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def _get(self, query: dict[str, str]) -> dict:
        token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        url = f"{self.endpoint}statements?{urllib.parse.urlencode(query)}"
        request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def registration(self, registration: str) -> list[dict]:
        """Every statement of a registration as the LRS holds it (following ``more``)."""
        found: list[dict] = []
        page = self._get({"registration": registration, "limit": "1000"})
        found += page["statements"]
        while page.get("more"):
            more = urllib.parse.urlsplit(page["more"])
            page = self._get(dict(urllib.parse.parse_qsl(more.query)))
            found += page["statements"]
        return found

    def statement(self, statement_id: str) -> dict | None:
        try:
            return self._get({"statementId": statement_id})
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise


def start(folder: Path, timeout: float = 60.0) -> Ralph:
    ralph = LRS_BIN / "ralph"
    if not ralph.exists():
        raise RuntimeError(f"Ralph is not installed at {ralph}: run `make .venv-lrs/.installed` (make test does it)")
    folder.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(folder),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder),
    }
    subprocess.run(
        [str(ralph), "auth", "--write-to-disk", "-u", USERNAME, "-p", PASSWORD, "-s", "statements/write", "-s", "statements/read",
         "-A", "doorstep-tests", "http://127.0.0.1"],
        env=env, cwd=folder, check=True, capture_output=True, timeout=120,
    )
    port = free_port()
    log = folder / "ralph.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(LRS_BIN / "python"), str(Path(__file__).with_name("ralph_serve.py")), str(port)],
            env=env, cwd=folder, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    server = Ralph(f"http://127.0.0.1:{port}/xAPI/", folder, process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Ralph stopped at start: {log.read_text()[-2000:]}")
        try:
            server._get({"limit": "1"})
            return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"Ralph did not answer within {timeout:g} s: {log.read_text()[-2000:]}")
