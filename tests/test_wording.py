"""Labels inside sentences: a rubric's words are lowered only where that reads right, never a name or an initialism."""

from __future__ import annotations

from simulator.wording import in_sentence


def test_common_words_are_lowered_and_names_kept():
    """"Tone" reads "tone" mid-sentence; "Kai's own voice" (a cast name), "KSS evidence" and "Mr Bell's trust" keep their capitals."""
    names = frozenset({"Kai", "Mr", "Bell"})
    assert [in_sentence(x, names) for x in ("Tone", "Person-centred", "Rights and capacity")] == ["tone", "person-centred", "rights and capacity"]
    assert [in_sentence(x, names) for x in ("Kai's own voice in the plan", "KSS evidence", "Mr Bell's trust", "I", "")] == [
        "Kai's own voice in the plan",
        "KSS evidence",
        "Mr Bell's trust",
        "I",
        "",
    ]


def test_the_text_player_keeps_a_name_in_a_rubric_label(mini):
    """A dimension named after a person is said with the name's capital in the text player's changes line."""
    import dataclasses

    from simulator.engine.session import Session
    from simulator.terminal import describe_changes

    ann = next(c for c in mini.cast if c.id == "ann")
    labelled = dataclasses.replace(mini, rubric=(dataclasses.replace(mini.rubric[0], label=f"{ann.short}'s own voice"), *mini.rubric[1:]))
    said = describe_changes(Session.start(labelled, 0), ((mini.rubric[0].id, 2), (mini.rubric[1].id, -1)), ())
    assert said.startswith(f"{ann.short}'s own voice +2, ") and mini.rubric[1].label.lower() in said


def test_a_label_written_as_a_title_keeps_its_capitals():
    """"Child First" (a named principle) stays "Child First" mid-sentence, not "child First"; "Tone of voice with Kai" still lowers."""
    names = frozenset({"Kai"})
    assert in_sentence("Child First", names) == "Child First"
    assert in_sentence("Making Safeguarding Personal", names) == "Making Safeguarding Personal"
    assert in_sentence("Voice of the Child", names) == "Voice of the Child"
    assert in_sentence("Tone of voice with Kai", names) == "tone of voice with Kai"
    assert in_sentence("Rights and capacity", names) == "rights and capacity"


def test_the_number_keys_read_as_a_sentence_says_them():
    """Two options are "Press 1 or 2" (the window said "Press 1 to 2"), more are "1 to 5"; the text player says the same."""
    from simulator.wording import numbers_to_press

    assert [numbers_to_press(n) for n in (1, 2, 3, 5)] == ["1", "1 or 2", "1 to 3", "1 to 5"]
