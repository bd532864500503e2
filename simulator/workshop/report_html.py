"""The workshop report as one self-contained HTML page (inline CSS, no script, nothing fetched).

Read from the summary (:mod:`summary`), so the page and the JSON always say
the same: each decision with the room's votes per option (a bar, and the
numbers in words), which option the enabler and barrier workers chose there,
what the room followed; the path taken, the ending, the facilitator's notes,
and in play the heart of the debrief of the room's path. Every piece of
text passes through :func:`html.escape`; no participant is named or counted
except as a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from simulator.fileio import page_mark
from simulator.report.cohort_html import EXTRA_CSS
from simulator.report.html import long_date
from simulator.report.style import CSS
from simulator.wording import stored_time

PATH_WORDS = {"enabler": "enabler", "barrier": "barrier", "other": "other"}
KIND_WORDS = {"enabler": "an enabler ending", "barrier": "a barrier ending", "mixed": "an ending between the paths"}
MORE_CSS = """
.votes td.bar-cell { width: 34%; }
.mark { font-size: 0.85rem; font-weight: bold; color: var(--ink); }
.chosen { background: var(--mark); }
ol.path li { margin: 0.3rem 0; }
.note { background: var(--card); border-left: 6px solid var(--you); padding: 8px 14px; margin: 8px 0; border-radius: 6px; white-space: pre-wrap; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _bar(votes: int, whole: int, path: str) -> str:
    width = 100 * votes / whole if whole else 0
    return f'<div class="bar" aria-hidden="true"><span class="{_e(path)}" style="width:{width:.2f}%"></span></div>'


def _decision(d: Mapping[str, Any], mode: str) -> str:
    votes = int(d.get("votes", 0))
    rows = []
    for o in d["options"]:
        marks = []
        if d.get("chosen") == o["id"]:
            marks.append("the room followed this")
        if d.get("enabler") == o["id"]:
            marks.append("the enabler worker chose this")
        if d.get("barrier") == o["id"]:
            marks.append("the barrier worker chose this")
        share = f"{round(100 * o['votes'] / votes)}%" if votes else "–"
        cls = ' class="chosen"' if d.get("chosen") == o["id"] else ""
        rows.append(
            f"<tr{cls}><td><strong>{_e(o['letter'])}</strong></td>"
            f'<td>{_e(o["text"])}<br><span class="tag {_e(o["path"])}">{_e(PATH_WORDS.get(o["path"], o["path"]))}</span> '
            f'<span class="mark">{_e("; ".join(marks))}</span></td>'
            f'<td class="n">{o["votes"]}</td><td class="n">{share}</td><td class="bar-cell">{_bar(o["votes"], votes, o["path"])}</td></tr>'
        )
    said = "The tally was shown to the room." if d.get("revealed") else "The tally was not shown to the room."
    if mode == "watch" and d.get("asked"):
        right = d.get(d["asked"])
        hits = next((o["votes"] for o in d["options"] if o["id"] == right), 0)
        said += f" {hits} of {_plural(votes, 'phone')} predicted what the {d['asked']} worker chose." if votes and right else ""
    return (
        f'<section class="decision" aria-labelledby="d{d["number"]}"><p class="eyebrow">{_e(d["episode_title"])}</p>'
        f'<h3 id="d{d["number"]}">Decision {d["number"]}: {_e(d["prompt"])}</h3>'
        f"<p>{_plural(votes, 'vote')}. {_e(said)}</p>"
        f'<table class="cohort votes"><caption class="small">Votes per option</caption><thead><tr><th scope="col">option</th><th scope="col">words and path</th>'
        f'<th scope="col" class="n">votes</th><th scope="col" class="n">share</th><th scope="col"><span class="small">bar</span></th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _debrief(deb: Mapping[str, Any]) -> str:
    scores = "".join(
        f"<tr><td>{_e(s['label'])}</td><td class='n'>{s['score']}</td><td class='n'>{s['achievable']['low']} to {s['achievable']['high']}</td>"
        f"<td class='n'>{s['enabler']}</td><td class='n'>{s['barrier']}</td></tr>"
        for s in deb.get("scores", ())
    )
    trust = "".join(
        f"<tr><td>{_e(t['name'])}</td><td class='n'>{t['start']}</td><td class='n'>{t['end']}</td><td class='n'>{t['enabler']}</td><td class='n'>{t['barrier']}</td></tr>"
        for t in deb.get("trust", ())
    )
    safety = "".join(f"<li>{_e(m['choice']['text'])}: {_e(m['safety'])}</li>" for m in deb.get("safety", ()))
    helped = "".join(f"<li>{_e(m['choice']['text'])}: {_e(m['feedback'])}</li>" for m in deb.get("helped", ())[:5])
    hurt = "".join(f"<li>{_e(m['choice']['text'])}: {_e(m['feedback'])}</li>" for m in deb.get("hurt", ())[:5])
    return (
        '<section aria-labelledby="debrief-h"><h2 id="debrief-h">Debrief of the path the room followed</h2>'
        + (f'<div class="warning"><h3>Safety errors on this path</h3><ul>{safety}</ul></div>' if safety else "")
        + '<table class="cohort"><caption class="small">Scores</caption><thead><tr><th scope="col">dimension</th><th scope="col" class="n">the room</th>'
        '<th scope="col" class="n">achievable</th><th scope="col" class="n">enabler path</th><th scope="col" class="n">barrier path</th></tr></thead>'
        f"<tbody>{scores}</tbody></table>"
        + (
            '<table class="cohort"><caption class="small">Trust</caption><thead><tr><th scope="col">who</th><th scope="col" class="n">start</th>'
            '<th scope="col" class="n">end</th><th scope="col" class="n">enabler path</th><th scope="col" class="n">barrier path</th></tr></thead>'
            f"<tbody>{trust}</tbody></table>"
            if trust
            else ""
        )
        + (f"<h3>Moments that helped</h3><ul>{helped}</ul>" if helped else "")
        + (f"<h3>Moments to learn from</h3><ul>{hurt}</ul>" if hurt else "")
        + "</section>"
    )


def _support(s: Mapping[str, Any]) -> str:
    items = "".join(f"<li><strong>{_e(x['name'])}</strong>: {_e(x['detail'])}</li>" for x in s.get("support", ()))
    closing = _e(s.get("closing", ""))
    return (
        '<section aria-labelledby="support-h"><h2 id="support-h">Looking after yourselves</h2>'
        f"<p>{closing}</p>" + (f"<ul>{items}</ul>" if items else "<p>Talk to your supervisor, practice educator or tutor.</p>") + "</section>"
    )


def _when(started: str, finished: str) -> str:
    """"Sun 6 Dec 2026, 09:45 to 10:30" in the laptop's own time (the record keeps UTC); the text as it is if unreadable."""
    found = stored_time(started)
    if found is None:
        return long_date(started)
    start = found.astimezone()
    words = f"{long_date(start.date().isoformat())}, {start:%H:%M}"
    ended = stored_time(finished)
    if ended is None:
        return words
    end = ended.astimezone()
    return words + (f" to {end:%H:%M}" if end.date() == start.date() else f" to {long_date(end.date().isoformat())}, {end:%H:%M}")


def render_workshop(s: Mapping[str, Any]) -> str:
    """The report of one workshop session as an HTML document."""
    mode = s["mode"]
    decisions = "".join(_decision(d, mode) for d in s["decisions"]) or "<p>The room met no decision.</p>"
    what = "played the case together" if mode == "play" else "watched both versions and predicted the enabler worker's choices"
    parts = [
        f'<header class="masthead"><p class="eyebrow">Workshop report</p><h1>{_e(s["scenario_title"])}</h1>'
        f'<p class="meta">{_e(_when(s["started_at"], s.get("finished_at", "")))}. The room {_e(what)}. {_plural(int(s["phones"]), "phone")} joined. '
        "Anonymous: only counts of votes are kept, never who voted for what.</p></header><main>",
    ]
    if s.get("ending"):
        end = s["ending"]
        parts.append(
            f'<section class="ending {_e(end["kind"])}" aria-labelledby="end-h"><p class="eyebrow">Where the room\'s case ended</p>'
            f'<h2 id="end-h">{_e(end["title"])}</h2><p>{_e(end["text"])}</p><p class="small">This is {_e(KIND_WORDS.get(end["kind"], end["kind"]))}.</p></section>'
        )
    elif mode == "play":
        parts.append('<p class="warning">The workshop stopped before the case ended.</p>')
    if s.get("path"):
        steps = "".join(
            f'<li><span class="tag {_e(p["path"])}">{_e(PATH_WORDS.get(p["path"], p["path"]))}</span> {_e(p["episode"])}: {_e(p["text"])}</li>' for p in s["path"]
        )
        parts.append(f'<h2 id="path">The path the room followed</h2><ol class="path">{steps}</ol>')
    if s.get("predictions") and s["predictions"]["votes"]:
        p = s["predictions"]
        parts.append(f"<p>Across {_plural(p['decisions'], 'decision')}, {p['right']} of {_plural(p['votes'], 'prediction')} matched the worker's choice.</p>")
    parts.append(f'<h2 id="decisions">Each decision</h2>{decisions}')
    if s.get("events"):
        parts.append("<h2>During the session</h2><ul>" + "".join(f"<li>{_e(e)}</li>" for e in s["events"]) + "</ul>")
    notes = "".join(f'<div class="note"><p class="eyebrow">{_e(n["where"])}</p>{_e(n["text"])}</div>' for n in s.get("notes", ()))
    parts.append(f'<h2 id="notes">The facilitator\'s notes</h2>{notes or "<p>No notes were typed.</p>"}')
    if s.get("debrief"):
        parts.append(_debrief(s["debrief"]))
    parts.append(_support(s))
    parts.append(f"</main><footer><p>Made by {_e(s['generator'])}. Doorstep is an offline training simulator inspired by RIVRT; it claims no affiliation.</p></footer>")
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"{page_mark('doorstep-workshop-page')}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Workshop: {_e(s['scenario_title'])}</title>\n<style>{CSS}{EXTRA_CSS}{MORE_CSS}</style>\n</head>\n"
        f'<body><div class="page">{"".join(parts)}</div></body>\n</html>\n'
    )
