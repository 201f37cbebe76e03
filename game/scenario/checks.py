"""Cross-file checks that one model alone cannot make: map rows, ids, references, coordinates.

Each check returns located problems and never stops at the first one.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from game.core.hexgrid import Grid, direction_to, neighbor
from game.scenario.loader import Path_, Problem, SourceDoc
from game.scenario.schema import (
    EquipmentFile,
    MapFile,
    OrderOfBattleFile,
    RulesFile,
    ScenarioFile,
)
from game.scenario.schema_base import DIRECTION_INDEX

if TYPE_CHECKING:
    from game.scenario.source import Loaded

NOBODY = "."


class _Gate:
    """Which checks may run: each names the files it needs, and waits (listed as skipped) while one of
    them could not be read at all. Files with some errors still take part with their valid items."""

    def __init__(self, parts: dict[str, Any]):
        self.missing = {name for name, part in parts.items()
                        if part is None or (isinstance(part, list) and None in part)}
        self.skipped: dict[str, list[str]] = {}

    def ready(self, check: str, *needs: str) -> bool:
        missing = [n for n in needs if n in self.missing]
        for name in missing:
            self.skipped.setdefault(name, []).append(check)
        return not missing


def check_parts(scenario: Loaded[ScenarioFile] | None, map_: Loaded[MapFile] | None,
                rules: Loaded[RulesFile] | None, equipment: list[Loaded[EquipmentFile] | None],
                oobs: list[Loaded[OrderOfBattleFile] | None]) -> tuple[list[Problem], dict[str, list[str]]]:
    """Every cross-file problem, and the checks skipped because a file they need could not be read
    (file kind -> check names). Each check runs as soon as the files it needs have loaded."""
    gate = _Gate({"scenario": scenario, "map": map_, "rules": rules, "equipment": equipment,
                  "orders_of_battle": oobs})
    eqs = [e for e in equipment if e]
    books = [o for o in oobs if o]
    problems: list[Problem] = []
    if scenario:
        problems += _check_sides(scenario, map_ if gate.ready("the place ids scenario.yaml names", "map") else None)
    if map_:
        gate.ready("the terrain kinds of terrain_codes against the rules", "rules")
        gate.ready("the side codes of the control rows", "scenario")
        problems += _check_map(map_, rules, scenario)
    problems += _check_equipment(eqs)
    if rules:
        problems += _check_rule_types(rules)
    if gate.ready("the equipment the combat rules name", "rules", "equipment") and rules:
        problems += _check_rule_refs(rules, eqs)
    if gate.ready("the weather conditions by turn", "rules", "scenario") and rules and scenario:
        known = ["clear", *rules.model.weather]
        problems += [scenario.doc.problem(("weather", i, "condition"), _unknown("weather condition", w.condition,
                                                                                known))
                     for i, w in enumerate(scenario.model.weather) if w.condition not in known]
    if gate.ready("unit and formation ids, parents and sides; link-up formations", "orders_of_battle", "scenario"):
        problems += _check_formations(scenario, books)  # type: ignore[arg-type]
    problems += _check_units(scenario, map_, rules, eqs, books, gate)
    return problems, gate.skipped


def _duplicates(doc: SourceDoc, items: Iterable[tuple[Path_, str]], what: str,
                seen: dict[str, tuple[str, int]] | None = None) -> list[Problem]:
    """Report ids that appear twice; ``seen`` carries ids across files (id -> file, line)."""
    seen = {} if seen is None else seen
    out = []
    for path, ident in items:
        if ident in seen:
            file, line = seen[ident]
            where = f"line {line}" if file == doc.file else f"{file}:{line}"
            out.append(doc.problem(path, f"duplicate {what} id '{ident}' (first on {where})"))
        else:
            seen[ident] = (doc.file, doc.mark(path).line)
    return out


def _check_sides(scenario: Loaded[ScenarioFile], map_: Loaded[MapFile] | None) -> list[Problem]:
    doc, sides = scenario.doc, scenario.model.sides
    out = _duplicates(scenario.source, _raw_items(scenario, "sides"), "side")
    codes = Counter(s.map_code for s in sides)
    places = _raw_ids(map_, "places") if map_ else None
    for i, s in enumerate(sides):
        if s.map_code == NOBODY or codes[s.map_code] > 1:
            out.append(doc.problem(("sides", i, "map_code"),
                                   f"map code '{s.map_code}' must be unique and not '{NOBODY}'"))
        for key in ("objectives", "supply_sources", "redoubt"):
            for j, place in enumerate(getattr(s, key)):
                if places is not None and place not in places:
                    out.append(doc.problem(("sides", i, key, j), _unknown("place", place, places)))
    return out + _check_side_refs(scenario, places)


def _check_side_refs(scenario: Loaded[ScenarioFile], places: set[str] | None) -> list[Problem]:
    """Special rules and victory conditions name real sides, places and turns."""
    doc, model = scenario.doc, scenario.model
    side_ids = [s.id for s in model.sides]
    refs: list[tuple[Path_, str]] = []
    rules = model.special_rules
    for key in ("surprise", "no_artillery"):
        refs += [(("special_rules", key, i, "side"), item.side) for i, item in enumerate(getattr(rules, key))]
    if rules.naval_superiority is not None:
        refs.append((("special_rules", "naval_superiority"), rules.naval_superiority))
    refs += [(("victory", "link_ups", i, "side"), lu.side) for i, lu in enumerate(model.victory.link_ups)]
    refs += [(("victory", "grades", i, "side"), g.side) for i, g in enumerate(model.victory.grades)]
    refs += [(("landings", i, "side"), op.side) for i, op in enumerate(model.landings)]
    refs += [(("events", i, "vp", side), side) for i, e in enumerate(model.events) for side in e.vp]
    out = [doc.problem(path, _unknown("side", side, side_ids)) for path, side in refs if side not in side_ids]
    for i, op in enumerate(model.landings):
        for key in ("ports", "targets"):
            out += [doc.problem(("landings", i, key, j), _unknown("place", p, places))
                    for j, p in enumerate(getattr(op, key)) if places is not None and p not in places]
    for i, lu in enumerate(model.victory.link_ups):
        if places is not None and lu.place not in places:
            out.append(doc.problem(("victory", "link_ups", i, "place"), _unknown("place", lu.place, places)))
    turns: list[tuple[tuple[str | int, ...], int]] = [(("special_rules", "night_turns", i), t)
                                                      for i, t in enumerate(rules.night_turns)]
    for key in ("surprise", "no_artillery"):
        for i, item in enumerate(getattr(rules, key)):
            turns += [(("special_rules", key, i, "turns", j), t) for j, t in enumerate(item.turns)]
    out += [doc.problem(path, f"turn {t} is after the last turn ({model.turns})") for path, t in turns
            if t > model.turns]
    return out


# ----------------------------------------------------------------- map


def _check_map(map_: Loaded[MapFile], rules: Loaded[RulesFile] | None,
               scenario: Loaded[ScenarioFile] | None) -> list[Problem]:
    doc, m = map_.doc, map_.model
    grid = Grid(m.width, m.height)
    out: list[Problem] = []
    for code, kind in m.terrain_codes.items():
        if len(code) != 1:
            out.append(doc.problem(("terrain_codes", code), f"terrain code '{code}' must be one character"))
        if rules and kind not in rules.model.terrain:
            out.append(doc.problem(("terrain_codes", code),
                                   f"terrain '{kind.value}' has no entry under terrain in the rules file"))
    out += _check_rows(doc, "terrain", m.terrain, m, set(m.terrain_codes), "terrain code")
    if m.control is not None and scenario:
        side_codes = {s.map_code for s in scenario.model.sides} | {NOBODY}
        out += _check_rows(doc, "control", m.control, m, side_codes, "side map code")
    out += _check_hexsides(doc, m, grid)
    for key in ("roads", "railways"):
        for i, road in enumerate(getattr(m, key)):
            out += _check_path(doc, (key, i, "path"), road.path, grid)
    for i, rail in enumerate(m.railways):
        if rail.gauge not in (1435, 1520, 1067, 1000, 762, 750):
            out.append(doc.problem(("railways", i, "gauge"), f"unusual gauge {rail.gauge} mm: "
                                   "expected 1520 (Soviet), 1435 (standard), 1067, 1000, 762 or 750"))
    out += _duplicates(map_.source, _raw_items(map_, "places"), "place")
    for key in ("places", "fortifications"):
        for i, item in enumerate(getattr(m, key)):
            out += _on_map(doc, (key, i, "hex"), item.hex, grid)
    for i, inset in enumerate(m.insets):
        for corner in ((inset.cols[0], inset.rows[0]), (inset.cols[1], inset.rows[1])):
            out += _on_map(doc, ("insets", i), corner, grid)
    return out


def _check_rows(doc: SourceDoc, key: str, rows: list[str], m: MapFile, codes: set[str],
                what: str) -> list[Problem]:
    out = []
    if len(rows) != m.height:
        out.append(doc.problem((key,), f"{len(rows)} rows; the map is {m.height} high"))
    for r, row in enumerate(rows):
        if len(row) != m.width:
            out.append(doc.problem((key, r), f"row {r} has {len(row)} hexes; the map is {m.width} wide"))
        reported: set[str] = set()
        for c, ch in enumerate(row):
            if ch not in codes and ch not in reported:
                reported.add(ch)
                out.append(doc.problem((key, r), f"unknown {what} {ch!r} at column {c} "
                                                 f"(known: {''.join(sorted(codes))})", char=c))
    return out


def _on_map(doc: SourceDoc, path: Path_, h: tuple[int, int], grid: Grid) -> list[Problem]:
    if grid.contains(h):
        return []
    return [doc.problem(path, f"hex [{h[0]}, {h[1]}] is off the map ({grid.width} x {grid.height}: "
                              f"columns 0-{grid.width - 1}, rows 0-{grid.height - 1})")]


def _check_path(doc: SourceDoc, path: Path_, hexes: list[tuple[int, int]], grid: Grid) -> list[Problem]:
    out = []
    for i, h in enumerate(hexes):
        off = _on_map(doc, path + (i,), h, grid)
        out += off
        if not off and i and direction_to(hexes[i - 1], h) is None:
            out.append(doc.problem(path + (i,), f"[{h[0]}, {h[1]}] is not next to the hex before it, "
                                                f"[{hexes[i - 1][0]}, {hexes[i - 1][1]}]"))
    return out


def _check_hexsides(doc: SourceDoc, m: MapFile, grid: Grid) -> list[Problem]:
    out = []
    for i, river in enumerate(m.rivers):
        for j, (col, row, side) in enumerate(river.hexsides):
            path: Path_ = ("rivers", i, "hexsides", j)
            off = _on_map(doc, path, (col, row), grid)
            if off:
                out += off
            elif not grid.contains(neighbor((col, row), DIRECTION_INDEX[side])):
                out.append(doc.problem(path, f"hexside {side.value} of [{col}, {row}] is on the map edge"))
    return out


# ----------------------------------------------------------------- equipment and units


def _check_rule_refs(rules: Loaded[RulesFile], equipment: list[Loaded[EquipmentFile]]) -> list[Problem]:
    """Equipment the combat rules name by id exists."""
    combat = rules.model.combat
    if combat is None:
        return []
    known = {i for eq in equipment for i in _raw_ids(eq, "equipment")}
    out = []
    for key in ("weapons", "machine_guns"):
        for i, ident in enumerate(getattr(combat.close_assault, key)):
            if ident not in known:
                out.append(rules.doc.problem(("combat", "close_assault", key, i), _unknown("equipment", ident, known)))
    ranges = [r for r, _ in combat.hit_probability]
    if ranges != sorted(set(ranges)):
        out.append(rules.doc.problem(("combat", "hit_probability"), "ranges must increase from one row to the next"))
    return out


def _check_rule_types(rules: Loaded[RulesFile]) -> list[Problem]:
    """Unit types the supply rules name by id exist (a typo would silently give no motor transport)."""
    supply = rules.model.supply
    known = _raw_ids(rules, "unit_types")
    return [rules.doc.problem(("supply", "transport_types", i), _unknown("unit type", ident, known))
            for i, ident in enumerate(supply.transport_types if supply else []) if ident not in known]


def _check_equipment(equipment: list[Loaded[EquipmentFile]]) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for eq in equipment:
        out += _duplicates(eq.source, _raw_items(eq, "equipment"), "equipment", seen)
        for i, e in enumerate(eq.model.equipment):
            for w, weapon in enumerate(e.weapons):
                ranges = [r for r, _ in weapon.penetration]
                if ranges != sorted(set(ranges)):
                    out.append(eq.doc.problem(("equipment", i, "weapons", w, "penetration"),
                                              "ranges must increase from one row to the next"))
    return out


def _check_formations(scenario: Loaded[ScenarioFile], oobs: list[Loaded[OrderOfBattleFile]]) -> list[Problem]:
    """Ids unique across the files, parents that exist on the same side and form no loop, link-up formations."""
    out: list[Problem] = []
    side_ids = [s.id for s in scenario.model.sides]
    formations: dict[str, str] = {}  # id -> side, counting items that have errors of their own
    seen_units: dict[str, tuple[str, int]] = {}
    seen_formations: dict[str, tuple[str, int]] = {}
    for oob in oobs:
        doc, model = oob.doc, oob.model
        if model.side not in side_ids:
            out.append(doc.problem(("side",), f"unknown side '{model.side}' (sides: {', '.join(side_ids)})"))
        out += _duplicates(oob.source, _raw_items(oob, "formations"), "formation", seen_formations)
        for ident in _raw_ids(oob, "formations"):
            formations.setdefault(ident, model.side)
        out += _duplicates(oob.source, _raw_items(oob, "units"), "unit", seen_units)
    for oob in oobs:
        doc, model = oob.doc, oob.model
        for i, f in enumerate(model.formations):
            out += _parent(doc, ("formations", i, "parent"), f.parent, model.side, formations)
        for i, u in enumerate(model.units):
            out += _parent(doc, ("units", i, "parent"), u.parent, model.side, formations)
    out += _check_cycles(oobs)
    out += _check_enemies_apart(oobs)
    for i, lu in enumerate(scenario.model.victory.link_ups):
        for j, ident in enumerate(lu.formations):
            if ident not in formations:
                out.append(scenario.doc.problem(("victory", "link_ups", i, "formations", j),
                                                _unknown("formation", ident, formations)))
    return out


def _check_cycles(oobs: list[Loaded[OrderOfBattleFile]]) -> list[Problem]:
    """A formation may not be its own parent, directly or through others: the order of battle would
    have no top, and the panel that shows it would be empty."""
    parent: dict[str, str] = {}
    where: dict[str, tuple[Loaded[OrderOfBattleFile], int]] = {}
    for oob in oobs:
        for i, f in enumerate(oob.model.formations):
            if f.parent is not None:
                parent.setdefault(f.id, f.parent)
                where.setdefault(f.id, (oob, i))
    out: list[Problem] = []
    reported: set[str] = set()
    for start in where:
        chain = [start]
        while chain[-1] in parent and parent[chain[-1]] not in chain:
            chain.append(parent[chain[-1]])
        if chain[-1] not in parent or parent[chain[-1]] != start or start in reported:
            continue
        reported.update(chain)
        oob, i = where[start]
        out.append(oob.doc.problem(("formations", i, "parent"), "formations form a loop: "
                                   + " -> ".join([*chain, start]) + " (a formation cannot be its own parent)"))
    return out


def _check_units(scenario: Loaded[ScenarioFile] | None, map_: Loaded[MapFile] | None, rules: Loaded[RulesFile] | None,
                 equipment: list[Loaded[EquipmentFile]], oobs: list[Loaded[OrderOfBattleFile]],
                 gate: _Gate) -> list[Problem]:
    """Each unit's type, hex, turns and equipment, each as soon as the file it is checked against loaded."""
    out: list[Problem] = []
    grid = Grid(map_.model.width, map_.model.height) if gate.ready("unit hexes on the map", "map") and map_ else None
    types = _raw_ids(rules, "unit_types") if gate.ready("unit types", "rules") else None
    equipment_ids = ({i for eq in equipment for i in _raw_ids(eq, "equipment")}
                     if gate.ready("the equipment units carry", "equipment") else None)
    last = scenario.model.turns if gate.ready("arrival turns", "scenario") and scenario else None
    for oob in oobs:
        doc = oob.doc
        for i, u in enumerate(oob.model.units):
            base: Path_ = ("units", i)
            if types is not None and u.type not in types:
                out.append(doc.problem(base + ("type",), _unknown("unit type", u.type, types)))
            if grid is not None:
                out += _on_map(doc, base + ("hex",), u.hex, grid)
            for key in ("arrives", "moves_from_turn"):
                turn = getattr(u, key)
                if last is not None and turn is not None and turn > last:
                    out.append(doc.problem(base + (key,), f"turn {turn} is after the last turn ({last})"))
            for eq_id in u.equipment if equipment_ids is not None else ():
                if equipment_ids is not None and eq_id not in equipment_ids:
                    out.append(doc.problem(base + ("equipment", eq_id), _unknown("equipment", eq_id, equipment_ids)))
    if gate.ready("ground units on passable terrain and within stacking", "map", "rules") and map_ and rules:
        out += _check_placement(map_, rules, oobs)
    return out


def _raw_items(part: Loaded[Any], key: str) -> list[tuple[Path_, str]]:
    """(path, id) of a list's items as the file has them, those with errors included."""
    data = part.source.data
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [((key, i, "id"), it["id"]) for i, it in enumerate(items)
            if isinstance(it, dict) and isinstance(it.get("id"), str)]


def _raw_ids(part: Loaded[Any] | None, key: str) -> set[str]:
    """Ids a file defines as written (list items' ids or a map's keys), those with errors included: a
    reference to an item with an error of its own is not also reported as unknown."""
    if part is None:
        return set()
    data = part.source.data
    items = data.get(key) if isinstance(data, dict) else None
    if isinstance(items, dict):
        return {k for k in items if isinstance(k, str)}
    return {ident for _, ident in _raw_items(part, key)}


def _parent(doc: SourceDoc, path: Path_, parent: str | None, side: str,
            formations: dict[str, str]) -> list[Problem]:
    if parent is None:
        return []
    if parent not in formations:
        own = [f for f, s in formations.items() if s == side]
        return [doc.problem(path, _unknown("parent formation", parent, own))]
    if formations[parent] != side:
        return [doc.problem(path, f"parent formation '{parent}' belongs to side '{formations[parent]}'")]
    return []


def _unknown(what: str, ident: str, known: Iterable[Any]) -> str:
    close = difflib.get_close_matches(ident, list(known), n=1)
    return f"unknown {what} '{ident}'" + (f"; did you mean '{close[0]}'?" if close else "")


def _check_placement(map_: Loaded[MapFile], rules: Loaded[RulesFile],
                     oobs: list[Loaded[OrderOfBattleFile]]) -> list[Problem]:
    """Ground units start on terrain they can stand on, and within the stacking limit."""
    m, r = map_.model, rules.model
    limit = r.stacking.max_units
    stacks: Counter[tuple[str, tuple[int, int]]] = Counter()
    out = []
    for oob in oobs:
        for i, u in enumerate(oob.model.units):
            utype = r.unit_types.get(u.type)
            col, row = u.hex
            if utype is None or utype.domain.value != "ground" or row >= len(m.terrain) or col >= len(m.terrain[row]):
                continue
            kind = m.terrain_codes.get(m.terrain[row][col])
            terrain = r.terrain.get(kind) if kind else None
            if kind and terrain and getattr(terrain.move_cost, utype.movement_class.value) is None:
                out.append(oob.doc.problem(("units", i, "hex"), f"{utype.movement_class.value} unit placed on "
                                                                f"{kind.value} at [{col}, {row}], where it cannot go"))
            if u.arrives is None:
                stacks[(oob.model.side, (col, row))] += 1
                if stacks[(oob.model.side, (col, row))] == limit + 1:
                    out.append(oob.doc.problem(("units", i, "hex"), f"more than {limit} units start in "
                                                                    f"[{col}, {row}] (stacking.max_units)"))
    return out


def _check_enemies_apart(oobs: list[Loaded[OrderOfBattleFile]]) -> list[Problem]:
    """Two sides may not start in one hex."""
    first: dict[tuple[int, int], str] = {}
    out = []
    for oob in oobs:
        for i, u in enumerate(oob.model.units):
            if u.arrives is not None:
                continue  # a reinforcement waits while an enemy holds its hex
            side = first.setdefault(tuple(u.hex), oob.model.side)  # type: ignore[arg-type]
            if side != oob.model.side:
                out.append(oob.doc.problem(("units", i, "hex"), f"hex [{u.hex[0]}, {u.hex[1]}] already "
                                                                f"holds units of side '{side}'"))
    return out

