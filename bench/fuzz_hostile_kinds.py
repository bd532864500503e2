"""The fourth campaign's mutants: kinds of hostile input the first three never made.

:mod:`fuzz_hostile` runs the commands on them. Each maker takes a seeded
``random.Random`` and a fresh work folder and returns a :class:`Mutant`: a
word for what it made and the jobs to run on it. What is new here:

- **encoding**: a scenario file, a record or a settings file written whole in
  UTF-16 or UTF-32 (with and without a byte-order mark), Latin-1 or cp1252;
  NUL bytes, a BOM or raw surrogate (CESU-8) and overlong UTF-8 bytes in the
  middle; NEL, line and paragraph separators, form feeds and C1 controls
  between lines; an id renamed everywhere to one with emoji, right-to-left
  letters or combining marks (a case that is otherwise whole);
- **yaml11**: the scalars YAML 1.1 reads as something else written as plain
  text where Doorstep wants words or ids (``yes``/``no``/``on``/``off``,
  ``~``, dates and timestamps, ``12:30``, ``0o17``, ``1_000``, ``.nan``),
  as keys too; ``!!python`` tags and merge keys as a person types them; tabs
  for indentation; a line of megabytes; a hundred thousand lines; many
  documents; directives; block scalars with odd indicators;
- **files**: a folder that links to itself, to its parent or to ``/``; a
  socket, a ``/proc`` file or a sparse file of gigabytes where an episode
  was; the episodes folder a file; thousands of files; file names that are
  not UTF-8, hold a newline, or differ only in normal form;
- **paths**: the whole case under a folder name with spaces, a newline, a
  leading dash, bytes that are not UTF-8, or 40 levels deep, given relative,
  with a trailing slash, or through a link;
- **race**: the file being read rewritten, cut short or swapped while the
  command reads it; two plays writing one store at once;
- **state**: the store locked by another program, its file read-only (a bind
  mount), a file-size limit (RLIMIT_FSIZE) from nothing to just short of
  what a play writes, its ``-wal``/``-shm``/``-journal`` or ``backups``
  made odd, the load cache or crash-log folder a file; an unreadable file
  (run as ``nobody``);
- **cli**: ``--speed``, ``--seed``, ``--spread``, ``--timeout``,
  ``--first-seed`` with values no one should type, options given twice,
  unknown flags, ``--set`` with values in other scripts;
- **clobber**: an output named as one of the command's own inputs (the
  record a report reads, the scenario a play records into): nothing the user
  had may be lost.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
SOURCES = [EXAMPLE, PROJECT / "scenarios" / "jay-residential", PROJECT / "scenarios" / "campbell-care-act"]


@dataclass
class Job:
    """One command to run: in the campaign's worker (fast), or as a process when it needs one (a limit, a user, a mount)."""

    argv: list[str]
    allowed: set[str] = field(default_factory=set)  # names under the work folder the command may write
    env: dict[str, str] = field(default_factory=dict)
    process: bool = False
    stdin: str = ""
    setup: str = ""  # shell text run first in a mount namespace
    fsize: int | None = None  # RLIMIT_FSIZE in bytes
    nobody: bool = False  # run as the unprivileged user
    homeless: bool = False  # run as a user with no home folder: HOME unset, and no entry in the user database
    shell_cwd: str = ""  # shell text that makes the working folder (e.g. one removed under it)


@dataclass
class Mutant:
    what: str
    jobs: list[Job]
    race: Path | None = None  # a file rewritten while the jobs run
    lock: Path | None = None  # a store held locked by another process while the jobs run
    changes: set[str] = field(default_factory=set)  # files the mutant itself changes (not judged as lost)


def copy_case(rng: random.Random, work: Path, name: str = "case") -> Path:
    """A copy of one small case with its evidence, paths fixed to the copy."""
    source = rng.choices(SOURCES, weights=[6, 2, 2])[0]
    root = work / name
    shutil.copytree(source, root / "scenario", symlinks=True)
    shutil.copytree(PROJECT / "seeds", root / "seeds")
    manifest = root / "scenario" / "scenario.yaml"
    manifest.write_bytes(re.sub(rb"evidence: (\.\./)+seeds", b"evidence: ../seeds", manifest.read_bytes()))
    return root / "scenario"


def yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if p.is_file() and not p.is_symlink())


def case_jobs(rng: random.Random, root: Path | str, work: Path, one: Path | None = None) -> list[Job]:
    """The commands that read a case: validate (and one file), info, analyze, graph, text auto play with a record, and a spread."""
    t = str(root)
    jobs = [
        Job(["validate", t]),
        Job(["info", t, "--json"]),
        Job(["analyze", t]),
        Job(["graph", t, "--format", rng.choice(["dot", "mermaid"])]),
        Job(["play", t, "--text", "--auto", rng.choice(["enabler", "barrier", "random"]), "--seed", str(rng.randrange(99)), "--record", str(work / "out.json")], {"out.json"}),
    ]
    if one is not None:
        jobs.append(Job(["validate", str(one)]))
    if rng.random() < 0.3:
        jobs.append(Job(["analyze", t, "--spread", "4"]))
    if rng.random() < 0.3:
        jobs.append(Job(["validate", t, "--format", "json", "--strict"]))
    return jobs


# -- encoding --------------------------------------------------------------------------------
ACCENTED = ["é", "£", "’", "“", "”", "–", "ß", "ñ", "ü", "€", "½"]
ID_VARIANTS = ["{i}\U0001f600", "\u062f\u0627\u0646\u0627", "{i}\u0301", "{i}\u200d", "\u202e{i}", "{i}\U0001f469\u200d\U0001f467", "\U000e0041{i}", "{i}\ufe0f", "{i}\u3000x"]


def reencode(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    lines = data.split(b"\n")
    kind = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be", "latin-1", "cp1252", "nul", "bom-mid", "cesu", "overlong", "nel", "ls", "ps", "c0c1"])
    if kind.startswith("utf-"):
        return text.encode(kind), kind
    if kind in ("latin-1", "cp1252"):
        quoted = [m.end() - 1 for m in re.finditer(r'"[^"\n]{3,}"', text)] or [len(text)]
        for at in sorted(rng.sample(quoted, min(len(quoted), rng.randint(1, 5))), reverse=True):
            text = text[:at] + rng.choice(ACCENTED) + text[at:]
        return text.encode(kind, "replace"), kind
    at = rng.randrange(len(lines))
    insert = {"nul": b"\x00" * rng.choice([1, 3]), "bom-mid": b"\xef\xbb\xbf", "cesu": b"\xed\xa0\xbd\xed\xb8\x80", "overlong": rng.choice([b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf8\x88\x80\x80\x80"]), "c0c1": rng.choice([b"\x1b[2J", b"\x07", b"\x0b", b"\x0c", b"\x7f", b"\xc2\x9b", b"\xc2\x80"])}
    if kind in insert:
        line = lines[at]
        cut = rng.randrange(len(line) + 1)
        lines[at] = line[:cut] + insert[kind] + line[cut:]
        return b"\n".join(lines), kind
    sep = {"nel": b"\xc2\x85", "ls": b"\xe2\x80\xa8", "ps": b"\xe2\x80\xa9"}[kind]
    between = [sep if rng.random() < 0.3 else b"\n" for _ in lines[1:]]
    return lines[0] + b"".join(s + ln for s, ln in zip(between, lines[1:], strict=True)), kind


def rename_id(rng: random.Random, root: Path) -> str:
    """An id renamed everywhere it is written, to one with emoji, right-to-left letters, combining or invisible marks."""
    files = yaml_files(root)
    text = "\n".join(p.read_text("utf-8") for p in files)
    ids = sorted(set(re.findall(r"\bid: ([a-z][a-z0-9-]{2,})\b", text)))
    if not ids:
        return "no ids"
    old = rng.choice(ids)
    new = rng.choice(ID_VARIANTS).format(i=old)
    pattern = re.compile(rf"(?<![\w.-]){re.escape(old)}(?![\w-])")
    for p in files:
        p.write_text(pattern.sub(new, p.read_text("utf-8")), "utf-8")
    return f"id {old!r} -> {new!r}"


def encoding_mutant(rng: random.Random, work: Path) -> Mutant:
    roll = rng.random()
    if roll < 0.6:
        root = copy_case(rng, work)
        target = rng.choice(yaml_files(root) + yaml_files(root.parent / "seeds")[:3])
        data, word = reencode(rng, target.read_bytes())
        target.write_bytes(data)
        return Mutant(f"encoding {target.name} {word}", case_jobs(rng, root, work, target))
    root = copy_case(rng, work)
    return Mutant(f"encoding {rename_id(rng, root)}", case_jobs(rng, root, work))


def reencode_record(rng: random.Random, work: Path, base: Path) -> Mutant:
    record = work / "record.json"
    data, word = reencode(rng, base.read_bytes())
    record.write_bytes(data)
    return Mutant(f"encoding record {word}", [
        Job(["report", str(record), "--scenario", str(EXAMPLE), "--html", str(work / "o.html"), "--json", str(work / "o.json")], {"o.html", "o.json"}),
        Job(["cohort", str(record), "--scenario", str(EXAMPLE), "--json", str(work / "c.json")], {"c.json"}),
        Job(["xapi", "statements", str(record), "--scenario", str(EXAMPLE)]),
    ])  # fmt: skip


def reencode_settings(rng: random.Random, work: Path) -> Mutant:
    config = work / "config"
    config.mkdir()
    name = rng.choice(["lrs.json", "settings.json"])
    good = '{"version": 1, "enabled": true, "endpoint": "http://127.0.0.1:9/xapi/", "username": "ü", "password": "p", "xapi_version": "1.0.3", "font_scale": 1.0}'
    data, word = reencode(rng, good.encode())
    (config / name).write_bytes(data)
    env = {"DOORSTEP_CONFIG_DIR": str(config)}
    return Mutant(f"encoding {name} {word}", [Job(["xapi", "setup"], {"config"}, env), Job(["xapi", "outbox"], {"data"}, env), Job(["xapi", "push", "--timeout", "1"], {"data", "config"}, env)])


# -- YAML 1.1 and texts no reader expects ----------------------------------------------------------
YAML11 = ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "~", "Null", "NULL", "2026-03-02", "2026-03-02T09:00:00Z", "2026-03-02 09:00:00.5 +01:00",
          "12:30", "1:30:00", "0o17", "017", "0x1F", "0b11", "1_000", ".inf", "-.Inf", ".NaN", "+1", "1e3", "=", "<<", "!!python/name:os.system ''",
          "!!python/object/new:os.system [ls]", "!!python/object/apply:subprocess.call [[ls]]", "!!python/module:os", "!!int x", "!!float abc", "!!bool maybe",
          "!!timestamp x", "!!binary ****", "!!set {a, b}", "!!omap [a: 1]", "*undefined", "&x", "!!null ''", "!<tag:yaml.org,2002:str> x", "!!merge <<"]  # fmt: skip
KEYS = ["yes", "no", "on", "~", "2026-03-02", "1", ".inf", "<<", "null", "12:30", "? [a, b]\n", "!!python/name:os.system x", "*undefined", "[a, b]", "{a: 1}"]


def yaml11_edit(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    pairs = [i for i, ln in enumerate(lines) if re.match(rb"^\s*(- )?[A-Za-z_]+: \S", ln)]
    kind = rng.choice(["value", "value", "key", "tabs", "long-line", "many-lines", "documents", "directive", "block", "merge", "anchor-everything"])
    if kind == "value" and pairs:
        i = rng.choice(pairs)
        key = lines[i].split(b":", 1)[0]
        word = rng.choice(YAML11)
        lines[i] = key + b": " + word.encode()
        return b"\n".join(lines), f"value {lines[i].strip()[:60]!r}"
    if kind == "key" and pairs:
        i = rng.choice(pairs)
        key, _, value = lines[i].partition(b":")
        indent = key[: len(key) - len(key.lstrip(b" -"))]
        word = rng.choice(KEYS)
        lines[i] = indent + word.encode() + b":" + value
        return b"\n".join(lines), f"key {word!r}"
    if kind == "tabs":
        for i in rng.sample(range(len(lines)), min(len(lines), rng.randint(1, 4))):
            ln = lines[i]
            spaces = len(ln) - len(ln.lstrip(b" "))
            lines[i] = (b"\t" * max(1, spaces // 2) + ln.lstrip(b" ")) if rng.random() < 0.7 else ln.replace(b": ", b":\t", 1)
        return b"\n".join(lines), "tabs"
    if kind == "long-line":
        size = rng.choice([1 << 20, 4 << 20, 12 << 20])
        if pairs and rng.random() < 0.6:
            i = rng.choice(pairs)
            key = lines[i].split(b":", 1)[0]
            lines[i] = key + b': "' + (b"w " * (size // 2)) + b'"'
        else:
            lines.insert(rng.randrange(len(lines) + 1), b"# " + b"x" * size)
        return b"\n".join(lines), f"long line {size >> 20} MB"
    if kind == "many-lines":
        n = rng.choice([100_000, 400_000])
        return data + b"\n" + (b"#\n" if rng.random() < 0.5 else b"\n") * n, f"{n} lines"
    if kind == "documents":
        n = rng.choice([2, 50, 20_000])
        return (data + b"\n") + b"---\n" * n if rng.random() < 0.5 else b"---\n" * n + data, f"{n} documents"
    if kind == "directive":
        word = rng.choice([b"%YAML 1.2", b"%YAML 2.0", b"%YAML 1.1\n%YAML 1.1", b"%TAG ! tag:example.com,2000:", b"%TAG !! tag:evil,2000:", b"%FOO bar"])
        return word + b"\n---\n" + data, f"directive {word[:20]!r}"
    if kind == "block" and pairs:
        i = rng.choice(pairs)
        key = lines[i].split(b":", 1)[0]
        indicator = rng.choice([b"|-9", b">+", b"|0", b"|10", b"|+-", b">2-", b"|\x00"])
        lines[i] = key + b": " + indicator
        lines.insert(i + 1, b" " * rng.choice([0, 1, 9, 40]) + b"text of the block")
        return b"\n".join(lines), f"block {indicator!r}"
    if kind == "merge" and pairs:
        i = rng.choice(pairs)
        key, _, _ = lines[i].partition(b":")
        indent = key[: len(key) - len(key.lstrip(b" -"))].replace(b"-", b" ")
        lines.insert(i + 1, indent + rng.choice([b"<<: *nowhere", b"<<: [1, 2]", b"<<: x", b"<<: {}", b"<<: [*a, *a]", b"<<: {id: x, next: x}"]))
        return b"\n".join(lines), "merge key"
    # an anchor on every value, then each tenth replaced by an alias to the one before
    out, last = [], None
    for n, ln in enumerate(lines):
        m = re.match(rb"^(\s*(?:- )?[A-Za-z_]+: )(\S.*)$", ln)
        if m and not m.group(2).startswith((b"&", b"*", b"|", b">", b"!")):
            if last is not None and n % 10 == 0:
                ln = m.group(1) + b"*" + last
            else:
                last = b"a%d" % n
                ln = m.group(1) + b"&" + last + b" " + m.group(2)
        out.append(ln)
    return b"\n".join(out), "anchors"


def yaml11_mutant(rng: random.Random, work: Path) -> Mutant:
    root = copy_case(rng, work)
    target = rng.choice(yaml_files(root) + yaml_files(root.parent / "seeds")[:3])
    data, word = yaml11_edit(rng, target.read_bytes())
    target.write_bytes(data)
    return Mutant(f"yaml11 {target.name} {word}", case_jobs(rng, root, work, target))


# -- the file system -------------------------------------------------------------------------------
NAMES = [b"new\nline.yaml", b"\xff\xfe.yaml", b"-rf.yaml", b" .yaml", b".yaml", b"x.YAML", b"x.yml", b"trail .yaml", b"n" * 250 + b".yaml", b"e\xcc\x81.yaml", b"\xc3\xa9.yaml", b"\x1b[2J.yaml", "\u202elmay.yaml".encode()]


def files_mutant(rng: random.Random, work: Path) -> Mutant:
    root = copy_case(rng, work)
    episodes = root / "episodes"
    files = yaml_files(episodes)
    target = rng.choice(files)
    kind = rng.choice(["loop-self", "loop-parent", "link-root", "link-proc", "socket", "proc-file", "sparse", "episodes-file", "episodes-link", "many", "names", "names", "case-link", "unreadable", "unreadable-dir"])
    jobs_nobody = False
    if kind == "loop-self":
        (episodes / "deeper").symlink_to(".")
    elif kind == "loop-parent":
        (episodes / "up").symlink_to("..")
    elif kind == "link-root":
        (episodes / "everything").symlink_to("/")
    elif kind == "link-proc":
        (episodes / "proc").symlink_to("/proc/self")
    elif kind == "socket":
        target.unlink()
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
        sock.close()
    elif kind == "proc-file":
        target.unlink()
        target.symlink_to(rng.choice(["/proc/self/environ", "/proc/self/cmdline", "/proc/self/mem", "/proc/self/status", "/sys/kernel/mm/transparent_hugepage/enabled", "/dev/urandom", "/dev/stdin", "/proc/self/fd/0"]))
    elif kind == "sparse":
        with open(target, "r+b") as handle:
            handle.truncate(rng.choice([33 << 20, 65 << 20, 3 << 30]))
    elif kind == "episodes-file":
        shutil.rmtree(episodes)
        episodes.write_text("not a folder\n") if rng.random() < 0.5 else os.mkfifo(episodes)
    elif kind == "episodes-link":
        shutil.rmtree(episodes)
        episodes.symlink_to(rng.choice(["/dev/null", "/etc", str(episodes)]))
    elif kind == "many":
        n = rng.choice([1000, 3000])
        for i in range(n):
            (episodes / f"copy-{i:05d}.yaml").write_bytes(b"" if rng.random() < 0.5 else b"# nothing\n")
        kind = f"many {n}"
    elif kind == "names":
        name = rng.choice(NAMES)
        where = os.fsencode(episodes) + b"/" + name
        with open(where, "wb") as handle:
            handle.write(target.read_bytes() if rng.random() < 0.5 else b"format: 2\nepisode: \xff\n")
        kind = f"name {name[:30]!r}"
    elif kind == "case-link":
        link = work / "linked-case"
        link.symlink_to(root)
        root = link
    else:
        jobs_nobody = True
        os.chmod(work, 0o755)
        for p in [work, *work.rglob("*")]:
            if not p.is_symlink():
                os.chmod(p, 0o777 if p.is_dir() else 0o666)
        os.chmod(target if kind == "unreadable" else episodes, 0o000 if kind == "unreadable" else 0o600)
    jobs = case_jobs(rng, root, work, target)
    if jobs_nobody:
        for job in jobs:
            job.process, job.nobody = True, True
        jobs = rng.sample(jobs, 3)
    return Mutant(f"files {kind} ({target.name})", jobs)


def path_mutant(rng: random.Random, work: Path) -> Mutant:
    """The whole case in a folder whose name is odd, named in an odd way."""
    name = rng.choice([b"my case", b"case\nwith newline", b"-case", b"--help", b"\xff\xfecase", b"ca\xcc\x81se", b"\xe2\x80\xaecase", b"case'\"$(x)`", b"*", b"~case", b"c" * 200, b"/".join([b"d"] * 40) + b"/case", b"case ", b" case"])
    parent = Path(os.fsdecode(os.fsencode(work) + b"/" + name))
    parent.parent.mkdir(parents=True, exist_ok=True)
    root = copy_case(rng, parent.parent, parent.name)
    how = rng.choice(["absolute", "relative", "slash", "dot-slash", "through-link", "dot-dot"])
    cwd_name = ""
    if how == "relative":
        given: str = os.path.relpath(root, work)
    elif how == "slash":
        given = str(root) + "/"
    elif how == "dot-slash":
        given = "./" + os.path.relpath(root, work)
    elif how == "through-link":
        (work / "lnk").symlink_to(root.parent)
        given = str(work / "lnk" / "scenario")
    elif how == "dot-dot":
        given = str(root / "episodes" / ".." / ".." / "scenario")
    else:
        given = str(root)
    jobs = case_jobs(rng, given, work)
    if rng.random() < 0.3:  # run in a folder that was removed under it
        cwd_name = "gone"
        for job in rng.sample(jobs, 2):
            job.process, job.shell_cwd, job.argv = True, "mkdir gone && cd gone && rmdir ../gone", [a if a != given or how != "relative" else str(root) for a in job.argv]
    return Mutant(f"paths {name[:40]!r} {how}{' cwd-gone' if cwd_name else ''}", jobs)
