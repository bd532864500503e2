"""Every file Doorstep reads or writes goes through here.

Reading: regular files only, opened without blocking (a FIFO named as an
episode must not hang the window), size checked on the open handle before a
byte is read (a symlink to ``/dev/zero`` must not fill memory), and every
failure turned into :class:`FileRefused`, an ``OSError`` whose message is a
sentence a trainer can act on.

Writing: :func:`write_atomic` writes to a temporary file created exclusively
(``O_EXCL``, a random name) in the target's folder, flushes and fsyncs it,
renames it over the target and fsyncs the folder, and removes the temporary
file on any failure. A symlink planted where a fixed ``OUT.tmp`` name would
be is never followed, and a crash leaves the old file or the new one, never
half of either. Text is encoded before the temporary file is created, so text
that cannot be written (a lone surrogate typed into a reflection) fails
without leaving anything behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

__all__ = ["FileNotText", "FileRefused", "FileTooLarge", "config_dir", "data_dir", "home_path", "is_dir", "is_file", "kind_of", "lexists", "not_ours", "not_plain", "platform_dir", "probe", "read_bytes", "read_text", "reason", "write_atomic"]

DEFAULT_LIMIT = 64 * 1024 * 1024


class FileRefused(OSError):
    """A file Doorstep will not read or could not write; ``str()`` is one plain sentence."""

    def __init__(self, path: str | os.PathLike[str], why: str) -> None:
        super().__init__(why)
        self.path = os.fspath(path)
        self.why = why

    def __str__(self) -> str:
        return self.why


class FileTooLarge(FileRefused):
    """A file over the size a caller reads; ``size`` is what the file system said, in bytes."""

    def __init__(self, path: str | os.PathLike[str], size: int, limit: int) -> None:
        super().__init__(path, f"it is {_size(size)}, more than the {_size(limit)} Doorstep reads")
        self.size = size
        self.limit = limit


class FileNotText(FileRefused):
    """A file that is not UTF-8 text."""


_REASONS = {
    errno.ENOENT: "it does not exist",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.ELOOP: "it is a loop of symbolic links",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EIO: "the disk reported an input/output error",
    errno.EMFILE: "too many files are open",
}


NO_HOME = "there is no home folder (HOME is not set, and this user has none)"


def home_path(text: str | os.PathLike[str], variable: str = "") -> Path:
    """``text`` as a path, a leading ``~`` expanded; :class:`FileRefused` in a sentence when there is no home folder to expand it
    to (a service account or a container: Python raises RuntimeError, which every command then reported as a crash)."""
    try:
        return Path(text).expanduser()
    except (RuntimeError, KeyError):
        given = f"{variable} " if variable else ""
        raise FileRefused(text, f"{given}starts with ~, but {NO_HOME}: give the folder in full") from None


def platform_dir(get: Callable[[], str], variable: str) -> Path:
    """A folder platformdirs names under the user's home, or :class:`FileRefused` saying which variable to set when there is no home."""
    try:
        return Path(get())
    except (RuntimeError, KeyError):
        raise FileRefused("~", f"{NO_HOME} to keep Doorstep's files in: set HOME, or {variable} to a folder") from None


def config_dir() -> Path:
    """Where settings are kept (the window's and the LRS's): $DOORSTEP_CONFIG_DIR, else $DOORSTEP_DATA_DIR (a profile in one folder,
    records and settings together, as a classroom machine or a test sets it), else the platform's user config folder."""
    for name in ("DOORSTEP_CONFIG_DIR", "DOORSTEP_DATA_DIR"):
        env = os.environ.get(name)
        if env:
            return home_path(env, name)
    import platformdirs

    return platform_dir(lambda: platformdirs.user_config_dir("doorstep", appauthor=False), "DOORSTEP_CONFIG_DIR")


def data_dir() -> Path:
    """Where Doorstep keeps the trainee's data (records, the load cache): $DOORSTEP_DATA_DIR, else the platform's user data folder."""
    env = os.environ.get("DOORSTEP_DATA_DIR")
    if env:
        return home_path(env, "DOORSTEP_DATA_DIR")
    import platformdirs

    return platform_dir(lambda: platformdirs.user_data_dir("doorstep", appauthor=False), "DOORSTEP_DATA_DIR")


def probe(path: str | os.PathLike[str]) -> os.stat_result | OSError:
    """``os.stat`` of a path, or the error it raised (ENAMETOOLONG, EACCES...), never raising."""
    try:
        return os.stat(path)
    except OSError as exc:
        return exc
    except ValueError:  # an embedded NUL byte
        return FileNotFoundError(2, "No such file or directory")


def lexists(path: str | os.PathLike[str]) -> bool:
    """Whether anything (a dangling link included) is at ``path``; False, never an error, for a name too long or a folder that cannot be searched."""
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def is_dir(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder (following links); False, never an error (``Path.is_dir`` raises on ENAMETOOLONG and EACCES)."""
    found = probe(path)
    return not isinstance(found, OSError) and stat.S_ISDIR(found.st_mode)


def is_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a regular file (following links); False, never an error."""
    found = probe(path)
    return not isinstance(found, OSError) and stat.S_ISREG(found.st_mode)


def not_plain(path: str | os.PathLike[str]) -> str | None:
    """What is at ``path`` when it is there but is not a regular file (a phrase: "it is a pipe (FIFO), not a file"), else None."""
    if not lexists(path):
        return None
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return "it is a link to nothing" if isinstance(exc, FileNotFoundError) else reason(exc)
    return None if stat.S_ISREG(mode) else kind_of(mode)


def reason(exc: OSError) -> str:
    """A short lower-case phrase for an OS error, without the path or the errno number."""
    if isinstance(exc, FileRefused):
        return exc.why
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return (exc.strerror or str(exc) or "an unknown error").lower()


def kind_of(mode: int) -> str:
    """What a thing that is not a regular file is, as the end of a sentence: "it is a pipe (FIFO), not a file"."""
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "it is a pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "it is a socket, not a file"
    return "it is not a regular file"


def read_bytes(path: str | os.PathLike[str], *, limit: int = DEFAULT_LIMIT) -> bytes:
    """The whole file, if it is a regular file of at most ``limit`` bytes; else :class:`FileRefused`."""
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer for ever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise FileRefused(path, reason(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(path, kind_of(info.st_mode))
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:  # read to the end, but never past the limit (a file may grow while read)
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(path, total, limit)
        return b"".join(chunks)
    except FileRefused:
        raise
    except OSError as exc:
        raise FileRefused(path, reason(exc)) from None
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike[str], *, limit: int = DEFAULT_LIMIT) -> str:
    """The file as UTF-8 text (a byte-order mark is dropped); undecodable bytes are refused with where they are."""
    raw = read_bytes(path, limit=limit)
    # The mark dropped by hand: the "utf-8-sig" codec is a module of its own to import (0.9 million instructions before a
    # returning trainee's first frame, which reads their settings), and it counted where a bad byte is from after the mark.
    body = raw[len(BOM) :] if raw.startswith(BOM) else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        col = exc.start - (body.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileNotText(path, f"it is not UTF-8 text (byte 0x{body[exc.start]:02x} at line {line}, column {col})") from None


BOM = b"\xef\xbb\xbf"  # UTF-8's byte-order mark, which some editors put first


KINDS = {"doorstep-record": "a playthrough record", "doorstep-debrief": "a debrief", "doorstep-cohort": "a cohort report", "doorstep-export": "an export of saved playthroughs",
         "doorstep-analysis": "an analysis", "doorstep-workshop": "a workshop summary"}  # fmt: skip
# Doorstep's HTML pages, each marked in its head by page_mark(kind), so an output page replaces only an earlier one of its kind.
PAGES = {"doorstep-debrief-page": "a debrief page", "doorstep-cohort-page": "a cohort report page", "doorstep-workshop-page": "a workshop summary page"}
_MARK = '<meta name="doorstep-kind" content="'
# Pages from before the mark: their title's start and the footer every one of them ends with.
_OLD_PAGES = (("<title>Debrief: ", "doorstep-debrief-page"), ("<title>Cohort: ", "doorstep-cohort-page"), ("<title>Workshop: ", "doorstep-workshop-page"))
_OLD_FOOTER = "Doorstep is an offline training simulator inspired by RIVRT; it claims no affiliation.</p></footer>"


def page_mark(kind: str) -> str:
    """The line in the head of one of Doorstep's HTML pages that says which kind of page it is (a key of :data:`PAGES`)."""
    return f'{_MARK}{kind}">'


def _page_kind(text: str, tail: str) -> str | None:
    """Which of Doorstep's pages an HTML page is (a key of :data:`PAGES`), or None when Doorstep did not write it."""
    at = text.find(_MARK, 0, 4096)
    if at >= 0:
        kind = text[at + len(_MARK) : text.find('"', at + len(_MARK))]
        return kind if kind in PAGES else None
    if _OLD_FOOTER in tail:
        return next((kind for title, kind in _OLD_PAGES if title in text[:4096]), None)
    return None


def not_ours(path: str | os.PathLike[str], kind: str) -> str | None:
    """Why an output of ``kind`` must not replace what is at ``path`` (a phrase), or None when it may.

    ``kind`` is a page's (a key of :data:`PAGES`) or the ``kind`` a Doorstep JSON file names
    (``"doorstep-record"``...). An output replaces only what an earlier run of the same output wrote:
    nothing, an empty file, a page of the same kind (:func:`page_mark`), a JSON object of the same kind.
    Anything else is something the user had and would lose: the record a report reads, a scenario's YAML,
    the saved playthroughs (a SQLite database), any other HTML page (a handout, a saved web page).
    """
    found = probe(path)
    if isinstance(found, OSError) or not stat.S_ISREG(found.st_mode) or found.st_size == 0:
        return None  # nothing to lose (a folder or a device: writing says why it cannot)
    try:
        data = read_bytes(path)
    except FileRefused:
        return "it is a file Doorstep cannot read, so cannot tell what it would lose"
    if data.startswith(b"SQLite format 3\0"):
        return "it is a database (such as the saved playthroughs)"
    text = data[:1 << 20].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    page = text[:15].lower().startswith(("<!doctype html", "<html"))
    theirs = _page_kind(text, data[-4096:].decode("utf-8", "replace")) if page else None
    if page and theirs == kind:
        return None
    if page and theirs is None and kind in PAGES:
        return "it is an HTML page Doorstep did not write"
    if text.startswith("{"):
        import json  # here: most commands never write JSON

        try:
            value = json.loads(data.decode("utf-8", "replace"))
        except (ValueError, RecursionError):
            value = None
        theirs = value.get("kind") if isinstance(value, dict) else None
        if theirs == kind:
            return None
    wanted = PAGES.get(kind) or KINDS.get(kind, "a JSON file")
    what = (PAGES.get(theirs or "") or "an HTML page") if page else KINDS.get(theirs) if isinstance(theirs, str) else None
    return f"it is {what}, not {wanted}" if what else f"it is not {wanted} Doorstep wrote"


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, mode: int = 0o644, durable: bool = True) -> Path:
    """Replace ``path`` with ``data`` all at once; raises :class:`FileRefused` and leaves no temporary file.

    ``durable`` (the default) waits for the disk (fsync of the file and its folder) before returning, so
    what was written survives a power cut. A cache whose entries are signed passes False: a torn entry
    fails its check and is written again, and the wait (tens of milliseconds on a busy disk) is saved.
    """
    target = Path(path)
    if isinstance(data, str):
        try:
            payload = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise FileRefused(target, f"the text has a character that cannot be saved (position {exc.start})") from None
    else:
        payload = data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise FileRefused(target, "it is a folder, not a file")
        import tempfile  # here, not above: a command that writes nothing (validate without the cache) never loads it

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:200]}.", suffix=".tmp", dir=target.parent)
    except FileRefused:
        raise
    except OSError as exc:
        raise FileRefused(target, reason(exc)) from None
    try:
        with contextlib.suppress(AttributeError, OSError):  # Windows has no fchmod
            os.fchmod(fd, mode & ~_UMASK)
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if durable:
            os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
        if durable:
            _fsync_folder(target.parent)
    except BaseException as exc:
        if fd >= 0:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise FileRefused(target, reason(exc)) from None
        raise
    return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); folders cannot be opened this way on Windows."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _read_umask() -> int:
    # Read once at import: os.umask can only be read by setting it, which is not safe on a thread.
    current = os.umask(0o022)
    os.umask(current)
    return current


_UMASK = _read_umask()


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
