"""A screen reader's view of Doorstep's window, read from the real AT-SPI bus (run by Debian's python3 with pyatspi).

This is an AT-SPI client, as Orca is: it asks the accessibility registry
for the applications on the bus, finds the one whose window is called
Doorstep, and prints what it finds as JSON. It never imports Doorstep.

    python3 tests/atspi_read.py ready SECONDS   # wait until the accessibility registry answers (as it has by the time Orca runs)
    python3 tests/atspi_read.py tree            # the window's tree: role, name, description, states, children
    python3 tests/atspi_read.py listen SECONDS  # focus and announcement events for that long, one JSON object a line
    python3 tests/atspi_read.py act NAME ACTION # press ("click") or focus ("focus") the button called NAME

The test (tests/test_access_atspi.py) runs it under a private session bus.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi
from gi.repository import GLib

STATES = {
    pyatspi.STATE_FOCUSED: "focused",
    pyatspi.STATE_FOCUSABLE: "focusable",
    pyatspi.STATE_ENABLED: "enabled",
    pyatspi.STATE_SENSITIVE: "sensitive",
    pyatspi.STATE_MODAL: "modal",
}


SEEN: list[str] = []  # the applications the registry listed at the last look, for a message when Doorstep is not among them


def window():
    """Doorstep's frame, from the registry's list of applications (None while it has not appeared).

    An application that has gone (a window closed a moment ago, still listed) is passed over,
    so it can never hide one that is there.
    """
    desktop = pyatspi.Registry.getDesktop(0)
    SEEN.clear()
    for index in range(desktop.childCount):
        try:
            app = desktop.getChildAtIndex(index)
            if app is None:
                continue
            SEEN.append(app.name or "(no name)")
            for i in range(app.childCount):
                frame = app.getChildAtIndex(i)
                if frame is not None and frame.name == "Doorstep":
                    return frame
        except GLib.GError as exc:
            SEEN.append(f"(gone: {exc.message})")
    return None


def node(acc, depth: int = 0) -> dict:
    states = acc.getState()
    out = {
        "role": acc.getRoleName(),
        "name": acc.name,
        "description": acc.description,
        "states": sorted(name for state, name in STATES.items() if states.contains(state)),
        "children": [node(acc.getChildAtIndex(i), depth + 1) for i in range(acc.childCount)] if depth < 12 else [],
    }
    try:
        actions = acc.queryAction()
        out["actions"] = [actions.getName(i) for i in range(actions.nActions)]
    except NotImplementedError:
        out["actions"] = []
    attrs = dict(a.split(":", 1) for a in acc.getAttributes() if ":" in a)
    if attrs:
        out["attributes"] = attrs
    return out


def tree(wait: float) -> int:
    deadline = time.monotonic() + wait
    while True:
        try:
            frame = window()
            if frame is not None:
                print(json.dumps(node(frame)))
                return 0
        except (GLib.GError, AttributeError):
            pass  # the screen changed while it was being read (a node went away): read it again
        if time.monotonic() > deadline:
            print(json.dumps({"error": "no window called Doorstep on the accessibility bus", "applications": SEEN}))
            return 1
        time.sleep(0.2)


def ready(wait: float) -> int:
    """Ask the registry for the desktop's applications until it answers: the registry is then up, as on a desktop whose screen reader is running."""
    deadline = time.monotonic() + wait
    while True:
        try:
            apps = pyatspi.Registry.getDesktop(0).childCount
            print(json.dumps({"ready": True, "apps": apps}))
            return 0
        except GLib.GError as exc:
            if time.monotonic() > deadline:
                print(json.dumps({"error": f"the accessibility registry did not answer: {exc}"}))
                return 1
        time.sleep(0.2)


def find(acc, name: str, role: str):
    if acc.name == name and acc.getRoleName() == role:
        return acc
    for i in range(acc.childCount):
        got = find(acc.getChildAtIndex(i), name, role)
        if got is not None:
            return got
    return None


def act(name: str, action: str) -> int:
    """Do an action ("click" or "focus") on the button called ``name``, as a screen reader user's command would."""
    frame = window()
    button = find(frame, name, "push button") if frame is not None else None
    if button is None:
        print(json.dumps({"error": f"no button called {name!r}"}))
        return 1
    actions = button.queryAction()
    for i in range(actions.nActions):
        if actions.getName(i) == action:
            print(json.dumps({"done": actions.doAction(i)}))
            return 0
    if action == "focus":
        print(json.dumps({"done": button.queryComponent().grabFocus()}))
        return 0
    print(json.dumps({"error": f"{name!r} has no action {action!r}"}))
    return 1


def listen(seconds: float) -> int:
    def heard(event) -> None:
        source = event.source
        try:
            name, role = (source.name, source.getRoleName()) if source else ("", "")
        except GLib.GError:  # gone already: the event's own data still says what was announced
            name, role = "", ""
        print(json.dumps({"type": event.type, "detail1": event.detail1, "name": name or str(event.any_data or ""), "role": role, "data": str(event.any_data)}), flush=True)

    pyatspi.Registry.registerEventListener(
        heard, "object:state-changed:focused", "object:announcement", "object:property-change:accessible-name", "object:property-change:accessible-description"
    )

    GLib.timeout_add(int(seconds * 1000), pyatspi.Registry.stop)
    print(json.dumps({"listening": True}), flush=True)
    pyatspi.Registry.start()
    return 0


if __name__ == "__main__":
    verb = sys.argv[1] if len(sys.argv) > 1 else "tree"
    if verb == "ready":
        sys.exit(ready(float(sys.argv[2]) if len(sys.argv) > 2 else 30.0))
    if verb == "tree":
        sys.exit(tree(float(sys.argv[2]) if len(sys.argv) > 2 else 10.0))
    if verb == "listen":
        sys.exit(listen(float(sys.argv[2])))
    if verb == "act":
        sys.exit(act(sys.argv[2], sys.argv[3]))
    sys.exit(f"unknown verb {verb}")
