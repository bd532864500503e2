"""Structure-aware mutation operators the first campaign lacks: they edit the YAML's node graph, not its bytes.

:mod:`fuzz_mutants` flips bytes and swaps leaves of a file re-written as JSON,
so what a YAML file alone can say never reached the readers: anchors and
aliases (a billion laughs, a node that holds itself, a merge key), tags, keys
written twice, keys that are maps or lists, numbers YAML reads as infinity or
NaN, Unicode that looks like nothing (right-to-left overrides, zero-width
joiners, combining marks, escaped lone surrogates, line separators), ids
that differ only in case or normal form, routes that go round for ever and
story graphs whose paths double at every step, and conditions at the edges
of the condition grammar. Each operator takes a seeded ``random.Random`` and
the composed document (``yaml.compose``) and changes it in place; a word for
what it did is returned. :mod:`fuzz_shapes` runs the commands on the result.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"

NUMBERS = [
    "1e309", "-1e309", ".inf", "-.inf", ".nan", ".NaN", "nan", "inf", "1e-400", "4.9e-324", "1.7976931348623157e308", "0x7fffffff",
    "0o17", "0b101", "1_000", "1:30:00", "9" * 39, "-" + "9" * 40, "18446744073709551616", "-0", "+5", "00012", "1.", ".5", "-.0",
    "2026-13-45", "12:60", "99:99", "-1", "3.14159265358979323846264338327950288419716939937510",
]  # fmt: skip
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00ad", "\u2060", "\u180e"]
ODD_CHARS = ["\u2028", "\u2029", "\u0085", "\ufffe", "\uffff", "\U0010ffff", "\U000e0041", "\ud800", "\udfff", "\x7f", "\x1b[2J", "\t", "\u0301" * 300,
             "\U0001f469\u200d\U0001f467\u200d\U0001f466", "\U0001f44b\U0001f3fd", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e2\u05d1\u05e8\u05d9\u05ea",
             "\ufdfd", "\ua9c5" * 40, "\u0e47" * 60, "{louisa}", "{", "}", "%s", "<script>", "&amp;", "\\", "\\n"]  # fmt: skip
LENGTHS = [40, 200, 1000]  # nodes in a chain of diamonds
TAGS = ["!!python/object/apply:os.system", "!!binary", "!!timestamp", "!!set", "!!omap", "!!pairs", "!custom", "!", "!!float", "!!int", "!!bool", "!!null", "!!str", "tag:example.com,2000:x"]
GRAMMAR_EDGES = [
    "trust.{c} >= 1e309", "trust.{c} >= 999999999999999", "trust.{c} >= 9999999999999999", "trust.{c} > -999999999999999", "clock.time > 24:00",
    "clock.time > 99:99", "clock.time >= 00:00", "clock.time == 23:59", "clock.time > 9:5", "clock.day == -0", "clock.month > 0.5", "clock.late > 1e3",
    "trust.{C} > 1", "flag.{f}\u200b", "flag.\uff58", "seen.{n} and seen.{n}", "chose.", "last.", "held.{f} == true", "overdue.{f}", "1 < 2 < 3",
    " + ".join(["score.tone"] * 2000) + " > 0", "not", "()", "'", '"unterminated', "flag.{f} == 'x' == 'y'", "true == 1", "'a' > 1", "'a' + 1 > 0",
    "clock.time + 'x' > 0", "(" * 32 + "true" + ")" * 32, "(" * 33 + "true" + ")" * 33, "not " * 32 + "true", "not " * 33 + "true", "true\x00",
    "trust.{c}>=-9", "--1 > 0", "1 - - 1 > 0", "1.5e3 > 0", "0x10 > 0", "\u0663 > 1", "\u00b2 > 1", "\uff11 > 0", "trust.{c} >= \u0661\u0660",
    "", " ", "\t", "true or", "and true", "trust . {c} > 1", "TRUE", "True", "true and " * 500 + "true", "'" + "x" * 100000 + "' == 'x'",
    "score.{d} == score.{d}", "clock.phoned == clock.phoned", "last.{n} == 'x'", "chose.{n} == chose.{n}", "'\u202e' == '\u202e'", "trust.{c} ! = 1",
]  # fmt: skip


# -- the node graph -----------------------------------------------------------------------------
def walk(root: Node) -> Iterator[tuple[Node | None, object, Node]]:
    """Every (parent, slot, node): slot is a list index, or ("k"|"v", index) of a mapping pair. Shared and recursive nodes are met once."""
    seen: set[int] = set()
    stack: list[tuple[Node | None, object, Node]] = [(None, None, root)]
    while stack:
        parent, slot, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield parent, slot, node
        if isinstance(node, SequenceNode):
            stack.extend((node, i, child) for i, child in enumerate(node.value))
        elif isinstance(node, MappingNode):
            for i, (k, v) in enumerate(node.value):
                stack.append((node, ("k", i), k))
                stack.append((node, ("v", i), v))


def put(parent: Node, slot: object, new: Node) -> None:
    if isinstance(parent, SequenceNode):
        parent.value[slot] = new  # type: ignore[index]
    else:
        side, i = slot  # type: ignore[misc]
        k, v = parent.value[i]
        parent.value[i] = (new, v) if side == "k" else (k, new)


def scalar(text: str, tag: str = STR, style: str | None = None) -> ScalarNode:
    return ScalarNode(tag, text, style=style)


def values(root: Node) -> list[tuple[Node, object, Node]]:
    return [(p, s, n) for p, s, n in walk(root) if p is not None and not (isinstance(s, tuple) and s[0] == "k")]


def strings(root: Node, key: str | None = None) -> list[tuple[Node, object, ScalarNode]]:
    """String scalars that are values (not keys), optionally only those under a key named ``key``."""
    out = []
    for p, s, n in walk(root):
        if not isinstance(n, ScalarNode) or n.tag != STR or p is None:
            continue
        if isinstance(p, MappingNode) and isinstance(s, tuple):
            if s[0] == "k":
                continue
            if key is not None and p.value[s[1]][0].value != key:
                continue
        elif key is not None:
            continue
        out.append((p, s, n))
    return out


def mapping_keys(root: Node) -> list[tuple[MappingNode, int]]:
    return [(n, i) for _, _, n in walk(root) if isinstance(n, MappingNode) for i in range(len(n.value))]


# -- operators --------------------------------------------------------------------------------
def op_retype(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """A value of another kind: a map where a string was, a list where a map was, a string where a list was."""
    p, s, n = rng.choice(values(root))
    kinds: list[Callable[[], Node]] = [
        lambda: MappingNode(MAP, [(scalar("x"), n)]),
        lambda: SequenceNode(SEQ, [n]),
        lambda: SequenceNode(SEQ, []),
        lambda: MappingNode(MAP, []),
        lambda: scalar(rng.choice(["", "~", "true", "0", "x"]), "tag:yaml.org,2002:str" if rng.random() < 0.5 else "tag:yaml.org,2002:null"),
    ]
    put(p, s, rng.choice(kinds)())
    return "retype"


def op_laughs(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """A billion laughs: each level a list of ten aliases of the level below."""
    node: Node = scalar("lol")
    for _ in range(rng.choice([3, 6, 9, 12])):
        node = SequenceNode(SEQ, [node] * 10)
    p, s, _ = rng.choice(values(root))
    put(p, s, node)
    return "laughs"


def op_alias(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """A node replaced by another node of the file (an alias), by a merge key of one, or by its own ancestor (a node that holds itself)."""
    nodes = [n for _, _, n in walk(root) if isinstance(n, (MappingNode, SequenceNode))]
    kind = rng.randrange(3)
    if kind == 0:
        p, s, _ = rng.choice(values(root))
        put(p, s, rng.choice(nodes))
        return "alias"
    if kind == 1:
        maps = [n for n in nodes if isinstance(n, MappingNode)]
        target, donor = rng.choice(maps), rng.choice(maps)
        target.value.insert(rng.randrange(len(target.value) + 1), (scalar("<<", "tag:yaml.org,2002:merge"), donor))
        return "merge"
    chain = [(p, s, n) for p, s, n in walk(root) if isinstance(n, (MappingNode, SequenceNode)) and p is not None]
    p, s, n = rng.choice(chain)
    inner = [(pp, ss, nn) for pp, ss, nn in walk(n) if pp is not None]
    if inner:
        pp, ss, _ = rng.choice(inner)
        put(pp, ss, n)
    return "recursive"


def op_dupkey(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """A key written twice in one map, the second time with another value of the file, or a key that is a map, a list, null or a number."""
    pairs = mapping_keys(root)
    m, i = rng.choice(pairs)
    k, v = m.value[i]
    if rng.random() < 0.6:
        other = rng.choice(values(root))[2]
        m.value.insert(rng.randrange(len(m.value) + 1), (scalar(k.value, k.tag) if isinstance(k, ScalarNode) else k, other))
        return "dupkey"
    odd = rng.choice([MappingNode(MAP, [(scalar("a"), scalar("b"))]), SequenceNode(SEQ, [scalar("a")]), scalar("", "tag:yaml.org,2002:null"),
                      scalar("1", "tag:yaml.org,2002:int"), scalar("true", "tag:yaml.org,2002:bool"), scalar("1.5", "tag:yaml.org,2002:float")])  # fmt: skip
    m.value[i] = (odd, v)
    return "oddkey"


def op_tag(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """A tag on a value: a Python object, binary, a timestamp, a set, one of the author's own."""
    _, _, n = rng.choice([t for t in walk(root)])
    n.tag = rng.choice(TAGS)
    return "tag"


def op_number(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """A number YAML reads as infinity, NaN, hex, octal, sexagesimal, or past a float's range; plain, so the resolver decides."""
    cands = [t for t in values(root) if isinstance(t[2], ScalarNode)]
    p, s, _ = rng.choice(cands)
    text = rng.choice(NUMBERS)
    put(p, s, ScalarNode(yaml.resolver.Resolver().resolve(ScalarNode, text, (True, False)), text))
    return "number"


def unicode_edit(rng: random.Random, text: str) -> str:
    kind = rng.randrange(6)
    at = rng.randrange(len(text) + 1)
    if kind == 0:
        return text[:at] + rng.choice(INVISIBLE) + text[at:]
    if kind == 1:
        return text[:at] + rng.choice(ODD_CHARS) + text[at:]
    if kind == 2:
        return unicodedata.normalize(rng.choice(["NFD", "NFKD", "NFKC"]), text + "\u00e9")
    if kind == 3:
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)  # fullwidth
    if kind == 4:
        return (text or "x") * rng.choice([200, 5000, 70000])
    return "\u202e" + text[::-1] + "\u202c"


def op_unicode(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """A string (an id, a key, a line, a label) with invisible marks, an override, combining marks, an escaped surrogate, or very long."""
    cands: list[ScalarNode] = [n for _, _, n in walk(root) if isinstance(n, ScalarNode) and n.tag == STR]
    for n in rng.sample(cands, min(len(cands), rng.randint(1, 3))):
        n.value = unicode_edit(rng, n.value)
        n.style = '"' if rng.random() < 0.5 else None
    return "unicode"


def fold_variant(rng: random.Random, text: str) -> str:
    """Another spelling of ``text`` that is the same after case folding or Unicode normalisation, or looks the same."""
    kind = rng.randrange(6)
    if kind == 0:
        return text.upper()
    if kind == 1:
        return text[:1].upper() + text[1:]
    if kind == 2:
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)  # NFKC folds it back
    if kind == 3:
        return text + rng.choice(INVISIBLE)
    if kind == 4:
        return text.replace("e", "\u0435", 1).replace("a", "\u0430", 1)  # Cyrillic look-alikes
    return unicodedata.normalize("NFD", text + "\u00e9") if rng.random() < 0.5 else text.replace("ss", "\u00df")


def op_collide(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """Two ids made to differ only in case, normal form or an invisible mark: every mention of one is renamed to a variant of the other."""
    ids = sorted({n.value for _, _, n in walk(root) if isinstance(n, ScalarNode) and n.tag == STR and n.value in ctx["ids"]})
    if len(ids) < 2:
        return op_unicode(rng, root, ctx)
    a, b = rng.sample(ids, 2)
    new = fold_variant(rng, a)
    for _, _, n in walk(root):
        if isinstance(n, ScalarNode) and n.value == b:
            n.value = new
    return "collide"


def op_cycle(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """Routes that go round: a node's ``next`` pointing at an earlier node, at itself, or every ``next`` of the file at one node."""
    nexts = strings(root, "next")
    nodes = ctx["nodes"]
    if not nexts or not nodes:
        return op_retype(rng, root, ctx)
    kind = rng.randrange(3)
    if kind == 0:
        for _, _, n in rng.sample(nexts, min(len(nexts), rng.randint(1, 4))):
            n.value = rng.choice(nodes)
    elif kind == 1:
        target = rng.choice(nodes)
        for _, _, n in nexts:
            n.value = target
    else:
        for _, _, n in nexts:
            n.value = nodes[0]
    return "cycle"


def op_diamonds(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """A chain of nodes, each with two choices leading to the next: 2**n paths through a graph of n nodes (or a wide fan)."""
    found = [(p, s, n) for p, s, n in walk(root) if isinstance(n, MappingNode) and isinstance(p, MappingNode) and isinstance(s, tuple)
             and p.value[s[1]][0].value == "nodes"]  # fmt: skip
    if not found:
        return op_cycle(rng, root, ctx)
    _, _, nodes = rng.choice(found)
    endings = [k.value for k, v in nodes.value if isinstance(v, MappingNode) and any(kk.value == "ending" for kk, _ in v.value)]
    first = rng.choice(endings) if endings else nodes.value[0][0].value if nodes.value else "d0"
    length = rng.choice(LENGTHS)
    width = rng.choice([2, 2, 3, 50])

    def choice(i: int, j: int, nxt: str) -> MappingNode:
        return MappingNode(MAP, [(scalar("id"), scalar(f"c{i}-{j}")), (scalar("text"), scalar(f"Option {j}")), (scalar("path"), scalar("enabler" if j % 2 else "barrier")),
                                 (scalar("next"), scalar(nxt))])  # fmt: skip

    old = nodes.value[0][1] if nodes.value else MappingNode(MAP, [])
    for i in range(length):
        nxt = f"dz{i + 1}" if i + 1 < length else first
        body = MappingNode(MAP, [(scalar("choices"), SequenceNode(SEQ, [choice(i, j, nxt) for j in range(width)]))])
        nodes.value.append((scalar(f"dz{i}"), body))
    if isinstance(old, MappingNode):
        old.value = [(k, v) for k, v in old.value if k.value not in ("next", "choices", "route", "ending")] + [(scalar("next"), scalar("dz0"))]
    if rng.random() < 0.5:  # and no way out: the chain returns to the start for ever
        nodes.value[-1][1].value[0][1].value[0].value[-1] = (scalar("next"), scalar("dz0"))
    return f"diamonds {length}x{width}"


def op_condition(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """A condition at the grammar's edges: limits of nesting and digits, times past midnight, Unicode digits, chained comparisons."""
    conds = strings(root, "when") + strings(root, "if")
    if not conds:
        conds = strings(root)
    pattern = rng.choice(GRAMMAR_EDGES)
    text = pattern.format(c=rng.choice(ctx["cast"]), C=rng.choice(ctx["cast"]).upper(), f=rng.choice(ctx["ids"] or ["x"]), n=rng.choice(ctx["nodes"] or ["x"]),
                          d=rng.choice(["tone", "honesty", "timeliness", "x"]))  # fmt: skip
    _, _, n = rng.choice(conds)
    n.value, n.style = text, '"'
    return "condition"


TEXT_KEYS = ("text", "title", "feedback", "label", "cue", "summary", "name", "role", "description", "meaning", "term", "prompt", "fiction_contract")


def op_text(rng: random.Random, root: Node, ctx: dict[str, list[str]]) -> str:
    """Only the words (lines, titles, feedback, labels, glossary terms) with hidden, reordering or huge Unicode: still a valid case, so every reader meets it."""
    cands = [n for key in TEXT_KEYS for _, _, n in strings(root, key)]
    if not cands:
        return op_unicode(rng, root, ctx)
    for n in rng.sample(cands, min(len(cands), rng.randint(1, 6))):
        n.value = unicode_edit(rng, n.value).replace("\ud800", "").replace("\udfff", "")
        n.style = '"'
    return "text"


OPERATORS: list[Callable[[random.Random, Node, dict[str, list[str]]], str]] = [
    op_retype, op_laughs, op_alias, op_dupkey, op_tag, op_number, op_unicode, op_collide, op_cycle, op_diamonds, op_condition, op_text, op_text,
]  # fmt: skip


def context(root: Node) -> dict[str, list[str]]:
    """Ids of the document, so mutations can name real things: every ``id``, node names, cast ids."""
    ids: set[str] = set()
    nodes: list[str] = []
    cast: list[str] = []
    for p, s, n in walk(root):
        if isinstance(n, MappingNode) and isinstance(p, MappingNode) and isinstance(s, tuple) and p.value[s[1]][0].value == "nodes":
            nodes += [k.value for k, _ in n.value if isinstance(k, ScalarNode)]
        if isinstance(n, ScalarNode) and isinstance(p, MappingNode) and isinstance(s, tuple) and s[0] == "v":
            key = p.value[s[1]][0].value
            if key in ("id", "next", "speaker", "character", "episode", "flag", "location"):
                ids.add(n.value)
            if key == "speaker":
                cast.append(n.value)
    return {"ids": sorted(ids | set(nodes)), "nodes": nodes, "cast": sorted(set(cast)) or ["x"]}


def mutate_yaml(rng: random.Random, data: bytes, count: int | None = None) -> tuple[bytes, str]:
    """``data`` (YAML) with one to three operators applied to its node graph, written back as YAML (anchors, tags and all)."""
    try:
        root = yaml.compose(data.decode("utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return data, "unparsed"
    if root is None:
        return data, "empty"
    ctx = context(root)
    done = [rng.choice(OPERATORS)(rng, root, ctx) for _ in range(count or rng.choice([1, 1, 2, 3]))]
    try:
        text = yaml.serialize(root, Dumper=yaml.SafeDumper, allow_unicode=rng.random() < 0.7, width=rng.choice([80, 10**6]))
    except (yaml.YAMLError, RecursionError):
        return data, "unwritable"
    return text.encode("utf-8", "surrogatepass"), "+".join(done)
