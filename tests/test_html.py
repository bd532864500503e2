"""The HTML report: one self-contained file, every text escaped, well-formed, with the closing signposting."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

from tiny import build

from simulator.engine.session import Session
from simulator.records.record import build_record
from simulator.report.debrief import build_debrief
from simulator.report.html import render

HOSTILE = "<script>alert('x')</script>"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Balance(HTMLParser):
    """Checks that every opened tag is closed in order (HTML void elements and SVG self-closing tags aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def hostile_scenario():
    """A scenario whose authored text tries to inject markup everywhere it can."""
    return build(
        {
            "a": f"""
            format: 1
            episode:
              id: a
              title: "Visit {HOSTILE}"
              day: 1
              time: "09:00"
              location: office
              nodes:
                start:
                  narration: "Go."
                  choices:
                    - id: kind
                      text: "Be kind {HOSTILE}"
                      path: enabler
                      effects: {{tone: 1}}
                      feedback: "Helps. {HOSTILE}"
                      principles: [be-on-time]
                      next: end
                    - id: unkind
                      text: "Be curt & quick"
                      path: barrier
                      effects: {{tone: -1}}
                      feedback: "Hurts \\"a lot\\" {HOSTILE}"
                      principles: [explain-role]
                      next: end
                end:
                  ending: {{kind: mixed, title: "End {HOSTILE}", text: "Over."}}
            """
        },
        title=f"Tiny {HOSTILE}",
        note=f"A raised voice {HOSTILE}",
    )


def report(scenario, pick: str, **extra) -> str:
    session = Session.start(scenario, 0, player_name=f"Sam {HOSTILE}")
    session.choose(pick)
    record = build_record(session, {"mode": "coach", **extra})
    return render(build_debrief(scenario, record))


def test_the_page_is_self_contained(mini):
    """No web address, no external source, no script, stylesheet link, import or url(): nothing is fetched."""
    session = Session.start(mini, 0)
    while not session.finished:
        session.choose(session.choices[0]) if session.choices else session.proceed()
    page = render(build_debrief(mini, build_record(session)))
    lowered = page.lower()
    for forbidden in ("http", "src=", "<script", "<link", "@import", "url(", "<iframe", "<img"):
        assert forbidden not in lowered, forbidden
    assert lowered.startswith("<!doctype html>") and "<style>" in lowered and "<svg" in lowered


def test_hostile_text_is_escaped():
    """Markup in scenario text, feedback, player names and reflections is shown as text, never run."""
    page = report(hostile_scenario(), "unkind", reflections={"feelings": f"I felt {HOSTILE}"})
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    parser = Balance()
    parser.feed(page)
    text = "".join(parser.text)
    assert f"Hurts \"a lot\" {HOSTILE}" in text and f"I felt {HOSTILE}" in text and "Be curt & quick" in text
    assert not any(tag == "script" for tag, _ in parser.tags)


def test_tags_balance(mini):
    """The document parses with every element closed in order, SVG included."""
    for pick in ("go-now", "emails"):
        session = Session.start(mini, 0)
        session.choose(pick)
        parser = Balance()
        parser.feed(render(build_debrief(mini, build_record(session))))
        parser.close()
        assert parser.problems == [] and parser.stack == []


def test_accessible_structure(mini):
    """One h1, sections labelled by their headings, and every SVG with a title (or label) for screen readers."""
    session = Session.start(mini, 0)
    session.choose("emails")
    page = render(build_debrief(mini, build_record(session)))
    parser = Balance()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert tags.count("h1") == 1 and "main" in tags and 'lang="en-GB"' in page
    svgs = [a for t, a in parser.tags if t == "svg"]
    drawings = [a for a in svgs if a.get("role") == "img"]
    assert len(drawings) == len(mini.rubric) + 1  # a range bar per dimension and the timeline
    assert all(a.get("aria-labelledby") or a.get("aria-label") for a in drawings)
    assert all(a.get("role") == "img" or a.get("aria-hidden") == "true" for a in svgs)  # legend swatches are decoration
    assert "@media print" in page


def test_closing_signposting_names_the_content_and_the_support():
    """The closing section repeats the content notes and lists where to find support."""
    page = report(hostile_scenario(), "kind")
    closing = page[page.index('id="support"'):]
    assert "This case included" in closing and "A raised voice &lt;script&gt;" in closing
    assert "Supervision" in closing and "Talk to your supervisor." in closing
    assert re.search(r'href="#support"', page)


def test_report_modules_do_not_import_pygame():
    """Rendering a report is pure Python: pygame stays out of sys.modules."""
    code = "import sys, simulator.report.html, simulator.report.debrief, simulator.analysis.graph; print('pygame' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_text_colours_have_sufficient_contrast():
    """Ink, muted text and the three path colours reach WCAG AA (4.5:1) on white and on the page background."""
    from simulator.report.style import CSS

    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", CSS))
    for background in (colours["card"], colours["paper"]):
        for name in ("ink", "muted", "you", "enabler", "barrier", "mixed"):
            lighter, darker = sorted((_luminance(colours[name]), _luminance(background)), reverse=True)
            assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (name, background)
