"""A glossary the scenario declares: found as whole words, marked in play, explained with G and from pause."""

from __future__ import annotations

import itertools
import os
import random
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from ui_check import start_new, words

from simulator.scenario import load_scenario
from simulator.scenario.model import Term
from simulator.services.glossary import find_terms, terms_in
from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.reading import marked
from simulator.ui.play.glossary import GlossaryScene

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
HARRIS = PROJECT / "scenarios" / "harris-family"
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
TERMS = (Term("IDVA", "an adviser", ("domestic abuse adviser",)), Term("core group", "a group"), Term("s47", "an enquiry", ("section 47",)))



@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ring the IDVA today.", ["IDVA"]),
        ("The Core Group meets; two core groups.", ["core group", "core group"]),
        ("a section 47 enquiry, an s47", ["s47", "s47"]),
        ("PLOT, IDVAS? no: idva is not IDVA as written", ["IDVA"]),
        ("the domestic abuse adviser (IDVA).", ["IDVA", "IDVA"]),
        ("score groupings, as47, s470", []),
    ],
)
def test_terms_are_found_as_whole_words(text: str, found: list[str]):
    """Whole words only; capitals and digits as written, other words in any case; a plural counts."""
    assert [t.term for _, _, t in find_terms(text, TERMS)] == found


def test_a_plural_in_ies_counts():
    """"Section 47 enquiries start today" is the term "section 47 enquiry" (as a window page and the text player mark it); "days" stays "day" + s."""
    terms = (Term("section 47 enquiry", "an enquiry"), Term("day", "a day"))
    assert [t.term for _, _, t in find_terms("Section 47 enquiries start today; two days, a section 47 enquiry, enquiryies", terms)] == ["section 47 enquiry", "day", "section 47 enquiry"]


def test_a_marked_word_is_coloured_as_a_whole_token_and_no_word_changes():
    """Marking splits spans only at spaces (never 'IDVA' then '),'), and the words read exactly as before."""
    text = "Tell her the adviser (IDVA), and the core group's date."
    spans = marked(text, TERMS)
    assert "".join(s.text for s in spans) == text
    assert [s.text for s in spans if s.role == "accent"] == ["(IDVA),", "core group's"]
    for a, b in itertools.pairwise(spans):
        assert a.text[-1:].isspace() or b.text[:1].isspace()


def test_harris_declares_the_words_students_asked_about():
    """The Harris case explains s47, the strategy discussion, the conference, the core group, the IDVA, MARAC and PLO, and each is used in the case."""
    scenario = load_scenario(HARRIS).scenario
    assert scenario is not None
    names = {t.term for t in scenario.glossary} | {a for t in scenario.glossary for a in t.also}
    assert {"s47", "strategy discussion", "initial conference", "core group", "IDVA", "MARAC", "PLO"} <= names
    nodes = scenario.nodes.values()
    texts = [n.narration or "" for n in nodes] + [line.text for n in nodes for line in n.lines] + [c.text for n in nodes for c in n.choices]
    used = {t.term for t in terms_in(texts, scenario.glossary)}
    assert used == {t.term for t in scenario.glossary}, {t.term for t in scenario.glossary} - used


def test_g_explains_the_words_on_the_page_and_pause_lists_them_all(tmp_path: Path):
    """Playing Harris to a page with a glossary word: it is marked, the hint names it, G opens the glossary with it first; Pause has Glossary."""
    d = Driver(make_app(tmp_path, HARRIS))
    start_new(d, "coach")
    found = d.until(lambda: d.top.name == "play" and d.top.page_terms(), lambda: d.choose(d.top.run.session.choices[0].id) if d.top.name == "play" and d.top.stages[d.top.index][0] == "choose" else d.key(pygame.K_RETURN), 800)
    assert found
    play = d.top
    term = play.page_terms()[0]
    if play.hint:
        assert term.term in play.hint or "G: glossary" in play.hint
    d.key(pygame.K_g)
    assert d.top.name == "glossary"
    said = words(d.top)
    assert said.index("On the page you were reading") < said.index(term.meaning.split()[0]) < said.index("Every word this case explains")
    d.key(pygame.K_ESCAPE)
    assert d.top is play
    d.key(pygame.K_ESCAPE)
    assert d.tab_to("glossary")
    d.key(pygame.K_RETURN)
    assert d.top.name == "glossary" and "MARAC" in words(d.top)
    d.app.close()


def test_a_case_without_a_glossary_offers_none(tmp_path: Path):
    """No glossary declared: no Glossary button on pause, and G does nothing."""
    folder = tmp_path / "case"
    shutil.copytree(EXAMPLE, folder)
    d = Driver(make_app(tmp_path, folder))
    start_new(d, "coach")
    assert d.until(lambda: d.top.name == "play", lambda: d.key(pygame.K_RETURN), 20)
    d.key(pygame.K_g)
    assert d.top.name == "play"
    d.key(pygame.K_ESCAPE)
    assert not d.tab_to("glossary")
    d.app.close()


def test_the_watch_mode_marks_the_glossary_words_too(tmp_path: Path):
    """Watching Harris, a line that uses a glossary word shows it in the accent colour, as play does."""
    d = Driver(make_app(tmp_path, HARRIS, size=(1920, 1080)))
    assert d.tab_to("watch")
    d.keys(pygame.K_RETURN, pygame.K_RETURN)
    assert d.until(lambda: d.top.name.startswith("watch-") and hasattr(d.top, "panes"), lambda: d.key(pygame.K_RETURN), 20)
    pane = d.top.panes[0]
    marked_runs = [run.text for beat in pane.beats if beat.leaf is not None for row in beat.leaf.page.rows for run in row.runs if run.role == "accent"]
    assert any(find_terms(text, pane.glossary) for text in marked_runs), marked_runs[:5]
    d.app.close()


WORDS = ["the", "family", "worker", "meets", "Fiona", "at", "home", "and", "writes", "down", "what", "the", "children", "said", "about", "the", "plan", "before", "the", "review"]


def long_glossary(seed: int) -> tuple[Term, ...]:
    """Forty words whose meanings run from one sentence to five, so a page of them never ends exactly at an entry."""
    rng = random.Random(seed)
    terms = []
    for n in range(40):
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "." for _ in range(rng.randint(1, 5))]
        terms.append(Term(f"word {n:02d}", " ".join(sentences)))
    return tuple(terms)


@pytest.mark.parametrize(("size", "step"), [((1024, 600), 3), ((1920, 1080), 0)], ids=["1024x600-largest", "1920x1080-smallest"])
def test_a_glossary_entry_that_fits_a_page_is_never_split_across_pages(tmp_path: Path, size, step):
    """Each word and its meaning sit on one page (the term is never left at a page's foot with its meaning overleaf)."""
    terms = long_glossary(7)
    d = Driver(make_app(tmp_path, EXAMPLE, size=size, settings=Settings(text_size=step)))
    scene = GlossaryScene(d.app, d.app.flow, terms, list(terms[:3]))
    d.app.push(scene)
    assert len(scene.pages) > 2
    pages = ["".join(run.text for row in page.rows for run in row.runs).replace(" ", "") for page in scene.pages]
    for term in terms:
        whole = f"{term.term}: {term.meaning}".replace(" ", "")
        assert any(whole in page for page in pages), f"{term.term} is split across pages"
    d.app.close()


def test_an_entry_longer_than_a_page_breaks_between_sentences_and_names_its_word_overleaf(tmp_path: Path, monkeypatch):
    """At 1024x600 with the largest text, a meaning taller than a page breaks after a whole sentence, and each page it
    carries on to opens with "word (continued):", so no page starts with a meaning whose word is on another page."""
    from ui_pages import Reader

    reader = Reader()
    reader.install(monkeypatch)
    rng = random.Random(3)
    long = " ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(16))
    terms = (Term("best interests", long), Term("capacity", "Whether a person can make one decision at the time it is needed."))
    d = Driver(make_app(tmp_path, EXAMPLE, size=(1024, 600), settings=Settings(text_size=3)))
    scene = GlossaryScene(d.app, d.app.flow, terms)
    d.app.push(scene)
    texts = [" ".join(run.text for row in page.rows for run in row.runs).split() for page in scene.pages]
    holding = [k for k, words in enumerate(texts) if set(words) & set(WORDS)]
    assert len(holding) > 1, "the meaning fits one page: the test needs a longer one"
    assert " ".join(texts[holding[0]]).startswith("best interests:")
    for k in holding[1:]:
        assert " ".join(texts[k]).startswith("best interests (continued):"), texts[k][:6]
    for k in holding[:-1]:
        assert texts[k][-1].endswith("."), f"page {k + 1} ends mid-sentence: {texts[k][-4:]}"
    reader.look_at(d.app)
    assert reader.problems() == []
    d.app.close()
