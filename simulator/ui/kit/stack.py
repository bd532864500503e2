"""The stack of screens: which scenes are open, which one is on top, and which are seen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.ui.kit.look import Look
    from simulator.ui.kit.scene import AnyScene


class Stack:
    """The app's scenes, the top one answering the keys (a part of :class:`~simulator.ui.kit.app.App`).

    Only the flow changes the stack (:meth:`push`, :meth:`pop`, :meth:`pop_to`,
    :meth:`replace`, :meth:`reset`); scenes ask the flow to move on.
    """

    stack: list[AnyScene]
    look: Look  # the scenes are laid out in it
    dirty: bool  # the window needs drawing
    running: bool  # false once the last scene is gone

    @property
    def top(self) -> AnyScene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: AnyScene) -> None:
        self.stack.append(scene)
        scene.layout(self.look)
        scene.on_enter()
        self.dirty = True

    def pop(self) -> AnyScene | None:
        gone = self.stack.pop() if self.stack else None
        if self.top is not None:
            self.top.on_enter()
        else:
            self.running = False
        self.dirty = True
        return gone

    def pop_to(self, scene: AnyScene) -> None:
        """Close everything above ``scene`` (which is then entered again)."""
        if scene not in self.stack:
            return
        while self.stack and self.stack[-1] is not scene:
            self.stack.pop()
        scene.on_enter()
        self.dirty = True

    def remove(self, scene: AnyScene) -> None:
        """Close ``scene`` and anything above it; the scene beneath is entered again (nothing happens if it is not open)."""
        if scene not in self.stack:
            return
        while self.stack and self.stack[-1] is not scene:
            self.stack.pop()
        self.pop()

    def replace(self, scene: AnyScene) -> None:
        """Swap the top scene for another (moving forward without a way back)."""
        if self.stack:
            self.stack.pop()
        self.push(scene)

    def reset(self, *scenes: AnyScene) -> None:
        """Start the stack afresh with these scenes (e.g. back to the title); only the top one is entered."""
        self.stack.clear()
        for scene in scenes:
            self.stack.append(scene)
            scene.layout(self.look)
        if self.top is not None:
            self.top.on_enter()
        self.dirty = True

    def _visible(self) -> list[AnyScene]:
        start = len(self.stack) - 1
        while start > 0 and self.stack[start].overlay:
            start -= 1
        return self.stack[max(0, start):]

