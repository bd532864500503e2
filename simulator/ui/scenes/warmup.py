"""Getting the next screen ready while the trainee reads the current one.

Laying out and rendering a new screen of text at 1920x1080 can take longer
than a frame. While the trainee reads a decision or a feedback card (the
loop is idle), these tasks lay out what can come next (each option's
feedback card, the next moment of play) into the layout and text caches and
ask for its pictures, so when the key is pressed the frame is mostly blits.
"""

from __future__ import annotations

from typing import Any

from simulator.engine.actions import CONTINUE, Choose
from simulator.engine.session import Session
from simulator.ui.look import Look
from simulator.ui.text import Page
from simulator.ui.widgets import ButtonGroup


def warm_pages(look: Look, pages: list[Page]) -> None:
    for page in pages:
        for row in page.rows:
            for run in row.runs:
                look.cache.render(look.typeset.font(run.style), run.text, look.palette.role(run.role))


def warm_buttons(look: Look, group: ButtonGroup) -> None:
    for button in group.buttons:
        style = button._label_style()
        colour = look.palette.on_primary if button.kind == "primary" else look.palette.button_text
        for runs in button._rows:
            for run in runs:
                look.cache.render(look.typeset.font(style), run.text, colour)
        if button.number is not None:
            look.cache.render(look.typeset.font("bold"), str(button.number), look.palette.on_accent)


def warm_feedback(app: Any, session: Session) -> None:
    """Lay out the feedback card each offered option would bring."""
    from simulator.ui.scenes.feedback import FeedbackScene, feedback_paras

    for option in session.options:
        trial = session.copy()
        step = trial.act(Choose(option.id))
        body = feedback_paras(trial, option, step)
        if body:
            card = FeedbackScene(app, body)
            card.layout(app.look)
            warm_pages(app.look, card.pages[:1])
            warm_buttons(app.look, card.group)


def warm_next(app: Any, run: Any) -> None:
    """Lay out the moment that Continue will lead to, on a copy of the session."""
    from simulator.ui.runner import Run

    session = run.session
    if not session.can_proceed:
        return
    trial = session.copy()
    trial.act(CONTINUE)
    warm_moment(app, Run(trial, run.mode))


def warm_moment(app: Any, run: Any) -> None:
    """Lay out the session's current moment as the play screen will show it."""
    from simulator.ui.scenes.play import PlayScene

    shell = PlayScene(app, run)
    shell.layout(app.look)
    for _, leaf in shell.stages[:2]:
        if leaf is not None:
            warm_pages(app.look, [leaf.page])
    warm_buttons(app.look, shell._choice_group() if shell.moment.choices else shell.group)
