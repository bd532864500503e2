"""The report names people as the case does, and never presents what was not checked as if it had been."""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT

from simulator.analysis.paths import canonical_path
from simulator.engine.session import Session
from simulator.records.record import build_record
from simulator.report.debrief import Debrief, build_debrief
from simulator.report.html import render
from simulator.scenario import load_scenario

CAMPBELL = PROJECT / "scenarios" / "campbell-care-act"


@pytest.fixture(scope="module")
def campbell():
    """The Campbell case with the shipped evidence base."""
    scenario = load_scenario(CAMPBELL).scenario
    assert scenario is not None
    return scenario


def debrief_of(scenario, path: str) -> Debrief:
    return build_debrief(scenario, build_record(Session.replay(scenario, 0, canonical_path(scenario, path).actions())))


def test_trust_is_named_by_the_casts_short_name(campbell):
    """Mr Campbell asked to be "Mr Campbell": his trust is "Mr Campbell's trust" in the report, never "Delroy's"."""
    d = debrief_of(campbell, "enabler")
    assert {t.id: t.short for t in d.trust}["delroy"] == "Mr Campbell"
    page = render(d)
    assert "Mr Campbell&#x27;s trust" in page
    assert "Delroy&#x27;s trust" not in page


def test_a_cast_member_without_a_short_name_is_called_by_their_first_name(mini):
    """With no `short` in the cast, the report falls back to the first word of the name, as dialogue does."""
    d = build_debrief(mini, build_record(Session.replay(mini, 0, canonical_path(mini, "enabler").actions())))
    assert [t.short for t in d.trust] == [mini.characters[t.id].name.split()[0] for t in d.trust]


def test_framework_tags_carry_whether_they_were_checked(campbell):
    """`verified: false` in frameworks.yaml reaches the model; a tag without it counts as checked."""
    tags = campbell.evidence.tags
    assert tags["kssa-5"].verified is False
    assert tags["pcf-1"].verified is True and tags["pcf-7"].verified is False


def test_unverified_tags_are_never_shown_with_a_plain_tick(campbell):
    """In the portfolio section an unchecked statement says "unverified", carries a caveat, and its items have no tick."""
    d = debrief_of(campbell, "enabler")
    kssa = next(fw for fw in d.evidence if fw.id == "kssa")
    assert kssa.tags and not any(t.verified for t in kssa.tags)
    page = render(d)
    section = page[page.index('id="evidence"') : page.index("</section>", page.index('id="evidence"'))]
    blocks = re.findall(r'<div class="tag">(.*?)</div></div>', section, flags=re.S)
    unchecked = [b for b in blocks if "unverified" in b]
    assert len(unchecked) >= len(kssa.tags)
    for block in unchecked:
        assert "&#10003;" not in block and "✓" not in block
        assert "Not yet checked" in block
    assert "have not been checked against their framework" in section


def test_a_checked_tag_keeps_its_tick(mini):
    """A tag the evidence base checked (pcf-1 in the shared seeds) is still filed under "Evidenced by" with a tick."""
    from test_debrief import played

    page = render(build_debrief(mini, played(mini, ["go-now", "chat"])))
    section = page[page.index('id="evidence"') :]
    block = next(b for b in re.findall(r'<div class="tag">(.*?)</div></div>', section, flags=re.S) if "pcf-1" in b)
    assert "Evidenced by" in block and "&#10003;" in block and "unverified" not in block


def test_sources_say_how_far_they_were_checked(campbell):
    """The Sources list marks a source known only from a digest, and one from professional knowledge; a verified one has no note."""
    d = debrief_of(campbell, "enabler")
    status = {s.id: s.evidence for s in d.references}
    assert status.get("mca-2005") == "verified"
    page = render(d)
    refs = page[page.index('id="sources"') :]
    items = re.findall(r"<li>(.*?)</li>", refs, flags=re.S)
    for s in d.references:
        item = next(i for i in items if s.citation.replace("'", "&#x27;") in i or s.citation in i)
        if s.evidence == "abstract":
            assert "known from a summary" in item, s.id
        elif s.evidence == "sector-knowledge":
            assert "not yet checked" in item, s.id
        else:
            assert "checked" not in item and "summary" not in item, s.id
    assert any(s.evidence == "sector-knowledge" for s in d.references)


def test_debriefs_written_before_these_fields_still_load(campbell):
    """A debrief saved without `short`, `verified` or `evidence` reads back with the plain defaults."""
    data = debrief_of(campbell, "barrier").to_dict()
    for t in data["trust"]:
        del t["short"]
    for fw in data["evidence"]:
        for t in fw["tags"]:
            del t["verified"]
    for s in data["references"]:
        del s["evidence"]
    old = Debrief.from_dict(data)
    assert all(t.short == "" for t in old.trust) and all(s.evidence == "" for s in old.references)
    page = render(old)
    assert "Delroy&#x27;s trust" in page  # an old debrief falls back to the first word of the name
