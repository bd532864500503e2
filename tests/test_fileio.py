"""The one guarded way Doorstep reads and writes files: odd files refused at once, writes all-or-nothing."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from simulator import fileio
from simulator.fileio import FileNotText, FileRefused, FileTooLarge, read_bytes, read_text, write_atomic


def _within(seconds: float, fn):
    """Run fn on a thread; fail (instead of hanging the suite) if it takes longer than ``seconds``."""
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s"
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out.get("value")


def test_regular_file_reads_whole(tmp_path: Path):
    """A regular file comes back byte for byte; text drops a byte-order mark."""
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\xef\xbb\xbfZo\xc3\xab\n")
    assert read_bytes(path) == b"\xef\xbb\xbfZo\xc3\xab\n"
    assert read_text(path) == "Zoë\n"


def test_a_bad_byte_is_placed_from_after_a_byte_order_mark(tmp_path: Path):
    """The mark is no column of the text: the same bad byte is at the same line and column with or without it."""
    for mark in (b"", b"\xef\xbb\xbf"):
        path = tmp_path / "notes.txt"
        path.write_bytes(mark + b"ab\nc\xffd")
        with pytest.raises(FileNotText, match=r"byte 0xff at line 2, column 2"):
            read_text(path)
    path.write_bytes(b"\xef\xbb")  # a mark cut short is no mark
    with pytest.raises(FileNotText, match=r"byte 0xef at line 1, column 1"):
        read_text(path)


def test_reading_text_imports_no_codec(tmp_path: Path):
    """Reading a returning trainee's settings before their first frame imports no codec module of its own ("utf-8-sig" was one)."""
    import subprocess
    import sys

    path = tmp_path / "settings.json"
    path.write_bytes(b"\xef\xbb\xbf{}")
    code = "import sys; from simulator.fileio import read_text; assert read_text(sys.argv[1]) == '{}'; print(sorted(m for m in sys.modules if m.startswith('encodings.') and m not in ('encodings.aliases', 'encodings.utf_8')))"
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.stdout.strip() == "[]", done.stdout


def test_a_fifo_is_refused_at_once(tmp_path: Path):
    """A named pipe with no writer is refused immediately, never waited on."""
    fifo = tmp_path / "visit.yaml"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused, match="pipe"):
        _within(3, lambda: read_bytes(fifo))


def test_a_symlink_to_dev_zero_is_refused(tmp_path: Path):
    """A link to an endless device is refused before a byte is read."""
    link = tmp_path / "record.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(FileRefused, match="device"):
        _within(3, lambda: read_bytes(link))


def test_folders_missing_files_and_long_names_are_sentences(tmp_path: Path):
    """A folder, a missing file and a 300-byte name each give a plain reason, no errno."""
    cases = {tmp_path: "folder", tmp_path / "nope.yaml": "does not exist", tmp_path / ("x" * 300): "too long"}
    for path, words in cases.items():
        with pytest.raises(FileRefused) as info:
            read_bytes(path)
        assert words in str(info.value) and "Errno" not in str(info.value)


def test_size_is_checked_before_reading(tmp_path: Path):
    """A file over the limit is FileTooLarge with its size, read or not."""
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(FileTooLarge) as info:
        read_bytes(big, limit=1000)
    assert info.value.size == 2000 and "more than" in str(info.value)
    assert read_bytes(big, limit=2000) == b"a" * 2000


def test_not_utf8_says_where(tmp_path: Path):
    """Bytes that are not UTF-8 are refused with the line and column of the first bad byte."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\nab\xffc\n")
    with pytest.raises(FileNotText, match=r"0xff at line 2, column 3"):
        read_text(bad)


def test_write_replaces_whole_and_leaves_no_temporary(tmp_path: Path):
    """The target holds exactly the new text afterwards, and nothing else is left in the folder."""
    target = tmp_path / "out" / "report.html"
    write_atomic(target, "first")
    write_atomic(target, "second, longer")
    assert target.read_text() == "second, longer"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html"]


def test_a_symlink_planted_at_the_old_temporary_name_is_not_followed(tmp_path: Path):
    """OUT.tmp pointing at a victim file: the victim is untouched (the temporary name is random and exclusive)."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "out.json.tmp").symlink_to(victim)
    write_atomic(tmp_path / "out.json", "{}")
    assert victim.read_text() == "precious"
    assert (tmp_path / "out.json").read_text() == "{}"


def test_text_that_cannot_be_saved_leaves_nothing_behind(tmp_path: Path):
    """A lone surrogate (from a damaged record or odd typing) refuses the write and leaves no file at all."""
    target = tmp_path / "debrief.html"
    with pytest.raises(FileRefused, match="cannot be saved"):
        write_atomic(target, "before \ud800 after")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_removes_its_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The disk filling up mid-write is FileRefused ('the disk is full') and the temporary file goes."""

    def full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "write", full)
    with pytest.raises(FileRefused, match="disk is full"):
        write_atomic(tmp_path / "x.json", "data")
    assert list(tmp_path.iterdir()) == []


def test_writing_onto_a_folder_is_refused(tmp_path: Path):
    """A folder where the file should go is refused, and stays a folder."""
    (tmp_path / "report.html").mkdir()
    with pytest.raises(FileRefused, match="folder"):
        write_atomic(tmp_path / "report.html", "x")
    assert (tmp_path / "report.html").is_dir()
