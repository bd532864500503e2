"""The facilitator's page: the room view and every control, for a facilitator driving the workshop from a browser.

Each control is a plain form (so it works with script off); with script the
"now" section follows the room over server-sent events. The answer key (which
option is which path) and the discussion prompts sit in a closed
"not for projecting" section, since this page may well be on the projector.
The tally appears here, as everywhere, only once it is revealed.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources
from typing import Any

from simulator.server import pages
from simulator.workshop.facilitate import Workshop


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@cache
def script() -> str:
    return resources.files("simulator.server").joinpath("static", "host.js").read_text(encoding="utf-8")


def state(ws: Workshop, now: float) -> dict[str, Any]:
    """The room as the facilitator's page and tests read it (JSON)."""
    view = ws.room.view()
    question = view.question
    return {
        "version": view.version,
        "stage": ws.stage,
        "phase": view.phase,
        "heading": ws.stop.heading,
        "kind": ws.stop.kind,
        "question": None if question is None else {"prompt": question.prompt, "options": [{"id": c.id, "letter": c.letter, "text": c.text} for c in question.options]},
        "voted": view.voted,
        "joined": view.joined,
        "tally": dict(view.tally) if view.tally is not None else None,
        "candidate": ws.candidate,
        "outcome": None if view.outcome is None else {"heading": view.outcome.heading, "lines": list(view.outcome.lines)},
        "paused": view.paused,
        "stepped_out": view.stepped_out,
        "timer_left": None if view.timer is None else round(view.timer.left(now)),
        "decisions": len(ws.results),
        "ended": ws.ended,
    }


def now_html(ws: Workshop, now: float) -> str:
    """What the room sees now, as the facilitator's page shows it."""
    stop = ws.stop
    view = ws.room.view()
    parts = [f'<p class="where">{_e(stop.heading)}</p>']
    flags = [w for w, on in (("Paused for discussion.", view.paused), ("The room has stepped out.", view.stepped_out), ("The workshop has ended.", ws.ended)) if on]
    if view.timer is not None:
        left = int(view.timer.left(now))
        flags.append(f"Discussion timer: {left // 60}:{left % 60:02d} left." if left else "The discussion time is up.")
    parts += [f'<p class="paused">{_e(f)}</p>' for f in flags]
    if stop.kind == "card" or stop.kind == "ending":
        parts.append(f"<h2>{_e(stop.heading)}</h2>" + "".join(f"<p>{_e(x)}</p>" for x in stop.lines))
    if stop.moment is not None and stop.kind == "moment":
        for line in stop.moment.lines:
            who = f"<strong>{_e(line.name)}:</strong> " if line.name else ""
            parts.append(f'<p class="line">{who}{_e(line.text)}</p>')
    question = view.question
    if question is not None:
        phase_words = {"waiting": "Voting not open yet", "open": "Voting is open", "closed": "Voting closed", "revealed": "Votes revealed", "settled": "Settled"}
        parts.append(f'<h2>{_e(question.prompt)}</h2><p class="state">{_e(phase_words.get(view.phase or "", ""))}: {view.voted} of {view.joined} phones have voted.</p>')
        rows = []
        for c in question.options:
            count = f" · {view.tally.get(c.id, 0)} votes" if view.tally is not None else ""
            picked = " (the room will follow this)" if ws.candidate == c.id and view.phase == "revealed" else ""
            mark = f" · {view.outcome.marks[c.id]}" if view.outcome is not None and c.id in view.outcome.marks else ""
            rows.append(f"<li><strong>{_e(c.letter)}</strong> {_e(c.text)}<span class='count'>{_e(count + picked + mark)}</span></li>")
        parts.append(f'<ol class="host-options">{"".join(rows)}</ol>')
        if view.outcome is not None:
            parts.append(f"<h3>{_e(view.outcome.heading)}</h3>" + "".join(f"<p>{_e(x)}</p>" for x in view.outcome.lines))
    return "".join(parts)


def _button(key: str, action: str, label: str, *, value: str = "", extra: str = "") -> str:
    hidden = f'<input type="hidden" name="value" value="{_e(value)}">' if value else ""
    return (
        f'<form method="post" action="/host/{_e(key)}/act" class="control"><input type="hidden" name="do" value="{_e(action)}">{hidden}{extra}'
        f'<button type="submit">{_e(label)}</button></form>'
    )


def _notes(ws: Workshop) -> str:
    scenario = ws.scenario
    stop = ws.stop
    episode = scenario.episode_by_id.get(stop.episode)
    prompts = "".join(f"<li>{_e(n)}</li>" for n in (episode.notice if episode else ()))
    question = ws.room.question
    key = ""
    if question is not None:
        key = "".join(
            f"<li>{_e(c.letter)}: {_e(scenario.choice_by_id[c.id].path if c.id in scenario.choice_by_id else 'other')} option</li>" for c in question.options
        )
    return (
        '<details class="care"><summary>Facilitator\'s notes (not for projecting)</summary><div class="care-body">'
        + (f"<h3>Things to notice in this episode</h3><ul>{prompts}</ul>" if prompts else "")
        + (f"<h3>Which option is which</h3><ul>{key}</ul>" if key else "")
        + "</div></details>"
    )


def page(ws: Workshop, case: pages.Case, key: str, join_line: str, now: float, *, said: str = "") -> str:
    """The facilitator's whole page."""
    alert = f'<p class="problem" role="status">{_e(said)}</p>' if said else ""
    view = ws.room.view()
    controls = [
        _button(key, "forward", "Next step (PageDown)"),
        _button(key, "back", "Back a step (PageUp)"),
        _button(key, "pause", "Resume" if view.paused else "Pause for discussion"),
        _button(key, "step-out", "Come back" if view.stepped_out else "Step out (whole room)"),
        _button(key, "skip", "Skip the rest of this scene"),
        _button(key, "timer-stop", "Stop the timer") if view.timer is not None else "",
    ]
    timer = (
        f'<form method="post" action="/host/{_e(key)}/act" class="control"><input type="hidden" name="do" value="timer">'
        '<label for="timer">Discussion timer (minutes:seconds)</label><input id="timer" name="value" value="2:00" inputmode="numeric">'
        "<button type=\"submit\">Start the timer</button></form>"
    )
    choose = ""
    question = view.question
    if question is not None and ws.stage == "question":
        options = "".join(f'<option value="{_e(c.id)}">{_e(c.letter)}: {_e(c.text[:80])}</option>' for c in question.options)
        choose = (
            f'<form method="post" action="/host/{_e(key)}/act" class="control"><input type="hidden" name="do" value="choose">'
            f'<label for="choose">The option the room follows</label><select id="choose" name="value">{options}</select>'
            "<button type=\"submit\">Settle on it</button></form>"
        )
    note = (
        f'<form method="post" action="/host/{_e(key)}/act" class="control"><input type="hidden" name="do" value="note">'
        '<label for="note">A note for the report</label><textarea id="note" name="value" rows="3"></textarea>'
        "<button type=\"submit\">Keep the note</button></form>"
    )
    end = _button(key, "end", "End the workshop and write the report", extra='<label><input type="checkbox" name="sure" required> Yes, end it</label>')
    body = (
        f'<header class="top"><p class="case">Facilitator · {_e(case.title)}</p><p class="room">{_e(join_line)}</p></header>'
        f'<main id="main"><h1>Running the workshop</h1>{alert}'
        # The step controls first, where they stay put while what the room sees (below) grows and shrinks.
        f'<section aria-label="Steps" class="controls steps">{"".join(controls)}</section>'
        f'<section id="now" aria-live="off" data-version="{view.version}" data-stage="{ws.stage}">{now_html(ws, now)}</section>'
        f'<section aria-label="More controls" class="controls">{choose}{timer}{note}{end}</section>'
        f"{_notes(ws)}</main>"
    )
    return pages.document(f"Facilitator: {case.title}", body, script=script())
