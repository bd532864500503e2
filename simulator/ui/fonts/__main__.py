"""``python -m simulator.ui.fonts``: make the window's copies of Atkinson Hyperlegible again, from the installed package.

Run it after the package (``fontpkg-atkinson-hyperlegible``) changes in the lock; tests/test_ui_fonts.py fails until then.
"""

from __future__ import annotations

from pathlib import Path

from simulator.ui.fonts import HERE, copies


def main() -> int:
    import fontpkg_atkinson_hyperlegible as package

    for name, data in copies(Path(package.ROOT) / "files").items():
        (HERE / name).write_bytes(data)
        print(f"wrote simulator/ui/fonts/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
