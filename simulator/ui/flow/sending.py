"""The flow of sending records to the organisation's LRS: the background sender, its settings and its outbox.

When the record store opens (just after the first frame) and the LRS
settings (``lrs.json``, see :mod:`simulator.xapi.config`) are switched on
and complete, a :class:`~simulator.xapi.sender.Sender` starts on its own
thread with its own connection to the store; the saver thread nudges it
after each write, and it waits for a pause in the clicking before working
out and sending statements. Nothing here runs on the frame loop but
reading the outbox's counts for its screen. The trainee can switch sending
on or off and choose what is shared on the sending screen; the address and
credentials come from whoever runs the course (``doorstep xapi setup``).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from simulator.ui.flow.base import FlowBase

if TYPE_CHECKING:
    from datetime import datetime

    from simulator.records.outbox import Status
    from simulator.records.store import Store
    from simulator.scenario.model import Scenario
    from simulator.xapi.config import LRSSettings
    from simulator.xapi.sender import Sender


def _now() -> datetime:
    from datetime import UTC, datetime  # when sending starts, after the first frame

    return datetime.now(UTC)


class SendingFlow(FlowBase):
    """Starting, stopping and showing the background sending of statements."""

    sender: Sender | None = None
    lrs_note: str | None = None

    def start_sending(self) -> bool:
        """Start the background sender if the store is open and the LRS settings say so; whether it runs."""
        self.stop_sending()
        if self.store is None or self.options.auto or self.options.clean_profile:
            return False  # auto play, and runs for handouts or a projector by itself (none of this machine's settings): nothing is sent
        from simulator.xapi.config import load_lrs_settings

        settings, self.lrs_note = load_lrs_settings(self.app.config_dir)
        if not settings.ready:
            return False
        from simulator.records.store import Store
        from simulator.xapi.cli_common import Scenarios
        from simulator.xapi.sender import Sender

        path = self.store.path
        installed = Scenarios()

        def scenario_for(scenario_id: str) -> Scenario | None:
            # The cases this window has loaded already (reads only: the sender's thread never loads into the catalog), else the installed ones.
            catalog = self.catalog
            for folder in [*([catalog.selected] if catalog.selected else []), *catalog.paths]:
                if catalog.loaded(folder):
                    scenario = catalog.scenario(folder)
                    if scenario is not None and scenario.id == scenario_id:
                        return scenario
            found: Scenario | None = installed(scenario_id)
            return found

        self.sender = Sender(lambda: Store.open(path, repair=False)[0], settings.client(), scenario_for, settings.options(), _now)
        self.sender.start()
        if self.saver is not None:
            self.saver.after = self.sender.nudge
        if self.stop_sending not in self.app.closing:
            self.app.closing.insert(0, self.stop_sending)
        return True

    def watched(self, scenario: Scenario, opened_at: str, episode_id: str, versions: Sequence[str]) -> None:
        """Versions of an episode watched to their end: queued as ``experienced`` on the saver's thread, only while sending is on."""
        sender, saver = self.sender, self.saver
        if sender is None or saver is None or not versions:
            return
        from simulator.records.store import StoreError, now
        from simulator.xapi.statements import Builder
        from simulator.xapi.watching import queue_watched

        at, options = now(), sender.options

        def job(store: Store) -> None:
            # A store that cannot take it now: what was watched goes unreported, and the saver keeps saving play.
            with suppress(StoreError):
                queue_watched(store, Builder(scenario, options), options, opened_at, episode_id, tuple(versions), at)

        saver.submit(job)

    def stop_sending(self) -> None:
        if self.saver is not None:
            self.saver.after = None
        if self.sender is not None:
            self.sender.stop(timeout=1.0)
            self.sender = None

    # -- what the sending screens ask --------------------------------------------------
    def lrs_settings(self) -> LRSSettings:
        from simulator.xapi.config import load_lrs_settings

        settings, self.lrs_note = load_lrs_settings(self.app.config_dir)
        return settings

    def change_sending(self, **changes: bool) -> str | None:
        """Save a change to what is sent (and whether), and restart the sender with it; a sentence if it could not be saved."""
        from simulator.xapi.config import save_lrs_settings

        settings = self.lrs_settings().with_changes(**changes)
        failed = save_lrs_settings(settings, self.app.config_dir)
        self.start_sending()
        return failed

    def outbox_status(self) -> Status | None:
        """The outbox's counts and last error (None without a store)."""
        if self.store is None:
            return None
        from simulator.records import outbox
        from simulator.records.store import StoreError

        try:
            return outbox.status(self.store)
        except StoreError:
            return None

    def retry_sending(self) -> None:
        if self.sender is not None:
            self.sender.retry_now()

    def settings(self) -> None:
        from simulator.ui.shell.settings import SettingsScene

        self.app.push(SettingsScene(self.app, self))

    # -- how others chose: a cohort file imported for the compare screen ---------------------
    def others_at(self, scenario_id: str, node: str) -> tuple[list[tuple[str, int]], int] | None:
        if self.store is None:
            return None
        from simulator.services.cohorts import others

        found = others(self.store.path.parent, scenario_id)
        counts = found.at(node) if found is not None else None
        return (counts, found.playthroughs) if found is not None and counts is not None else None

    def dropped(self, path: str) -> None:
        """A file dropped onto the window: a cohort file is kept for the compare screen; anything else is explained."""
        if self.store is None:
            self.notice("How others chose", ["Your saved playthroughs cannot be opened just now, so there is nowhere to keep the cohort."])
            return
        from simulator.services.cohorts import import_cohort

        try:
            said = import_cohort(path, self.store.path.parent)
        except ValueError as exc:
            said = f"That file was not kept: {exc}. A cohort file is what doorstep cohort writes with --json."
        self.notice("How others chose", [said])

    def sending(self) -> None:
        from simulator.ui.shell.sending import SendingScene

        self.app.push(SendingScene(self.app, self))

    def outbox(self) -> None:
        from simulator.ui.shell.outbox import OutboxScene

        self.app.push(OutboxScene(self.app, self))
