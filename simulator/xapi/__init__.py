"""xAPI: a playthrough as statements for the Learning Record Store an organisation already runs.

Pure Python like the rest of the core: :mod:`.statements` builds them,
:mod:`.outbox` keeps them in the local store until an LRS has them,
:mod:`.lrs` speaks HTTP to it, :mod:`.sender` does so in the background,
:mod:`.cohort` pools many playthroughs anonymously. docs/xapi.md says what
is sent, why, and what is never sent.
"""
