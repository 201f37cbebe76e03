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


def check_parts(scenario: Loaded[ScenarioFile] | None, map_: Loaded[MapFile] | None,
                rules: Loaded[RulesFile] | None, equipment: list[Loaded[EquipmentFile] | None],
                oobs: list[Loaded[OrderOfBattleFile] | None]) -> list[Problem]:
    """Every cross-file problem; each check runs as soon as the files it needs validated."""
    problems: list[Problem] = []
    if scenario:
        problems += _check_sides(scenario, map_)
    if map_:
        problems += _check_map(map_, rules, scenario)
    problems += _check_equipment([e for e in equipment if e])
    if rules and None not in equipment:
        problems += _check_rule_refs(rules, equipment)  # type: ignore[arg-type]
    if rules and scenario:
        known = ["clear", *rules.model.weather]
        problems += [scenario.doc.problem(("weather", i, "condition"), _unknown("weather condition", w.condition,
                                                                                known))
                     for i, w in enumerate(scenario.model.weather) if w.condition not in known]
    if scenario and map_ and rules and None not in equipment and None not in oobs:
        problems += _check_oobs(scenario, map_, rules, equipment, oobs)  # type: ignore[arg-type]
    return problems


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
    out = _duplicates(doc, ((("sides", i, "id"), s.id) for i, s in enumerate(sides)), "side")
    codes = Counter(s.map_code for s in sides)
    places = {p.id for p in map_.model.places} if map_ else None
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
    turns = [(("special_rules", "night_turns", i), t) for i, t in enumerate(rules.night_turns)]
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
    out += _duplicates(doc, ((("places", i, "id"), p.id) for i, p in enumerate(m.places)), "place")
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
    known = {e.id for eq in equipment for e in eq.model.equipment}
    out = []
    for key in ("weapons", "machine_guns"):
        for i, ident in enumerate(getattr(combat.close_assault, key)):
            if ident not in known:
                out.append(rules.doc.problem(("combat", "close_assault", key, i), _unknown("equipment", ident, known)))
    ranges = [r for r, _ in combat.hit_probability]
    if ranges != sorted(set(ranges)):
        out.append(rules.doc.problem(("combat", "hit_probability"), "ranges must increase from one row to the next"))
    return out


def _check_equipment(equipment: list[Loaded[EquipmentFile]]) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for eq in equipment:
        items = eq.model.equipment
        out += _duplicates(eq.doc, ((("equipment", i, "id"), e.id) for i, e in enumerate(items)),
                           "equipment", seen)
        for i, e in enumerate(items):
            for w, weapon in enumerate(e.weapons):
                ranges = [r for r, _ in weapon.penetration]
                if ranges != sorted(set(ranges)):
                    out.append(eq.doc.problem(("equipment", i, "weapons", w, "penetration"),
                                              "ranges must increase from one row to the next"))
    return out


def _check_oobs(scenario: Loaded[ScenarioFile], map_: Loaded[MapFile], rules: Loaded[RulesFile],
                equipment: list[Loaded[EquipmentFile]], oobs: list[Loaded[OrderOfBattleFile]]) -> list[Problem]:
    out: list[Problem] = []
    grid = Grid(map_.model.width, map_.model.height)
    side_ids = [s.id for s in scenario.model.sides]
    equipment_ids = {e.id for eq in equipment for e in eq.model.equipment}
    types = rules.model.unit_types
    formations: dict[str, str] = {}  # id -> side
    seen_units: dict[str, tuple[str, int]] = {}
    seen_formations: dict[str, tuple[str, int]] = {}
    for oob in oobs:
        doc, model = oob.doc, oob.model
        if model.side not in side_ids:
            out.append(doc.problem(("side",), f"unknown side '{model.side}' (sides: {', '.join(side_ids)})"))
        out += _duplicates(doc, ((("formations", i, "id"), f.id) for i, f in enumerate(model.formations)),
                           "formation", seen_formations)
        for f in model.formations:
            formations.setdefault(f.id, model.side)
        out += _duplicates(doc, ((("units", i, "id"), u.id) for i, u in enumerate(model.units)),
                           "unit", seen_units)
    for oob in oobs:
        doc, model = oob.doc, oob.model
        for i, f in enumerate(model.formations):
            out += _parent(doc, ("formations", i, "parent"), f.parent, model.side, formations)
        for i, u in enumerate(model.units):
            base: Path_ = ("units", i)
            out += _parent(doc, base + ("parent",), u.parent, model.side, formations)
            if u.type not in types:
                out.append(doc.problem(base + ("type",), _unknown("unit type", u.type, types)))
            out += _on_map(doc, base + ("hex",), u.hex, grid)
            for key in ("arrives", "moves_from_turn"):
                turn = getattr(u, key)
                if turn is not None and turn > scenario.model.turns:
                    out.append(doc.problem(base + (key,), f"turn {turn} is after the last turn "
                                                          f"({scenario.model.turns})"))
            for eq_id in u.equipment:
                if eq_id not in equipment_ids:
                    out.append(doc.problem(base + ("equipment", eq_id), _unknown("equipment", eq_id,
                                                                                 equipment_ids)))
    out += _check_enemies_apart(oobs)
    out += _check_placement(map_, rules, oobs)
    for i, lu in enumerate(scenario.model.victory.link_ups):
        for j, f in enumerate(lu.formations):
            if f not in formations:
                out.append(scenario.doc.problem(("victory", "link_ups", i, "formations", j),
                                                _unknown("formation", f, formations)))
    return out


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
            if terrain and getattr(terrain.move_cost, utype.movement_class.value) is None:
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

