"""The map view: the cached picture of the map under the panels, and the counters on it.

``MapView`` owns the render cache of one game's map screen (``App``, its owner): the scene
surface a pan scrolls (drawing only the strips it uncovers), the interim picture scaled while a
new zoom level's tiles render, the stacks of units by hex and the facts each counter shows,
worked out once per state. It reads what to draw from the App (camera, layer, overlays,
selection, the state shown) and keeps nothing the game depends on, so a new game or a reload
simply makes a new one.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.core.rules.demolition import wrecked
from game.core.units import OFF_MAP
from game.ui import overlays, palette
from game.ui.camera import hex_center
from game.ui.counterfacts import CounterFacts, counter_facts, enemy_hexes
from game.ui.counters import CounterLook, counter_dims
from game.ui.mapgeometry import unit_centers

if TYPE_CHECKING:
    from game.ui.app import App

INTERIM_BUDGET_MS = 12.0  # tile rendering per frame while a new zoom level shows scaled


class MapView:
    """The map picture of one App, cached across frames (see the module docstring)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._stacks: dict[int, list[int]] = {}
        self._stacks_version = -1
        self._facts: dict[int, CounterFacts] = {}
        self._facts_key: tuple[object, ...] = (-1, None, frozenset())
        self._enemy = np.zeros(0, dtype=bool)
        self._encircled: frozenset[int] = frozenset()
        self._scene: pygame.Surface | None = None
        self._stack_at: tuple[tuple[int, int], dict[int, tuple[float, float]]] = ((-1, -1), {})
        self._scene_at: tuple[tuple[object, ...], tuple[int, int], int] | None = None  # key, origin, hex size
        self._interim = False
        self._interim_src: pygame.Surface | None = None
        self._interim_at: tuple[tuple[int, int], int] = ((0, 0), 1)
        self._interim_scaled: tuple[object, pygame.Surface | None, tuple[int, int]] | None = None
        self._spare: pygame.Surface | None = None  # the other scene buffer, while no zoom is under way
        self._wrecks: tuple[tuple[object, ...], np.ndarray] = ((), np.zeros((0, 2)))

    @property
    def busy(self) -> bool:
        """The map is still rendering a new zoom level behind an interim view: keep drawing frames."""
        return self._interim

    def _scene_key(self) -> tuple[object, ...]:
        """Everything the cached map picture depends on besides the pan (see ``_draw_scene``)."""
        app = self.app
        shows_range = app.move_range is not None and app.attack is None
        return (app.camera.tile_size, app.version, app.selected, shows_range, app.fog_side(), app.viewer(),
                frozenset(app.overlays.active), tuple(app.layout.map), id(app.scenario), app.layout.size)

    def _draw_scene(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        """The map picture in ``area``: terrain, the overlays under the units, range, wrecks' hatching, place
        names, units, wrecks' bursts.

        The wreck marker belongs here, not in the map tiles: it changes with the state (a demolition, a
        repair), which the scene's key already follows (``app.version``), while a tile is kept across states.
        Its burst goes over the units so no stack hides it (it keeps clear of the top counter).
        """
        app = self.app
        clip = surf.get_clip()
        surf.set_clip(area)
        surf.fill(palette.BACKGROUND, area)
        app.layer.draw(surf, app.camera, area)
        app.overlays.draw_under_units(surf, app.camera, app.state, app.viewer(), app.version)
        if app.move_range is not None and app.attack is None:
            key = (app.selected, app.version)
            app.range_overlay.draw(surf, app.camera, app.scenario.map, app.move_range.can_end, key)
        wrecks = self.wrecks()
        overlays.draw_wrecks_under(surf, app.camera, wrecks, area)  # under the words and the units
        if "cost" in app.overlays.active and app.move_range is not None and app.attack is None:
            overlays.draw_move_costs(surf, app.camera, app.scenario.map, app.move_range, app.text, area)
        overlays.draw_place_labels(surf, app.camera, app.scenario.map, app.text, area)
        if app.anim is None:
            self.draw_units(surf, self.stacks(), area)
        overlays.draw_wrecks_over(surf, app.camera, wrecks, area)
        if app.anim is None:
            app.overlays.draw_over_units(surf, app.camera, app.state, app.text)
        surf.set_clip(clip)

    def scene(self) -> pygame.Surface:
        """The map picture, reused across frames: a pan scrolls it and draws only the strips it uncovers.

        Redrawing every counter and tile each frame costs several ms on a big map; the picture
        only changes with the pan (scrolled here), the zoom, the state, the selection or the
        overlays (the key). A zoom step to a size whose tiles are not rendered yet shows the old
        picture scaled while the tiles render over the next frames (``busy``).
        """
        app = self.app
        area = pygame.Rect(app.layout.map)
        key = self._scene_key()
        origin = app.camera.origin
        scene = self._scene
        if scene is None or scene.get_size() != app.layout.size:
            scene = self._scene = pygame.Surface(app.layout.size)
            self._scene_at = None
        if self._scene_at is not None and self._scene_at[0] != key and self._scene_at[0][0] != key[0] \
                and not app.layer.ready(app.camera):
            scene = self._draw_interim(scene, area)
            if not app.layer.ready(app.camera):
                return scene
            # the last tiles rendered in this frame: the full picture follows now, not a frame later
        self._end_interim()
        at = self._scene_at
        if at is not None and at[0] == key:
            dx, dy = origin[0] - at[1][0], origin[1] - at[1][1]
            if (dx, dy) == (0, 0):
                return scene
            if abs(dx) < area.w // 2 and abs(dy) < area.h // 2:
                sub = scene.subsurface(area)
                sub.scroll(dx, dy)
                strips = []
                if dx:
                    strips.append(pygame.Rect(area.x if dx > 0 else area.right + dx, area.y, abs(dx), area.h))
                if dy:
                    strips.append(pygame.Rect(area.x, area.y if dy > 0 else area.bottom + dy, area.w, abs(dy)))
                for strip in strips:
                    self._draw_scene(scene, strip)
                self._scene_at = (key, origin, app.camera.tile_size)
                return scene
        self._draw_scene(scene, area)
        self._scene_at = (key, origin, app.camera.tile_size)
        return scene

    def _draw_interim(self, scene: pygame.Surface, area: pygame.Rect) -> pygame.Surface:
        """The last full picture scaled to the new zoom, while a slice of the new tiles renders.

        The first interim frame keeps the last picture as it is (the scene surface becomes the
        source and a spare one the scene) and only scales it, so the zoom answers at once; later
        frames render tiles and leave the scaled picture alone unless the view moved.
        """
        app = self.app
        assert self._scene_at is not None
        if not self._interim:
            spare = self._spare if self._spare is not None and self._spare.get_size() == scene.get_size() else None
            self._interim_src, scene = scene, spare or pygame.Surface(scene.get_size())
            self._scene, self._spare = scene, None
            self._interim_at = (self._scene_at[1], self._scene_at[2])
            self._interim = True
            self._interim_scaled = None
        else:
            app.layer.render_some(app.camera, INTERIM_BUDGET_MS)
        view = (app.camera.origin, app.camera.tile_size)
        if self._interim_scaled is None or self._interim_scaled[0] != view:
            self._interim_scaled = (view, *self._scale_interim(area))
            _, scaled, pos = self._interim_scaled
            scene.fill(palette.BACKGROUND, area)
            if scaled is not None:
                clip = scene.get_clip()
                scene.set_clip(area)
                scene.blit(scaled, pos)
                scene.set_clip(clip)
        return scene

    def _end_interim(self) -> None:
        if self._interim:
            self._interim = False
            self._spare, self._interim_src, self._interim_scaled = self._interim_src, None, None

    def _scale_interim(self, area: pygame.Rect) -> tuple[pygame.Surface | None, tuple[int, int]]:
        """The part of the last picture still in view, scaled to the new zoom, and where it goes."""
        app = self.app
        (ox, oy), old_s = self._interim_at
        nx, ny = app.camera.origin
        f = app.camera.tile_size / old_s
        src = self._interim_src
        assert src is not None
        # the old screen point p shows what the new zoom puts at n + (p - o) * f; scale only the part in view
        x, y = nx + (area.x - ox) * f, ny + (area.y - oy) * f
        part = pygame.Rect(math.floor((area.x - x) / f), math.floor((area.y - y) / f),
                           math.ceil(area.w / f) + 2, math.ceil(area.h / f) + 2).clip(0, 0, area.w, area.h)
        if part.w <= 0 or part.h <= 0:
            return None, (0, 0)
        scaled = pygame.transform.scale(src.subsurface(part.move(area.topleft)), (round(part.w * f), round(part.h * f)))
        return scaled, (round(x + part.x * f), round(y + part.y * f))

    def draw_units(self, surf: pygame.Surface, stacks: dict[int, list[int]], area: pygame.Rect) -> None:
        """The stacks whose counters may reach into ``area`` (a pan draws only the uncovered strip)."""
        app = self.app
        s = app.camera.tile_size
        w, h = counter_dims(s)
        grid = app.scenario.map.grid
        # the encircled mark, on the counters of the side at the screen (not while a playback's frames change)
        always = app.anim is None and app.fog_side() is not None
        cut_off = frozenset(app.overlays.cut_off(app.state, app.viewer(), app.version, always=always))
        self._facts_for(cut_off)
        near = area.inflate(2 * w + 2 * s, 2 * h + 2 * s)
        if self._stack_at[0] != (self._stacks_version, s):  # map-pixel centres, so a pan culls by adding the origin
            self._stack_at = ((self._stacks_version, s), {i: hex_center(grid.hex_at(i), s) for i in sorted(stacks)})
        ox, oy = app.camera.origin
        for i, (mx, my) in self._stack_at[1].items():  # north to south, so lower counters overlap upper ones alike
            sx, sy = ox + mx, oy + my
            if not near.collidepoint(sx, sy) or i not in stacks:
                continue
            units = stacks[i]
            if app.selected in units:
                units = [u for u in units if u != app.selected] + [app.selected]
            looks = [self.look(u, w, h) for u in units]
            sel = len(units) - 1 if app.selected in units else None
            app.counters.draw_stack(surf, looks, (sx, sy), selected=sel)

    def _facts_for(self, encircled: frozenset[int]) -> None:
        """Start a new memo of counter facts when the state shown or the encircled units changed."""
        app = self.app
        key = (app.version, app.fog_side(), encircled)
        if self._facts_key != key:
            self._facts_key = key
            self._facts = {}
            self._enemy = enemy_hexes(app.state)
            self._encircled = encircled

    def look(self, u: int, w: int, h: int) -> CounterLook:
        """The counter of unit ``u`` at this size (its facts worked out once per state)."""
        app = self.app
        if self._facts_key[:2] != (app.version, app.fog_side()):  # a look outside _draw_units
            self._facts_for(self._encircled)
        facts = self._facts.get(u)
        if facts is None:
            facts = self._facts[u] = counter_facts(app.state, u, app.fog_side(), self._enemy, self._encircled)
        unit = app.scenario.units[u]
        return CounterLook(app.side_colors[unit.side], unit.type.symbol, unit.type.size, facts.number, w, h,
                           facts.marks, facts.men_bar, facts.armour_bar, facts.status, facts.spent)

    def wrecks(self) -> np.ndarray:
        """The centres (at hex size 1, ``unit_centers``) of the wrecked hexes of the state shown, worked out
        once per state: every strip a pan uncovers asks again."""
        app = self.app
        key = (app.version, app.fog_side(), id(app.state))
        if self._wrecks[0] != key:
            self._wrecks = (key, unit_centers(app.scenario.map.grid)[wrecked(app.state)])
        return self._wrecks[1]

    def stacks(self) -> dict[int, list[int]]:
        """Units on the map by flat hex index (rebuilt only after the state changed)."""
        app = self.app
        if self._stacks_version != app.version:
            on = np.flatnonzero(app.state.unit_hex != OFF_MAP)
            self._stacks = {}
            for u in on[np.argsort(app.state.unit_hex[on], kind="stable")]:
                self._stacks.setdefault(int(app.state.unit_hex[u]), []).append(int(u))
            self._stacks_version = app.version
        return self._stacks
