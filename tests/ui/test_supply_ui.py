"""The supply crisis as the player sees it: the overlay's delivery levels, the unit panel's lines, the
phase report's tonnage, and nothing of the enemy's supply (fog).

Headless under SDL's dummy driver; the state's arrays are set directly to make lorries scarce, fuel
low or a unit cut off, and ``app.version`` is bumped so the screen re-reads the rules.
"""

from __future__ import annotations

import os

import numpy as np
import pygame

from game.core.game import Game
from game.core.orders import EndPhase
from game.core.rules.supply import deliveries, supply_map
from game.core.state import GameState
from game.ui import info, palette, supplyview
from game.ui.app import App
from game.ui.session import Session
from game.ui.turnreport import build_report

os.environ["SDL_VIDEODRIVER"] = "dummy"

SIZE = (1280, 800)
NEAR, FAR, POCKET, BEHIND = (0, 6), (3, 4), (8, 4), (9, 4)  # tiny: by the railhead, out front, behind Japan's line


def _scarce_lorries(state: GameState) -> None:
    """Two lorries a unit and empty tanks and limbers: the far units get little or nothing today."""
    lorries = np.asarray(state.scenario.supply.lorries)
    state.unit_equipment[:, lorries] = np.minimum(state.unit_equipment[:, lorries], 2)
    state.unit_fuel[:] = 0
    state.unit_ammo[:] = 0


def _texts(lines: list[info.InfoLine]) -> list[str]:
    return [line.text for line in lines]


def _pixel(app: App, surf: pygame.Surface, h: tuple[int, int]) -> tuple[int, int, int]:
    """The colour just above the hex's bottom corner (clear of counters and labels)."""
    x, y = app.camera.hex_to_screen(h)
    return tuple(surf.get_at((round(x), round(y + 0.8 * app.camera.tile_size))))[:3]


def test_unit_panel_shows_distance_delivery_and_a_fuel_forecast(tiny: GameState) -> None:
    scn = tiny.scenario
    tanks = scn.unit_index["tb_206"]
    lines = _texts(info.unit_lines(tiny, tanks, viewer=0))
    assert "132 km from the railhead" in lines
    assert any(t.startswith("Supply today: 100% of ") and t.endswith(" t") for t in lines)
    assert "Fuel: 3.0 / 3 days" in lines and not any("full move" in t for t in lines)

    tiny.unit_fuel[tanks] = 1.5  # low, but the lorries bring all it needs: no forecast
    assert not any("full move" in t for t in _texts(info.unit_lines(tiny, tanks, viewer=0)))

    _scarce_lorries(tiny)
    tiny.unit_fuel[tanks] = 1.5
    day = deliveries(tiny, 0)
    lines = _texts(info.unit_lines(tiny, tanks, viewer=0, day=day))
    assert "Fuel: 1.5 / 3 days" in lines
    assert any(t.startswith("Supply today: 0% of ") for t in lines)  # the nearer units were served first
    assert "Fuel for ~1 more day's full move" in lines
    tiny.unit_fuel[tanks] = 0.4
    assert "Fuel for under a day's full move" in _texts(info.unit_lines(tiny, tanks, viewer=0))

    rifles = scn.unit_index["rd_124"]  # foot: no fuel, so no forecast, but its short day shows
    lines = _texts(info.unit_lines(tiny, rifles, viewer=0))
    assert "Fuel: none needed" in lines and not any("full move" in t for t in lines)
    share = supplyview.unit_supply(tiny, deliveries(tiny, 0), rifles)
    assert share is not None and 0 < share.share < 0.5
    assert f"Supply today: {100 * share.share:.0f}% of {share.need_t:,.0f} t" in lines

    rail = scn.unit_index["rd_192"]
    assert "At a railhead" in _texts(info.unit_lines(tiny, rail, viewer=0))

    tiny.unit_hex[tanks] = scn.map.grid.index(BEHIND)
    lines = _texts(info.unit_lines(tiny, tanks, viewer=0))
    assert "Cut off: no supply reaches it" in lines
    assert not any(t.startswith("Supply today") for t in lines)


def test_enemy_units_show_no_supply(tiny: GameState) -> None:
    scn = tiny.scenario
    enemy = next(u for u in range(len(scn.units)) if scn.units[u].side == 1 and tiny.unit_hex[u] >= 0
                 and scn.unit_ground[u])
    tiny.unit_fuel[enemy] = 0.2
    tiny.unit_ammo[enemy] = 0
    tiny.unit_oos[enemy] = 2
    words = ("Fuel", "Ammunition", "railhead", "Supply", "supply", "Cut off")
    hidden = _texts(info.unit_lines(tiny, enemy, viewer=0))
    assert not any(w in t for t in hidden for w in words)
    assert info.counter_marks(tiny, enemy, viewer=0) == ()
    assert any(t.startswith("Fuel") for t in _texts(info.unit_lines(tiny, enemy, viewer=1)))  # its own side sees
    assert {"ammo", "oos"} <= set(info.counter_marks(tiny, enemy))  # and so does a spectator

    app = App(tiny, SIZE)  # hotseat, the Soviet player at the screen
    assert app.fog_side() == 0
    app.selected = enemy
    app.draw(pygame.Surface(SIZE))
    shown = [line.text for _, lines in next(reversed(app._side_panels))[0] for line in lines]
    assert scn.units[enemy].name in shown
    assert not any(w in t for t in shown for w in words)
    assert app.overlays._days.keys() <= {0}  # the enemy's deliveries were never worked out


def test_overlay_levels_near_far_and_cut_off(tiny: GameState) -> None:
    scn = tiny.scenario
    grid = scn.map.grid
    _scarce_lorries(tiny)
    tiny.unit_hex[scn.unit_index["tb_206"]] = grid.index(BEHIND)  # a spearhead beyond the lorries' reach
    tiny.control[grid.index(POCKET)] = 0  # with a hex of its own around it
    levels = supplyview.hex_levels(tiny, 0, supply_map(tiny, 0), deliveries(tiny, 0))
    near, far, pocket, behind = (int(levels[grid.index(h)]) for h in (NEAR, FAR, POCKET, BEHIND))
    assert (near, far, pocket, behind) == (supplyview.FULL, supplyview.THIN, supplyview.CUT_OFF, supplyview.CUT_OFF)
    assert levels[grid.index((11, 0))] == supplyview.NONE  # the enemy's ground out of reach stays clear

    app = App(tiny, SIZE, session=Session(frozenset({0})))
    plain = pygame.Surface(SIZE)
    app.draw(plain)
    app.toggle_overlay("supply")
    assert app.overlays.levels(tiny, 0, app.version) is not None
    shown = pygame.Surface(SIZE)
    app.draw(shown)
    colors = [_pixel(app, shown, h) for h in (NEAR, FAR, POCKET)]
    assert len(set(colors)) == 3  # green, amber and red hexes look different
    for h, color, (r, g, b, _) in zip((NEAR, FAR, POCKET), colors,
                                      (palette.SUPPLY_FULL, palette.SUPPLY_THIN, palette.SUPPLY_CUT), strict=True):
        before = np.array(_pixel(app, plain, h))
        tint = np.array((r, g, b)) - before
        assert np.dot(np.array(color) - before, tint) > 0, h  # each moved towards its level's colour
    assert tiny.scenario.unit_index["tb_206"] in app.overlays.cut_off(app.state, 0, app.version)


def test_supply_levels_follow_the_nearest_unit_on_the_same_line(tiny: GameState) -> None:
    """An empty hex takes the level of its nearest own unit; a hex with units, the worst of theirs."""
    scn = tiny.scenario
    grid = scn.map.grid
    _scarce_lorries(tiny)
    smap = supply_map(tiny, 0)
    day = deliveries(tiny, 0, smap)
    levels = supplyview.hex_levels(tiny, 0, smap, day)
    units = supplyview.unit_levels(tiny, day)
    for u, level in zip(day.units, units, strict=True):
        assert levels[tiny.unit_hex[u]] >= level
    assert set(np.unique(levels[smap.supplied])) <= {supplyview.FULL, supplyview.PARTIAL, supplyview.THIN}
    assert levels[grid.index(NEAR)] == units[list(day.units).index(scn.unit_index["rd_192"])]


def test_phase_report_gives_the_tons_delivered(tiny: GameState) -> None:
    game = Game(tiny, 1)
    game.play(EndPhase())  # Soviet phase over: Japan's supply is worked out at the start of its phase
    st = game.state
    report = build_report(st, 0, 1, [], viewer=1)
    line = report.lines[-1][0]
    assert line.startswith("Supply: ") and " t delivered" in line
    needed = st.extra[f"tons_needed:{st.scenario.sides[1].id}"]
    assert f"of {needed:,} t delivered" in line
    units = st.ground_units_of(1)
    burns = units[np.isin(st.scenario.unit_class[units], list(st.scenario.supply.fuel_classes))]
    assert burns.size
    st.unit_fuel[burns] = 0.1
    low = build_report(st, 0, 1, [], viewer=1).lines[-1]
    assert low[0].endswith(f"; {burns.size} unit{'s' if burns.size > 1 else ''} low on fuel")
    assert low[1] == palette.TEXT_WARN
    watching = build_report(st, 0, 1, [], viewer=None).lines[-1][0]
    assert watching.startswith(f"{st.scenario.sides[1].name} supply: ")


def test_legend_explains_the_supply_levels() -> None:
    """The supply rows (five shades, railheads, the cut-off mark) and the note come only with the overlay on."""
    from game.ui.panels import render_overlay_legend
    from game.ui.text import Text

    pygame.font.init()
    on = render_overlay_legend(Text(), ["supply"], 320).get_height()
    off = render_overlay_legend(Text(), [], 320).get_height()
    assert on - off >= 6 * 18


def test_an_encircled_unit_carries_its_mark_without_the_overlay(tiny: GameState) -> None:
    """Issue 14: the E mark shows on the side's own counter whether or not the supply overlay is on."""
    scn = tiny.scenario
    grid = scn.map.grid
    _scarce_lorries(tiny)
    tanks = scn.unit_index["tb_206"]
    tiny.unit_hex[tanks] = grid.index(BEHIND)
    app = App(tiny, SIZE, session=Session(frozenset({0})))
    app.draw(pygame.Surface(SIZE))  # the counters' facts are worked out while drawing
    assert "supply" not in app.overlays.active
    assert "encircled" in app._look(tanks, 40, 30).marks
    assert "encircled" not in app._look(scn.unit_index["rd_124"], 40, 30).marks
