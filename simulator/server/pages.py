"""The phones' pages, rendered on the server: the same HTML with JavaScript on or off.

The page is whole without script: a vote is a form with one submit button
per option, and "Check for updates" reloads it. With script, the phone page
(``static/phone.js``) posts the same form with ``fetch`` and swaps in the
fragment the server renders (:func:`fragment`), pushed on every change over
server-sent events. One renderer, so the two can never disagree. CSS and
script are inlined: nothing is fetched from anywhere else. Sizes are in rem
from the phone's own text size (``-apple-system-body`` on iOS), targets are
at least 48 pixels, and every control has a name a screen reader can read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

from simulator.workshop.room import View

CARE = (
    "You can step out at any time: put your phone down, leave the room, or just stop watching. "
    "Nobody will ask why, and nothing on this phone says who you are."
)


@dataclass(frozen=True, slots=True)
class Case:
    """What the phones are told about the case: its title, its content notes, and where to find support."""

    title: str
    content_notes: tuple[str, ...] = ()
    support: tuple[tuple[str, str], ...] = ()
    mode: str = "play"


def word(case: Case) -> str:
    """What a phone's choice is called: a vote when the room steers the case, a prediction when it guesses what a worker did."""
    return "prediction" if case.mode == "watch" else "vote"


def _mine(case: Case) -> str:
    return f'<span class="mine">Your {word(case)}</span>'


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@cache
def static(name: str) -> str:
    return resources.files("simulator.server").joinpath("static", name).read_text(encoding="utf-8")


def document(title: str, body: str, *, script: str = "") -> str:
    """A whole page: the shared stylesheet inlined, and the given script (inline, its hash in the page's policy)."""
    js = f"<script>{script}</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_e(title)}</title>\n<style>{static('phone.css')}</style>\n</head>\n"
        f'<body>\n<a class="skip" href="#main">Skip to the question</a>\n{body}\n{js}\n</body>\n</html>\n'
    )


def _header(case: Case, code: str = "") -> str:
    room = f'<p class="room">Room <span class="code">{_e(code)}</span></p>' if code else ""
    return f'<header class="top"><p class="case">Doorstep workshop · {_e(case.title)}</p>{room}</header>'


def _footer() -> str:
    return (
        '<footer class="bottom"><p>Anonymous: nobody, not even the facilitator, can see who voted for what. '
        "Nothing is loaded from the internet.</p></footer>"
    )


def _care(case: Case, *, open_: bool = False) -> str:
    notes = "".join(f"<li>{_e(n)}</li>" for n in case.content_notes)
    support = "".join(f"<li><strong>{_e(name)}</strong>: {_e(detail)}</li>" for name, detail in case.support)
    inner = (
        f"<p>{_e(CARE)}</p>"
        + (f"<h2>Where to find support</h2><ul>{support}</ul>" if support else "<p>Talk to your supervisor, practice educator or tutor.</p>")
        + (f"<h2>This case includes</h2><ul>{notes}</ul>" if notes else "")
    )
    return (
        f'<details class="care"{" open" if open_ else ""}><summary>Content notes, stepping out and support</summary>'
        f'<div class="care-body">{inner}</div></details>'
    )


def join_page(case: Case, *, problem: str = "", code: str = "") -> str:
    """The first page a phone sees: the room code, typed (or already filled in from the QR code)."""
    alert = f'<p class="problem" role="alert">{_e(problem)}</p>' if problem else ""
    body = (
        f"{_header(case)}"
        '<main id="main"><h1>Join the room</h1>'
        "<p>Type the room code shown on the screen at the front.</p>"
        f"{alert}"
        '<form method="post" action="/join" class="join">'
        '<label for="code">Room code</label>'
        '<input id="code" name="code" type="text" required maxlength="12" autocomplete="off" autocapitalize="characters" '
        f'spellcheck="false" aria-describedby="code-help" value="{_e(code)}">'
        '<p id="code-help" class="hint">Four letters and numbers, such as K7QM.</p>'
        '<button type="submit" class="primary">Join</button></form>'
        f"{_care(case)}</main>{_footer()}"
    )
    return document(f"Join: {case.title}", body)


def _timer(view: View, now: float) -> str:
    if view.timer is None:
        return ""
    left = int(view.timer.left(now) + 0.5)
    if left <= 0:
        return '<p class="timer">The discussion time is up.</p>'
    minutes = max(1, round(left / 60))
    return (
        f'<p class="timer"><span class="sr">Discussion timer: about {minutes} minute{"s" if minutes != 1 else ""} left.</span>'
        f'<span aria-hidden="true">Discussion: <span class="tick" data-left="{left}">{left // 60}:{left % 60:02d}</span> left</span></p>'
    )


def _tally(view: View) -> str:
    question = view.question
    if question is None or view.tally is None:
        return ""
    total = sum(view.tally.values())
    marks = view.outcome.marks if view.outcome is not None else {}
    rows = []
    for c in question.options:
        n = view.tally.get(c.id, 0)
        share = round(100 * n / total) if total else 0
        mark = f' <strong class="mark">{_e(marks[c.id])}</strong>' if c.id in marks else ""
        mine = " (your vote)" if view.mine == c.id else ""
        rows.append(
            f'<li><p><span class="letter" aria-hidden="true">{_e(c.letter)}</span> <span class="sr">Option {_e(c.letter)}:</span> {_e(c.text)}{mark}</p>'
            f'<p class="count">{n} vote{"s" if n != 1 else ""} ({share}%){mine}</p>'
            f'<div class="bar" aria-hidden="true"><span style="width:{share}%"></span></div></li>'
        )
    return f'<section aria-labelledby="tally-h"><h2 id="tally-h">How the room voted ({total} vote{"s" if total != 1 else ""})</h2><ul class="tally">{"".join(rows)}</ul></section>'


def _options(view: View, case: Case) -> str:
    question = view.question
    assert question is not None
    voting = view.phase == "open"
    if voting:
        buttons = "".join(
            f'<li><button type="submit" name="option" value="{_e(c.id)}" class="option" aria-pressed="{"true" if view.mine == c.id else "false"}">'
            f'<span class="letter" aria-hidden="true">{_e(c.letter)}</span><span class="words"><span class="sr">Option {_e(c.letter)}:</span> {_e(c.text)}'
            f'{_mine(case) if view.mine == c.id else ""}</span></button></li>'
            for c in question.options
        )
        legend = "Predict one option" if case.mode == "watch" else "Vote for one option"
        return (
            f'<form method="post" action="/vote" data-live data-word="{word(case)}"><fieldset><legend class="sr">{legend}</legend>'
            f'<ul class="options">{buttons}</ul></fieldset></form>'
        )
    items = "".join(
        f'<li class="option still"><span class="letter" aria-hidden="true">{_e(c.letter)}</span><span class="sr">Option {_e(c.letter)}:</span> '
        f'<span class="words">{_e(c.text)}{_mine(case) if view.mine == c.id else ""}</span></li>'
        for c in question.options
    )
    return f'<ul class="options">{items}</ul>'


def state_words(view: View) -> str:
    """One sentence for the phone's live region: what the room is doing now (said again only when it changes)."""
    if view.ended:
        return "The workshop has ended."
    if view.stepped_out:
        return "The room has stepped out."
    if view.paused:
        return "Paused for discussion."
    if view.question is None:
        return "Nothing to vote on just now."
    return {
        "waiting": "Voting opens soon.",
        "open": "Voting is open.",
        "closed": "Voting has closed.",
        "revealed": "The votes are shown.",
        "settled": view.outcome.heading + "." if view.outcome is not None else "The question is answered.",
    }.get(view.phase or "", "")


def fragment(view: View, case: Case, now: float) -> str:
    """The part of the room page that changes: what the room is doing, the question, the votes."""
    if view.ended:
        return (
            '<h1 id="now">The workshop has ended</h1><p>Thank you for taking part. You can close this page.</p>'
            f"{_care(case, open_=True)}"
        )
    if view.stepped_out:
        return (
            '<h1 id="now">The room has stepped out</h1>'
            "<p>The case is paused while the room takes a break. Take whatever time you need.</p>"
            f"{_care(case, open_=True)}"
        )
    paused = '<p class="paused">Paused for discussion.</p>' if view.paused else ""
    timer = _timer(view, now)
    question = view.question
    if question is None:
        heading = f"<p>{_e(view.heading)}</p>" if view.heading else ""
        return (
            f'{paused}{timer}<h1 id="now">Watch the screen</h1>{heading}'
            "<p>There is nothing to vote on just now. When the facilitator opens a vote, the options appear here.</p>"
        )
    context = "".join(f"<p>{_e(line)}</p>" for line in question.context.splitlines() if line.strip())
    context_html = f'<details class="context"><summary>What was said just before</summary>{context}</details>' if context else ""
    phase = view.phase
    status = {
        "waiting": "Voting opens soon.",
        "open": f"Voting is open. Tap an option to {'predict' if case.mode == 'watch' else 'vote'}; you can change your {word(case)} until voting closes.",
        "closed": f"Voting has closed. {view.voted} vote{'s' if view.voted != 1 else ''}.",
        "revealed": "",
        "settled": "",
    }.get(phase or "", "")
    mine = ""
    if view.mine is not None:
        mine = f'<p class="yours">Your {word(case)}: {_e(question.letter_of(view.mine))}.</p>'
    elif phase in ("closed", "revealed", "settled"):
        mine = f'<p class="yours">You did not {"make a prediction" if case.mode == "watch" else "vote"} on this one.</p>'
    count = f'<p class="count">{view.voted} of {view.joined} phones have voted.</p>' if phase == "open" else ""
    outcome = ""
    if phase == "settled" and view.outcome is not None:
        lines = "".join(f"<p>{_e(line)}</p>" for line in view.outcome.lines)
        outcome = f'<section class="outcome" aria-labelledby="out-h"><h2 id="out-h">{_e(view.outcome.heading)}</h2>{lines}</section>'
    body = _options(view, case) if phase in ("waiting", "open", "closed") else ""
    return (
        f'{paused}{timer}<p class="where">{_e(view.heading)}</p><h1 id="now">{_e(question.prompt)}</h1>'
        f'<p class="state">{_e(status)}</p>{mine}{count}{body}{outcome}{_tally(view)}{context_html}'
    )


def room_page(view: View, case: Case, code: str, now: float, *, problem: str = "") -> str:
    """The whole room page for one phone."""
    alert = f'<p class="problem" role="alert">{_e(problem)}</p>' if problem else ""
    body = (
        f"{_header(case, code)}"
        f'<main id="main">{alert}<p id="status" class="sr" role="status" aria-live="polite">{_e(state_words(view))}</p>'
        f'<div id="live" data-version="{view.version}">{fragment(view, case, now)}</div>'
        '<p class="refresh"><a href="/room" id="refresh">Check for updates</a></p>'
        f"{_care(case)}</main>{_footer()}"
    )
    return document(case.title, body, script=static("phone.js"))


def problem_page(case: Case, status: int, message: str) -> str:
    """A refused request, as a page (never a traceback)."""
    body = (
        f'{_header(case)}<main id="main"><h1>Sorry</h1><p class="problem" role="alert">{_e(message)}</p>'
        f'<p><a href="/">Back to the start</a></p></main>{_footer()}'
    )
    return document(f"{status}: {case.title}", body)
