"""Issue 14: the map screen as a wargamer reads it — one test (or more) per reproduction.

Each test names the reproduction it holds down; the golden-image tests (test_golden.py) cover
the look of counters, tint and panels, and the game-flow tests the quickload and leave dialogs.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.core.events import AirBattle, AirMissionFlown, Moved
from game.core.orders import Attack
from game.core.rules.battle import preview
from game.core.state import GameState
from game.ui import combat_info, info, palette
from game.ui.app import App
from game.ui.counterfacts import counter_facts, counter_number, enemy_hexes
from game.ui.gui import sync_difficulty
from game.ui.loadgame import readable_name
from game.ui.maplayer import MapLayer
from game.ui.panels import render_side_content
from game.ui.session import HOTSEAT, list_saves
from game.ui.settings import Settings
from game.ui.text import Text
from tests.ui.conftest import SIZE, click_at, draw, key


def _hex_pos(app: App, h: tuple[int, int]) -> tuple[int, int]:
    x, y = app.camera.hex_to_screen(h)
    return round(x), round(y)


def _hover(app: App, h: tuple[int, int]) -> None:
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=_hex_pos(app, h), rel=(0, 0), buttons=(0, 0, 0)))


def _at(state: GameState, unit_id: str) -> tuple[int, int]:
    u = state.scenario.unit_index[unit_id]
    return state.scenario.map.grid.hex_at(int(state.unit_hex[u]))


# 1. the side panel never overflows --------------------------------------------------------------
def test_1_side_panel_scrolls_to_its_last_line_and_folds_the_equipment(tiny: GameState) -> None:
    app = App(tiny, (1280, 520))  # a short window: the card, hex card and legend cannot all fit
    app.select("tb_206")
    app.overlays.toggle("supply")
    _hover(app, _at(tiny, "rd_124"))
    draw(app, (1280, 520))
    content = next(reversed(app._side_panels.values()))
    assert content.get_height() > app.layout.side.h  # it does not fit ...
    app.side_scroll = 10_000
    draw(app, (1280, 520))
    assert app.side_scroll == content.get_height() - app.layout.side.h  # ... but its last line can be reached
    folded = [line.text for line in info.unit_lines(tiny, tiny.scenario.unit_index["tb_206"], equipment=False)]
    assert sum(t.startswith("Equipment") for t in folded) == 1 and "(E: show)" in folded[-1]
    key(app, pygame.K_e)
    assert app.equipment_open
    key(app, pygame.K_k)
    assert not app.legend_on


def test_1_the_briefing_and_vp_lines_are_never_cut(tiny: GameState) -> None:
    text = Text()
    lines = info.scenario_lines(tiny)
    surf = render_side_content(text, 340, [("Scenario", lines)], None)
    vp = [line for line in lines if line.text.endswith("VP")]
    assert vp and surf.get_height() > 40 + 20 * len(vp)  # the surface holds every line; the panel scrolls it


# 2. counters --------------------------------------------------------------------------------------
def test_2_counter_numbers_say_what_they_count() -> None:
    assert counter_number(900, 40, armour_unit=True) == "40T"  # a 40-tank battalion, not "0.9"
    assert counter_number(9600, 16, armour_unit=False) == "9.6k"


def test_2_counter_marks_follow_what_the_unit_may_do(tiny: GameState) -> None:
    scn = tiny.scenario
    enemy = enemy_hexes(tiny)
    held, rifles = scn.unit_index["rd_94"], scn.unit_index["rd_124"]
    assert counter_facts(tiny, held, 0, enemy).status == ("held",)
    assert counter_facts(tiny, rifles, 0, enemy).status == ()
    tiny.unit_mp[rifles] = 1.0
    assert "moved" in counter_facts(tiny, rifles, 0, enemy).status
    tiny.unit_mp[rifles] = 0.0
    assert counter_facts(tiny, rifles, 0, enemy).spent
    tiny.unit_lost_men[rifles] = int(tiny.unit_men[rifles])  # half its men gone
    assert counter_facts(tiny, rifles, 0, enemy).men_bar == 5
    assert counter_facts(tiny, rifles, 1, enemy).status == ()  # the enemy at the screen sees no status


# 3. held-back units ------------------------------------------------------------------------------
def test_3_a_held_back_unit_shades_no_range_and_says_why(tiny: GameState) -> None:
    app = App(tiny, SIZE)
    app.select("rd_94")
    assert app.move_range is None
    h = _at(tiny, "rd_94")
    target = (h[0] + 1, h[1])
    _hover(app, target)
    app._right_down, app._right_dragged = _hex_pos(app, target), False
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=_hex_pos(app, target), button=3))
    assert "held back" in app.message and "turn 2" in app.message
    assert not app.game.log


# 4. the preview's headline ------------------------------------------------------------------------
def test_4_the_headline_counts_men_and_armour(tiny: GameState) -> None:
    scn = tiny.scenario
    grid = scn.map.grid
    tanks, enemy = scn.unit_index["tb_206"], scn.unit_index["tk_1"]
    tiny.unit_hex[tanks], tiny.unit_hex[enemy] = grid.index((1, 3)), grid.index((2, 3))
    tiny.turn = 2
    p = preview(tiny, Attack(("tb_206",), (2, 3)))
    lines = combat_info.loss_headline(tiny, p, [tanks], [enemy])
    men = f"{int(tiny.unit_men[tanks]):,}"
    assert lines[0].startswith("Men lost: you ") and f"of {men} (" in lines[0]
    assert lines[1].startswith("Tanks and SPGs lost: you ")
    line = combat_info.prediction_line(tiny, p)
    assert line.startswith(p.likely_result.capitalize()) and "you lose" in line and "; they " in line


# 5. names, never ids ----------------------------------------------------------------------------
def test_5_air_events_are_named(tiny: GameState) -> None:
    scn = tiny.scenario
    air = [u for u in scn.units if u.type.domain != "ground"]
    assert len(air) >= 2
    a, b = air[0], air[-1]
    mission = info.event_text(tiny, AirMissionFlown(a.id, "interdiction", (3, 3)))
    battle = info.event_text(tiny, AirBattle(a.id, (b.id,), (3, 3), 4, 1))
    for text in (mission, battle):
        assert a.name in text and a.id not in text.replace(a.name, "")
    assert b.name in battle


# 6. rounded numbers ------------------------------------------------------------------------------
def test_6_movement_points_to_one_decimal(tiny: GameState) -> None:
    assert info.mp(2.575) == "2.6" and info.mp(10) == "10.0"
    moved = info.event_text(tiny, Moved("rd_124", ((2, 4), (3, 4)), 7.425))
    assert "7.4 MP" in moved and "7.425" not in moved
    tiny.unit_mp[tiny.scenario.unit_index["rd_124"]] = 2.575
    assert "MP: 2.6 / 4.0" in [line.text for line in info.unit_lines(tiny, tiny.scenario.unit_index["rd_124"])]


# 7. owner tint and front line ---------------------------------------------------------------------
def test_7_a_front_line_is_drawn_between_two_holders(tiny: GameState) -> None:
    colors = [palette.parse_color(s.color) for s in tiny.scenario.sides]
    layer = MapLayer(tiny.scenario.map, colors)
    layer.sync_control(tiny.control)
    strokes = layer._frontier_strokes(20)
    assert palette.FRONT_LINE in [style[0] for style in strokes.styles]
    assert palette.CONTROL_TINT >= 0.15


# 9. end-phase warning -----------------------------------------------------------------------------
def test_9_ending_a_phase_with_idle_units_asks_first(tiny: GameState) -> None:
    app = App(tiny, SIZE, settings=Settings())
    key(app, pygame.K_RETURN)
    assert app.dialog is not None and app.dialog.title == "End the phase?" and tiny.phase == 0
    assert any("have not moved" in line for line in app.dialog.lines)
    key(app, pygame.K_ESCAPE)  # Cancel
    assert app.dialog is None and tiny.phase == 0
    key(app, pygame.K_RETURN)
    draw(app)
    never = next(b for b in app.dialog.buttons if b.action == "end-always")  # type: ignore[union-attr]
    click_at(app, never.rect.center)
    assert tiny.phase == 1 and not app.settings.warn_end_phase


# 10. small traps ----------------------------------------------------------------------------------
def test_10_clicking_the_selected_unit_never_selects_a_held_back_one(tiny: GameState) -> None:
    scn = tiny.scenario
    stack = _at(tiny, "rd_124")
    tiny.unit_hex[scn.unit_index["rd_94"]] = scn.map.grid.index(stack)  # a held-back unit under it
    app = App(tiny, SIZE)
    click_at(app, _hex_pos(app, stack))
    assert app.selected == scn.unit_index["rd_124"]  # the unit that may move, though the held one is on top
    click_at(app, _hex_pos(app, stack))
    assert app.selected == scn.unit_index["rd_124"]  # no other unit here may move: the selection stays


def test_10_undo_removes_its_log_line(tiny: GameState) -> None:
    app = App(tiny, SIZE)
    click_at(app, _hex_pos(app, (2, 4)))
    click_at(app, _hex_pos(app, (3, 4)), 3)
    assert len(app.game.log) == 1 and any("moves to" in t for t, _ in app.events.entries)
    key(app, pygame.K_z, pygame.KMOD_LCTRL)
    assert not app.game.log and not any("moves to" in t for t, _ in app.events.entries)


def test_10_save_names_spell_the_turn() -> None:
    assert readable_name("autosave-manchuria_1944-t04-p0.json") == "autosave-manchuria_1944 turn 4 phase 1"


def test_10_difficulty_is_greyed_in_hotseat() -> None:
    class Screen:
        pass

    from game.ui.gui import Choice

    screen = Screen()
    screen.mode = Choice("Play as", [(0, "Soviet"), (HOTSEAT, "Hotseat")], index=1)  # type: ignore[attr-defined]
    screen.difficulty = Choice("Difficulty", [("easy", "Easy"), ("normal", "Normal")])  # type: ignore[attr-defined]
    screen.choices = [screen.mode, screen.difficulty]  # type: ignore[attr-defined]
    screen.focus = 1  # type: ignore[attr-defined]
    sync_difficulty(screen)
    assert not screen.difficulty.enabled and screen.focus == 0  # type: ignore[attr-defined]
    screen.difficulty.step(1)  # type: ignore[attr-defined]
    assert screen.difficulty.value == "easy"  # type: ignore[attr-defined]


@pytest.mark.parametrize("turn", [1, 2])
def test_8_out_of_supply_says_since_when_and_why(tiny: GameState, turn: int) -> None:
    tanks = tiny.scenario.unit_index["tb_206"]
    tiny.turn = turn
    tiny.unit_oos[tanks] = 1
    lines = [line.text for line in info.unit_lines(tiny, tanks)]
    assert f"Out of supply since turn {turn} (1 turn)" in lines
    assert any(t.startswith(("Why:", "Supplied again")) for t in lines)


def test_first_turn_guide_shows_once_and_can_be_turned_off(tiny: GameState) -> None:
    app = App(tiny, SIZE, settings=Settings(warn_end_phase=False))
    app.update()
    assert app.dialog is not None and app.dialog.title.startswith("First turn")
    text = " ".join(app.dialog.lines)
    assert "held back" in text and "turn 2" in text and "Attack" in text
    key(app, pygame.K_ESCAPE)  # Start
    app.update()
    assert app.dialog is None  # once per side
    other = App(tiny, SIZE, settings=Settings(warn_end_phase=False))
    other.update()
    draw(other)
    off = next(b for b in other.dialog.buttons if b.action == "guide-off")  # type: ignore[union-attr]
    click_at(other, off.rect.center)
    assert other.dialog is None and not other.settings.first_turn_guide


def test_dont_ask_again_is_kept_by_the_shell(tiny: GameState) -> None:
    kept: list[Settings] = []
    app = App(tiny, SIZE, settings=Settings(first_turn_guide=False))
    app.keep_settings = kept.append
    key(app, pygame.K_RETURN)
    draw(app)
    never = next(b for b in app.dialog.buttons if b.action == "end-always")  # type: ignore[union-attr]
    click_at(app, never.rect.center)
    assert kept and not kept[-1].warn_end_phase and tiny.phase == 1


def test_the_game_menu_saves_in_a_new_named_slot(tiny: GameState, tmp_path: Path) -> None:
    app = App(tiny, SIZE, saves_dir=tmp_path)
    first, second = app.flow.save_slot(), app.flow.save_slot()
    assert first is not None and second is not None and first != second
    listed = {e.path.name: e.kind for e in list_saves(tmp_path)}  # beside the game's first autosave
    assert listed[first.name] == listed[second.name] == "Save"
    assert readable_name(first.name) == "save-tiny turn 1 phase 1-1"
    key(app, pygame.K_ESCAPE)
    assert app.dialog is not None and "slot" in [b.action for b in app.dialog.buttons]
