"""Warnings about a scenario that is valid but cannot work as its designer meant.

Run only on a scenario without errors (they need the built opening state): a landing nobody can
make, victory places and side control on water, link-ups no unit can make, reinforcements
that arrive in a hex the enemy holds. Each is a ``warning`` Problem: told to the designer, never
fatal. Reachability here ignores rivers, zones of control and time, so a warning means "cannot
ever", not "probably will not".
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from functools import cached_property

import numpy as np

from game.core.rules.naval import LandingOp
from game.core.state import GameState
from game.scenario.loader import WARNING, Problem
from game.scenario.source import ScenarioSource


def scenario_warnings(src: ScenarioSource, state: GameState) -> list[Problem]:
    """Every warning for a scenario that loaded, each at the line of the thing it is about."""
    w = _Warnings(src, state)
    return [replace(p, severity=WARNING) for p in (*w.landings(), *w.places_on_water(), *w.control_on_water(),
                                                    *w.link_ups(), *w.reinforcements())]


class _Warnings:
    def __init__(self, src: ScenarioSource, state: GameState):
        self.src = src
        self.state = state
        self.scn = state.scenario
        self.grid = self.scn.map.grid
        self.nbr = self.grid.neighbor_table

    # ------------------------------------------------------------ reachability

    @cached_property
    def land(self) -> np.ndarray:
        """bool [classes, hexes]: where each movement class may stand (terrain, or a road or railway)."""
        m = self.scn.map
        tracks = np.asarray(m.road.any(axis=1) | (m.rail_gauge > 0).any(axis=1))
        return np.isfinite(self.scn.movement.terrain_cost[:, m.terrain]) | tracks[None, :]

    @cached_property
    def regions(self) -> np.ndarray:
        """int32 [classes, hexes]: connected land regions per movement class (-1 where it cannot stand)."""
        out = np.full(self.land.shape, -1, np.int32)
        for c in range(self.land.shape[0]):
            for start in np.flatnonzero(self.land[c]):
                if out[c, start] >= 0:
                    continue
                out[c, start] = start
                todo = deque([int(start)])
                while todo:
                    h = todo.popleft()
                    for n in self.nbr[h]:
                        if n >= 0 and self.land[c, n] and out[c, n] < 0:
                            out[c, n] = start
                            todo.append(int(n))
        return out

    def reachable(self, units: list[int]) -> np.ndarray:
        """bool [hexes]: where any of ``units`` could ever walk from where it starts or enters."""
        out = np.zeros(self.grid.size, bool)
        for u in units:
            c, home = int(self.scn.unit_class[u]), self.scn.units[u].entry_hex
            region = self.regions[c, home]
            if region >= 0:
                out |= self.regions[c] == region
        return out

    def ground_units(self, side: int) -> list[int]:
        scn = self.scn
        return [i for i, u in enumerate(scn.units)
                if u.side == side and scn.unit_ground[i] and u.moves_from_turn <= scn.turns]

    def _hexes(self, hexes: list[int]) -> str:
        return ", ".join(f"[{c}, {r}]" for c, r in (self.grid.hex_at(h) for h in hexes[:4])) + \
            (" ..." if len(hexes) > 4 else "")

    # ------------------------------------------------------------ the warnings

    def landings(self) -> list[Problem]:
        doc = self.src.scenario.doc
        out = []
        for i, op in enumerate(self.scn.landings):
            why = self._landing_never(op)
            if why:
                out.append(doc.problem(("landings", i), f"landing '{op.name}' can never be made: {why}"))
        return out

    def _landing_never(self, op: LandingOp) -> str | None:
        scn = self.scn
        side = scn.sides[op.side].id
        if op.from_turn > scn.turns:
            return f"it opens on turn {op.from_turn}, after the last turn ({scn.turns})"
        units = self.ground_units(op.side)
        if not units:
            return f"'{side}' has no ground units that may move"
        sailors = [u for u in units if self.reachable([u])[list(op.ports)].any()]
        if not sailors:
            return (f"no ground unit of '{side}' can reach a port by land ({self._hexes(sorted(op.ports))}); a unit "
                    "must stand in the port, unmoved, at the start of its turn to sail")
        beaches = sorted({int(n) for t in op.targets for n in (t, *self.nbr[t]) if n >= 0})
        classes = {int(scn.unit_class[u]) for u in sailors}
        landable = [b for b in beaches if any(self.land[c, b] for c in classes)]
        if not landable:
            return f"no hex in or next to its targets is land its units can enter ({self._hexes(beaches)})"
        if not sum(p.vp for p in scn.map.places if self.grid.index(p.hex) in op.targets):
            return ("its targets are worth no victory points, so the computer player never gathers units in its "
                    "ports (give a target place some vp)")
        if scn.fog is not None and not self._seen_beach(op, landable):
            return ("the computer player lands only on beaches it can see, and with fog none of them is ever "
                    f"within sight of {side}'s troops ({scn.fog.sight_hexes} hexes) or air reconnaissance "
                    f"({scn.fog.air_recon_hexes} hexes), nor held by {side} at the start")
        return None

    def _seen_beach(self, op: LandingOp, beaches: list[int]) -> bool:
        """Could the side ever see one of the beaches: held at the start, in sight of a hex its ground units
        can reach, or within recon range of an air base it starts with."""
        scn, fog = self.scn, self.scn.fog
        assert fog is not None
        seen = (scn.initial_control == op.side) | _within(self.reachable(self.ground_units(op.side)), self.nbr,
                                                          fog.sight_hexes)
        air = np.zeros(self.grid.size, bool)
        for u in scn.units:
            if u.side == op.side and u.type.domain == "air":
                air[u.entry_hex] = True
        seen |= _within(air, self.nbr, max(fog.air_recon_hexes, 0))
        return bool(seen[beaches].any())

    def places_on_water(self) -> list[Problem]:
        """A place worth victory points, or named as an objective, where no ground unit can stand."""
        m = self.src.map.model
        doc = self.src.map.doc
        wanted = {p for s in self.src.scenario.model.sides for p in s.objectives}
        out = []
        for i, p in enumerate(m.places):
            h = self.grid.index(tuple(p.hex))  # type: ignore[arg-type]
            if (p.vp or p.id in wanted) and not self.land[:, h].any():
                kind = self.scn.map.terrain_kinds[int(self.scn.map.terrain[h])]
                out.append(doc.problem(("places", i, "hex"), f"place '{p.id}' is on {kind} at [{p.hex[0]}, "
                                       f"{p.hex[1]}], where no ground unit can stand: nobody can ever take it"))
        return out

    def control_on_water(self) -> list[Problem]:
        """Control rows that give a side sea hexes: it looks like territory on the map but means nothing."""
        m = self.src.map.model
        if m.control is None or "sea" not in self.scn.map.terrain_kinds:
            return []
        water = self.scn.map.terrain == self.scn.map.terrain_kinds.index("sea")
        codes = {s.map_code: s.id for s in self.src.scenario.model.sides}
        out = []
        for code, side in codes.items():
            rows = [(r, c) for r, row in enumerate(m.control) for c, ch in enumerate(row)
                    if ch == code and c < m.width and r < m.height and water[self.grid.index((c, r))]]
            if rows:
                r, c = rows[0]
                out.append(self.src.map.doc.problem(("control", r), f"{len(rows)} sea hexes are given to '{side}' "
                                                    f"(the first at [{c}, {r}]); use '.' for the sea",
                                                    char=c))
        return out

    def link_ups(self) -> list[Problem]:
        """Each link-up formation needs a ground unit of the side under it that can reach the place."""
        scn = self.scn
        doc = self.src.scenario.doc
        out = []
        for i, lu in enumerate(scn.link_ups):
            near = self.grid.distances_from(self.grid.hex_at(lu.place)) <= 1
            for j, f in enumerate(lu.formations):
                units = [u for u in self.ground_units(lu.side) if f in scn.unit_formations[u]]
                if not units:
                    why = f"formation '{f}' has no ground units of '{scn.sides[lu.side].id}' under it"
                elif not self.reachable(units)[near].any():
                    why = f"no unit of formation '{f}' can reach the place by land"
                else:
                    continue
                out.append(doc.problem(("victory", "link_ups", i, "formations", j),
                                       f"link-up '{lu.name}' can never be made: {why}"))
        return out

    def reinforcements(self) -> list[Problem]:
        """A reinforcement waits off the map while enemy units stand in its entry hex; there from the start,
        they may never leave."""
        out = []
        for oob in self.src.oobs:
            for i, u in enumerate(oob.model.units):
                if u.arrives is None:
                    continue
                h = self.grid.index(tuple(u.hex))  # type: ignore[arg-type]
                side = self.scn.side_index[oob.model.side]
                holders = [self.scn.sides[s].id for s in range(len(self.scn.sides))
                           if s != side and h in self.state.unit_hex[self.state.ground_units_of(s)]]
                if holders:
                    out.append(oob.doc.problem(("units", i, "hex"), f"reinforcement '{u.id}' arrives at [{u.hex[0]}, "
                                               f"{u.hex[1]}], where units of '{holders[0]}' stand at the start: it "
                                               "waits off the map until they leave"))
        return out


def _within(hexes: np.ndarray, nbr: np.ndarray, steps: int) -> np.ndarray:
    """bool: hexes at most ``steps`` from any of ``hexes``."""
    out = hexes.copy()
    for _ in range(steps):
        grown = out.copy()
        for k in range(nbr.shape[1]):
            ok = nbr[:, k] >= 0
            grown[ok] |= out[nbr[ok, k]]
        out = grown
    return out
