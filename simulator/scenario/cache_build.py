"""The load cache's per-episode layer: an episode that was not edited is not built again.

After a trainer edits one episode, every file is still read (the per-file
layer, :mod:`simulator.scenario.cache_files`, reads back each unchanged
file's parse), checked by the schema, and the first pass of the builder
(:func:`~simulator.scenario.build.build`'s ``collect``: every episode's id,
nodes, start, choice ids and flags) runs on all of them as before. The
second pass, which builds each episode's nodes, lines, choices and
conditions and checks every name they use, is what this layer keeps: an
episode's model and the diagnostics its building made, read back when
nothing it could depend on has changed.

What an episode's building reads, besides its own file, is named by a
*context* hash made once per load: the manifest's data (cast, rubric,
milestones, locations, glossary, player, id: everything the episode's names
are checked against), the art catalog, the evidence base's principle and tag
ids, and what the first pass gathered across every episode (each episode's
node ids and start, every choice id, every flag with its kinds and values).
An entry is named by a hash of this Doorstep's code stamp, that context, the
episode file's name, id and start, and its bytes. An edit that changes any of
them (a node added or renamed anywhere, a choice id, a flag, a character, a
principle in the seeds) changes the name, and the episode is built afresh;
an edit to one episode's text changes only that episode's name. (A change to
the builder that makes an episode's building read anything else must add it
to :func:`_context`; tests/test_load_cache_build.py edits each kind of
reference across files and checks the result against a load without cache.)

Entries are kept with the per-file layer's rules (same folder and secret,
signed, plain JSON through :mod:`simulator.scenario.cache_codec`, never
pickle; anything wrong means "build it"). What is read back must also fit
the file it stands for (its id, start and node ids as the first pass just
read them), and once the scenario is assembled every node, episode,
character and dimension it names must exist, or the whole build runs again
without this layer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from simulator.scenario import cache

if TYPE_CHECKING:
    from simulator.scenario.art import ArtCatalog
    from simulator.scenario.cache_files import Kept
    from simulator.scenario.diagnostics import Diagnostic
    from simulator.scenario.model import Episode, Evidence, Node, Scenario
    from simulator.scenario.yamlstrict import Document

FORMAT = 1
TAG = b"doorstep built episode %d\0" % FORMAT

Built = tuple["Episode", list["Node"]]


class Place(Protocol):
    """An episode file as the builder's first pass left it."""

    name: str
    doc: Document
    id: str
    start: str


class Builder(Protocol):
    """What this layer reads of the scenario builder (:class:`simulator.scenario.build._Builder`)."""

    mname: str
    m: dict[str, Any]
    art: ArtCatalog | None
    evidence: Evidence
    diags: list[Diagnostic]
    local_nodes: dict[str, list[str]]
    flag_kinds: dict[str, set[str]]
    flag_values: dict[str, list[Any]]

    @property
    def eps(self) -> Mapping[str, Place]: ...

    @property
    def choice_ids(self) -> Mapping[str, object]: ...

    def episode(self, ep: Any) -> Built: ...

    def score_spans(self) -> dict[str, tuple[float, float]]: ...


class Reuse:
    """One load's use of the layer: :meth:`builder` wraps the builder's second pass; entries go to ``kept``."""

    def __init__(self, kept: Kept, files: Mapping[str, bytes]) -> None:
        self.kept = kept
        self.files = files
        self.reused = 0

    def builder(self, b: Builder) -> Callable[[Any], Built]:
        """``b.episode``, reading back each episode built before in the same context, and keeping the others."""
        context = _context(b)

        def episode(ep: Place) -> Built:
            raw = self.files.get(ep.name)
            if raw is None:  # a file given already parsed (the manifest's caller, a test): no bytes to name it by
                return b.episode(ep)
            h = cache.blake2b()
            for part in (cache.code_stamp().encode("ascii"), TAG, context, repr((ep.name, ep.id, ep.start)).encode("utf-8", "surrogatepass")):
                h.update(len(part).to_bytes(8, "little"))
                h.update(part)
            h.update(raw)
            name = h.hexdigest()
            got = self._read(name, ep, b.local_nodes.get(ep.id, []))
            if got is not None:
                self.reused += 1
                b.diags.extend(got[2])
                return got[0], got[1]
            mark = len(b.diags)
            built = b.episode(ep)
            self._keep(name, built, b.diags[mark:])
            return built

        return episode

    def holds(self, scenario: Scenario) -> bool:
        """Whether every id the assembled scenario's engine looks up is there (always, unless an entry was re-signed by hand)."""
        if not self.reused:
            return True
        from simulator.scenario.cache_shape import Malformed, references_hold

        values = {"nodes": scenario.nodes, "episodes": scenario.episodes, "cast": scenario.cast, "rubric": scenario.rubric, "milestones": scenario.milestones, "start": scenario.start}
        try:
            references_hold(values)
        except Malformed:
            return False
        return True

    def _read(self, name: str, ep: Place, local: list[str]) -> tuple[Episode, list[Node], list[Diagnostic]] | None:
        payload = self.kept.read(name, "built")
        if payload is None:
            return None
        from simulator.scenario import cache_codec

        try:
            episode, nodes, diags = cache_codec.decode_episode(json.loads(payload))
        except Exception:  # authenticated data this Doorstep cannot read is no entry, never a crash
            return None
        ids = tuple(f"{ep.id}.{n}" for n in local)
        if episode.id != ep.id or episode.start != ep.start or episode.nodes != ids or tuple(n.id for n in nodes) != ids or any(n.episode != ep.id for n in nodes):
            return None
        return episode, nodes, diags

    def _keep(self, name: str, built: Built, diags: list[Diagnostic]) -> None:
        from simulator.scenario import cache_codec

        try:
            data = cache_codec.encode_episode(built[0], built[1], diags)
            payload = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode("ascii")
        except (TypeError, ValueError, RecursionError):
            return
        self.kept.put(name, payload, "built")


def _context(b: Builder) -> bytes:
    """The hash of everything an episode's building reads besides its own file (see the module's docstring)."""
    evidence = b.evidence
    parts = (
        b.mname,
        b.m,
        cache.canonical(b.art),
        list(evidence.principles),
        list(evidence.tags),
        [(eid, ep.name, ep.start) for eid, ep in b.eps.items()],
        b.local_nodes,
        list(b.choice_ids),
        {flag: sorted(kinds) for flag, kinds in b.flag_kinds.items()},
        b.flag_values,
        b.score_spans(),  # C606 reads every episode's points
    )
    h = cache.blake2b()
    for part in parts:
        data = repr(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()
