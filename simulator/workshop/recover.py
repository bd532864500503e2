"""Keeping a workshop whose laptop stopped: the next start finds it in the store, ends its record and writes its report.

A workshop saves itself after every change (:mod:`simulator.workshop.keep`),
so after a power cut or a ``kill -9`` its row is still marked as running. The
next ``doorstep workshop`` finds such rows whose process is gone (another
boot of the machine, or no process with that id), and keeps each as a
session that stopped early: the decisions it settled, the votes on the
question it was voting on when it stopped (marked as such), the notes, and a
line saying when it stopped. Its report is written as an ended session's is.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from simulator import strictjson
from simulator.records import workshops
from simulator.records.store import Store, StoreError
from simulator.wording import stored_time
from simulator.workshop.alive import Alive, process_alive
from simulator.workshop.keep import boot_id, report_texts, write_files
from simulator.workshop.report_html import render_workshop


def still_running(live: Any, alive: Alive = process_alive) -> bool:
    """Whether the process that saved a running row is still at work (on this boot of the machine, alive; see :mod:`.alive`)."""
    if not isinstance(live, dict):
        return False
    pid = live.get("pid")
    if not isinstance(pid, int) or pid <= 0 or live.get("boot") != boot_id():
        return False
    if pid == os.getpid():
        return True
    return alive(pid, live.get("saved_at"))


def ended(summary: dict[str, Any]) -> dict[str, Any]:
    """The record of a session that stopped without ending: the question it was voting on kept with its votes so far."""
    data = dict(summary)
    live = data.pop("live", None)
    question = data.pop("open", None)
    saved_at = str(live.get("saved_at", "")) if isinstance(live, dict) else ""
    data["finished_at"] = saved_at or str(data.get("finished_at", ""))
    data["finished"] = False
    data["interrupted"] = True
    events = list(data.get("events", []))
    if isinstance(question, dict) and isinstance(question.get("options"), list):
        decision = {key: question.get(key) for key in ("number", "episode", "episode_title", "node", "prompt", "options", "votes", "revealed")}
        decision.update(chosen=None, enabler=None, barrier=None, asked=None)
        data["decisions"] = [*data.get("decisions", []), decision]
        events.append(f"The workshop stopped while the room was voting on decision {question.get('number')}: its {question.get('votes', 0)} vote(s) so far are kept, and nothing was chosen.")
    events.append(f"The workshop stopped without being ended{_at(saved_at)} (the laptop or the program stopped); everything the room had done until then is kept.")
    data["events"] = events
    return data


def _at(when: str) -> str:
    found = stored_time(when)
    return f" at {found.astimezone():%H:%M}" if found is not None else ""


def keep_stopped(store_path: Path, folder: Path | None, *, at: str) -> list[str]:
    """Keep every workshop in the store that stopped without ending; what the facilitator is told, a line each."""
    lines: list[str] = []
    try:
        store, notes = Store.open(store_path, at=at)
    except StoreError as exc:
        return [f"doorstep workshop: earlier workshops could not be checked: {exc}"]
    lines.extend(notes)
    try:
        for row, summary in workshops.running(store):
            if still_running(summary.get("live")):
                continue
            try:  # the report is made before the row is marked ended: a summary edited in the store that cannot be shown stays as it was
                data = strictjson.loads(json.dumps(ended(summary)))
                when = str(data["finished_at"]) or at
                texts = report_texts(data, render_workshop(data), when)
                workshops.save(store, data, row)
            except (StoreError, KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                why = " ".join(str(exc).split())[:200] or type(exc).__name__  # one line, whatever the edited summary held
                lines.append(f"doorstep workshop: an earlier workshop (number {row}) that stopped without ending could not be kept: {why}")
                continue
            files, problem = write_files(data, "", when, folder, texts)
            where = f"; its report is {files[0]}" if files else ""
            lines.append(f"An earlier workshop of {data.get('scenario_title', 'a case')} stopped without being ended{_at(str(data['finished_at']))}: what the room did until then is kept as workshop {row}{where}.")
            if problem:
                lines.append(problem)
    except StoreError as exc:
        lines.append(f"doorstep workshop: earlier workshops could not be checked: {exc}")
    finally:
        store.close(at=at)
    return lines
