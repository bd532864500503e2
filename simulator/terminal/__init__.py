"""The text host: play a scenario in a terminal, or print a transcript of auto play.

``host.py`` is the transcript host (:class:`TextHost`), whose output is
deterministic and compared with the golden playthroughs; ``player.py`` is
the interactive player a trainee uses (``doorstep play PATH --text``): the
prebrief, commands at every prompt, feedback, the debrief and support, in
plain text that reads well in a terminal screen reader.
"""

from simulator.terminal.host import TextHost, describe_changes

__all__ = ["TextHost", "describe_changes"]
