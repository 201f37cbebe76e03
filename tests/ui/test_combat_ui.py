"""Attacking through the map screen: preview panel, attackers, confirm, cancel, refusals.

The App is driven with synthetic events under SDL's dummy driver. The rule the tests hold
the UI to: it never changes the state itself, so an attack made through the screen leaves
exactly the state that ``engine.apply`` leaves on a clone (the RNG is part of the state).
"""

from __future__ import annotations

import os

import pygame
import pytest

from game.core import engine
from game.core.events import Combat
from game.core.hexgrid import Hex
from game.core.orders import Attack, IllegalOrder
from game.core.rules.battle import attackers_of
from game.core.state import GameState
from game.ui import combat_info, info
from game.ui.app import App
from game.ui.eventlog import COMBAT

os.environ["SDL_VIDEODRIVER"] = "dummy"

SIZE = (1280, 800)
TANKS: Hex = (1, 3)  # tb_206 is put here ...
ENEMY: Hex = (2, 3)  # ... next to the Japanese tank brigade, on steppe
RIFLES: Hex = (2, 4)  # rd_124's starting hex, also next to ENEMY


@pytest.fixture
def state(tiny: GameState) -> GameState:
    """Day turn 2, tb_206 and tk_1 face to face on the steppe."""
    scn = tiny.scenario
    grid = scn.map.grid
    tiny.unit_hex[scn.unit_index["tb_206"]] = grid.index(TANKS)
    tiny.unit_hex[scn.unit_index["tk_1"]] = grid.index(ENEMY)
    tiny.turn = 2
    return tiny


def _move_mouse(app: App, pos: tuple[int, int]) -> None:
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))


def _click_at(app: App, pos: tuple[int, int], button: int = 1, mod: int = 0) -> None:
    _move_mouse(app, pos)
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, mod=mod))
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button, mod=mod))


def _click(app: App, h: Hex, button: int = 1, mod: int = 0) -> None:
    _click_at(app, tuple(round(v) for v in app.camera.hex_to_screen(h)), button, mod)


def _key(app: App, key: int) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))


def _draw(app: App) -> pygame.Surface:
    surf = pygame.Surface(SIZE)
    app.draw(surf)
    return surf


def _expected_hash(state: GameState, order: Attack) -> str:
    twin = state.clone()
    engine.apply(twin, order)
    return twin.state_hash()


def test_attack_through_the_ui_equals_engine_apply(state: GameState) -> None:
    expected = _expected_hash(state, Attack(("tb_206",), ENEMY))
    before = state.state_hash()
    app = App(state, SIZE)
    _click(app, TANKS)
    assert app.selected == state.scenario.unit_index["tb_206"]
    _click(app, ENEMY)  # an adjacent enemy: the preview, not a selection
    assert app.attack is not None and app.attack.preview is not None
    assert app.selected == state.scenario.unit_index["tb_206"]
    assert state.state_hash() == before
    _draw(app)
    _key(app, pygame.K_RETURN)
    assert state.state_hash() == expected
    assert app.attack is None and app.result is not None
    assert app.message.startswith("Attack on (2,3)")
    assert any(color == COMBAT and "attack" in line for line, color in app.events.entries)
    _draw(app)
    assert "Attacked this turn" in [line.text for line in info.unit_lines(state, app.selected)]
    _key(app, pygame.K_ESCAPE)  # closes the result box, does not quit
    assert app.result is None and app.running


def test_shift_click_adds_and_removes_attackers(state: GameState) -> None:
    expected = _expected_hash(state, Attack(("tb_206", "rd_124"), ENEMY))
    rifles = state.scenario.unit_index["rd_124"]
    app = App(state, SIZE)
    _click(app, TANKS)
    _click(app, ENEMY, button=3)  # right-click opens it as well
    assert app.attack is not None
    _click(app, RIFLES, mod=pygame.KMOD_SHIFT)
    assert rifles in app.attack.attackers
    _click(app, RIFLES, mod=pygame.KMOD_SHIFT)
    assert rifles not in app.attack.attackers
    _click(app, RIFLES, button=3, mod=pygame.KMOD_SHIFT)
    assert rifles in app.attack.attackers
    assert {c.unit for c in combat_info.candidates(state, ENEMY)} >= set(app.attack.attackers)
    _draw(app)
    attack_button = next(rect for rect, action in app.attack._hits if action == "attack")
    _click_at(app, attack_button.center)  # the Attack button does what Enter does
    assert state.state_hash() == expected


def test_preview_panel_lists_the_breakdown(state: GameState) -> None:
    app = App(state, SIZE)
    _click(app, TANKS)
    _click(app, ENEMY)
    p = app.attack.preview
    assert p is not None
    rows = combat_info.loss_rows(state, p)
    assert rows[0][0] == "Men" and any(name == "Type 97 Chi-Ha" for name, _, _ in rows)
    table = combat_info.pen_table(state, p.attacker_guns, ["type97"], app.attack.attackers)
    assert table.columns == ["Type 97 Chi-Ha"]
    assert table.rows and table.cells[0][0] is not None and 0 <= table.cells[0][0].percent <= 100
    assert len(combat_info.modifier_rows(p)) == len(p.modifiers)
    _draw(app)
    assert app.attack.rect.w > 400 and app.attack.rect.h > 300


def test_preview_closes_on_escape_without_changing_anything(state: GameState) -> None:
    before = state.state_hash()
    app = App(state, SIZE)
    _click(app, TANKS)
    _click(app, ENEMY)
    assert app.attack is not None
    plain = App(state, SIZE)
    assert pygame.surfarray.array3d(_draw(app)).tolist() != pygame.surfarray.array3d(_draw(plain)).tolist()
    _key(app, pygame.K_SPACE)  # would end the phase: swallowed while the panel is open
    assert state.phase == 0 and app.attack is not None
    _key(app, pygame.K_ESCAPE)
    assert app.attack is None and app.running
    assert state.state_hash() == before
    _key(app, pygame.K_ESCAPE)  # with nothing open, Esc opens the game menu
    assert app.dialog is not None and app.dialog.title == "Game menu" and app.running
    _key(app, pygame.K_ESCAPE)  # and Esc again resumes the game
    assert app.dialog is None and app.running


def test_a_unit_that_may_not_attack_says_why_and_opens_no_preview(state: GameState) -> None:
    """Issue 14 (3): no attack panel for a unit that may not attack; the status line gives the engine's reason."""
    tanks = state.scenario.unit_index["tb_206"]
    state.unit_mp[tanks] = 0
    with pytest.raises(IllegalOrder) as refused:
        attackers_of(state, Attack(("tb_206",), ENEMY))
    before = state.state_hash()
    app = App(state, SIZE)
    _click(app, TANKS)
    assert not app._attack_target(ENEMY)
    _click(app, ENEMY)
    assert app.attack is None
    assert app.message == str(refused.value)
    _draw(app)
    assert state.state_hash() == before


def test_removing_every_attacker_disables_the_attack(state: GameState) -> None:
    app = App(state, SIZE)
    _click(app, TANKS)
    _click(app, ENEMY)
    _click(app, TANKS, mod=pygame.KMOD_SHIFT)
    assert app.attack is not None and app.attack.attackers == [] and app.attack.preview is None
    before = state.state_hash()
    _key(app, pygame.K_RETURN)
    assert state.state_hash() == before


def test_enemy_further_away_is_selected_not_attacked(state: GameState) -> None:
    scn = state.scenario
    state.unit_hex[scn.unit_index["id_107"]] = scn.map.grid.index((3, 3))  # two hexes off on open ground: in sight
    app = App(state, SIZE)
    _click(app, TANKS)
    _click(app, (3, 3))
    assert app.attack is None
    assert app.selected == scn.unit_index["id_107"]


def test_enemy_in_the_fog_cannot_be_clicked(state: GameState) -> None:
    app = App(state, SIZE)
    _click(app, TANKS)
    _click(app, (6, 2))  # Hailar's garrison: a town far off, so out of sight
    assert app.attack is None and app.selected is None
    assert app.state.unit_hex[state.scenario.unit_index["id_107"]] < 0  # the screen's view has no such unit


def test_close_assault_lines(tiny: GameState) -> None:
    scn = tiny.scenario
    grid = scn.map.grid
    tiny.unit_hex[scn.unit_index["tb_206"]] = grid.index((5, 2))
    tiny.turn = 2
    app = App(tiny, SIZE)
    _click(app, (5, 2))
    _click(app, (6, 2))
    assert app.attack is not None and app.attack.preview is not None
    lines = combat_info.assault_lines(app.attack.preview)
    assert lines and lines[0].startswith("Defender:") and "teams" in lines[0]
    _draw(app)


def test_combat_result_lines_name_the_units(state: GameState) -> None:
    twin = state.clone()
    events = engine.apply(twin, Attack(("tb_206",), ENEMY))
    combat = next(e for e in events if isinstance(e, Combat))
    lines = dict(combat_info.combat_result_lines(twin, combat))
    assert lines["Attackers"] == "206th Tank Brigade"
    assert lines["Attacker lost"].startswith(f"{combat.attacker_losses['men']:,} men")
