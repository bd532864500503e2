"""What the fresh processes of bench_ui.py's first-frame figure run: a bare pygame-ce window, the same given an icon, and Doorstep.

Each notes the moment its first frame is on screen (FIRST-FRAME, the wall
clock and its own CPU time since it began) on stderr; what it spends exiting
after that is no part of the wait.
"""

FRAME_MARK = "import os as _os, time as _t; _os.write(2, f'FIRST-FRAME {_t.time()!r} {_t.process_time()!r}\\n'.encode())"
BARE_COLD = f"""
import os, pygame
pygame.display.init()
s = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
s.fill((244, 241, 234)); pygame.display.flip()
{FRAME_MARK}
"""
# The same bare window given an icon of its own before it opens, as Doorstep's is (kit/icon.py): pygame-ce then does not
# load its default icon from its package. Printed beside the bar so the comparison can be read like for like.
BARE_ICON_COLD = BARE_COLD.replace("pygame.display.init()\n", "pygame.display.init()\npygame.display.set_icon(pygame.Surface((64, 64)))\n")
# The real command, as `doorstep play PATH` runs it (its console script calls main() on the process's own arguments),
# stopped once its first frame is on screen. The window's loop is replaced as its module loads (a finder wrapping that one
# module: a plain object, not an importlib.abc subclass, whose import the real command never pays), so the command
# imports everything in its own order.
APP_COLD = f"""
import sys
def first_frame_only(self):
    self.step([])
    {FRAME_MARK}
    assert self.frames == 1
    self.close()
    return 0
class StopAfterFirstFrame:
    def find_spec(self, name, path, target=None):
        if name != "simulator.ui.kit.app":
            return None
        from importlib.machinery import PathFinder
        spec = PathFinder.find_spec(name, path)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            module.App.run = first_frame_only
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, StopAfterFirstFrame())
from simulator.cli import main
sys.argv = ["doorstep", "play", sys.argv[2]]
sys.exit(main())
"""
