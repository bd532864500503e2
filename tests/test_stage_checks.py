"""Stage directions checked over every route: speakers with no figure, exits of people not there, poses without art."""

from __future__ import annotations

from test_stage import VISIT, load

from simulator.scenario.art import ArtCatalog
from simulator.scenario.loader import load_files
from simulator.scenario.stage_checks import possible


def codes(result) -> list[str]:
    return [f"{d.code} {d.location}" for d in result.diagnostics]


def with_hall(lines: str, fmt: int = 2) -> str:
    """The test visit with the hall's lines replaced (YAML with doubled braces, as VISIT is a format string)."""
    start = VISIT.index("      lines:\n        - {{speaker: kit")
    end = VISIT.index("      next: after")
    return VISIT[:start] + lines + VISIT[end:]


def test_a_speaker_who_left_on_one_route_is_warned_about():
    """Bo enters only when waited for; a line of his with no `when` of its own is P901."""
    result = load(visit=with_hall('      lines:\n        - {{speaker: bo, text: "Hello."}}\n'))
    (p901,) = [d for d in result.diagnostics if d.code == "P901"]
    # Bo is there only after `wait`, the choice that sets flag.bo-back: on the route in by `in` he is not there at all.
    assert "`bo` speaks here but is neither on stage nor heard (on some routes that reach this line)" in p901.message
    assert p901.suggestion.startswith("give the line the same `when` that brings them on")
    assert p901.location == "stagey/episodes/visit.yaml:23:21"


def test_a_speaker_there_maybe_is_accepted_on_a_line_with_its_own_when():
    """A line tied to the same state by its own `when` is not warned about: the author joined the two."""
    result = load(visit=with_hall('      lines:\n        - {{speaker: bo, text: "Hello.", when: "flag.bo-back"}}\n'))
    assert [d for d in result.diagnostics if d.code == "P901"] == []


def test_format_1_episodes_are_not_checked_for_speakers():
    """Format 1 could not say who was on the phone, so its speakers are not warned about."""
    result = load(visit_format=1, visit=with_hall('      lines:\n        - {{speaker: pc, text: "Hello."}}\n'))
    assert result.ok and [d for d in result.diagnostics if d.code == "P901"] == []
    result = load(visit_format=2, visit=with_hall('      lines:\n        - {{speaker: pc, text: "Hello."}}\n'))
    assert [d.code for d in result.diagnostics] == ["P901"]


def test_an_exit_is_an_error_only_where_nobody_could_be_leaving():
    """Exiting someone present on some routes is fine; on no route, P902."""
    assert load(visit=with_hall("      lines:\n        - {{text: \"Bo goes.\", exit: [bo]}}\n")).ok
    result = load(visit=with_hall("      lines:\n        - {{text: \"PC Rowe goes.\", exit: [pc]}}\n"))
    assert [d.code for d in result.diagnostics] == ["P902"] and not result.ok


def test_heard_people_cannot_be_given_a_pose():
    """`by` with `pose`, `at` or `holding` is S208: there is nothing to draw."""
    result = load(visit=with_hall("      lines:\n        - {{text: \"A call.\", enter: [{{who: pc, by: phone, pose: sitting}}]}}\n"))
    assert [d.code for d in result.diagnostics] == ["S208"]
    assert "heard (on the phone), not seen" in result.diagnostics[0].message


def test_an_exit_placing_takes_only_who_and_when():
    """`exit: [{who, pose}]` is refused by the schema (S203), since a pose means nothing to someone leaving."""
    result = load(visit=with_hall("      lines:\n        - {{text: \"Bo goes.\", exit: [{{who: bo, pose: standing}}]}}\n"))
    assert "S203" in [d.code for d in result.diagnostics]


def test_poses_are_checked_against_the_art_the_scenario_may_use():
    """A pose the art has passes; one it lacks is P904 naming the poses there are; no art, no check."""
    art = ArtCatalog(characters={"ann": frozenset({"anxious", "calm", "upset"}), "kit": frozenset({"asleep"})}, poses={"ann": frozenset({"standing", "sitting", "holding-kit"})})
    files = {}
    result = load()
    assert result.ok
    from test_stage import CALL, MANIFEST

    files = {"stagey/scenario.yaml": MANIFEST.encode(), "stagey/episodes/visit.yaml": VISIT.format(format=2).encode(), "stagey/episodes/call.yaml": CALL.encode()}
    from tiny import evidence

    good = load_files(files, "stagey/scenario.yaml", evidence(), art)
    assert good.ok and not [d for d in good.diagnostics if d.code == "P904"]
    files["stagey/episodes/visit.yaml"] = VISIT.format(format=2).replace("pose: sitting", "pose: kneeling").encode()
    bad = load_files(files, "stagey/scenario.yaml", evidence(), art)
    (p904,) = [d for d in bad.diagnostics if d.code == "P904"]
    assert "`ann` has no art for the pose `kneeling`" in p904.message and "holding-kit, sitting, standing" in (p904.suggestion or "")


def test_possible_names_everyone_who_may_be_in_each_scene():
    """`possible` is who may be on stage, held or heard at some point of a node, on some route."""
    result = load()
    people = possible(result.scenario)
    assert people["visit.door"] == {"ann"}
    assert people["visit.hall"] == {"ann", "bo", "kit", "pc"}
    assert people["call.ring"] == {"ann"}


def test_a_speaker_missing_on_one_route_is_warned_about_for_that_route():
    """Bo comes in on the route where the worker waits for him, not the other: his line after both is P901 'on some routes'."""
    visit = VISIT.replace('{{id: wait, text: "Wait for Bo", path: other, flags: {{bo-back: true}}, next: hall}}', '{{id: wait, text: "Wait for Bo", path: other, next: bo-back}}')
    visit = visit.replace(', {{who: bo, at: back, when: "flag.bo-back"}}]', "]")
    visit = visit.replace("    after:\n", '    bo-back:\n      enter: [bo]\n      narration: "Bo comes up the path."\n      next: hall\n    after:\n')
    visit = visit.replace('      present: [{{who: ann, pose: standing, holding: kit}}]', '      move: [{{who: ann, pose: standing, holding: kit}}]')
    visit = visit.replace('        - {{speaker: kit, text: "Ba."}}', '        - {{speaker: kit, text: "Ba."}}\n        - {{speaker: bo, text: "Hiya."}}')
    result = load(visit=visit)
    messages = [d.message for d in result.diagnostics]
    assert messages == ["`bo` speaks here but is neither on stage nor heard (on some routes that reach this line)"]


def test_someone_kept_out_of_a_part_but_on_stage_there_is_an_error():
    """`excluded: [bo]` while Bo is on stage on the route where he was waited for is P906, at the placing that brings him on."""
    result = load(visit=with_hall('      excluded: [bo]\n      lines:\n        - {{text: "Ann and you talk alone."}}\n'))
    (p906,) = [d for d in result.diagnostics if d.code == "P906"]
    assert not result.ok
    assert p906.message == "`bo` is on stage here (on some routes that reach this), but the words keep them out of this part (`excluded`)"
    assert p906.location.startswith("stagey/episodes/visit.yaml:")


def test_an_exclusion_carries_on_and_catches_a_later_entrance():
    """Bo leaves, the part without him begins, and bringing him back without ending the exclusion is P906; ending it first is fine."""
    lines = ('      lines:\n        - {{text: "Bo steps out.", exit: [bo], excluded: [bo]}}\n'
             '        - {{text: "Ann talks."}}\n')
    assert load(visit=with_hall(lines)).ok
    back = '        - {{text: "Bo comes back.", enter: [bo]}}\n'
    result = load(visit=with_hall(lines + back))
    assert [d.code for d in result.diagnostics] == ["P906"]
    ended = '        - {{text: "Bo comes back.", excluded: [], enter: [bo]}}\n'
    assert load(visit=with_hall(lines + ended)).ok


def test_children_in_excluded_means_everyone_under_18():
    """`excluded: [children]` keeps out Kit (age 1): Ann holding Kit as the part begins is P906; Kit taken out first is fine."""
    result = load(visit=with_hall('      excluded: [children]\n      lines:\n        - {{text: "Adults only."}}\n'))
    assert [d.message for d in result.diagnostics if d.code == "P906"] == ["`kit` is on stage here (on every route that reaches this), but the words keep them out of this part (`excluded`)"]
    alone = with_hall('      exit: [kit]\n      excluded: [children]\n      lines:\n        - {{text: "Adults only."}}\n')
    assert "P906" not in [d.code for d in load(visit=alone).diagnostics]


def test_an_exclusion_of_someone_not_in_the_cast_is_refused():
    """A name in `excluded` is checked against the cast like any other (R402)."""
    result = load(visit=with_hall('      excluded: [bob]\n      lines:\n        - {{text: "Quiet."}}\n'))
    assert [d.code for d in result.diagnostics] == ["R402"]


def _bo_only_after_waiting(hall_lines: str, door_choices: str | None = None) -> str:
    """The visit where the hall is reached only by waiting for Bo (the choice that sets flag.bo-back), its lines replaced."""
    visit = with_hall(hall_lines).replace(', {{who: bo, at: back, when: "flag.bo-back"}}]', "]")
    if door_choices is None:
        door_choices = '        - {{id: wait, text: "Wait for Bo", path: other, flags: {{bo-back: true}}, next: hall}}\n'
    start = visit.index("        - {{id: in, text:")
    end = visit.index("    hall:")
    return visit[:start] + door_choices + visit[end:]


def test_someone_brought_on_by_a_when_that_holds_on_every_route_is_there():
    """Bo comes in on a line with `when: flag.bo-back`, and the only route to it sets the flag: his next line is no P901
    (the check follows what each route has set, not only whether a line has a `when`)."""
    lines = '      lines:\n        - {{text: "Bo comes in.", when: "flag.bo-back", enter: [bo]}}\n        - {{speaker: bo, text: "Hiya."}}\n'
    result = load(visit=_bo_only_after_waiting(lines))
    assert [d.render() for d in result.diagnostics if d.code.startswith("P")] == []


def test_the_same_when_on_a_route_that_does_not_set_it_is_still_a_warning():
    """With a second way in that sets nothing, Bo may not be there: P901 at his line, as before."""
    lines = '      lines:\n        - {{text: "Bo comes in.", when: "flag.bo-back", enter: [bo]}}\n        - {{speaker: bo, text: "Hiya."}}\n'
    both = ('        - {{id: in, text: "Go in", path: enabler, next: hall}}\n'
            '        - {{id: wait, text: "Wait for Bo", path: other, flags: {{bo-back: true}}, next: hall}}\n')
    result = load(visit=_bo_only_after_waiting(lines, both))
    assert [d.code for d in result.diagnostics if d.code.startswith("P")] == ["P901"]


def test_a_route_decided_by_a_flag_carries_what_it_decided():
    """A route on `flag.bo-back` sends only the routes that set it to the node where Bo enters on `when: flag.bo-back`:
    there he is on stage, and the line saying he is not there (`when: not flag.bo-back`) is never shown, so no P901."""
    both = ('        - {{id: in, text: "Go in", path: enabler, next: sort}}\n'
            '        - {{id: wait, text: "Wait for Bo", path: other, flags: {{bo-back: true}}, next: sort}}\n'
            '    sort:\n      route:\n        - {{when: "flag.bo-back", next: hall}}\n        - {{next: after}}\n')
    lines = ('      lines:\n        - {{text: "Bo comes in.", when: "flag.bo-back", enter: [bo]}}\n        - {{speaker: bo, text: "Hiya."}}\n'
             '        - {{speaker: pc, text: "Not here.", when: "not flag.bo-back"}}\n')
    result = load(visit=_bo_only_after_waiting(lines, both))
    assert [d.render() for d in result.diagnostics if d.code.startswith("P")] == []
