"""A choice may be marked as a safety error (`safety:`): checked when loaded, said by the text host, listed in the debrief.

The debrief's own list is tested in test_debrief.py; here the format and the terminal host.
"""

from __future__ import annotations

import io
import textwrap

from test_debrief import SAFETY_CASE
from tiny import MANIFEST, build, evidence

from simulator.engine import Session
from simulator.engine.actions import Choose
from simulator.scenario.loader import load_files
from simulator.terminal import TextHost


def play_text(picks: list[str], *, coach: bool) -> str:
    sc = build(SAFETY_CASE)
    out = io.StringIO()
    session = Session.start(sc, 0)
    host = TextHost(session, out, coach=coach)
    for pick in picks:
        while not session.choices and not session.finished:
            host.show_node()
            host.show_events(session.proceed())
        host.show_node()
        option = next(o for o in session.options if o.id == pick)
        host.show_choice(option, session.act(Choose(pick)))
    while not session.finished:
        host.show_node()
        host.show_events(session.proceed())
    host.show_node()
    host.show_ending()
    return out.getvalue()


def test_the_coach_says_a_safety_error_when_it_is_made_and_the_ending_lists_them():
    """In coach mode the text host says 'Safety:' under the choice; at the end it lists every safety error made, names filled."""
    text = play_text(["blurt", "late-and-unsafe", "c3"], coach=True)
    assert "    Safety: Ann's adviser was named where the others could hear." in text
    assert "Safety errors (2), for your debrief:" in text
    assert text.index("Safety errors (2)") > text.index("Ending:")


def test_assessment_mode_holds_safety_errors_for_the_end():
    """With feedback held (assessment mode) nothing is said at the choice, but the list at the end is still there."""
    text = play_text(["blurt", "late-and-unsafe", "c3"], coach=False)
    assert "    Safety:" not in text
    assert "- The door was left open." in text


def test_a_path_without_safety_errors_says_nothing_about_them():
    """No safety error made, no safety list at the end."""
    assert "Safety" not in play_text(["quiet", "shut", "c3"], coach=True)


def test_a_safety_sentence_naming_nobody_is_reported_like_any_other_text():
    """`{nobody}` in a safety sentence is R409 at its line, as it would be in a choice's text or feedback."""
    body = textwrap.dedent(
        """
        format: 1
        episode:
          id: a
          title: "A"
          day: 1
          time: "09:00"
          location: office
          nodes:
            one:
              choices:
                - {id: c1, text: "One", path: barrier, safety: "{nobody} was put at risk.", next: end}
            end:
              ending: {kind: mixed, title: "End", text: "x"}
        """
    )
    files = {"tiny/scenario.yaml": MANIFEST.format(title="T", note="n", episodes="a").encode(), "tiny/episodes/a.yaml": body.encode()}
    result = load_files(files, "tiny/scenario.yaml", evidence())
    (found,) = [d for d in result.diagnostics if d.code == "R409"]
    assert "{nobody}" in found.message and found.file.endswith("a.yaml") and (found.line, found.col) == (12, 56)  # at the safety sentence itself
