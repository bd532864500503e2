"""No run of 12 words is shared with the copyrighted source articles (checked by hash; see tests/copyright)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from conftest import PROJECT

sys.path.insert(0, str(Path(__file__).resolve().parent / "copyright"))
from shingles import SHINGLES, N, build, load, shingles, words

#: What the project writes in its own words: scenarios, the evidence base, docs, code, tests, golden transcripts.
TEXT = {".yaml", ".yml", ".md", ".py", ".txt", ".json", ".toml", ".html", ".cfg"}
SKIP_DIRS = {".git", ".venv", ".venv-latest", ".venv-pyyaml", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "node_modules"}


def project_files() -> list[Path]:
    out = []
    for path in sorted(PROJECT.rglob("*")):
        rel = path.relative_to(PROJECT)
        if any(part in SKIP_DIRS or part.startswith(".venv") for part in rel.parts):
            continue
        if path.is_file() and path.suffix in TEXT and path != SHINGLES:
            out.append(path)
    return out


#: Citation fields: an article's own title and address are how it is cited, not copied prose.
CITATION_KEYS = {"title", "url"}


def own_text(path: Path) -> list[str]:
    """The file's text, as separate passages; a sources file without its titles and addresses."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.name != "sources.yaml":
        return [text]
    passages: list[str] = []
    for entry in yaml.safe_load(text).get("sources", []):
        passages += [str(v) for k, v in entry.items() if k not in CITATION_KEYS]
    return passages


def test_the_committed_shingles_are_there():
    """The hashed shingles of the source articles are committed, thousands of them, and hash like the checker."""
    hashes = load()
    assert len(hashes) > 10_000
    assert all(len(h) == 12 for h in hashes)


def test_a_copied_run_is_found_however_it_is_punctuated(tmp_path: Path):
    """A run of 12 words copied from an article is found even re-cased and re-punctuated; a paraphrase is not."""
    (tmp_path / "article.txt").write_text(
        "The worker rang ahead to say she was running late, and the family said it changed the whole visit for them.",
        encoding="utf-8",
    )
    hashes = set(build(tmp_path))
    copied = "Notes: THE WORKER RANG AHEAD; to say she was running late -- and the family said it changed everything."
    paraphrase = "Ringing ahead when you are late changes how a family meets you at the door, families say."
    assert any(h in hashes for h, _ in shingles(copied))
    assert not any(h in hashes for h, _ in shingles(paraphrase))


def test_no_twelve_word_run_is_copied_from_a_source_article():
    """Every file of the project's own text shares no 12-word run with the source articles."""
    hashes = load()
    copied = []
    for path in project_files():
        for text in own_text(path):
            ws = words(text)
            for h, i in shingles(text):
                if h in hashes:
                    copied.append(f"{path.relative_to(PROJECT)}: \"{' '.join(ws[i : i + N])}\"")
    assert copied == [], "\n".join(copied)
