"""PyYAML imported with its own patterns compiled when first used (simulator/scenario/pyyaml.py): the same yaml, less to start."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from simulator.scenario.pyyaml import Deferred

PROJECT = Path(__file__).resolve().parent.parent

FRESH = """
import re, sys
from simulator.scenario import pyyaml
compile = re.compile
yaml = pyyaml.yaml()
assert re.compile is compile, "re.compile is Python's own again"
assert pyyaml.yaml() is yaml is sys.modules["yaml"]
patterns = [yaml.reader.Reader.NON_PRINTABLE, yaml.constructor.SafeConstructor.timestamp_regexp]
patterns += [p for rules in yaml.resolver.Resolver.yaml_implicit_resolvers.values() for _, p in rules]
assert patterns and all(type(p) is pyyaml.Deferred and p._compiled is None for p in patterns), patterns
assert type(re.compile("x")) is re.Pattern
print(repr(yaml.safe_load(sys.stdin.read())))
print(all(p._compiled is not None for p in patterns[:2]))
"""

PLAIN = "import sys, yaml\nprint(repr(yaml.safe_load(sys.stdin.read())))\nprint(True)\n"

DOCUMENT = """
plain: text
yes_word: yes
no_word: No
null_word: ~
int: 0x1F
octal: 017
float: 1_000.5e+3
inf: -.inf
date: 2001-12-14
stamp: 2001-12-14t21:59:43.10-05:00
merge: {<<: {a: 1}, b: 2}
bad: "\\x01 is fine quoted"
"""


def run(code: str, stdin: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True, cwd=PROJECT, timeout=60)
    assert done.returncode == 0, done.stderr[-800:]
    return done.stdout


def test_yaml_imported_with_deferred_patterns_reads_as_yaml_imported_plainly() -> None:
    deferred, plain = run(FRESH, DOCUMENT), run(PLAIN, DOCUMENT)
    assert deferred == plain
    assert deferred.endswith("True\n")  # the pure loader's patterns were compiled when it first used them


def test_a_character_yaml_refuses_is_refused_as_before() -> None:
    code = "import sys\n{}\ntry:\n    yaml.reader.Reader('a\\x01b')\nexcept yaml.reader.ReaderError as e:\n    print(e)\n"
    fresh = run(code.format("from simulator.scenario import pyyaml\nyaml = pyyaml.yaml()"), "")
    assert fresh == run(code.format("import yaml"), "")
    assert "special characters are not allowed" in fresh


def test_a_stand_in_answers_as_its_compiled_pattern() -> None:
    stand_in = Deferred(r"^(?:a|b)+$", re.IGNORECASE)
    assert stand_in.match("AbA") is not None and stand_in.match("abc") is None
    assert stand_in.pattern == r"^(?:a|b)+$" and stand_in.flags == re.compile(r"^(?:a|b)+$", re.IGNORECASE).flags
    assert repr(stand_in) == repr(re.compile(r"^(?:a|b)+$", re.IGNORECASE))
    assert stand_in.compiled() is stand_in.compiled()


def test_a_validate_compiles_none_of_yamls_patterns() -> None:
    code = (
        "import runpy, sys\nsys.argv = ['doorstep', 'validate', 'scenarios/harris-family']\ntry:\n    runpy.run_module('simulator', run_name='__main__')\n"
        "finally:\n    import yaml\n    print(yaml.reader.Reader.NON_PRINTABLE._compiled is None, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT, timeout=120, env={**os.environ, "DOORSTEP_CACHE": "0"})
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stderr.split() == ["True"]


def test_the_lean_reader_gives_libyamls_parser_back_its_own_events() -> None:
    """Whatever a lean reading meets (a clean file, one it declines, a syntax error), yaml's own event classes are back after."""
    import yaml
    from yaml import events

    from simulator.scenario import pyyaml, yamllean

    cy = sys.modules["yaml._yaml"]
    own = {name: getattr(events, name) for name in pyyaml.PLAIN}
    for text in ("a: 1\nb: [x, {c: d}]\n", "a: &x 1\nb: *x\n", "a: [1\n", "a: 1\na: 2\n", ""):
        yamllean.read(text)
        assert {name: getattr(cy, name) for name in pyyaml.PLAIN} == own
        assert not pyyaml.LOCK.locked()
    assert [type(e).__name__ for e in yaml.parse("a: [1]\n", Loader=yaml.CSafeLoader)][2:7] == ["MappingStartEvent", "ScalarEvent", "SequenceStartEvent", "ScalarEvent", "SequenceEndEvent"]


def test_each_plain_event_keeps_what_the_parser_gives_it() -> None:
    from simulator.scenario import pyyaml

    assert len(set(pyyaml.PLAIN.values())) == len(pyyaml.PLAIN)
    for kind in pyyaml.PLAIN.values():
        assert kind(None, "tag", (True, False), "value", 1, 2, None).args == (None, "tag", (True, False), "value", 1, 2, None)
        assert kind(1, 2).args == (1, 2)


def test_lean_and_reporting_readings_in_threads_read_as_one_at_a_time() -> None:
    import threading

    from simulator.scenario.yamlreport import report
    from simulator.scenario.yamlstrict import parse

    texts = [f"n{i}:\n  a: {i}\n  b: [x, 'y', {{c: {i}.5}}]\n" + ("  a: again\n" if i % 3 == 0 else "") for i in range(12)]
    alone = [(repr(parse(t).data), repr(report(t).data)) for t in texts]
    together: dict[int, list[tuple[str, str]]] = {}

    def read(n: int) -> None:
        together[n] = [(repr(parse(t).data), repr(report(t).data)) for t in texts * 20]

    threads = [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(got == alone * 20 for got in together.values())
