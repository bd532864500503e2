"""Orca for a test, run by Debian's python3: what it weighs and speaks goes, a line at a time, to the file named.

Orca's own command (/usr/bin/orca) refuses to start while any other Orca of
the same user runs, and with --replace kills them: on a machine where several
test runs share a user, neither will do. This starts Orca's main loop the way
that command does, without either, with Orca's debug output written line by
line (its "SPEECH OUTPUT: '...'" lines are the words it hands to its voice).

    python3 tests/orca_run.py DEBUG_LOG
"""

import sys

from orca import debug, orca

debug.debugLevel = debug.LEVEL_INFO
debug.debugFile = open(sys.argv[1], "w", buffering=1)  # noqa: SIM115 - open while Orca runs; line by line, so a test reads it live

manager = orca.getSettingsManager()
manager.activate(None, {})
sys.path.insert(0, manager.getPrefsDir())
sys.exit(orca.main())
