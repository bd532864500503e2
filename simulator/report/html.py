"""The debrief as one self-contained HTML page: inline CSS and SVG, nothing fetched.

:func:`render` takes a :class:`~simulator.report.debrief.Debrief` and returns
the page as a string. Every piece of text from the scenario, the record or
the evidence base passes through :func:`html.escape`; there is no script,
no external font, image or stylesheet, and no web address a browser would
follow (source addresses are printed as text to copy), so the file opens
the same offline, in any browser, and prints cleanly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from html import escape

from simulator.analysis.divergence import Alternative, DecisionPoint
from simulator.analysis.paths import Pairs
from simulator.fileio import page_mark
from simulator.report.debrief import Debrief, Moment, PrincipleRef, SourceRef, TrustScore
from simulator.report.portfolio import EvidenceItem, FrameworkEvidence, TagEvidence
from simulator.report.style import CSS
from simulator.report.svg import COLOURS, DASH, NAMES, range_svg, timeline_svg
from simulator.wording import signed

KIND_WORDS = {"enabler": "Enabler ending", "barrier": "Barrier ending", "mixed": "Mixed ending"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def long_date(iso: str) -> str:
    """``2026-03-03`` as "Tue 3 Mar 2026"."""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d:%a} {d.day} {d:%b %Y}"


def _address(url: str) -> str:
    """A web address as text to copy, without its scheme, so nothing in the page is a live external reference."""
    for scheme in ("https://", "http://"):
        if url.lower().startswith(scheme):
            return url[len(scheme):]
    return url


def person(t: TrustScore) -> str:
    """The name the case uses for someone ("Mr Campbell", "Fiona"): the cast's ``short``, else the first word of their name."""
    return t.short or (t.name.split()[0] if t.name else t.id)


#: How far a source was checked, said beside it in the Sources list (nothing for a source read in full).
CHECKED = {
    "abstract": "known from a summary or digest; not read in full",
    "sector-knowledge": "from professional knowledge; not yet checked against the source",
}


class _Labels:
    """Display names for dimensions and family members, from the debrief itself."""

    def __init__(self, debrief: Debrief) -> None:
        self.dims = {s.id: s.label for s in debrief.scores}
        self.people = {t.id: person(t) for t in debrief.trust}
        self.episodes = {ep.id: ep.label for ep in debrief.timeline.episodes}

    def chips(self, effects: Pairs, trust: Pairs = ()) -> str:
        items = [(f"{self.dims.get(k, k)} {signed(v)}", v) for k, v in effects if v]
        items += [(f"{self.people.get(k, k)}'s trust {signed(v)}", v) for k, v in trust if v]
        if not items:
            return '<div class="chips"><span class="chip">no change</span></div>'
        body = "".join(f'<span class="chip {"up" if v > 0 else "down"}">{_e(text)}</span>' for text, v in items)
        return f'<div class="chips">{body}</div>'


def _sources(sources: Iterable[SourceRef]) -> str:
    """Short citations ("Ferguson, H. (2021)"); the Sources section gives them in full."""
    return "; ".join(_e(s.short) for s in sources)


def first_sentence(text: str) -> str:
    """The opening sentence of a principle's summary: the card stays short; the JSON keeps it all."""
    for end in (". ", "? ", "! "):
        at = text.find(end)
        if 0 < at < len(text) - 2:
            return text[: at + 1]
    return text


def _principle(p: PrincipleRef) -> str:
    cites = f'<p class="cites">Rests on: {_sources(p.sources)} <span class="see">(see <a href="#sources">Sources</a>)</span></p>' if p.sources else ""
    return f'<div class="principle"><p><strong>{_e(p.title)}</strong></p><p>{_e(first_sentence(p.summary))}</p>{cites}</div>'


def _moment(m: Moment, kind: str, labels: _Labels) -> str:
    principles = "".join(_principle(p) for p in m.principles)
    risk = f'<p class="risk"><strong>Safety:</strong> {_e(m.safety)}</p>' if kind == "safety" and m.safety else ""
    return (
        f'<article class="card {kind}">'
        f'<p class="when">{_e(m.episode_title)} &middot; {_e(long_date(m.date))}</p>'
        f"{risk}"
        f'<p class="choice">{_e(m.choice.text)}</p>'
        f"{labels.chips(m.effects, m.trust)}"
        f'<p class="why">{_e(m.feedback)}</p>'
        f"{principles}</article>"
    )


def _header(d: Debrief) -> str:
    ending = d.ending
    if ending is not None:
        outcome = f"<p>{_e(ending.outcome)}</p>" if ending.outcome else ""
        ending_html = (
            f'<div class="ending {_e(ending.kind)}"><p class="eyebrow">How the case ended</p>'
            f'<h2>{_e(ending.title)}</h2><p><span class="kind {_e(ending.kind)}">{_e(KIND_WORDS.get(ending.kind, ending.kind))}</span></p>'
            f"{''.join(f'<p>{_e(line)}</p>' for line in ending.said)}"
            f"<p>{_e(ending.text)}</p>{outcome}</div>"
        )
    else:
        ending_html = (
            '<div class="ending"><p class="eyebrow">How the case ended</p><h2>Not finished yet</h2>'
            "<p>This playthrough stopped before the case ended. The report covers the decisions made so far.</p></div>"
        )
    glance = [f"You made {d.decisions} decision{'s' if d.decisions != 1 else ''}."]
    if d.safety:
        n = len(d.safety)
        glance.append(f"{n} of your choices {'was a safety error' if n == 1 else 'were safety errors'}: see Safety first, below.")
    enabler = d.comparison.parting("enabler")
    if not d.decisions:
        pass
    elif "enabler" in d.comparison.followed:
        glance.append("You followed the enabler path all the way.")
    elif enabler is not None:
        glance.append(f"You first parted from the enabler path at {_episode_name(d, enabler.episode)}.")
    if d.skipped:
        glance.append(f"You stepped out of {', '.join(d.skipped)}; what happened there was not scored.")
    if d.helped:
        glance.append(_sentence(f"What helped most: {d.helped[0].choice.text}"))
    if d.hurt:
        glance.append(_sentence(f"What to look at again: {d.hurt[0].choice.text}"))
    late = len(d.clock)
    glance.append("The case clock scored nothing against you." if not late else f"The case clock noted {late} thing{'s' if late != 1 else ''} (see below).")
    meta = [_e(d.player), f"{d.decisions} decisions"]
    if d.mode:
        meta.append(_e(f"{d.mode} mode"))
    return (
        '<header class="masthead">'
        f'<p class="eyebrow">Doorstep debrief</p><h1>{_e(d.title)}</h1>'
        f'<p class="meta">{" &middot; ".join(meta)}</p>'
        f'<div class="headline">{ending_html}<div class="glance"><p class="eyebrow">At a glance</p>'
        f'<ul>{"".join(f"<li>{_e(g)}</li>" for g in glance)}</ul></div></div>'
        f'<p class="care">Some of this case may stay with you. Where to find support is at the <a href="#support">end of this report</a>.</p>'
        + (f'<p class="changed" role="note"><strong>{_e(d.changed.split(":")[0])}.</strong> {_e(d.changed.partition(": ")[2])}</p>' if d.changed else "")
        + "</header>"
    )


def _sentence(text: str) -> str:
    """Text ending in a full stop, unless it already ends in punctuation."""
    text = text.strip()
    return text if text[-1:] in ".?!\"'”’" else text + "."


def _quoted(text: str) -> str:
    """Text in curly quotes, unless it is already a quotation."""
    return _e(text) if text[:1] in "\"'“‘" else f"&ldquo;{_e(text)}&rdquo;"


def _episode_name(d: Debrief, episode: str) -> str:
    for mark in d.timeline.episodes:
        if mark.id == episode:
            return mark.label
    return episode


def _nav(items: list[tuple[str, str]]) -> str:
    links = "".join(f'<li><a href="#{_e(i)}">{_e(t)}</a></li>' for i, t in items)
    return f'<nav class="contents" aria-label="Contents"><ol>{links}</ol></nav>'


def _scores(d: Debrief) -> str:
    rows = []
    for s in d.scores:
        rows.append(
            f'<div class="score-row"><div><h3>{_e(s.label)}</h3><p class="small">{_e(s.description)}</p></div>'
            f'<div class="value">{_e(signed(s.score))}<small>your score</small></div>'
            f"{range_svg(s.label, s.score, s.achievable, s.enabler, s.barrier)}</div>"
        )
    trust = ""
    if d.trust:
        body = "".join(
            f'<tr><th scope="row">{_e(person(t))} <span class="small">({_e(", ".join(x for x in (t.name if t.name != person(t) else "", t.role) if x))})</span></th><td class="num">{t.start}</td>'
            f'<td class="num"><strong>{t.end}</strong></td><td class="num">{t.enabler}</td><td class="num">{t.barrier}</td></tr>'
            for t in d.trust
        )
        trust = (
            '<h3 style="margin-top:18px">Trust</h3><p class="small">Out of 100. Each person\'s trust moved with what you did and how you did it; '
            "later scenes read it.</p>"
            '<table><thead><tr><th scope="col">Person</th><th scope="col" class="num">Start</th><th scope="col" class="num">You</th>'
            f'<th scope="col" class="num">Enabler</th><th scope="col" class="num">Barrier</th></tr></thead><tbody>{body}</tbody></table>'
        )
    return (
        '<section id="scores" aria-labelledby="scores-h"><h2 id="scores-h">Your scores</h2>'
        '<p class="lede">Each bar runs from the lowest to the highest score any route through this scenario allows. '
        "The large dot is you; the marks above show where the enabler and barrier paths finished.</p>"
        f'{"".join(rows)}{trust}</section>'
    )


def _legend() -> str:
    items = []
    for path in ("you", "enabler", "barrier"):
        dash = f' stroke-dasharray="{DASH[path]}"' if DASH[path] else ""
        width = 3 if path == "you" else 2
        swatch = f'<svg width="34" height="12" aria-hidden="true"><line x1="1" y1="6" x2="33" y2="6" stroke="{COLOURS[path]}" stroke-width="{width}"{dash}/></svg>'
        items.append(f"<span>{swatch}{_e(NAMES[path])}</span>")
    items.append('<span><svg width="14" height="14" aria-hidden="true"><rect x="1" y="1" width="12" height="12" fill="#fcd34d" fill-opacity="0.6"/></svg>Where you parted from a path</span>')
    return f'<div class="legend">{"".join(items)}</div>'


def _timeline(d: Debrief) -> str:
    tl = d.timeline
    titles = {m.id: m.label for m in tl.episodes}
    partings = ""
    if tl.partings:
        items = []
        for i, h in enumerate(tl.partings, 1):
            p = d.comparison.parting(h.path)
            yours = f"you chose {_quoted(p.yours.text)}" if p is not None and p.yours is not None else "your playthrough went another way"
            theirs = f"; the {h.path} path chose {_quoted(p.theirs.text)}" if p is not None and p.theirs is not None else ""
            items.append(f'<li><span class="num-badge">{i}</span>{_e(titles.get(h.episode, h.episode))}: {yours}{theirs}.</li>')
        partings = f'<ol class="partings">{"".join(items)}</ol>'
    followed = "".join(f"<p>You followed the {p} path all the way.</p>" for p in d.comparison.followed) if d.decisions else ""
    table_rows = []
    for s in tl.series:
        for t in s.tracks:
            cells = "".join(f'<td class="num">{p.value}</td>' for p in t.points)
            table_rows.append(f'<tr><th scope="row">{_e(s.label)}: {_e(NAMES.get(t.path, t.path))}</th><td class="num">{t.start}</td>{cells}</tr>')
    return (
        f'<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Over the {tl.unit}s</h2>'
        '<p class="lede">Your path against the enabler and barrier paths: each score and each person\'s trust after every episode, '
        "with the case's milestones marked.</p>"
        f"{_legend()}{timeline_svg(tl, titles)}{partings}{followed}"
        "<details><summary>The numbers behind the timeline</summary>"
        '<table><thead><tr><th scope="col">Track</th><th scope="col" class="num">Start</th>'
        + "".join(f'<th scope="col" class="num">{_e(m.label)}</th>' for m in tl.episodes)
        + f'</tr></thead><tbody>{"".join(table_rows)}</tbody></table>'
        '<p class="small">A path that skipped an episode has fewer columns filled.</p></details></section>'
    )


def _safety(d: Debrief, labels: _Labels) -> str:
    if not d.safety:
        return ""
    cards = "".join(_moment(m, "safety", labels) for m in d.safety)
    return (
        '<section id="safety" aria-labelledby="safety-h"><h2 id="safety-h">Safety first</h2>'
        '<p class="lede">Choices that could have put someone at risk, listed in the order you made them and before anything else, '
        "whatever they scored: who or what each put at risk, why, and the practice principle behind it.</p>"
        f'<div class="cards">{cards}</div></section>'
    )


def _moments(d: Debrief, labels: _Labels) -> str:
    helped = "".join(_moment(m, "helped", labels) for m in d.helped) or '<p class="empty">None of your choices this time moved a score up.</p>'
    hurt = "".join(_moment(m, "hurt", labels) for m in d.hurt) or '<p class="empty">None of your choices moved a score down.</p>'
    return (
        '<section id="moments" aria-labelledby="moments-h"><h2 id="moments-h">The moments that mattered most</h2>'
        '<p class="lede">The choices that moved your scores furthest, with why, and the practice principle and research behind each.</p>'
        f'<div class="moments"><div><h3>What helped</h3><div class="cards">{helped}</div></div>'
        f'<div><h3>What to look at again</h3><div class="cards">{hurt}</div></div></div></section>'
    )


def _alt(alt: Alternative | None, labels: _Labels) -> str:
    if alt is None or not alt.reached or alt.choice is None:
        return '<td><span class="same">Did not reach this point</span></td>'
    if alt.same:
        return f'<td><span class="same">Same as you</span>{labels.chips(alt.effects, alt.trust)}</td>'
    why = f'<div class="why">{_e(alt.feedback)}</div>' if alt.feedback else ""
    return f"<td>{_e(alt.choice.text)}{labels.chips(alt.effects, alt.trust)}{why}</td>"


def _decision_row(dp: DecisionPoint, labels: _Labels) -> str:
    flags = "".join(f'<span class="flag">You parted from the {_e(p)} path here</span>' for p in dp.parted)
    why = f'<div class="why">{_e(dp.feedback)}</div>' if dp.feedback else ""
    return (
        f'<tr class="{"parted" if dp.parted else ""}"><td class="n">{dp.number}</td>'
        f"<td>{flags}<strong>{_e(dp.yours.text)}</strong>{labels.chips(dp.effects, dp.trust)}{why}</td>"
        f'{_alt(dp.other("enabler"), labels)}{_alt(dp.other("barrier"), labels)}</tr>'
    )


def _decisions(d: Debrief, labels: _Labels) -> str:
    dates = {ep.episode: long_date(ep.date) for ep in d.episodes}
    rows: list[str] = []
    current = None
    for dp in d.comparison.decisions:
        if dp.episode != current:
            current = dp.episode
            rows.append(
                f'<tr class="episode"><th colspan="4" scope="colgroup">{_e(_episode_name(d, dp.episode))}'
                f' <span class="small">{_e(dates.get(dp.episode, ""))}</span></th></tr>'
            )
        rows.append(_decision_row(dp, labels))
    if not rows:
        return ""
    return (
        '<section id="decisions" aria-labelledby="decisions-h"><h2 id="decisions-h">Decision by decision</h2>'
        '<p class="lede">At each decision you faced: what you chose, and what the enabler and barrier paths chose at the same point, '
        "what that changed, and why. Changes include anything the case clock scored on the way.</p>"
        '<table class="decisions"><thead><tr><th scope="col" class="n">#</th><th scope="col">You</th>'
        '<th scope="col" class="path-enabler">Enabler path</th><th scope="col" class="path-barrier">Barrier path</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )


def _clock(d: Debrief, labels: _Labels) -> str:
    if d.clock:
        items = "".join(
            f"<li><strong>{_e(c.episode_title)}</strong>, {_e(long_date(c.date))}: {_e(c.text)}{labels.chips(c.effects, c.trust)}</li>" for c in d.clock
        )
        body = f"<ul>{items}</ul>"
    else:
        body = "<p>You arrived on time wherever you were expected, and every milestone was held by its due date.</p>"
    return (
        '<section id="clock" aria-labelledby="clock-h"><h2 id="clock-h">The case clock</h2>'
        '<p class="lede">Lateness and missed due dates are scored by the clock itself, not only by the choices you made.</p>'
        f"{body}</section>"
    )


PRINTED_ITEMS = 1  # on paper each statement keeps its first items and says how many more the web page lists


def _items(items: tuple[EvidenceItem, ...], mark: str) -> str:
    rows = []
    for k, i in enumerate(items):
        extra = ' class="extra"' if k >= PRINTED_ITEMS else ""
        rows.append(f'<li{extra}><span aria-hidden="true">{mark}</span> {_e(i.choice.text)} <span class="small">({_e(i.episode_title)}, {_e(long_date(i.date))})</span></li>')
    more = len(items) - PRINTED_ITEMS
    return "".join(rows) + (f'<li class="print-only small">and {more} more in the web page</li>' if more > 0 else "")


UNVERIFIED = "Not yet checked against the framework: confirm its number and wording before citing it."


def _tag(t: TagEvidence) -> str:
    """One framework statement and the choices filed under it; an unchecked tag says so, and its items carry no tick."""
    if t.verified:
        label, helped = f"{_e(t.label)}<small>{_e(t.tag)}</small>", ("Evidenced by", "&#10003;")
    else:
        label, helped = f'{_e(t.label)}<small>{_e(t.tag)} &middot; unverified</small>', ("Linked to (unverified tag)", "&#9671;")
    caveat = f'<p class="small unverified">{_e(UNVERIFIED)}</p>' if not t.verified else ""
    return (
        f'<div class="tag"><div class="label">{label}</div><div>{caveat}'
        + (f'<p class="small heads">{helped[0]}</p><ul>{_items(t.helped, helped[1])}</ul>' if t.helped else "")
        + (f'<p class="small heads">Learning from</p><ul>{_items(t.learning, "&#9675;")}</ul>' if t.learning else "")
        + "</div></div>"
    )


def _framework(fw: FrameworkEvidence) -> str:
    about = " &middot; ".join(_e(x) for x in (fw.publisher, fw.version) if x)
    about_html = f'<p class="small">{about}</p>' if about else ""
    note = f'<p class="small currency">{_e(fw.note)}</p>' if fw.note else ""
    if fw.tags:
        rows = "".join(_tag(t) for t in fw.tags)
    else:
        rows = '<p class="empty">None of the choices you made in this playthrough were linked to this framework.</p>'
    return f'<div class="framework"><div class="fw-head"><h3>{_e(fw.title)}</h3>{about_html}{note}</div><div class="tags">{rows}</div></div>'


def _evidence(d: Debrief) -> str:
    unchecked = any(not t.verified for fw in d.evidence for t in fw.tags)
    caveat = " Statements marked unverified have not been checked against their framework yet: check the number and wording before you cite them." if unchecked else ""
    return (
        '<section id="evidence" aria-labelledby="evidence-h"><h2 id="evidence-h">Evidence for your portfolio</h2>'
        '<p class="lede">Your scored choices, filed under the capabilities they show: useful for an ASYE portfolio or a supervision conversation. '
        f"Choices that cost you are listed as learning; they are often the richest thing to discuss.{caveat}"
        '<span class="paper-key"> On paper: &#10003; evidenced by, &#9671; linked (unverified tag), &#9675; learning from.</span></p>'
        f'{"".join(_framework(fw) for fw in d.evidence)}</section>'
    )


def _reflection(d: Debrief) -> str:
    stages = []
    for i, r in enumerate(d.reflections, 1):
        written = f'<div class="written">{_e(r.text)}</div>' if r.text else '<div class="lines" aria-hidden="true"></div>'
        stages.append(
            f'<div class="stage"><p class="step">{i}. {_e(r.stage.replace("-", " "))}</p><h3>{_e(r.title)}</h3>'
            f'<p>{_e(r.prompt)}</p><p class="hint">{_e(r.hint)}</p>{written}</div>'
        )
    source = f" ({_e(d.reflection_source.short)})" if d.reflection_source is not None else ""
    return (
        '<section id="reflection" aria-labelledby="reflection-h"><h2 id="reflection-h">Reflection</h2>'
        f'<p class="lede">Six questions following Gibbs\' reflective cycle{source}. Write as much or as little as helps; '
        "this is for you and, if you choose, your supervisor.</p>"
        f'<div class="gibbs">{"".join(stages)}</div></section>'
    )


def _references(d: Debrief) -> str:
    if not d.references:
        return ""
    items = "".join(
        f"<li>{_e(s.citation)}"
        + (f' <span class="checked">({_e(CHECKED[s.evidence])})</span>' if s.evidence in CHECKED else "")
        + (f'<br><span class="address">{_e(_address(s.url))}</span>' if s.url else "")
        + "</li>"
        for s in d.references
    )
    return (
        '<section id="sources" aria-labelledby="sources-h"><h2 id="sources-h">Sources</h2>'
        '<p class="lede">The research, law and guidance behind the moments above, with a note where a source was not read in full. '
        "Addresses are given as text to copy into a browser.</p>"
        f'<ol class="references">{items}</ol></section>'
    )


def _closing(d: Debrief) -> str:
    notes = ""
    if d.content_notes:
        notes = (
            "<p>This case included:</p><ul>" + "".join(f"<li>{_e(n)}</li>" for n in d.content_notes) + "</ul>"
            "<p>If any of it touched something personal, that is understandable, and it is worth talking about with someone you trust.</p>"
        )
    support = "".join(f"<li><strong>{_e(s.name)}</strong>: {_e(s.detail)}</li>" for s in d.support)
    # Never leave a trainee without somewhere to turn, even if the scenario lists no support.
    support_html = (
        f"<h3>Where to find support</h3><ul>{support}</ul>"
        if support
        else "<p>If something here has stayed with you, talk to your supervisor, practice educator or tutor.</p>"
    )
    return (
        '<section id="support" class="closing" aria-labelledby="support-h"><h2 id="support-h">Looking after yourself</h2>'
        f"<p>{_e(d.closing)}</p>{notes}{support_html}</section>"
    )


def render(debrief: Debrief) -> str:
    """The whole report as one HTML document."""
    d = debrief
    labels = _Labels(d)
    sections = [
        ("safety", "Safety first"),
        ("scores", "Scores"),
        ("timeline", "Timeline"),
        ("moments", "Moments"),
        ("decisions", "Decisions"),
        ("clock", "Case clock"),
        ("evidence", "Portfolio evidence"),
        ("reflection", "Reflection"),
        ("sources", "Sources"),
        ("support", "Support"),
    ]
    if not d.safety:
        sections.remove(("safety", "Safety first"))
    if not d.comparison.decisions:
        sections.remove(("decisions", "Decisions"))
    if not d.references:
        sections.remove(("sources", "Sources"))
    body = "".join(
        [
            _header(d),
            _nav(sections),
            "<main>",
            _safety(d, labels),
            _scores(d),
            _timeline(d),
            _moments(d, labels),
            _decisions(d, labels),
            _clock(d, labels),
            _evidence(d),
            _reflection(d),
            _references(d),
            _closing(d),
            "</main>",
            f"<footer><p>Made by {_e(d.generator)} from a playthrough record of &ldquo;{_e(d.title)}&rdquo; (seed {d.seed}). "
            "Doorstep is an offline training simulator inspired by RIVRT; it claims no affiliation.</p></footer>",
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"{page_mark('doorstep-debrief-page')}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(f'Debrief: {d.title} ({d.player})')}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<div class=\"page\">{body}</div>\n</body>\n</html>\n"
    )
