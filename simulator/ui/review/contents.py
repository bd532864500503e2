"""What the debrief's sections say, and the order they are read in.

How it ended, the moments that mattered, the case clock, the evidence,
support, your choices: each is built from the same
:class:`~simulator.report.debrief.Debrief` the HTML export renders (every
text ready to show), so the window and the file never disagree. Changes are said in
words, each moment names its practice principle and the sources it rests
on, and the evidence is grouped by framework statement (PCF and KSS, or the
case's own frameworks) with the date a framework stops applying.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from simulator.report.debrief import Moment
from simulator.report.html import UNVERIFIED, first_sentence, long_date
from simulator.report.portfolio import EvidenceItem
from simulator.scenario.cite import with_check
from simulator.services.care import support
from simulator.services.review import Review
from simulator.services.words import WHERE, changes_in_words
from simulator.ui.kit.text import Para, Span, para
from simulator.ui.kit.widgets import Button
from simulator.ui.review.moves import ReviewMoves

SECTIONS: tuple[tuple[str, str], ...] = (
    ("safety", "Safety first"),  # offered only when a choice made was a safety error (see :func:`sections`)
    ("ending", "How it ended"),
    ("scores", "Your scores"),
    ("moments", "Moments that mattered"),
    ("clock", "The case clock"),
    ("reflect", "Reflect"),
    ("evidence", "Evidence for your portfolio"),
    ("support", "Support"),
)
TITLES = dict(SECTIONS) | {"choices": "Your choices and their feedback"}
SHORT = {"safety": "Safety first", "ending": "How it ended", "scores": "Scores", "moments": "Moments", "clock": "The clock", "reflect": "Reflect", "evidence": "Evidence", "support": "Support"}

PATH_WORDS = {"enabler": "on the enabler path", "barrier": "on the barrier path", "other": "neither"}


def heading(text: str, first: bool = False) -> Para:
    return para(text, "heading", "text", space_before=0 if first else 0.5, space_after=0.2, keep_with_next=True)


def sections(review: Review) -> list[tuple[str, str]]:
    """The sections this debrief offers, in reading order: Safety first only when there is a safety error to list."""
    return [(k, t) for k, t in SECTIONS if k != "safety" or review.debrief.safety]


def following(key: str) -> str | None:
    """The section read after ``key`` (None after the last)."""
    keys = [k for k, _ in SECTIONS]
    return keys[keys.index(key) + 1] if key in keys and keys.index(key) + 1 < len(keys) else None


def section_buttons(moves: ReviewMoves, key: str) -> list[Button]:
    """A section's row: support (always there), back to the summary, and on to the next section."""
    out = [] if key == "support" else [Button("Support", lambda: moves.section("support"), key="support")]
    nxt = following(key)
    out.append(Button("Back to the debrief", moves.debrief_hub, kind="normal" if nxt else "primary", key="debrief"))
    if nxt is not None:
        out.append(Button(f"Next: {SHORT[nxt]}", lambda: moves.section(nxt), kind="primary", key="next"))
    return out


def changes(review: Review, effects: Iterable[tuple[str, int]], trust: Iterable[tuple[str, int]]) -> str:
    said = changes_in_words(review.session, tuple(effects), tuple(trust))
    return ";  ".join(said) if said else "No change to the scores or to anyone's trust."


# -- how it ended ----------------------------------------------------------------------------
def ending_paras(review: Review) -> list[Para]:
    d = review.debrief
    out: list[Para] = []
    if d.ending is not None:
        out.append(para(d.ending.title, "title", "text", space_after=0.1))
        if d.ending.outcome:
            out.append(para(d.ending.outcome, "bold", "muted", space_after=0.4))
        for line in d.ending.said:
            out.append(para(line, "body", "text", space_after=0.3))
        out.append(para(d.ending.text, "body", "text", space_after=0.4))
        if WHERE.get(d.ending.kind):
            out.append(para(WHERE[d.ending.kind], "body", "muted", space_after=0.3))
    else:
        where = review.scenario.episode_by_id[review.session.state.episode].title
        out.append(para(f"This playthrough stopped before the end of the case, during {where}. The debrief covers what happened until then.", "body", "text"))
    if d.skipped:
        out.append(para(f"Scenes you stepped out of (not scored): {'; '.join(d.skipped)}.", "body", "muted", space_before=0.2))
    if review.scenario.closing:
        out.append(heading("Closing"))
        out.append(para(review.scenario.closing, "body", "text"))
    return out


# -- safety first ----------------------------------------------------------------------------------
def safety_paras(review: Review) -> list[Para]:
    """Every choice made that the case marks as a safety error, in the order made, whatever it scored (the report's Safety first)."""
    d = review.debrief
    n = len(d.safety)
    out: list[Para] = [
        para(
            f"{n} of your choices {'was a safety error' if n == 1 else 'were safety errors'}: "
            "choices that could have put someone at risk, listed in the order you made them and before anything else, whatever they scored.",
            "body",
            "muted",
            space_after=0.3,
        )
    ]
    for m in d.safety:
        body = moment_paras(review, m)
        body.insert(2, Para((Span("Safety: ", "bold", "bad"), Span(m.safety, "body", "text")), space_after=0.2))  # what it put at risk, right under the choice
        out.extend(body)
    return out


# -- the moments that mattered ------------------------------------------------------------------
def moment_paras(review: Review, m: Moment) -> list[Para]:
    out = [
        para(f"{m.episode_title}, {long_date(m.date)}", "small", "muted", space_after=0.1, keep_with_next=True),
        Para((Span("You chose: ", "bold", "accent"), Span(m.choice.text, "bold", "text")), space_after=0.2, keep_with_next=True),
    ]
    if m.feedback:
        out.append(para(m.feedback, "body", "text", space_after=0.2))
    out.append(Para((Span("What changed: ", "small-bold", "text"), Span(changes(review, m.effects, m.trust), "small", "text")), space_after=0.2))
    for p in m.principles:
        out.append(Para((Span("Practice principle: ", "small-bold", "muted"), Span(f"{p.title}. ", "small-bold", "text"), Span(first_sentence(p.summary), "small", "text")), space_after=0.1))
        if p.sources:
            out.append(para("Rests on: " + "; ".join(with_check(s.short, s.evidence) for s in p.sources), "small-italic", "muted", space_after=0.1, whole=True))
    out[-1] = out[-1]._replace(space_after=0.6)  # keeping what it was (a citation stays whole)
    return out


def moments_paras(review: Review) -> list[Para]:
    d = review.debrief
    out: list[Para] = []
    if review.mode == "assessment":
        out.append(para("You played in the assessment setting, so this is the first time you see this feedback. Every choice, with its feedback, is under Your choices.", "body", "muted", space_after=0.3))
    out.append(heading("What helped most", first=True))
    if d.helped:
        for m in d.helped:
            out.extend(moment_paras(review, m))
    else:
        out.append(para("None of your choices gained points this time. The enabler path's choices are on the compare screen.", "body", "text"))
    out.append(heading("What hurt most"))
    if d.hurt:
        for m in d.hurt:
            out.extend(moment_paras(review, m))
    else:
        out.append(para("None of your choices cost points.", "body", "text"))
    return out


# -- the case clock --------------------------------------------------------------------------------
def clock_paras(review: Review) -> list[Para]:
    d = review.debrief
    cal = review.scenario.calendar
    out: list[Para] = [heading("Milestones", first=True)]
    for ms in d.timeline.milestones:
        when = cal.date_of(ms.day)
        held = f"{'held' if ms.held else 'scheduled for'} {when:%a} {when.day} {when:%b}"
        if ms.due_day is not None:
            due = cal.date_of(ms.due_day)
            late = f", {ms.overdue} working day{'s' if ms.overdue != 1 else ''} late" if ms.overdue else ", on time"
            held += f" (due {due:%a} {due.day} {due:%b}{late if ms.held else ''})"
        out.append(Para((Span(f"{ms.label}: ", "bold", "text"), Span(held + ".", "body", "text")), bullet=True, space_after=0.15))
    if not d.timeline.milestones:
        out.append(para("This case has no milestones.", "body", "muted"))
    out.append(heading("What the clock scored"))
    if not d.clock:
        out.append(para("Nothing: you arrived when you said you would, and every milestone was held in time.", "body", "text"))
    for ev in d.clock:
        out.append(para(f"{ev.episode_title}, {long_date(ev.date)}", "small", "muted", space_after=0.1, keep_with_next=True))
        out.append(para(ev.text, "body", "text", space_after=0.15, keep_with_next=True))
        out.append(Para((Span("What changed: ", "small-bold", "text"), Span(changes(review, ev.effects, ev.trust), "small", "text")), space_after=0.5))
    return out


# -- evidence for a portfolio ---------------------------------------------------------------------------
def _example(review: Review, kind: str, items: Sequence[EvidenceItem]) -> Para:
    """The strongest choice of a kind under a tag, and how many more there are."""
    best = max(items, key=lambda i: abs(i.total))
    more = f"  (and {len(items) - 1} more)" if len(items) > 1 else ""
    return Para(
        (
            Span(f"{kind}: ", "small-bold", "accent"),
            Span(best.choice.text, "small", "text"),
            Span(f" ({best.episode_title}, {long_date(best.date)}){more}", "small-italic", "muted"),
        ),
        space_after=0.15,
    )


IN_FULL = 2  # frameworks shown statement by statement; the rest in a line each (the exported report has them all)

def evidence_paras(review: Review) -> list[Para]:
    """The first two frameworks in full (PCF and KSS, or a case's own before shared ones; the strongest example of each
    statement, with counts); other frameworks in a line each."""
    d = review.debrief
    notes = [f"{fw.title}: {fw.note}" for fw in d.evidence if fw.note]
    out: list[Para] = [
        para(
            "Each scored choice is filed under the framework statements it evidences: those that helped as evidence, "
            "those that cost points as learning, which a supervisor will want to talk through just as much. "
            "Under each, the strongest example; the exported report lists them all.",
            "body",
            "muted",
            space_after=0.2,
        )
    ]
    if any(not t.verified for fw in d.evidence for t in fw.tags):
        out.append(para("Statements marked unverified have not been checked against their framework yet: check the number and wording before you cite them.", "small", "text", space_after=0.2))
    out.extend(para(n, "small-bold", "text", space_after=0.15) for n in notes)
    for i, fw in enumerate(d.evidence):
        if i >= IN_FULL:
            filed = ", ".join(f"{t.label} ({len(t.helped) + len(t.learning)}{'' if t.verified else ', unverified'})" for t in fw.tags)
            if filed:
                out.append(heading(fw.title))
                out.append(para(f"Choices filed under: {filed}.", "small", "text"))
            continue
        out.append(heading(fw.title))
        about = " \u00b7 ".join(x for x in (fw.publisher, fw.version) if x)
        if about:
            out.append(para(about, "small", "muted", space_after=0.1))
        if not fw.tags:
            out.append(para("Nothing in this playthrough was filed under this framework.", "body", "muted", space_after=0.2))
        for tag in fw.tags:
            counts = f"  {len(tag.helped)} {'as evidence' if tag.verified else 'linked'}, {len(tag.learning)} as learning"
            label = (Span(tag.label, "bold", "text"),) if tag.verified else (Span(tag.label, "bold", "text"), Span("  unverified", "small-italic", "muted"))
            out.append(Para((*label, Span(counts, "small", "muted")), space_before=0.2, space_after=0.05, keep_with_next=True))
            if not tag.verified:  # not yet portfolio evidence: said once under the statement, as the report says it
                out.append(para(UNVERIFIED, "small-italic", "muted", space_after=0.1, keep_with_next=bool(tag.helped or tag.learning)))
            for kind, items in (("Evidence" if tag.verified else "Linked", tag.helped), ("Learning", tag.learning)):
                if items:
                    out.append(_example(review, kind, items))
    return out


# -- support ----------------------------------------------------------------------------------------------
def support_paras(review: Review) -> list[Para]:
    """The support section: the same words the text player ends with (services/care.py)."""
    out: list[Para] = []
    for section in support(review.scenario):
        if section.heading:
            out.append(heading(section.heading, first=not out))
        out.extend(para(p, "body", "text", space_after=0.4 if not section.heading else 0.45) for p in section.paragraphs)
        for name, words in section.items:
            spans = (Span(f"{name}: ", "bold", "text"), Span(words, "body", "text")) if name else (Span(words, "body", "text"),)
            out.append(Para(spans, bullet=True, space_after=0.15 if name else 0.1))
    return out


# -- every choice -----------------------------------------------------------------------------------------
def choices_paras(review: Review) -> list[Para]:
    """Every choice made, with its feedback and what it changed, episode by episode (held feedback included)."""
    session = review.session
    scenario = review.scenario
    chosen = [scenario.choice_by_id[s.choice] for s in session.state.steps if s.choice is not None and s.choice in scenario.choice_by_id]
    out: list[Para] = []
    if chosen:
        counts = {p: sum(1 for c in chosen if c.path == p) for p in ("enabler", "barrier", "other")}
        parts = [f"{n} {PATH_WORDS[p]}" for p, n in counts.items() if n]
        out.append(para(f"You made {len(chosen)} choice{'s' if len(chosen) != 1 else ''}: {', '.join(parts)}.", "body", "muted", space_after=0.2))
    episode = ""
    for step in session.state.steps:
        choice = scenario.choice_by_id.get(step.choice or "")
        if choice is None:
            continue
        ep = scenario.nodes[step.node].episode
        if ep != episode:
            episode = ep
            out.append(heading(scenario.episode_by_id[ep].title))
        shown = session.option(choice.id)
        out.append(Para((Span("You chose: ", "bold", "accent"), Span(shown.text, "bold", "text")), space_after=0.15, keep_with_next=True))
        if shown.feedback:
            out.append(para(shown.feedback, "body", "text", space_after=0.1))
        if shown.safety:
            out.append(Para((Span("Safety: ", "bold", "bad"), Span(shown.safety, "body", "text")), space_after=0.1))
        out.append(para(changes(review, choice.effects, choice.trust), "small", "muted", space_after=0.4))
    return out or [para("No choices were made.", "body", "muted")]


#: The reading sections: each a document of these paragraphs (scores and reflect are screens of their own).
READERS: dict[str, Callable[[Review], list[Para]]] = {
    "safety": safety_paras,
    "ending": ending_paras,
    "moments": moments_paras,
    "clock": clock_paras,
    "evidence": evidence_paras,
    "support": support_paras,
    "choices": choices_paras,
}
