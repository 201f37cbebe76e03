"""`validate` tells everything at once: every check that can run runs, skipped checks are named,
and what validates but cannot work is warned about (exit 0)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.build import build_state
from game.scenario.loader import ERROR, NOTE, WARNING, Problem
from game.scenario.source import read_scenario
from game.scenario.usability import scenario_warnings
from tests.conftest import line_of
from tests.scenario.test_errors import problems_of

# The case: nine mistakes in four files, of which the last four used to appear only after
# the first five were fixed. (file, old, new, field, words)
NINE = [
    ("scenario.yaml", "objectives: [hailar, bayan]\n", "objectives: [hailar, harbin]\n",
     "sides[0].objectives[1]", "unknown place 'harbin'"),
    ("scenario.yaml", "start_date: 1944-08-09", "start_date: 9 August 1944", "start_date", "YYYY-MM-DD"),
    ("map.yaml", '"s.....u...~~"', '"s.....u..X~~"', "terrain[6]", "unknown terrain code 'X'"),
    ("map.yaml", "level: 3, name: Hill fort", "level: 7, name: Hill fort", "fortifications[1].level",
     "less than or equal to 5"),
    ("oob_soviet.yaml", "men: 9000", "men: lots", "units[0].men", "valid integer"),
    ("oob_soviet.yaml", "id: rd_94", "id: rd_192", "units[4].id", "duplicate unit id 'rd_192'"),
    ("oob_soviet.yaml", "{zis3: 30, truck: 140,", "{zis3: 30, lorry: 140,", "units[1].equipment.lorry",
     "unknown equipment 'lorry'"),
    ("oob_soviet.yaml", "    parent: army_39\n    hex: [3, 3]", "    parent: army_93\n    hex: [3, 3]",
     "units[2].parent", "did you mean 'army_39'"),
    ("oob_japan.yaml", "hex: [8, 6]", "hex: [8, 16]", "units[1].hex", "off the map"),
]


def test_nine_mistakes_in_four_files_are_all_reported_in_one_run(broken: Callable[..., Path]) -> None:
    path = broken(*[(f, old, new) for f, old, new, _, _ in NINE])
    problems = problems_of(path)
    errors = [p for p in problems if p.severity == ERROR]
    assert len(errors) == 9, [str(p) for p in problems]
    for fname, _, new, field, words in NINE:
        hit = [p for p in errors if p.field == field and p.file.endswith(fname)]
        assert len(hit) == 1 and words in hit[0].message, (field, [str(p) for p in errors])
        assert hit[0].line == line_of(path / fname, new.strip().splitlines()[0], last=field == "units[4].id")
    # the items with errors are named as left out of the checks across files, as notes after the errors
    notes = [p for p in problems if p.severity == NOTE]
    assert any("units[0]" in p.message and p.file.endswith("oob_soviet.yaml") for p in notes), notes
    assert problems.index(notes[0]) == len(errors)
    assert all(str(p).split(": ")[1] == "note" for p in notes)


def test_checks_that_cannot_run_say_so_at_the_line_naming_the_file(broken: Callable[..., Path]) -> None:
    path = broken(("map.yaml", "width: 12", "width: [12"), ("oob_soviet.yaml", "hex: [2, 4]", "hex: [2, 4"))
    problems = problems_of(path)
    notes = {p.field: p for p in problems if p.severity == NOTE}
    assert notes["map"].line == line_of(path / "scenario.yaml", "map: map.yaml")
    assert "not checked until map.yaml loads" in notes["map"].message
    assert "unit hexes on the map" in notes["map"].message
    assert "orders_of_battle" in notes and "parents" in notes["orders_of_battle"].message
    # the checks that need neither file still ran
    broken_rules = broken(("map.yaml", "width: 12", "width: [12"), ("rules.yaml", "movement_class: tracked",
                                                                    "movement_class: hover"), name="b2")
    assert any(p.field == "unit_types.tank_brigade.movement_class" for p in problems_of(broken_rules))


def test_an_item_with_an_error_does_not_make_references_to_it_unknown(broken: Callable[..., Path]) -> None:
    path = broken(("rules.yaml", "movement_class: tracked", "movement_class: hover"),
                  ("oob_soviet.yaml", "{id: army_39, name: 39th Army, size: XXXX,",
                   "{id: army_39, name: 39th Army, size: XXXXXXX,"))
    fields = [p.field for p in problems_of(path) if p.severity == ERROR]
    assert fields == ["unit_types.tank_brigade.movement_class", "formations[1].size"], fields


@pytest.mark.parametrize("edits,where", [
    ([("oob_soviet.yaml", "{id: army_39, name: 39th Army, size: XXXX, parent: front}",
       "{id: army_39, name: 39th Army, size: XXXX, parent: army_36}"),
      ("oob_soviet.yaml", "{id: army_36, name: 36th Army, size: XXXX, parent: front}",
       "{id: army_36, name: 36th Army, size: XXXX, parent: army_39}")], "army_39 -> army_36 -> army_39"),
    ([("oob_soviet.yaml", "{id: front, name: Transbaikal Front, size: XXXXX}",
       "{id: front, name: Transbaikal Front, size: XXXXX, parent: front}")], "front -> front"),
], ids=["two", "itself"])
def test_formation_cycles_are_errors(broken: Callable[..., Path], edits: list, where: str) -> None:
    loops = [p for p in problems_of(broken(*edits)) if "loop" in p.message]
    assert len(loops) == 1 and where in loops[0].message, loops
    assert loops[0].file.endswith("oob_soviet.yaml") and loops[0].field.endswith(".parent")


def warnings_of(path: Path) -> list[Problem]:
    src = read_scenario(path)
    return scenario_warnings(src, build_state(src))


WARNINGS = [
    ("landing after the end", [("scenario.yaml", "targets: [bayan], from_turn: 2", "targets: [bayan], from_turn: 5")],
     "scenario.yaml", "landings[0]", "after the last turn"),
    ("landing worth nothing", [("map.yaml", "hex: [6, 6], vp: 3", "hex: [6, 6], vp: 0")],
     "scenario.yaml", "landings[0]", "worth no victory points"),
    ("landing port unreachable", [("map.yaml", "{id: borzya, name: Borzya, hex: [1, 6]",
                                   "{id: borzya, name: Borzya, hex: [11, 9]")],
     "scenario.yaml", "landings[0]", "can reach a port"),
    ("place on the sea", [("map.yaml", "{id: hailar, name: Hailar, hex: [6, 2]",
                           "{id: hailar, name: Hailar, hex: [11, 8]")], "map.yaml", "places[1].hex", "on sea"),
    ("control on the sea", [("map.yaml", '  - "SSSS..JJJJ.."\n  - "SSSS..JJJJ.."',
                             '  - "SSSS..JJJJJJ"\n  - "SSSS..JJJJ.."')], "map.yaml", "control[6]",
     "2 sea hexes are given to 'japan'"),
    ("link-up formation without units", [
        ("oob_soviet.yaml", "  - {id: army_36,", "  - {id: army_53, name: 53rd Army, size: XXXX, parent: front}\n"
                                                 "  - {id: army_36,"),
        ("scenario.yaml", "formations: [army_39, army_36]", "formations: [army_39, army_53]")],
     "scenario.yaml", "victory.link_ups[0].formations[1]", "no ground units"),
    ("reinforcement into the enemy", [("oob_soviet.yaml", "hex: [0, 5]", "hex: [8, 6]")], "oob_soviet.yaml",
     "units[3].hex", "where units of 'japan' stand"),
]


@pytest.mark.parametrize("name,edits,fname,field,words", WARNINGS, ids=[w[0] for w in WARNINGS])
def test_what_cannot_work_is_warned_about(broken: Callable[..., Path], name: str, edits: list, fname: str,
                                          field: str, words: str) -> None:
    path = broken(*edits)
    found = [w for w in warnings_of(path) if w.field == field]
    assert len(found) == 1 and found[0].file.endswith(fname), [str(w) for w in warnings_of(path)]
    assert words in found[0].message and found[0].severity == WARNING


def test_validate_prints_warnings_marked_and_exits_0(broken: Callable[..., Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert warnings_of(broken()) == []  # the test scenario itself is clean
    path = broken(*WARNINGS[0][1], name="late")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert ": warning: landings[0]: landing 'Lake crossing' can never be made" in out[0]
    assert out[1].endswith("valid (12 x 10 hexes, 9 units, 3 turns, 1 warning)")


@pytest.mark.parametrize("name", ["manchuria_1944", "khalkhin_gol_1939", "_template", "island_landing_1945"])
def test_shipped_scenarios_validate_by_bare_name_without_warnings(name: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", name]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith(f"{name}: valid") and "warning" not in out[0], out
