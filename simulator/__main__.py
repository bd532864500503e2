"""``python -m simulator`` runs the same command line as ``doorstep``."""

from simulator.cli import main

raise SystemExit(main())
