"""The map editor's document: edits are undoable, save rewrites only the lines they touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.paths import SCENARIOS, TEST_SCENARIO
from game.scenario.source import read_scenario
from game.ui.editor.document import EditError, ScenarioDocument


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    dest = tmp_path / "tiny"
    shutil.copytree(TEST_SCENARIO, dest)
    return dest


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


def test_painting_one_hex_and_saving_changes_only_that_line(folder: Path) -> None:
    before = _bytes(folder)
    doc = ScenarioDocument.open(folder)
    doc.paint((5, 3), "f")  # row 3 is "dsss......hh": column 5 clear -> forest
    assert doc.save() == ["map.yaml"]
    after = _bytes(folder)
    assert {n for n in before if before[n] != after[n]} == {"map.yaml"}  # the others byte-identical
    old, new = before["map.yaml"].splitlines(), after["map.yaml"].splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert len(old) == len(new) and changed == [old.index(b'  - "dsss......hh"')]
    assert new[changed[0]] == b'  - "dsss.f....hh"'
    assert read_scenario(folder).map.model.terrain[3][5] == "f"


def test_undo_and_redo(folder: Path) -> None:
    doc = ScenarioDocument.open(folder)
    original = dict(doc.texts)
    doc.paint((0, 0), "h")
    doc.move_unit("rd_124", (3, 5))
    assert doc.dirty and doc.units()[0][2] == (3, 5)
    doc.undo()
    assert doc.units()[0][2] == (2, 4) and doc.terrain_rows()[0][0] == "h"
    doc.undo()
    assert doc.texts == original and not doc.dirty and doc.undo() is None
    doc.redo()
    doc.redo()
    assert doc.terrain_rows()[0][0] == "h" and doc.units()[0][2] == (3, 5) and doc.redo() is None
    doc.paint((1, 1), "m")
    assert doc.redo() is None  # a new edit drops what was undone


def test_moving_a_unit_rewrites_its_hex_in_place_keeping_comments(folder: Path) -> None:
    doc = ScenarioDocument.open(folder)
    doc.move_unit("tb_206", (4, 2))
    assert doc.save() == ["oob_soviet.yaml"]
    text = (folder / "oob_soviet.yaml").read_text(encoding="utf-8")
    assert "    hex: [4, 2]\n" in text and text.startswith("# yaml-language-server:")
    assert read_scenario(folder).oobs[0].model.units[2].hex == (4, 2)


def test_live_problems_are_the_validators(folder: Path) -> None:
    doc = ScenarioDocument.open(folder)
    assert doc.problems() == []
    doc.move_unit("rd_124", (11, 9))  # into the sea
    problems = doc.problems()
    assert [str(p) for p in problems] == [
        f"oob_soviet.yaml:{doc.texts['oob_soviet.yaml'].splitlines().index('    hex: [11, 9]') + 1}:5: "
        "units[0].hex: foot unit placed on sea at [11, 9], where it cannot go"]
    doc.undo()
    doc.move_unit("cd_59", (8, 6))  # a reinforcement into the enemy: a warning, not an error
    assert [p.severity for p in doc.problems()] == ["warning"]


def test_a_generated_map_is_not_painted(tmp_path: Path) -> None:
    doc = ScenarioDocument.open(SCENARIOS / "khalkhin_gol_1939")
    with pytest.raises(EditError, match="generated from geo/"):
        doc.paint((0, 0), ".")
    assert not doc.dirty


def test_painting_control_changes_only_that_control_row(folder: Path) -> None:
    before = _bytes(folder)
    doc = ScenarioDocument.open(folder)
    assert doc.side_codes() == {"S": "soviet", "J": "japan", ".": "nobody"}
    doc.paint((5, 0), "S", "control")  # "SSSS..JJJJJJ" -> "SSSS.SJJJJJJ"
    doc.save()
    old, new = before["map.yaml"].splitlines(), (folder / "map.yaml").read_bytes().splitlines()
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [(b'  - "SSSS..JJJJJJ"',
                                                                         b'  - "SSSS.SJJJJJJ"')]
    assert read_scenario(folder).map.model.control[0][5] == "S"


def test_a_river_hexside_is_added_and_taken_out_in_its_own_line(folder: Path) -> None:
    doc = ScenarioDocument.open(folder)
    first = doc.texts["map.yaml"].splitlines()
    doc.toggle_river((5, 8), "E")  # a new hexside, appended to the first river's list
    doc.toggle_river((4, 2), "NW")  # an existing one, taken out with its separator
    doc.toggle_river((3, 0), "E")  # [4, 0, W] written from the hex across it
    doc.save()
    now = (folder / "map.yaml").read_text(encoding="utf-8").splitlines()
    assert [(a, b) for a, b in zip(first, now, strict=True) if a != b] == [
        ("    hexsides: [[4, 0, W], [4, 0, SW], [4, 1, W], [4, 2, NW], [4, 2, W], [4, 2, SW],",
         "    hexsides: [[4, 0, SW], [4, 1, W], [4, 2, W], [4, 2, SW],"),
        ("               [4, 3, W], [4, 4, NW], [4, 4, W], [4, 4, SW], [4, 5, W]]",
         "               [4, 3, W], [4, 4, NW], [4, 4, W], [4, 4, SW], [4, 5, W], [5, 8, E]]")]
    sides = [tuple(x) for x in read_scenario(folder).map.model.rivers[0].hexsides]
    assert (5, 8, "E") in sides and (4, 2, "NW") not in sides and (4, 0, "W") not in sides
    doc.undo()
    assert (4, 0, "W") in [tuple(x) for x in doc.parsed("map.yaml").data["rivers"][0]["hexsides"]]


def test_places_and_fortifications_are_added_as_one_line_each(folder: Path) -> None:
    doc = ScenarioDocument.open(folder)
    first = doc.texts["map.yaml"].splitlines()
    doc.add_place((3, 3))
    doc.cycle_fortification((2, 2))  # a new one, level 1
    for _ in range(3):  # Hill fort: 3 -> 4 -> 5 -> gone
        doc.cycle_fortification((8, 2))
    doc.save()
    now = (folder / "map.yaml").read_text(encoding="utf-8").splitlines()
    assert [x for x in now if x not in first] == [
        "  - {id: place_3_3, name: New place 3 3, hex: [3, 3], vp: 0, kind: town}", "  - {hex: [2, 2], level: 1}"]
    assert [x for x in first if x not in now] == ["  - {hex: [8, 2], level: 3, name: Hill fort}"]
    m = read_scenario(folder).map.model
    assert m.places[-1].id == "place_3_3" and [(tuple(f.hex), f.level) for f in m.fortifications] == [
        ((6, 2), 3), ((2, 2), 1)]
    with pytest.raises(EditError, match="already at"):
        doc.add_place((3, 3))
    while doc.undo():
        pass
    assert doc.texts["map.yaml"].splitlines() == first


def test_roads_and_railways_grow_and_shrink_at_their_ends(folder: Path) -> None:
    doc = ScenarioDocument.open(folder)
    doc.extend_path("roads", (7, 2))  # the Border road ends at [6, 2]
    doc.extend_path("railways", (3, 7))  # the Border railway ends at [4, 6]
    doc.extend_path("roads", (8, 2))
    doc.extend_path("roads", (8, 2))  # a click on the end takes it off again
    with pytest.raises(EditError, match=r"next to the end of one of the roads \(\[7, 2\]\)"):
        doc.extend_path("roads", (11, 9))
    doc.save()
    m = read_scenario(folder).map.model
    assert [tuple(h) for h in m.roads[0].path][-2:] == [(6, 2), (7, 2)]
    assert tuple(m.railways[0].path[-1]) == (3, 7) and m.railways[0].gauge == 1520


@pytest.mark.parametrize("name,written", [("Bayan-Payan", "Bayan-Payan"), ("Bayan: the town", '"Bayan: the town"'),
                                          ("It's #1", '"It\'s #1"'), ("yes", '"yes"'), ("1945", '"1945"')])
def test_a_renamed_place_reads_back_as_typed(folder: Path, name: str, written: str) -> None:
    doc = ScenarioDocument.open(folder)
    doc.rename_place((6, 6), name)
    doc.save()
    assert f"  - {{id: bayan, name: {written}, name_1944: Payan," in (folder / "map.yaml").read_text(encoding="utf-8")
    assert next(p for p in read_scenario(folder).map.model.places if p.id == "bayan").name == name


def test_a_scenario_built_with_the_editor_validates_and_plays(tmp_path: Path) -> None:
    """From the template, with the editor's edits only: new ground, a new town worth holding, a river,
    a longer road, a fort, control, units moved and copied; then it loads and the computer plays it."""
    from game.ai.match import play_match
    from game.ai.players import make_player
    from game.core.game import Game
    from game.scenario.build import load_game

    folder = tmp_path / "built"
    shutil.copytree(SCENARIOS / "_template", folder)
    doc = ScenarioDocument.open(folder)
    for col in range(0, 4):
        doc.paint((col, 9), "h")
    doc.add_place((3, 8))
    doc.rename_place((3, 8), "Hill town")
    for _ in range(4):
        doc.change_place_vp((3, 8), 1)
    doc.toggle_river((2, 8), "E")
    doc.extend_path("roads", (7, 2))
    doc.cycle_fortification((3, 8))
    doc.paint((3, 8), "J", "control")
    doc.move_unit("rd_94", (2, 8))
    doc.copy_unit("rd_124", (1, 3))
    assert doc.problems() == []
    doc.save()
    state = load_game(folder)
    town = next(p for p in state.scenario.map.places if p.id == "place_3_8")
    assert (town.name, town.vp) == ("Hill town", 4) and len(state.scenario.units) == 10
    game = Game(state, 1)
    play_match(game, [make_player("ai")] * 2, max_turns=2)
    assert game.state.turn >= 2
