"""The save document's shape: every field's type and range, checked before anything uses it.

Why by hand and not a model: a save is mostly long lists of numbers, checked here with numpy in
one pass per array, and each problem must come out as one line naming the field
(``snapshot.arrays.unit_men: ...``). Two layers:

* ``check_document`` needs no scenario: types, lengths and ranges any save must respect (so a
  nesting bomb, ``Infinity``, a 5,000-digit number or a list in place of a mapping is refused
  here, never met by the code that loads);
* ``check_against`` runs once the scenario is built: the snapshot's hexes are on its map, its
  sides, phases and turns exist, counts are not negative, and the order log reaches exactly the
  snapshot's turn and phase (a log cut short would make the next reload rewind the game).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from game.core.rules.air import MISSIONS
from game.core.state import NOBODY, GameState
from game.core.units import OFF_MAP

FORMAT = "august-storm-save"
MAX_ORDERS = 100_000  # a whole Manchuria game logs a few thousand
MAX_NAME = 200  # unit ids, mission and landing names, meta keys and values
MAX_PATH = 4096
MAX_META = 64
MAX_EXTRA = 20_000  # arrivals, weather draws and tallies: a few hundred
MAX_TURN = 100_000
MAX_COORD = 100_000
MAX_SEED = 2**64 - 1
MAX_RNG_INT = 2**128 - 1
INT64 = 2**63 - 1
HASH_CHARS = 64
ORDER_KEYS = {"move": ("unit", "to"), "attack": ("units", "target"), "landing": ("unit", "landing", "to"),
              "air_mission": ("unit", "mission", "target"), "demolish": ("unit",), "end_phase": ()}


class FieldError(Exception):
    """One bad field: ``where`` is its dotted path, the message says what is wrong."""

    def __init__(self, where: str, message: str):
        self.where, self.message = where, message
        super().__init__(f"{where}: {message}")


def parse(text: str) -> Any:
    """JSON without NaN or Infinity; raises ValueError (and RecursionError for nesting bombs)."""
    return json.loads(text, parse_constant=_no_constant)


def parse_problem(exc: ValueError) -> str:
    """What ``parse`` refused, in words (Python's own message for a long number names an API)."""
    text = " ".join(str(exc).split())
    return "a number with thousands of digits" if "digits" in text else text[:120]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a save may hold")


# ---------------------------------------------------------------- primitive checks


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f"a {'mapping' if isinstance(value, dict) else 'list'}"
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else "a huge number"
    return text if len(text) <= 40 else text[:37] + "..."


def integer(value: Any, where: str, lo: int, hi: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise FieldError(where, f"expected a whole number, got {_shown(value)}")
    if not lo <= value <= hi:
        raise FieldError(where, f"{_shown(value)} is outside {lo}..{hi}")
    return value


def text(value: Any, where: str, max_len: int = MAX_NAME) -> str:
    if not isinstance(value, str):
        raise FieldError(where, f"expected text, got {_shown(value)}")
    if len(value) > max_len:
        raise FieldError(where, f"text longer than {max_len} characters")
    return value


def mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(where, f"expected a mapping, got {_shown(value)}")
    return value


def listing(value: Any, where: str, max_len: int) -> list[Any]:
    if not isinstance(value, list):
        raise FieldError(where, f"expected a list, got {_shown(value)}")
    if len(value) > max_len:
        raise FieldError(where, f"more than {max_len:,} items")
    return value


def field(doc: dict[str, Any], key: str, where: str) -> Any:
    if key not in doc:
        raise FieldError(f"{where}.{key}" if where else key, "missing")
    return doc[key]


# ---------------------------------------------------------------- the document


def check_document(doc: dict[str, Any]) -> None:
    """Every field of a (migrated) save document, without the scenario; raises FieldError."""
    scn = mapping(field(doc, "scenario", ""), "scenario")
    text(field(scn, "id", "scenario"), "scenario.id")
    text(field(scn, "path", "scenario"), "scenario.path", MAX_PATH)
    text(field(scn, "digest", "scenario"), "scenario.digest", HASH_CHARS)
    integer(field(doc, "seed", ""), "seed", 0, MAX_SEED)
    orders = listing(field(doc, "orders", ""), "orders", MAX_ORDERS)
    for i, order in enumerate(orders):
        if not _well_formed(order):
            check_order(order, f"orders[{i}]")
    hashes = listing(doc.get("turn_hashes", []), "turn_hashes", MAX_TURN)
    for i, h in enumerate(hashes):
        text(h, f"turn_hashes[{i}]", HASH_CHARS)
    doc["meta"] = clean_meta(doc.get("meta"))
    text(field(doc, "state_hash", ""), "state_hash", HASH_CHARS)
    text(doc.get("log_hash", ""), "log_hash", HASH_CHARS)
    snap = mapping(field(doc, "snapshot", ""), "snapshot")
    check_snapshot(snap)
    summary = mapping(doc.get("summary", {}), "summary")
    for key, value in summary.items():
        if snap.get(key) != value or type(snap.get(key)) is not type(value):
            raise FieldError(f"summary.{key}", "does not match the snapshot")


def clean_meta(meta: Any) -> dict[str, str]:
    """Who played which side, or nothing: meta only sets up the players, so a damaged one is dropped
    (the game still loads and the player chooses again), never refused."""
    if not isinstance(meta, dict) or len(meta) > MAX_META:
        return {}
    return {k: v for k, v in meta.items() if isinstance(k, str) and isinstance(v, str)
            and len(k) <= MAX_NAME and len(v) <= MAX_NAME}


def _well_formed(order: Any) -> bool:
    """The common case in one pass of exact type tests, so a log of 100,000 orders checks in well under
    a second; anything else goes to ``check_order``, which names the fault."""
    if type(order) is not dict:
        return False
    kind = order.get("type")
    keys = ORDER_KEYS.get(kind) if type(kind) is str else None
    if keys is None:
        return False
    for key in keys:
        v = order.get(key)
        if key == "to" or key == "target":
            if (type(v) is not list or len(v) != 2 or type(v[0]) is not int or type(v[1]) is not int
                    or not -MAX_COORD <= v[0] <= MAX_COORD or not -MAX_COORD <= v[1] <= MAX_COORD):
                return False
        elif key == "units":
            if type(v) is not list or len(v) > 1000 or not all(type(u) is str and len(u) <= MAX_NAME for u in v):
                return False
        elif type(v) is not str or len(v) > MAX_NAME:
            return False
    return True


def check_order(order: Any, where: str) -> None:
    order = mapping(order, where)
    kind = text(field(order, "type", where), f"{where}.type")
    if kind not in ORDER_KEYS:
        raise FieldError(f"{where}.type", f"unknown order type {kind!r}")
    for key in ORDER_KEYS[kind]:
        value = field(order, key, where)
        if key in ("to", "target"):
            _hex(value, f"{where}.{key}")
        elif key == "units":
            for j, u in enumerate(listing(value, f"{where}.units", 1000)):
                text(u, f"{where}.units[{j}]")
        else:
            text(value, f"{where}.{key}")


def _hex(value: Any, where: str) -> None:
    pair = listing(value, where, 2)
    if len(pair) != 2:
        raise FieldError(where, "expected [col, row]")
    for j, v in enumerate(pair):
        integer(v, f"{where}[{j}]", -MAX_COORD, MAX_COORD)


def check_snapshot(snap: dict[str, Any]) -> None:
    integer(field(snap, "turn", "snapshot"), "snapshot.turn", 1, MAX_TURN)
    integer(field(snap, "phase", "snapshot"), "snapshot.phase", 0, 1000)
    if not isinstance(field(snap, "game_over", "snapshot"), bool):
        raise FieldError("snapshot.game_over", "expected true or false")
    extra = mapping(field(snap, "extra", "snapshot"), "snapshot.extra")
    if len(extra) > MAX_EXTRA:
        raise FieldError("snapshot.extra", f"more than {MAX_EXTRA:,} entries")
    for k, v in extra.items():
        text(k, "snapshot.extra key")
        integer(v, f"snapshot.extra.{k}", -INT64, INT64)
    _rng(mapping(field(snap, "rng", "snapshot"), "snapshot.rng"))
    arrays = mapping(field(snap, "arrays", "snapshot"), "snapshot.arrays")
    for name, entry in arrays.items():
        where = f"snapshot.arrays.{name}"
        entry = mapping(entry, where)
        text(field(entry, "dtype", where), f"{where}.dtype", 16)
        for j, n in enumerate(listing(field(entry, "shape", where), f"{where}.shape", 2)):
            integer(n, f"{where}.shape[{j}]", 0, 10**7)
        listing(field(entry, "data", where), f"{where}.data", 10**8)


def _rng(rng: dict[str, Any]) -> None:
    if rng.get("bit_generator") != "PCG64":
        raise FieldError("snapshot.rng.bit_generator", "expected 'PCG64'")
    state = mapping(field(rng, "state", "snapshot.rng"), "snapshot.rng.state")
    for key in ("state", "inc"):
        integer(field(state, key, "snapshot.rng.state"), f"snapshot.rng.state.{key}", 0, MAX_RNG_INT)
    integer(field(rng, "has_uint32", "snapshot.rng"), "snapshot.rng.has_uint32", 0, 1)
    integer(field(rng, "uinteger", "snapshot.rng"), "snapshot.rng.uinteger", 0, 2**32 - 1)


def array(entry: dict[str, Any], where: str, like: np.ndarray) -> np.ndarray:
    """The saved array as ``like``'s dtype and shape; every value must fit that dtype and be finite."""
    shape = tuple(entry["shape"])
    if shape != like.shape:
        raise FieldError(where, f"has shape {shape}, expected {like.shape}")
    data = entry["data"]
    if len(data) != like.size:
        raise FieldError(where, f"holds {len(data):,} values, expected {like.size:,}")
    try:
        raw = np.array(data)
    except (ValueError, TypeError, OverflowError) as exc:
        raise FieldError(where, f"not a flat list of numbers ({' '.join(str(exc).split())[:80]})") from exc
    if raw.ndim != 1 or raw.dtype.kind not in "biuf" or (raw.dtype.kind == "b") != (like.dtype.kind == "b"):
        raise FieldError(where, f"expected a flat list of {like.dtype.name} values")
    if like.dtype.kind in "iu":
        if raw.dtype.kind == "f":
            raise FieldError(where, "expected whole numbers")
        info = np.iinfo(like.dtype)
        if raw.size and (raw.min() < info.min or raw.max() > info.max):
            raise FieldError(where, f"a value is outside {info.min}..{info.max}")
    elif like.dtype.kind == "f":
        values = raw.astype(np.float64)
        if not np.isfinite(values).all() or (values.size and np.abs(values).max() > np.finfo(like.dtype).max):
            raise FieldError(where, "a value is not a finite number")
    return raw.astype(like.dtype).reshape(like.shape)


# ---------------------------------------------------------------- against the scenario

NON_NEGATIVE = ("unit_men", "unit_equipment", "unit_lost_men", "unit_lost_equipment", "unit_damaged",
                "unit_wounded", "unit_oos", "unit_fuel", "unit_ammo", "fort_level")


def check_against(state: GameState, orders: list[dict[str, Any]], turn_hashes: list[str]) -> None:
    """The restored state and the order log fit the scenario; raises FieldError.

    The log is checked by its phase ends, not replayed (that is ``validate SAVE``): loading stays
    cheap, yet a log that stops short of the snapshot, which a reload would silently rewind to,
    is refused.
    """
    scn = state.scenario
    n_sides, n_hexes = len(scn.sides), scn.map.grid.size
    if not 1 <= state.turn <= scn.turns:
        raise FieldError("snapshot.turn", f"{state.turn} is outside 1..{scn.turns} (the scenario's turns)")
    if not 0 <= state.phase < n_sides:
        raise FieldError("snapshot.phase", f"{state.phase} is not a side's phase (0..{n_sides - 1})")
    ranges: dict[str, tuple[int, int | None]] = {"unit_hex": (OFF_MAP, n_hexes - 1), "control": (NOBODY, n_sides - 1),
              "rail_converted": (-1, n_sides - 1), "unit_mission": (-1, len(MISSIONS) - 1),
              "unit_mission_target": (-1, n_hexes - 1)}
    ranges.update({name: (0, None) for name in NON_NEGATIVE})
    for name, (lo, hi) in ranges.items():
        values = getattr(state, name)
        if values.size and (values.min() < lo or (hi is not None and values.max() > hi)):
            raise FieldError(f"snapshot.arrays.{name}", "a value is negative" if hi is None
                             else f"a value is outside {lo}..{hi}")
    for key, value in state.extra.items():
        if key.startswith("weather:") and not 0 <= value < len(scn.weather_names):
            raise FieldError(f"snapshot.extra.{key}", f"{value} is not a weather condition")
    _check_log(state, orders, turn_hashes)


def _check_log(state: GameState, orders: list[dict[str, Any]], turn_hashes: list[str]) -> None:
    scn = state.scenario
    grid, units = scn.map.grid, scn.unit_index
    landings = {op.name for op in scn.landings}
    ends = 0
    for i, order in enumerate(orders):
        kind = order["type"]
        ends += kind == "end_phase"
        for u in order.get("units", [order.get("unit")] if "unit" in order else []):
            if u not in units:
                raise FieldError(f"orders[{i}].unit", f"no unit {u!r} in the scenario")
        for key in ("to", "target"):
            if key in order and not grid.contains(tuple(order[key])):
                raise FieldError(f"orders[{i}].{key}", f"{order[key]} is not a hex of the map")
        if kind == "air_mission" and order["mission"] not in MISSIONS:
            raise FieldError(f"orders[{i}].mission", f"unknown mission {order['mission']!r}")
        if kind == "landing" and order["landing"] not in landings:
            raise FieldError(f"orders[{i}].landing", f"no landing {order['landing']!r} in the scenario")
    n = len(scn.sides)
    turn, phase = (scn.turns, 0) if state.game_over else (1 + ends // n, ends % n)
    if (state.game_over and ends != scn.turns * n) or (turn, phase) != (state.turn, state.phase):
        raise FieldError("orders", f"the log ends {ends} phases in, which is not the snapshot's turn "
                         f"{state.turn} phase {state.phase}: the log was cut or edited")
    if len(turn_hashes) != turn - 1:
        raise FieldError("turn_hashes", f"{len(turn_hashes)} entries for turn {turn} (expected {turn - 1})")
