"""The cohort report as one self-contained HTML page (inline CSS, no script, nothing fetched).

Written for a facilitator to project or print after a workshop: how the
room chose at each decision, barrier against enabler, the endings reached,
the scores against what was achievable, and the framework evidence. Every
piece of text passes through :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from simulator import __version__
from simulator.fileio import page_mark
from simulator.report.cohort import Cohort, DecisionTally, ScoreSpread
from simulator.report.style import CSS

PATH_WORDS = {"enabler": "enabler", "barrier": "barrier", "other": "other"}
KIND_WORDS = {"enabler": "Enabler ending", "barrier": "Barrier ending", "mixed": "Mixed ending"}
EXTRA_CSS = """
.bar { display: flex; height: 16px; border-radius: 4px; overflow: hidden; background: var(--rule); min-width: 160px; }
.bar span { display: block; height: 100%; }
.bar .enabler { background: var(--enabler); } .bar .barrier { background: var(--barrier); } .bar .other { background: #8b95a1; }
table.cohort { width: 100%; border-collapse: collapse; margin: 0.6rem 0 1.4rem; background: var(--card); }
table.cohort th, table.cohort td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
table.cohort td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tag { display: inline-block; font-size: 0.78rem; font-weight: bold; padding: 1px 7px; border-radius: 9px; color: #fff; }
.tag.enabler { background: var(--enabler); } .tag.barrier { background: var(--barrier); } .tag.other { background: #66707c; }
.decision { background: var(--card); border: 1px solid var(--rule); border-radius: 10px; padding: 14px 18px; margin: 0 0 14px; break-inside: avoid; }
.warning { border-left: 6px solid var(--barrier); background: var(--hard-bg); padding: 10px 14px; border-radius: 6px; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _bar(parts: list[tuple[str, int]], whole: int, label: str) -> str:
    spans = "".join(f'<span class="{_e(p)}" style="width:{100 * n / whole:.2f}%"></span>' for p, n in parts if n and whole)
    return f'<div class="bar" role="img" aria-label="{_e(label)}">{spans}</div>'


def _decision(d: DecisionTally, number: int) -> str:
    paths = dict(d.by_path)
    made = sum(paths.values())
    summary = ", ".join(f"{_pct(paths[p], made)} {PATH_WORDS[p]}" for p in ("enabler", "barrier", "other") if paths.get(p))
    rows = "".join(
        f'<tr><td><span class="tag {_e(o.path)}">{_e(PATH_WORDS.get(o.path, o.path))}</span></td><td>{_e(o.text)}</td>'
        f'<td class="n">{o.chosen}</td><td class="n">{_pct(o.chosen, made)}</td></tr>'
        for o in d.options
    )
    return (
        f'<section class="decision"><p class="eyebrow">{_e(d.episode_title)} · decision {number}{f", round {d.round}" if d.round > 1 else ""}</p>'
        + (f'<p class="small">{_e(d.prompt)}</p>' if d.prompt else "")
        + f"<p>{d.reached} reached it{': ' + summary if made else ''}.</p>"
        f"{_bar([(p, paths.get(p, 0)) for p in ('enabler', 'barrier', 'other')], made, summary or 'nobody reached it')}"
        f'<table class="cohort"><thead><tr><th>path</th><th>option</th><th class="n">chose it</th><th class="n">share</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _score(s: ScoreSpread) -> str:
    if not s.values:
        return f"<tr><td>{_e(s.label)}</td><td class='n'>{s.low} to {s.high}</td><td colspan='4'>no finished playthroughs</td><td class='n'>{s.enabler}</td><td class='n'>{s.barrier}</td></tr>"
    return (
        f"<tr><td>{_e(s.label)}</td><td class='n'>{s.low} to {s.high}</td><td class='n'>{s.values[0]}</td>"
        f"<td class='n'>{s.median:g}</td><td class='n'>{s.mean:g}</td><td class='n'>{s.values[-1]}</td>"
        f"<td class='n'>{s.enabler}</td><td class='n'>{s.barrier}</td></tr>"
    )


def _frameworks(c: Cohort) -> str:
    """The frameworks the evidence table lists, as a heading says them: "PCF, KSS and SWE"."""
    names = list(dict.fromkeys(t.framework.upper() for t in c.evidence)) or ["Framework"]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def render_cohort(cohort: Cohort) -> str:
    """The cohort as one HTML document."""
    c = cohort
    endings = "".join(
        f"<tr><td>{_e(e.title)}</td><td>{_e(KIND_WORDS.get(e.kind, e.kind))}</td><td class='n'>{e.reached}</td>"
        f"<td class='n'>{_pct(e.reached, c.finished)}</td></tr>"
        for e in c.endings
    )
    scores = "".join(_score(s) for s in c.scores)
    evidence = "".join(
        f"<tr><td>{_e(t.framework.upper())}</td><td>{_e(t.label)}{'' if t.verified else ' <small>(unverified)</small>'}</td><td class='n'>{t.helped}</td><td class='n'>{t.learning}</td></tr>"
        for t in c.evidence
    )
    caveat = (
        " Statements marked unverified have not been checked against their framework yet: check the number and wording before you cite them."
        if any(not t.verified for t in c.evidence)
        else ""
    )
    numbered: dict[str, int] = {}
    decisions = []
    for d in c.decisions:
        if d.round == 1:  # a hub's later rounds keep its number
            numbered[d.episode] = numbered.get(d.episode, 0) + 1
        decisions.append(_decision(d, numbered[d.episode]))
    warning = (
        f'<p class="warning">Only {c.playthroughs} playthrough{"s" if c.playthroughs != 1 else ""}: with so few, a count can point at '
        "one person. Share this page only with the people in it.</p>"
        if c.small
        else ""
    )
    body = (
        f'<header class="masthead"><p class="eyebrow">Cohort report</p><h1>{_e(c.title)}</h1>'
        f'<p class="meta">{c.playthroughs} playthrough{"s" if c.playthroughs != 1 else ""}, {c.finished} finished. '
        "Pooled and anonymous: no names, only counts.</p></header>"
        f"<main>{warning}"
        '<h2 id="endings">Endings reached</h2><table class="cohort"><thead><tr><th>ending</th><th>kind</th>'
        f'<th class="n">playthroughs</th><th class="n">of finished</th></tr></thead><tbody>{endings}</tbody></table>'
        '<h2 id="scores">Scores against what was achievable</h2>'
        '<p class="small">Final scores of finished playthroughs. "Achievable" is the range the analysis proves any playthrough '
        "finishes within; the canonical enabler and barrier paths are shown for comparison.</p>"
        '<table class="cohort"><thead><tr><th>dimension</th><th class="n">achievable</th><th class="n">lowest</th>'
        '<th class="n">median</th><th class="n">mean</th><th class="n">highest</th><th class="n">enabler path</th>'
        f'<th class="n">barrier path</th></tr></thead><tbody>{scores}</tbody></table>'
        '<h2 id="decisions">How the cohort chose</h2>'
        f"{''.join(decisions)}"
        f'<h2 id="evidence">{_e(_frameworks(c))} evidence</h2>'
        '<p class="small">How many playthroughs evidenced each framework statement with a choice that helped, and how many '
        f"with a choice to learn from.{caveat}</p>"
        '<table class="cohort"><thead><tr><th>framework</th><th>statement</th><th class="n">helped</th><th class="n">to learn from</th>'
        f"</tr></thead><tbody>{evidence or '<tr><td colspan=4>none yet</td></tr>'}</tbody></table>"
        f"</main><footer><p>Made by doorstep {_e(__version__)}. Doorstep is an offline training simulator inspired by RIVRT; "
        "it claims no affiliation.</p></footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"{page_mark('doorstep-cohort-page')}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Cohort: {_e(c.title)}</title>\n<style>{CSS}{EXTRA_CSS}</style>\n</head>\n"
        f'<body><div class="page">{body}</div></body>\n</html>\n'
    )
