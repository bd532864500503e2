"""Getting statements into an LRS exactly once, whatever happened to earlier attempts.

A statement's id is fixed before it is first sent, so the question "did
that batch arrive before we were cut off?" is answered by asking the LRS:
for every registration whose statements may have been sent before (an
earlier attempt that never heard back, a file pushed a second time), the
statements the LRS already has are looked up first and only the others
are sent. That is also how "how many were new" is counted, whatever the
LRS returns for a batch. (Looking up needs the ``statements/read`` scope;
without it, statements are sent anyway and the LRS's duplicate check is
relied on.)

A batch the LRS refuses as a whole (one bad statement, or one it holds in
another version) is sent one statement at a time, so one refusal never
holds the rest back. Offline, server and credential failures stop the
delivery and are raised for the caller to retry later; everything settled
before that is reported through ``settled`` batch by batch, so a process
killed at any moment loses nothing it had learnt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from simulator.xapi.lrs import Client, LRSError

BATCH = 50
Outcome = Literal["new", "already", "conflict", "rejected"]
Settled = Callable[[Sequence[str], Outcome, str | None], None]


@dataclass(slots=True)
class Tally:
    """What a delivery did: statements the LRS stored now, had already, holds in another version, or refused."""

    new: int = 0
    already: int = 0
    conflict: int = 0
    rejected: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def settled(self) -> int:
        return self.new + self.already + self.conflict + self.rejected

    def add(self, other: Tally) -> None:
        self.new += other.new
        self.already += other.already
        self.conflict += other.conflict
        self.rejected += other.rejected
        self.problems += other.problems


def _ignore(ids: Sequence[str], outcome: Outcome, note: str | None) -> None:
    return None


def deliver(
    client: Client,
    statements: Sequence[dict[str, Any]],
    *,
    check: Iterable[str] = (),
    settled: Settled = _ignore,
    before_batch: Callable[[Sequence[str]], None] | None = None,
    batch: int = BATCH,
) -> Tally:
    """Send ``statements`` in order; look up first which of the registrations in ``check`` the LRS already has.

    Raises :class:`LRSError` for failures worth retrying later (offline,
    server, credentials, a wrong endpoint); what was settled before then has
    been reported.
    """
    tally = Tally()
    todo = list(statements)
    known: set[str] = set()
    for registration in dict.fromkeys(check):
        try:
            known |= client.existing(registration)
        except LRSError as exc:
            if exc.kind != "auth" or exc.status != 403:
                raise
            break  # write-only credentials: the LRS's own duplicate check will have to do
    there = [s["id"] for s in todo if s["id"] in known]
    if there:
        settled(there, "already", None)
        tally.already += len(there)
        todo = [s for s in todo if s["id"] not in known]
    size = max(1, batch)
    start = 0
    while start < len(todo):
        chunk = todo[start : start + size]
        ids = [s["id"] for s in chunk]
        if before_batch is not None:
            before_batch(ids)
        try:
            stored = client.post(chunk)
        except LRSError as exc:
            if exc.kind == "rejected" and exc.status == 413 and size > 1:
                size = max(1, size // 2)  # too large for this LRS: smaller batches from here on
                continue
            if exc.kind not in ("rejected", "conflict"):
                raise
            tally.add(_one_by_one(client, chunk, settled, taken=tally.new + tally.already > 0))
            start += len(chunk)
            continue
        if not stored:
            _confirm(client, chunk)
        _count(tally, ids, stored, settled)
        start += len(chunk)
    return tally


def _confirm(client: Client, chunk: Sequence[dict[str, Any]]) -> None:
    """A batch answered with no ids at all (204, as Ralph answers when it had them all): ask the LRS whether it holds them.

    Believed blindly, an LRS (or whatever answers at its address) that says 204 to everything had every statement
    marked sent, and none was ever stored. Raises :class:`LRSError` (they stay waiting) unless the LRS lists them
    all; with write-only credentials (403 to a read) the answer is believed, as before.
    """
    ids = {s["id"] for s in chunk}
    found: set[str] = set()
    for registration in dict.fromkeys(str((s.get("context") or {}).get("registration", "")) for s in chunk):
        try:
            found |= client.existing(registration)
        except LRSError as exc:
            if exc.kind == "auth" and exc.status == 403:
                return
            raise
    if not ids <= found:
        raise LRSError("server", f"the LRS answered a batch of {len(ids)} statements without storing {len(ids - found)} of them, so they stay waiting", None)


def _count(tally: Tally, ids: list[str], stored: list[str], settled: Settled) -> None:
    """Split a stored batch into new and already there, by what the LRS said it stored.

    An LRS that answers with every id (as the specification describes)
    counts all as new; one that leaves out those it already had (Ralph) or
    answers 204 when it had them all is believed.
    """
    said = set(stored)
    new = [i for i in ids if i in said] if said else []
    old = [i for i in ids if i not in said]
    if new:
        settled(new, "new", None)
    if old:
        settled(old, "already", None)
    tally.new += len(new)
    tally.already += len(old)


def _one_by_one(client: Client, chunk: Sequence[dict[str, Any]], settled: Settled, *, taken: bool = True) -> Tally:
    """Each statement of a refused batch on its own: those the LRS refuses are settled as refused, the others sent.

    Unless the LRS has taken none at all (``taken`` False: nothing stored or found there in this delivery, and
    none of these): an LRS that refuses every statement (a version it does not speak, a proxy in front of it, a
    wrong address that answers 400) is not judging the statements, and settling them as refused would mean they
    were never sent again once that was put right. They stay waiting, and the refusal is raised to retry later.
    """
    tally = Tally()
    held: list[tuple[str, Outcome, LRSError]] = []  # refusals not settled until the LRS is seen to take a statement
    for statement in chunk:
        try:
            client.put(statement)
        except LRSError as exc:
            if exc.kind not in ("conflict", "rejected"):
                raise
            held.append((statement["id"], "conflict" if exc.kind == "conflict" else "rejected", exc))
            if taken:
                _refused(tally, held, settled)
            continue
        taken = True
        _refused(tally, held, settled)
        settled([statement["id"]], "new", None)
        tally.new += 1
    if held:
        first = held[0][2]
        raise LRSError("setup", f"every statement sent was refused, so they stay waiting ({first}): check the endpoint and the xAPI version", first.status)
    return tally


def _refused(tally: Tally, held: list[tuple[str, Outcome, LRSError]], settled: Settled) -> None:
    for statement_id, outcome, exc in held:
        settled([statement_id], outcome, str(exc))
        if outcome == "conflict":
            tally.conflict += 1
        else:
            tally.rejected += 1
        tally.problems.append(f"statement {statement_id}: {exc}")
    held.clear()
