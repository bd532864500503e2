"""12-word shingles: how Doorstep checks it has not copied a sentence from its copyrighted sources.

The source articles (outside the repository, in /work/shared/seeds) must never be copied into
it, so what the repository keeps is only a hash of every run of 12 consecutive words in them
(``source-shingles.txt``), from which no text can be read back. ``python tests/copyright/shingles.py
DIR`` rebuilds that file from the articles in DIR; tests/test_no_copied_text.py hashes every run
of 12 words in the project's own text the same way and fails on any match.

Words are compared case-insensitively, with curly quotes and dashes made plain and punctuation
ignored, so re-punctuating a copied sentence does not hide it.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

N = 12
HASH_CHARS = 12  # 48 bits: a chance collision across the project's text is about one in a million
HERE = Path(__file__).resolve().parent
SHINGLES = HERE / "source-shingles.txt"

_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def words(text: str) -> list[str]:
    """The text's words, lowercased, with punctuation dropped (apostrophes inside words kept)."""
    return _WORD.findall(text.translate(_PLAIN).lower())


def digest(run: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:HASH_CHARS]


def shingles(text: str) -> Iterator[tuple[str, int]]:
    """(hash, index of the first word) for every run of N consecutive words."""
    ws = words(text)
    for i in range(len(ws) - N + 1):
        yield digest(ws[i : i + N]), i


def load(path: Path = SHINGLES) -> frozenset[str]:
    """The committed hashes (comment lines start with #)."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def build(sources: Path) -> list[str]:
    """The sorted, distinct hashes of every 12-word run in the .txt articles in ``sources``."""
    found: set[str] = set()
    for article in sorted(sources.glob("*.txt")):
        found.update(h for h, _ in shingles(article.read_text(encoding="utf-8", errors="replace")))
    return sorted(found)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python tests/copyright/shingles.py DIR_OF_SOURCE_ARTICLES", file=sys.stderr)
        return 2
    hashes = build(Path(argv[0]))
    header = (
        "# Hashes (sha256, first 12 hex digits) of every 12-word run in Doorstep's copyrighted source articles.\n"
        "# No text can be read back from them. Rebuild: python tests/copyright/shingles.py /work/shared/seeds\n"
    )
    SHINGLES.write_text(header + "\n".join(hashes) + "\n", encoding="utf-8")
    print(f"{len(hashes)} shingles from {len(list(Path(argv[0]).glob('*.txt')))} articles written to {SHINGLES}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
