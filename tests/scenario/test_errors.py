"""Broken scenarios give every problem as file:line:col: field: message, never a traceback."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from game.scenario.loader import ERROR, MAX_FILE_BYTES, Problem, ScenarioError
from game.scenario.source import read_scenario
from tests.conftest import line_of


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        read_scenario(path)
    assert info.value.problems, "a ScenarioError must carry problems"
    return info.value.problems


def only(problems: list[Problem], field: str) -> Problem:
    hits = [p for p in problems if p.field == field and p.severity == ERROR]
    assert len(hits) == 1, f"expected one problem at {field}, got {[str(p) for p in problems]}"
    return hits[0]


# (name, edits, file, field, text on the reported line, words in the message)
CASES = [
    ("yaml syntax", [("map.yaml", "width: 12", "width: [12")], "map.yaml", "", "height: 10", "YAML syntax"),
    ("wrong type", [("oob_soviet.yaml", "men: 9000", "men: lots")], "oob_soviet.yaml", "units[0].men",
     "men: lots", "valid integer"),
    ("unknown key", [("oob_soviet.yaml", "men: 9000", "mens: 9000")], "oob_soviet.yaml", "units[0].mens",
     "mens: 9000", "did you mean 'men'"),
    ("missing key", [("oob_soviet.yaml", "    men: 8800\n", "")], "oob_soviet.yaml", "units[1].men",
     "id: rd_192", "missing required key 'men'"),
    ("duplicate key", [("map.yaml", "height: 10\n", "height: 10\nwidth: 13\n")], "map.yaml", "width",
     "width: 13", "duplicate key"),
    ("duplicate id", [("oob_soviet.yaml", "id: rd_192", "id: rd_124")], "oob_soviet.yaml", "units[1].id",
     "id: rd_124", "duplicate unit id"),
    ("unknown equipment", [("oob_soviet.yaml", "{zis3: 30, truck: 140,", "{zis3: 30, lorry: 140,")],
     "oob_soviet.yaml", "units[1].equipment.lorry", "lorry", "unknown equipment 'lorry'"),
    ("unknown parent", [("oob_soviet.yaml", "    parent: army_39\n    hex: [3, 3]",
                         "    parent: army_93\n    hex: [3, 3]")],
     "oob_soviet.yaml", "units[2].parent", "army_93", "did you mean 'army_39'"),
    ("unknown place", [("scenario.yaml", "objectives: [hailar, bayan]\n", "objectives: [hailar, harbin]\n")],
     "scenario.yaml", "sides[0].objectives[1]", "harbin", "unknown place 'harbin'"),
    ("off the map", [("oob_japan.yaml", "hex: [8, 6]", "hex: [8, 16]")], "oob_japan.yaml", "units[1].hex",
     "hex: [8, 16]", "off the map"),
    ("negative count", [("oob_japan.yaml", "{type97: 40,", "{type97: -40,")], "oob_japan.yaml",
     "units[1].equipment.type97", "type97: -40", "greater than or equal to 0"),
    ("row length", [("map.yaml", '"s.....u...~~"', '"s.....u..~~"')], "map.yaml", "terrain[6]",
     '"s.....u..~~"', "11 hexes; the map is 12 wide"),
    ("terrain code", [("map.yaml", '"s.....u...~~"', '"s.....u..X~~"')], "map.yaml", "terrain[6]",
     '"s.....u..X~~"', "unknown terrain code 'X' at column 9"),
    ("road gap", [("map.yaml", "[5, 4], [5, 3], [6, 2]", "[5, 4], [6, 2]")], "map.yaml", "roads[0].path[5]",
     "Border road", "not next to"),
    ("demolition share", [("rules.yaml", "\nstacking:", "\ndemolition: {entry_cost: {foot: 1, cavalry: 1, "
                            "wheeled: 4, tracked: 4}, mp_share: 1.5, repair_days: 2}\nstacking:")],
     "rules.yaml", "demolition.mp_share", "mp_share: 1.5", "less than or equal to 1"),
    ("unknown unit type", [("oob_japan.yaml", "type: infantry_division", "type: infantry_divison")],
     "oob_japan.yaml", "units[0].type", "infantry_divison", "did you mean 'infantry_division'"),
    ("unknown side in a rule", [("scenario.yaml", "surprise: [{side: japan,", "surprise: [{side: japon,")],
     "scenario.yaml", "special_rules.surprise[0].side", "japon", "did you mean 'japan'"),
    ("unknown link-up formation", [("scenario.yaml", "formations: [army_39, army_36]", "formations: [army_39, fornt]")],
     "scenario.yaml", "victory.link_ups[0].formations[1]", "fornt", "unknown formation 'fornt'"),
    ("turn after the end", [("oob_soviet.yaml", "arrives: 2", "arrives: 9")], "oob_soviet.yaml",
     "units[3].arrives", "arrives: 9", "after the last turn (3)"),
    ("unit at sea", [("oob_japan.yaml", "hex: [8, 6]", "hex: [11, 9]")], "oob_japan.yaml", "units[1].hex",
     "hex: [11, 9]", "tracked unit placed on sea"),
    ("over-stacked start", [("oob_soviet.yaml", "hex: [1, 7]", "hex: [2, 6]"),
                            ("oob_soviet.yaml", "hex: [0, 5]", "hex: [2, 6]\n    # moved"),
                            ("oob_soviet.yaml", "    hex: [2, 4]", "    hex: [2, 6]")],
     "oob_soviet.yaml", "units[4].hex", "hex: [2, 6]", "more than 2 units start in [2, 6]"),
    ("bad enum", [("rules.yaml", "movement_class: tracked", "movement_class: hover")], "rules.yaml",
     "unit_types.tank_brigade.movement_class", "hover", "'foot', 'cavalry', 'wheeled' or 'tracked'"),
]


@pytest.mark.parametrize("name,edits,fname,field,line_text,words", CASES, ids=[c[0] for c in CASES])
def test_broken_scenario_names_file_line_and_field(broken: Callable[..., Path], name: str, edits: list,
                                                   fname: str, field: str, line_text: str, words: str) -> None:
    path = broken(*edits)
    problems = problems_of(path)
    hits = [p for p in problems if p.field == field and p.file.endswith(fname)]
    assert len(hits) == 1, [str(p) for p in problems]
    p = hits[0]
    target = path / fname
    if name == "yaml syntax":  # the parser notices the open bracket on the next line
        assert p.line in (line_of(target, "width: [12"), line_of(target, line_text))
    elif name == "road gap":
        assert p.line == line_of(target, "[5, 4], [6, 2]")
    else:
        assert p.line == line_of(target, line_text, last=name.startswith(("duplicate", "over"))), str(p)
    assert words in p.message, str(p)
    text = str(p)
    assert text.startswith(f"{p.file}:{p.line}:{p.col}: "), text
    assert "\n" not in text and "Traceback" not in text


def test_column_points_at_the_bad_character(broken: Callable[..., Path]) -> None:
    path = broken(("map.yaml", '"s.....u...~~"', '"s.....u..X~~"'))
    p = only(problems_of(path), "terrain[6]")
    line = (path / "map.yaml").read_text().splitlines()[p.line - 1]
    assert line[p.col - 1] == "X"


def test_all_problems_reported_at_once(broken: Callable[..., Path]) -> None:
    path = broken(("oob_soviet.yaml", "men: 9000", "men: -1"),
                  ("oob_japan.yaml", "hex: [8, 6]", "hex: [80, 6]"),
                  ("map.yaml", '"s.....u...~~"', '"s.....u..X~~"'))
    fields = {p.field for p in problems_of(path)}
    # the OOB value error and the map's row error are both reported; checks that need every
    # order of battle to validate (the off-map hex) wait for the next run
    assert {"units[0].men", "terrain[6]"} <= fields


def test_python_tag_is_refused_and_nothing_runs(broken: Callable[..., Path], tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = broken(("scenario.yaml", "seed: 7", f'seed: !!python/object/apply:os.system ["touch {marker}"]'))
    t0 = time.perf_counter()
    p = only(problems_of(path), "seed")
    assert time.perf_counter() - t0 < 1.0
    assert "not allowed" in p.message and p.line == line_of(path / "scenario.yaml", "seed:")
    assert not marker.exists()


def test_alias_bomb_is_refused_fast(broken: Callable[..., Path]) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = broken(("map.yaml", "km_per_hex: 22\n", "km_per_hex: 22\n" + "\n".join(lines) + "\n"))
    t0 = time.perf_counter()
    problems = problems_of(path)
    assert time.perf_counter() - t0 < 1.0
    assert any("aliases expand" in p.message for p in problems)


def test_small_anchors_and_merge_keys_are_fine(broken: Callable[..., Path]) -> None:
    path = broken(("oob_soviet.yaml", "    equipment: {zis3: 32, truck: 150, hmg_maxim: 100}",
                   "    equipment: &kit {zis3: 32, truck: 150, hmg_maxim: 100}"),
                  ("oob_soviet.yaml", "    equipment: {zis3: 30, truck: 140, hmg_maxim: 100}", "    equipment: *kit"))
    src = read_scenario(path)
    assert src.oobs[0].model.units[1].equipment == {"zis3": 32, "truck": 150, "hmg_maxim": 100}


def test_file_size_cap(broken: Callable[..., Path]) -> None:
    path = broken()
    (path / "map.yaml").write_text("# " + "x" * (MAX_FILE_BYTES + 10) + "\n")
    p = problems_of(path)[0]
    assert p.file.endswith("map.yaml") and "limit" in p.message


def test_missing_include_and_directory(broken: Callable[..., Path]) -> None:
    path = broken(("scenario.yaml", "map: map.yaml", "map: maps.yaml"),
                  ("scenario.yaml", "rules: rules.yaml", "rules: ."))
    problems = problems_of(path)
    messages = [str(p) for p in problems]
    missing = only(problems, "map")  # reported where scenario.yaml names it, with the likely file
    assert missing.file.endswith("scenario.yaml") and missing.line == line_of(path / "scenario.yaml", "maps.yaml")
    assert "no file 'maps.yaml'" in missing.message and "did you mean 'map.yaml'" in missing.message
    assert "'.' is a folder" in only(problems, "rules").message, messages


def test_empty_and_non_mapping_files(broken: Callable[..., Path]) -> None:
    path = broken()
    (path / "rules.yaml").write_text("")
    (path / "equipment.yaml").write_text("- just\n- a list\n")
    messages = [str(p) for p in problems_of(path)]
    assert any("rules.yaml:1:1: the file is empty" in m for m in messages), messages
    assert any("equipment.yaml" in m and "expected a mapping" in m for m in messages), messages


def test_binary_junk(broken: Callable[..., Path]) -> None:
    path = broken()
    (path / "map.yaml").write_bytes(b"\xff\xfe\x00garbage\x80\x81")
    p = problems_of(path)[0]
    assert "not UTF-8" in p.message


def test_a_scenario_error_keeps_its_problems_across_processes() -> None:
    """simulate --runs loads scenarios in worker processes: the error must arrive as one located line."""
    import pickle

    from game.scenario.loader import Problem, ScenarioError

    err = pickle.loads(pickle.dumps(ScenarioError([Problem("a.yaml", 3, 5, "units[0].men", "must be >= 0")])))
    assert str(err) == "a.yaml:3:5: units[0].men: must be >= 0"
    assert len(err.problems) == 1
