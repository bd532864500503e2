"""The tenth practice educator's reading: Campbell's law read further, a broken promise to Chloe repaired, and the enabler path read again.

- Campbell: the 2026 judgment and the guidance after it were looked for in full. Neither is stored, so
  both stay marked as known from summaries, but the summaries were read further: the glossary now says
  who weighs what, that the acid test's two questions still count without settling it, and that a
  person showing contentment is not the same as a person going along quietly.
- Harris, the enabler path from July to February read afresh: John no longer hears, in the open part of
  a review, in the minutes he is sent or at the hand-over, that the programme's partner support worker
  bears out the decision or stays in touch with Fiona. Her support is hers, and his change is not
  measured, in his hearing, by what she says.
"""

from __future__ import annotations

import re

import pytest
from routes import project_art
from test_campbell_scenario import CAMPBELL
from test_harris_practice import HARRIS, scenes

from simulator.scenario import load_scenario


def loaded(path, **kwargs):
    result = load_scenario(path, **kwargs)
    assert result.ok, [d.render() for d in result.errors]
    return result.scenario


@pytest.fixture(scope="module")
def campbell():
    return loaded(CAMPBELL, art=project_art())


# --- Campbell: what the fuller reading of the 2026 judgment changed --------------------------------------


def test_campbell_says_what_is_weighed_now_and_by_whom(campbell):
    """The glossary names who decides (not only the courts) and what is weighed, purpose and how ordinary the arrangement is among them; the acid test has its own entry saying its two questions still count without settling it, that it went at once, and that there is guidance to read."""
    terms = {t.term: t for t in campbell.glossary}
    meaning = terms["deprivation of liberty"].meaning
    assert "the courts weigh" not in meaning
    assert "home, council or court" in meaning and "purpose" in meaning and "how ordinary" in meaning
    acid = terms["acid test"]
    assert "Cheshire West" in acid.also and "[2026] UKSC 16" in acid.meaning
    assert "still count but no longer settle it alone" in acid.meaning and "with no transition" in acid.meaning
    assert "plainest case" in acid.meaning and "guidance" in acid.meaning


def test_campbell_does_not_read_quiet_compliance_as_consent(campbell):
    """A person who cannot decide where to live consents only by showing they are content, and going along quietly is said not to be that."""
    meaning = {t.term: t.meaning for t in campbell.glossary}["deprivation of liberty"]
    assert "showing they are content; going along quietly is not that" in meaning


def test_the_judgments_source_says_honestly_what_was_and_was_not_read(campbell):
    """The source for the 2026 judgment stays marked as known from summaries, says that neither the judgment nor the DHSC guidance was read and why, and names the pages that were."""
    source = campbell.evidence.sources["uksc-2026-agni-reference"]
    assert source.evidence == "abstract"
    notes = source.notes
    assert "the judgment and the Department of Health and Social Care's guidance" in notes and "neither was read" in notes
    for page in ("Research in Practice", "lawcases.net", "Weightmans", "Capsticks", "Surrey", "Essex", "case page"):
        assert page in notes, page
    assert "DHSC and CQC issued statements" not in notes
    lps = campbell.evidence.sources["lps-put-off-2023"]
    assert lps.evidence == "abstract" and "after the June 2026 judgment" in lps.notes


# --- Harris, months 6-11 on a fresh reading: what John hears about the support Fiona has -------------------

PARTNER_SUPPORT = re.compile(r"partner support|women's group|what Fiona tells her", re.IGNORECASE)


@pytest.fixture(scope="module")
def harris():
    return loaded(HARRIS)


@pytest.fixture(scope="module")
def harris_scenes_few(harris):
    return list(scenes(harris, seeds=60))


def test_john_never_hears_that_fionas_support_decides_or_carries_on(harris_scenes_few):
    """While John is in the scene (drawn, or heard), nothing said or written for him names the programme's partner support worker, or what Fiona tells her, as bearing out a decision or as staying in touch with Fiona; the most he hears is that its report is taken in the part of the meeting without him. What Fiona says to her own support is hers, and a man whose control is the concern is not told it is the measure of him."""
    said = sorted(
        {
            f"{node.id}: {text[:90]}"
            for node, _, text, who, _, _ in harris_scenes_few
            if "john" in who and PARTNER_SUPPORT.search(text) and "without John" not in text
        }
    )
    assert said == []
