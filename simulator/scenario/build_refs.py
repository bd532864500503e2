"""Checking the names a scenario's episodes use: characters, moods, locations, rubric dimensions, placeholders.

The reference half of the scenario builder (:mod:`simulator.scenario.build`):
a name that is not declared is a located error with a "did you mean"; a
person or place the window can only draw as a placeholder (no art, or art
drawn for another scenario) is a warning that says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from simulator.scenario.art import ArtCatalog, words_of
from simulator.scenario.diagnostics import did_you_mean
from simulator.scenario.model import Character, Dimension
from simulator.scenario.yamlstrict import Document

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
UNCLOSED = re.compile(r"\{([a-z][a-z0-9-]*)")  # once every {placeholder} is taken out: a brace left open before a name


def _as_id(text: str) -> str:
    """Words as an id would write them: "Sam Taylor" and "sam_taylor" both become "sam-taylor"."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


class References:
    """The reference half of the scenario builder; the builder supplies the names and reporting."""

    m: dict[str, Any]
    art: ArtCatalog | None
    characters: dict[str, Character]
    dimensions: dict[str, Dimension]

    def report(self, code: str, message: str, name: str, doc: Document, path: tuple[Any, ...], suggestion: str | None = None, key: bool = False) -> None:
        raise NotImplementedError

    def character(self, cid: str, name: str, doc: Document, path: tuple[Any, ...], stage: bool = False) -> bool:
        if cid not in self.characters:
            guess = self.cast_guess(cid)
            hint = None
            if guess is not None:
                hint = f"did you mean `{guess}`?"
                if stage and guess == self.m["player"]:
                    hint = f"the player, `{guess}`, is the trainee and never drawn: leave them out"
            self.report("R402", f"`{cid}` is not in the cast", name, doc, path, hint)
            return False
        return True

    def cast_guess(self, word: str) -> str | None:
        """The cast id ``word`` was probably meant to be: a near spelling of an id, or a person's name, short name or role written as an id."""
        close = did_you_mean(word, self.characters)
        if close is not None:
            return close[close.index("`") + 1 : close.rindex("`")]
        wanted = _as_id(word)
        for c in self.characters.values():
            if wanted in {_as_id(c.name), _as_id(c.short), _as_id(c.role)}:
                return c.id
        return None

    def drawn(self, cid: str, name: str, doc: Document, path: tuple[Any, ...]) -> None:
        """Someone the window will draw: say so when it can only show a placeholder figure for them."""
        art = self.art
        if art is None or cid == self.m["player"] or art.usable_character(cid, self.m["id"]):
            return
        if cid in art.characters:
            owners = ", ".join(art.character_owners.get(cid, ()))
            self.report("R413", f"there is no art for `{cid}` in this scenario, and the shared art for `{cid}` was drawn for {owners}; the window will show a placeholder figure, not borrow that face", name, doc, path, f"add `{cid}` to this scenario's art/art.yaml (docs/authoring.md, Art)")
        else:
            self.report("R410", f"there is no art for `{cid}`; the window will show a placeholder figure", name, doc, path)

    def mood(self, cid: str, mood: str, name: str, doc: Document, path: tuple[Any, ...]) -> None:
        char = self.characters.get(cid)
        if char is None:
            return
        known = set(char.moods)
        if self.art is not None and self.art.usable_character(cid, self.m["id"]):
            known |= self.art.characters[cid]
        if known and mood not in known:
            self.report("R407", f"`{cid}` has no art for the mood `{mood}`", name, doc, path, did_you_mean(mood, known) or f"moods for {cid}: {', '.join(sorted(known))}")

    def moods_in(self, moods: Mapping[str, str], name: str, doc: Document, path: tuple[Any, ...]) -> None:
        for cid, mood in moods.items():
            if self.character(cid, name, doc, (*path, cid)):
                self.mood(cid, mood, name, doc, (*path, cid))

    def location(self, loc: str, name: str, doc: Document, path: tuple[Any, ...]) -> None:
        art = self.art
        if art is None or art.usable_location(loc, self.m["id"]):
            return
        if loc in art.locations:
            owners = ", ".join(art.location_owners.get(loc, ()))
            self.report("R413", f"the location `{loc}` was drawn for {owners}, not this scenario; the window will show a plain background", name, doc, path, f"add `{loc}` to this scenario's art/art.yaml, or use a shared location")
        else:
            usable = [x for x in art.locations if art.usable_location(x, self.m["id"])]
            if loc in art.named:
                self.report("R410", f"there is no picture for the location `{loc}`; the window will show a plain background with its name", name, doc, path)
            else:
                guess = did_you_mean(loc, usable + sorted(art.named))
                hint = f'name it in art/art.yaml under `locations:` as `{loc}: {{label: "..."}}`; see docs/authoring.md, Art'
                self.report("R414", f"the location `{loc}` has no art and no name; the window will show a plain background called \"{words_of(loc)}\"", name, doc, path, guess or hint)

    def effects(self, effects: Mapping[str, int], trust: Mapping[str, int], name: str, doc: Document, path: tuple[Any, ...]) -> None:
        for dim in effects:
            if dim not in self.dimensions:
                self.report("R403", f"`{dim}` is not a dimension of the rubric", name, doc, (*path, "effects", dim), did_you_mean(dim, self.dimensions))
        for cid in trust:
            if self.character(cid, name, doc, (*path, "trust", cid)) and self.characters[cid].trust is None:
                self.report("R412", f"trust is not tracked for `{cid}`; give them a starting `trust:` in the cast", name, doc, (*path, "trust", cid))

    def check_text(self, text: str | None, name: str, doc: Document, path: tuple[Any, ...]) -> None:
        if not text or "{" not in text:
            return
        for m in PLACEHOLDER.finditer(text):
            word = m.group(1)
            if word not in self.characters:
                self.report("R409", f"`{{{word}}}` in the text names no character", name, doc, path, did_you_mean(word, self.characters) or "placeholders are character ids, like {fiona}")
        for m in UNCLOSED.finditer(PLACEHOLDER.sub("", text)):  # `{kayla has...`: shown as typed, brace and all
            word = m.group(1)
            hint = None if word in self.characters else did_you_mean(word, self.characters)
            who = word if hint is None else hint.split("`")[1]  # did you mean `kayla`?
            if who in self.characters:
                self.report("R409", f"`{{{word}` in the text has no closing brace, so the window would show it as typed", name, doc, path, f"write `{{{who}}}`")
