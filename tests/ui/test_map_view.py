"""The map view's caches and helpers: the scrolled picture, the interim zoom, the minimap, fog and cost keys."""

from __future__ import annotations

import numpy as np
import pygame

from game import paths
from game.core.state import GameState
from game.scenario.build import load_game
from game.ui.app import App
from game.ui.mapview import MapView
from game.ui.session import Session
from tests.ui.conftest import SIZE, click_at, draw, key


def _app() -> App:
    if not pygame.font.get_init():
        pygame.font.init()
    state = load_game(paths.TEST_SCENARIO)
    return App(state, SIZE, session=Session(frozenset({0})))


def _full_redraw(app: App) -> np.ndarray:
    app.mapview = MapView(app)  # forget the cached picture: everything drawn from scratch
    return pygame.surfarray.array3d(draw(app))


def test_panned_picture_matches_a_full_redraw() -> None:
    app = _app()
    app.camera.zoom_to(46)
    draw(app)
    for dx, dy in ((7, -5), (-3, 11), (40, 0)):
        app.camera.pan(dx, dy)
        scrolled = pygame.surfarray.array3d(draw(app))
        assert (np.abs(scrolled.astype(int) - _full_redraw(app)).max(axis=2) > 0).mean() < 0.001


def test_zoom_shows_an_interim_view_then_the_full_layer() -> None:
    app = _app()
    draw(app)
    app.layer.clear()
    app.camera.zoom_step(1)
    draw(app)
    assert app.busy  # the first frame after a zoom step only scales the old picture
    for _ in range(50):
        if not app.busy:
            break
        draw(app)
    assert not app.busy and app.layer.ready(app.camera)
    assert (np.abs(pygame.surfarray.array3d(draw(app)).astype(int) - _full_redraw(app)) > 0).mean() < 0.001


def test_minimap_click_moves_the_camera() -> None:
    app = _app()
    app.camera.zoom_to(72)
    draw(app)
    r = app.minimap.rect
    assert r.w > 0, "zoomed in, the minimap is shown"

    def centre() -> tuple[float, float]:
        v = app.camera.view
        return app.camera.screen_to_map(v[0] + v[2] / 2, v[1] + v[3] / 2)

    before = centre()
    click_at(app, (r.right - 3, r.bottom - 3))
    after = centre()
    assert after[0] > before[0] + 50 and after[1] > before[1] + 50
    assert app.selected is None  # the click went to the minimap, not to a hex under it


def test_minimap_hidden_while_the_whole_map_is_in_view() -> None:
    app = _app()
    app.camera.fit()
    draw(app)
    assert app.minimap.rect.w == 0


def test_fog_and_cost_keys_toggle_their_overlays() -> None:
    app = _app()
    key(app, pygame.K_g)
    key(app, pygame.K_c)
    assert {"fog", "cost"} <= app.overlays.active
    plain = pygame.surfarray.array3d(draw(app))
    unit = next(u for u in range(len(app.scenario.units)) if app.scenario.units[u].side == app.state.side)
    app.select(unit)
    assert app.move_range is not None
    with_costs = pygame.surfarray.array3d(draw(app))
    assert (plain != with_costs).any()


def test_pointer_at_a_window_edge_pans_until_it_leaves() -> None:
    app = _app()
    app.camera.zoom_to(60)
    draw(app)
    x0 = app.camera.origin_x
    assert not app.update(16) and app.camera.origin_x == x0  # no pointer seen yet: (0, 0) is not an edge
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(1, SIZE[1] // 2), rel=(0, 0), buttons=(0, 0, 0)))
    assert app.update(16) and app.camera.origin_x > x0  # at the left edge the map slides right
    moved = app.camera.origin_x
    app.handle(pygame.event.Event(pygame.WINDOWLEAVE))
    assert not app.update(16) and app.camera.origin_x == moved
    app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(SIZE[0] // 2, SIZE[1] // 2), rel=(0, 0),
                                  buttons=(0, 0, 0)))
    assert not app.update(16)  # the middle of the window: still


def test_the_map_view_reuses_its_picture_and_stacks_until_something_changes(tiny: GameState) -> None:
    """MapView (issue 14's map-view part): a pan scrolls the same picture; stacks rebuild only after a change."""
    app = App(tiny, (1280, 800))
    view = app.mapview
    stacks = view.stacks()
    assert view.stacks() is stacks
    surf = pygame.Surface((1280, 800))
    app.draw(surf)
    picture = view._scene
    app.camera.pan(4, 2)
    app.draw(surf)
    assert view._scene is picture  # scrolled in place, not redrawn into a new surface
    app.version += 1
    assert view.stacks() is not stacks and view.stacks() == stacks
