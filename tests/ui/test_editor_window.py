"""The map editor's window, headless: the palette, painting, undo, moving a unit, the live check."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pygame

from game.paths import TEST_SCENARIO
from game.scenario.source import read_scenario
from game.ui import palette
from game.ui.camera import hex_center
from game.ui.editor.editor_app import TOOLS, Editor, save_frame

os.environ["SDL_VIDEODRIVER"] = "dummy"


def _open_tiny(tmp_path: Path) -> tuple[Path, Editor]:
    """The editor on a scratch copy of the test scenario."""
    folder = tmp_path / "tiny"
    shutil.copytree(TEST_SCENARIO, folder)
    return folder, Editor(folder, (1280, 800))


def _at(editor: Editor, h: tuple[int, int]) -> tuple[int, int]:
    x, y = hex_center(h, editor.hex_size)
    return round(10 + x), round(30 + y)


def _click(editor: Editor, pos: tuple[int, int]) -> None:
    editor.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))


def _key(editor: Editor, key: int, mod: int = 0, unicode: str = "") -> None:
    editor.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode))


def test_paint_undo_move_check_and_save(tmp_path: Path) -> None:
    folder, editor = _open_tiny(tmp_path)
    assert editor.problems == []
    forest = next(rect for code, rect in editor._palette_rects() if code == "f")
    _click(editor, forest.center)  # choose forest on the palette
    assert editor.tool == "f"
    _click(editor, _at(editor, (0, 9)))
    assert editor.doc.terrain_rows()[9][0] == "f"
    _key(editor, pygame.K_z, pygame.KMOD_CTRL)
    assert editor.doc.terrain_rows()[9][0] == "."
    _key(editor, pygame.K_u, unicode="u")  # a terrain code's key picks the code (u is urban) ...
    assert editor.tool == "u"
    _key(editor, pygame.K_TAB)  # ... Tab goes to control ...
    assert editor.layer == "control" and set(editor.codes) == {"S", "J", "."}
    _key(editor, pygame.K_s, unicode="J")
    _click(editor, _at(editor, (0, 0)))
    assert editor.doc.rows("control")[0][0] == "J"
    _key(editor, pygame.K_z, pygame.KMOD_CTRL)
    _key(editor, pygame.K_TAB)  # ... and to units
    assert editor.tool == "unit"
    _click(editor, _at(editor, (2, 4)))  # pick up rd_124 ...
    assert editor.held == "rd_124"
    _click(editor, _at(editor, (11, 9)))  # ... and drop it in the sea
    editor.edited_at = 0.0  # as if the edits had paused
    editor.tick()
    assert [p.field for p in editor.problems] == ["units[0].hex"] and "sea" in editor.problems[0].message
    save_frame(editor, tmp_path / "editor.png")
    assert pygame.image.load(str(tmp_path / "editor.png")).get_size() == (1280, 800)
    _key(editor, pygame.K_z, pygame.KMOD_CTRL)
    _key(editor, pygame.K_s, pygame.KMOD_CTRL)
    assert editor.status == "nothing to save"  # every edit was undone: nothing is written
    _key(editor, pygame.K_y, pygame.KMOD_CTRL)
    _key(editor, pygame.K_z, pygame.KMOD_CTRL)
    editor.doc.move_unit("rd_124", (3, 5))
    _key(editor, pygame.K_s, pygame.KMOD_CTRL)
    assert editor.status == "saved oob_soviet.yaml"
    assert read_scenario(folder).oobs[0].model.units[0].hex == (3, 5)


def test_escape_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    _folder, editor = _open_tiny(tmp_path)
    editor.doc.paint((0, 0), "h")
    _key(editor, pygame.K_ESCAPE)
    assert editor.running and editor.status.startswith("unsaved")
    _key(editor, pygame.K_ESCAPE)
    assert not editor.running


def test_a_click_near_a_hexside_draws_a_river_there(tmp_path: Path) -> None:
    _folder, editor = _open_tiny(tmp_path)
    for _ in range(3):  # terrain -> control -> units -> rivers
        _key(editor, pygame.K_TAB)
    assert editor.tool == "river"
    x, y = _at(editor, (5, 8))
    _click(editor, (round(x + editor.hex_size * 0.8), y))  # just inside the east side of [5, 8]
    assert [5, 8, "E"] in editor.doc.parsed("map.yaml").data["rivers"][0]["hexsides"]
    before = pygame.Surface(editor.size)
    editor.draw(before)
    editor.doc.undo()
    after = pygame.Surface(editor.size)
    editor.draw(after)
    edge = (round(x + editor.hex_size * 0.86), y)  # on the hexside: blue with the river, not without
    assert before.get_at(edge)[:3] == palette.RIVER_MAJOR and after.get_at(edge)[:3] != palette.RIVER_MAJOR


def test_tab_reaches_every_tool(tmp_path: Path) -> None:
    _folder, editor = _open_tiny(tmp_path)
    seen = []
    for _ in range(6):
        _key(editor, pygame.K_TAB)
        seen.append(editor.tool if editor.tool in TOOLS else editor.layer)
    assert seen == ["control", "unit", "river", "roads", "railways", "place"]
    _key(editor, pygame.K_TAB)
    _click(editor, _at(editor, (2, 2)))
    assert editor.tool == "fort" and {"hex": [2, 2], "level": 1} in editor.doc.parsed("map.yaml").data["fortifications"]


def test_a_generated_map_can_be_detached_to_paint_it(tmp_path: Path) -> None:
    from game.paths import SCENARIOS

    folder = tmp_path / "kg"
    shutil.copytree(SCENARIOS / "khalkhin_gol_1939", folder)
    editor = Editor(folder, (1280, 800))
    assert "generated from geo/" in editor.status
    _click(editor, _at(editor, (1, 1)))
    assert "generated" in editor.status and not editor.doc.dirty  # not painted
    _key(editor, pygame.K_d, pygame.KMOD_CTRL)
    assert (folder / "geo").is_dir()  # asked first
    _key(editor, pygame.K_d, pygame.KMOD_CTRL)
    assert not (folder / "geo").exists() and (folder / "geo.detached").is_dir()
    editor.tool = next(c for c in editor.codes if c != editor.doc.terrain_rows()[1][1])
    _click(editor, _at(editor, (1, 1)))
    assert editor.doc.terrain_rows()[1][1] == editor.tool


def test_shift_click_puts_a_copy_of_the_held_unit_there(tmp_path: Path) -> None:
    folder, editor = _open_tiny(tmp_path)
    editor.tool = "unit"
    _click(editor, _at(editor, (2, 4)))  # rd_124
    editor._click(_at(editor, (1, 3)), copy=True)
    editor._click(_at(editor, (0, 3)), copy=True)
    units = {u: h for u, _, h, _ in editor.doc.units()}
    assert units["rd_124"] == (2, 4) and units["rd_124_2"] == (1, 3) and units["rd_124_3"] == (0, 3)
    editor.doc.save()
    copies = [u for u in read_scenario(folder).oobs[0].model.units if u.id.startswith("rd_124")]
    assert [(u.id, u.type, u.men, u.equipment) for u in copies][1:] == [
        ("rd_124_3", "rifle_division", 9000, {"zis3": 32, "truck": 150, "hmg_maxim": 100}),
        ("rd_124_2", "rifle_division", 9000, {"zis3": 32, "truck": 150, "hmg_maxim": 100})]


def test_a_place_is_renamed_by_typing_and_its_vp_changed(tmp_path: Path) -> None:
    folder, editor = _open_tiny(tmp_path)
    editor.tool = "place"
    _click(editor, _at(editor, (6, 2)))  # Hailar
    _key(editor, pygame.K_PLUS, unicode="+")
    _key(editor, pygame.K_PLUS, unicode="+")
    for ch in "Hailar, old town":
        _key(editor, pygame.K_a, unicode=ch)
    _key(editor, pygame.K_BACKSPACE)
    _key(editor, pygame.K_RETURN)
    editor.doc.save()
    hailar = next(p for p in read_scenario(folder).map.model.places if p.id == "hailar")
    assert (hailar.name, hailar.vp) == ("Hailar, old tow", 7)
    assert '  - {id: hailar, name: "Hailar, old tow", hex: [6, 2], vp: 7, kind: city}' in \
        (folder / "map.yaml").read_text(encoding="utf-8")
