"""Export paths longer than the card: broken after separators, the file name whole, the middle given way, the full path a button away."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from ui_check import on_path, play_to_debrief, start_new

from simulator.services.settings import Settings
from simulator.ui.driver import Driver, make_app
from simulator.ui.kit.fonts import Fonts, Typeset
from simulator.ui.kit.paths import ELLIPSIS, path_rows, segments
from simulator.ui.kit.theme import Metrics

pytestmark = pytest.mark.ui

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "docs" / "examples" / "small-visit"
FONT = Typeset(Fonts(), Metrics.for_size(1024, 600, 3)).font("bold")


def measure(text: str) -> int:
    return FONT.size(text)[0]


folder = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."), min_size=1, max_size=40)
name = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_"), min_size=1, max_size=30).map(lambda s: s + ".html")


@settings(max_examples=150, deadline=None)
@given(folders=st.lists(folder, min_size=0, max_size=14), file=name, width=st.integers(min_value=120, max_value=900), windows=st.booleans())
def test_a_path_breaks_only_after_separators_with_its_file_name_whole(folders: list[str], file: str, width: int, windows: bool):
    """Every row fits (but a file name wider than the box), every row but the last ends at a separator, the last ends with the whole file name; nothing is lost unless "…" says so, and at most three rows when the name fits."""
    sep = "\\" if windows else "/"
    path = ("C:\\" if windows else "/") + sep.join([*folders, file])
    rows = path_rows(path, width, measure)
    assert rows[-1].endswith(file)
    assert all(row.endswith(sep) for row in rows[:-1])
    assert all(measure(row) <= width for row in rows[:-1])
    if measure(file) <= width:
        assert measure(rows[-1]) <= width and len(rows) <= 3
    joined = "".join(rows)
    if ELLIPSIS not in joined:
        assert joined == path
    else:  # what is left is the path's start and end, in order
        assert path.startswith(segments(joined)[0].replace(ELLIPSIS, "")[:1]) and path.endswith(file)


def test_a_short_path_is_one_row_and_a_long_one_keeps_its_start_and_end():
    """'/home/sam/report.html' stays whole; a deep one keeps its root folder and the file's own folder either side of '…/'."""
    assert path_rows("/home/sam/report.html", 900, measure) == ["/home/sam/report.html"]
    deep = "/home/sam/" + "/".join(f"a-rather-long-folder-name-{i}" for i in range(12)) + "/Doorstep/harris-family-debrief.html"
    rows = path_rows(deep, 420, measure)
    assert len(rows) <= 3 and rows[0].startswith("/home/") and f"{ELLIPSIS}/" in "".join(rows)
    assert "".join(rows).endswith("/Doorstep/harris-family-debrief.html")


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)])
def test_the_exported_card_shows_long_paths_whole_at_their_ends_and_copies_them_in_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]):
    """At the largest text, a path far wider than the card is shown in rows broken after '/', the file name whole on one run; Copy the paths puts both full paths on the clipboard."""
    deep = tmp_path.joinpath(*[f"A folder with a long name, number {i}" for i in range(8)], "Doorstep exports")
    monkeypatch.setenv("DOORSTEP_EXPORT_DIR", str(deep))
    d = Driver(make_app(tmp_path, EXAMPLE, size=size, settings=Settings(text_size=3)))
    start_new(d, "coach")
    play_to_debrief(d, on_path("enabler"))
    assert d.tab_to("export")
    d.key(pygame.K_RETURN)
    scene = d.top
    assert scene.name == "exported"
    [page] = list(deep.glob("*.html"))
    [data] = list(deep.glob("*.json"))
    runs = [run.text for p in scene.pages for row in p.rows for run in row.runs]
    for path in (page, data):
        assert path.name in runs or any(r.endswith("/" + path.name) for r in runs), runs  # the file name whole, never split
    for run in runs:
        if "/" in run:
            assert run.endswith("/") or run.endswith((page.name, data.name)), run  # a path row ends at a separator or with the file name
    assert d.tab_to("copy-paths")
    d.key(pygame.K_RETURN)
    assert pygame.scrap.get_text() == f"{page}\n{data}\n"
    assert "Both paths, in full, are on the clipboard." in " ".join(runs + [run.text for p in d.top.pages for row in p.rows for run in row.runs])
    d.app.close()
