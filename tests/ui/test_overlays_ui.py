"""Overlays (S, Z, F), counter warnings, the unit panel's supply lines, the event log and help.

Headless under SDL's dummy driver; pixels are compared between screens drawn with and
without an overlay, and screenshots go through ``render_screenshot(overlay=...)``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.core.rules.supply import supply_map
from game.core.state import GameState
from game.ui import info
from game.ui.app import App
from game.ui.counters import counter_dims
from game.ui.screenshot import render_screenshot
from game.ui.session import Session

os.environ["SDL_VIDEODRIVER"] = "dummy"

SIZE = (1280, 800)


def _key(app: App, key: int) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))


def _pixels(app: App) -> np.ndarray:
    surf = pygame.Surface(SIZE)
    app.draw(surf)
    return pygame.surfarray.array3d(surf).astype(int)


def _map_changed(app: App, a: np.ndarray, b: np.ndarray) -> int:
    """How many pixels of the map area differ (the top bar and status line change anyway)."""
    r = app.layout.map
    return int(np.any(a[r.left:r.right, r.top:r.bottom] != b[r.left:r.right, r.top:r.bottom], axis=2).sum())


@pytest.mark.parametrize(("key", "name"), [(pygame.K_s, "supply"), (pygame.K_z, "zoc"),
                                           (pygame.K_f, "fortifications")])
def test_overlay_keys_toggle_and_change_the_map(tiny: GameState, key: int, name: str) -> None:
    before = tiny.state_hash()
    app = App(tiny, SIZE, session=Session(frozenset()))  # a spectator: no fog hides the enemy zones
    plain = _pixels(app)
    _key(app, key)
    assert name in app.overlays.active
    shown = _pixels(app)
    assert _map_changed(app, plain, shown) > 2000
    _key(app, key)
    assert name not in app.overlays.active
    assert _map_changed(app, plain, _pixels(app)) == 0
    assert tiny.state_hash() == before


def test_active_overlays_are_named_in_the_top_bar(tiny: GameState) -> None:
    app = App(tiny, SIZE)
    _key(app, pygame.K_s)
    _key(app, pygame.K_f)
    assert app.overlays.names() == ["Supply", "Fortifications"]  # a shading and marks combine
    _key(app, pygame.K_z)
    assert app.overlays.names() == ["Enemy ZOC", "Fortifications"]  # one shading at a time (issue 14)
    assert "Supply off" in app.message
    a = _pixels(app)
    _key(app, pygame.K_z)
    b = _pixels(app)
    top = app.layout.top
    assert np.any(a[:, top.top:top.bottom] != b[:, top.top:top.bottom])


def test_screenshot_overlays(tmp_path: Path, tiny: GameState) -> None:
    def shot(overlay: str | None) -> np.ndarray:
        out = tmp_path / f"{overlay}.png"
        render_screenshot(tiny, out, size=SIZE, overlay=overlay)
        return pygame.surfarray.array3d(pygame.image.load(str(out))).astype(int)

    plain = shot(None)
    supply = shot("supply")
    app = App(tiny, SIZE)
    sm = supply_map(tiny, 0)
    empty = np.ones_like(sm.supplied)
    empty[tiny.unit_hex[tiny.unit_hex >= 0]] = False
    for place in tiny.scenario.map.places:
        empty[tiny.scenario.map.grid.index(place.hex)] = False
    supplied = tiny.scenario.map.grid.hex_at(int(np.flatnonzero(sm.supplied & ~sm.rail & empty)[0]))
    x, y = (round(v) for v in app.camera.hex_to_screen(supplied))
    assert supply[x, y, 1] >= plain[x, y, 1] and np.any(supply[x, y] != plain[x, y])  # tinted green
    for overlay in ("zoc", "fortifications"):
        assert np.any(shot(overlay) != plain)
    with pytest.raises(ValueError, match="overlay"):
        render_screenshot(tiny, tmp_path / "bad.png", size=SIZE, overlay="weather")
    assert not (tmp_path / "bad.png").exists()


def test_supply_overlay_marks_cut_off_units(tiny: GameState) -> None:
    scn = tiny.scenario
    tanks = scn.unit_index["tb_206"]
    tiny.unit_hex[tanks] = scn.map.grid.index((9, 4))  # deep behind the Japanese line
    app = App(tiny, SIZE)
    assert app.overlays.cut_off(tiny, 0, app.version) == set()  # only with the overlay on
    _key(app, pygame.K_s)
    assert tanks in app.overlays.cut_off(tiny, 0, app.version)
    assert scn.unit_index["rd_192"] not in app.overlays.cut_off(tiny, 0, app.version)
    _pixels(app)


def test_counter_warnings_and_unit_panel(tiny: GameState) -> None:
    scn = tiny.scenario
    tanks, rifles = scn.unit_index["tb_206"], scn.unit_index["rd_124"]
    app = App(tiny, SIZE)
    w, h = counter_dims(app.camera.tile_size)
    assert app._look(tanks, w, h).marks == ()
    before = _pixels(app)
    tiny.unit_fuel[tanks] = 0.5
    tiny.unit_ammo[tanks] = 0
    tiny.unit_oos[tanks] = 2
    tiny.unit_fuel[rifles] = 0  # foot units burn no fuel: no mark
    app.version += 1  # the state changed behind the screen's back (orders bump it themselves)
    assert app._look(tanks, w, h).marks == ("fuel", "ammo", "oos")
    assert app._look(rifles, w, h).marks == ()
    app.version += 1  # the test changed the state behind the App's back
    assert _map_changed(app, before, _pixels(app)) > 0
    lines = [line.text for line in info.unit_lines(tiny, tanks)]
    assert "Fuel: 0.5 / 3 days" in lines
    assert "Ammunition: 0.0 / 3 days" in lines
    assert "Out of supply since turn 1 (2 turns)" in lines  # issue 14 (8): since when (never before turn 1) ...
    assert any(t.startswith(("Why:", "Supplied again")) for t in lines)  # ... and why
    assert "Has not attacked this turn" in lines
    assert "Fuel: none needed" in [line.text for line in info.unit_lines(tiny, rifles)]


def test_event_log_after_orders_and_scrolling(tiny: GameState) -> None:
    app = App(tiny, SIZE)
    _pixels(app)
    assert app.events.entries == []
    _key(app, pygame.K_RETURN)  # end the Soviet phase
    texts = [t for t, _ in app.events.entries]
    assert "Soviet Union ends its phase" in texts  # names, not ids: the log is for players
    for _ in range(30):
        app.end_phase()
    assert 0 < len(app.events.entries) <= 50
    _pixels(app)
    r = app.events.rect
    assert r.w > 0
    zoom = app.camera.tile_size
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=r.center, rel=(0, 0), buttons=(0, 0, 0)))
    app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0))
    assert app.events.scroll > 0 and app.camera.tile_size == zoom  # scrolled the log, not the map
    _pixels(app)
    _key(app, pygame.K_l)
    assert not app.events.visible


def test_f1_opens_help(tiny: GameState) -> None:
    app = App(tiny, SIZE)
    plain = _pixels(app)
    _key(app, pygame.K_F1)
    assert app.help_open
    assert np.any(_pixels(app) != plain)
    _key(app, pygame.K_RETURN)  # closes help; does not end the phase behind it
    assert not app.help_open and tiny.phase == 0
    _key(app, pygame.K_F1)
    _key(app, pygame.K_F1)
    assert not app.help_open
    _key(app, pygame.K_F1)
    _key(app, pygame.K_ESCAPE)
    assert not app.help_open and app.running


def test_unit_panel_names_formations_held_back_turn_and_armour(tiny: GameState) -> None:
    scn = tiny.scenario
    held = scn.unit_index["rd_94"]
    lines = [line.text for line in info.unit_lines(tiny, held)]
    assert "Held back: moves from turn 2" in lines
    chain = lines[2]
    assert chain.startswith(next(f.name for f in scn.formations if f.id == "army_39"))  # own formation first
    armored = next(u for u in range(len(scn.units)) if any(
        scn.equipment[k].armored for k in np.flatnonzero(tiny.unit_equipment[u])))
    details = [line.text.strip() for line in info.unit_lines(tiny, armored)]
    assert any(d.startswith("armour ") and " mm" in d for d in details)
    assert any("Experience: ×" in d for d in details)


def test_tab_skips_units_held_back(tiny: GameState) -> None:
    app = App(tiny, SIZE)
    held = tiny.scenario.unit_index["rd_94"]
    seen = set()
    for _ in range(len(tiny.scenario.units)):
        _key(app, pygame.K_TAB)
        assert app.selected is not None
        seen.add(app.selected)
    assert held not in seen and seen  # every unit Tab offers may move now
    assert app.camera.tile_size >= 21  # and it zoomed in to show them
