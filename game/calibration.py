"""Calibration: measure simulated games against a scenario's historical targets.

A scenario may hold ``calibration.yaml`` (model: ``game.scenario.calibration_schema``): named
targets, each a metric kind, the ids it applies to and a range, with the fact it comes from.
`simulate SCENARIO --runs N --calibrate` plays N seeds and hands their `simulate --json`
documents to ``evaluate``, which measures every target in every game and says which pass.

The model is stochastic, so a per-game target passes when enough seeds meet its range
(``min_share``, by default 0.8: 8 of 10), not when one lucky game does. A cross-seed target
(``distinct_capture_sets``) is one number over the first seeds. Pure and headless: documents
in, dictionaries and text out.

Values: a number; ``None`` when the game does not show it (the turn was not played, a link-up
never made) — that never meets a range; ``math.inf`` for "never" in ``fall_turn_median`` (later
than any turn: it meets a minimum, never a maximum).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.scenario.calibration_schema import CalibrationFile, Metric, Target
from game.scenario.loader import Problem, ScenarioError, load_yaml

CALIBRATION_FILE = "calibration.yaml"
Doc = dict[str, Any]
Value = float | None


# ------------------------------------------------------------------ loading


def calibration_path(scenario_dir: str | Path) -> Path:
    """Where a scenario keeps its targets (the file may not exist)."""
    return Path(scenario_dir) / CALIBRATION_FILE


def load_calibration(path: Path, scenario: Any = None) -> CalibrationFile:
    """Read and validate a calibration file; with ``scenario`` (a ``Scenario``) also check that every
    side, place and link-up it names exists there and that the places are recorded each turn.

    Raises ``ScenarioError`` with every problem as ``file:line:col: field: message``, as the other
    scenario files do.
    """
    from game.scenario.source import validation_problems

    doc = load_yaml(path)
    problems = list(doc.problems)
    if doc.data is None and not problems:
        problems.append(doc.problem((), "the file holds no data; expected a mapping of keys"))
    if problems:
        raise ScenarioError(problems)
    if not isinstance(doc.data, dict):
        raise ScenarioError([doc.problem((), f"expected a mapping of keys, got {type(doc.data).__name__}")])
    try:
        model = CalibrationFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(validation_problems(exc, doc, CalibrationFile)) from None
    if scenario is not None:
        problems = _check_ids(model, scenario, doc.problem)
        if problems:
            raise ScenarioError(problems)
    return model


def _check_ids(model: CalibrationFile, scenario: Any, problem: Callable[..., Problem]) -> list[Problem]:
    """Ids the targets name that the scenario lacks, or places whose control no turn entry records."""
    from game.ai.match import tracked_places

    sides = {s.id for s in scenario.sides}
    places = {p.id for p in scenario.map.places}
    tracked = {pid for pid, _ in tracked_places(scenario.map)}
    link_ups = {lu.name for lu in scenario.link_ups}
    out = []
    for i, t in enumerate(model.targets):
        at = ("targets", i)
        if t.side is not None and t.side not in sides:
            out.append(problem(at + ("side",), f"unknown side '{t.side}'; expected one of: {', '.join(sorted(sides))}"))
        if t.link_up is not None and t.link_up not in link_ups:
            out.append(problem(at + ("link_up",), f"no link-up named '{t.link_up}' in scenario.yaml"))
        named: list[tuple[tuple[str | int, ...], str]] = [(at + ("place",), t.place)] if t.place else []
        named += [(at + ("places", k), p) for k, p in enumerate(t.places or [])]
        for where, pid in named:
            if pid not in places:
                out.append(problem(where, f"unknown place '{pid}'"))
            elif pid not in tracked and t.metric is not Metric.distinct_capture_sets:
                out.append(problem(where, f"place '{pid}' is worth no victory points and is not fortified, so "
                                          "the turn entries do not record who holds it"))
    return out


# ------------------------------------------------------------------ one game


def turn_entry(doc: Doc, turn: int | None) -> Doc | None:
    """The entry of ``turn`` (the last one played when None), or None when that turn was not played."""
    if not doc["turns"]:
        return None
    if turn is None:
        return doc["turns"][-1]
    return next((t for t in doc["turns"] if t["turn"] == turn), None)


def _deepest_advance(t: Target, doc: Doc) -> Value:
    row = turn_entry(doc, t.turn)
    return float(row["sides"][t.side]["deepest_advance_km"]) if row else None


def _link_up_turn(t: Target, doc: Doc) -> Value:
    turn = next((lu["turn"] for lu in doc["link_ups"] if lu["name"] == t.link_up), None)
    return float(turn) if turn is not None else None


def _held(t: Target, doc: Doc, places: list[str]) -> Value:
    row = turn_entry(doc, t.turn)
    if row is None or "control" not in row:
        return None
    return float(sum(1 for p in places if row["control"].get(p) == t.side))


def _place_held(t: Target, doc: Doc) -> Value:
    return _held(t, doc, [t.place or ""])


def _places_held_count(t: Target, doc: Doc) -> Value:
    return _held(t, doc, t.places or [])


def fall_turn(doc: Doc, place: str, side: str) -> float:
    """First turn at whose end ``side`` held ``place``; ``math.inf`` when it never did."""
    return next((float(r["turn"]) for r in doc["turns"] if r.get("control", {}).get(place) == side), math.inf)


def _fall_turn_median(t: Target, doc: Doc) -> Value:
    return float(statistics.median(fall_turn(doc, p, t.side or "") for p in t.places or []))


def _over_turns(pick: Callable[[list[float]], float]) -> Callable[[Target, Doc], Value]:
    def measure(t: Target, doc: Doc) -> Value:
        first, last = t.turns or (0, 0)
        values = [float(r["sides"][t.side][str(t.field)]) for r in doc["turns"] if first <= r["turn"] <= last]
        return pick(values) if values else None

    return measure


def _casualties(t: Target, doc: Doc) -> Value:
    row = turn_entry(doc, None)
    return float(sum(row["sides"][t.side]["casualties"][str(k)] for k in t.kinds or [])) if row else None


def _tanks_lost_pct(t: Target, doc: Doc) -> Value:
    """Tanks and SPGs destroyed as a share of those the side fields (start block, with reinforcements)."""
    row, start = turn_entry(doc, None), doc.get("start", {}).get(t.side)
    fielded = (start["tanks"] + start["spgs"]) if start else 0
    return 100.0 * row["sides"][t.side]["tanks_lost"] / fielded if row and fielded else None


PER_GAME: dict[Metric, Callable[[Target, Doc], Value]] = {
    Metric.deepest_advance_km: _deepest_advance,
    Metric.link_up_turn: _link_up_turn,
    Metric.place_held: _place_held,
    Metric.places_held_count: _places_held_count,
    Metric.fall_turn_median: _fall_turn_median,
    Metric.max_over_turns: _over_turns(max),
    Metric.min_over_turns: _over_turns(min),
    Metric.casualties: _casualties,
    Metric.tanks_lost_pct: _tanks_lost_pct,
}


def measure(t: Target, doc: Doc) -> Value:
    """A per-game target's value in one game."""
    return PER_GAME[t.metric](t, doc)


# ------------------------------------------------------------------ across games


def captured_set(doc: Doc, side: str, turn: int) -> frozenset[str]:
    """The places ``side`` took (a capture event) by the end of ``turn``."""
    return frozenset(c["place"] for c in doc["captures"] if c["side"] == side and c["turn"] <= turn)


def distinct_capture_sets(t: Target, docs: list[Doc]) -> tuple[Value, int]:
    """How many different capture sets the first ``t.seeds`` games (by seed) show, and how many games
    were compared: an AI that takes the same places every seed is predictable, whatever its score."""
    first = sorted(docs, key=lambda d: d["seed"])[: t.seeds or 0]
    return float(len({captured_set(d, t.side or "", t.turn or 0) for d in first})), len(first)


def meets(t: Target, value: Value) -> bool:
    """Whether one value is inside the target's range; a value the game did not show never is."""
    return value is not None and (t.min is None or value >= t.min) and (t.max is None or value <= t.max)


def evaluate_target(t: Target, docs: list[Doc], default_share: float) -> dict[str, Any]:
    """One target over the games: the values, their median and range, how many seeds meet it, pass."""
    share = t.min_share if t.min_share is not None else default_share
    out: dict[str, Any] = {"name": t.name, "metric": str(t.metric), "min": t.min, "max": t.max,
                           "source": t.source}
    if t.metric is Metric.distinct_capture_sets:
        value, compared = distinct_capture_sets(t, docs)
        ok = meets(t, value)
        return out | {"cross_seed": True, "values": [_json(value)], "median": _json(value), "low": _json(value),
                      "high": _json(value), "seeds": compared, "meeting": compared if ok else 0, "pass": ok}
    values = [measure(t, d) for d in docs]
    meeting = sum(1 for v in values if meets(t, v))
    shown = [v for v in values if v is not None]
    passed = bool(docs) and meeting >= share * len(docs) - 1e-9
    return out | {"cross_seed": False, "min_share": share, "values": [_json(v) for v in values],
                  "median": _json(statistics.median(shown)) if shown else None,
                  "low": _json(min(shown)) if shown else None, "high": _json(max(shown)) if shown else None,
                  "seeds": len(docs), "meeting": meeting, "pass": passed}


def evaluate(cal: CalibrationFile, docs: list[Doc]) -> dict[str, Any]:
    """Every target over the games, in file order, with the count that pass (what --json prints)."""
    results = [evaluate_target(t, docs, cal.min_share) for t in cal.targets]
    return {"games": len(docs), "seeds": [d["seed"] for d in docs], "difficulty": cal.difficulty,
            "players": cal.players, "min_share": cal.min_share, "targets": results,
            "passed": sum(1 for r in results if r["pass"]), "total": len(results)}


def _json(v: Value) -> float | str | None:
    """Values as JSON can hold them: "never" for math.inf; whole numbers as ints."""
    if v is None:
        return None
    if math.isinf(v):
        return "never"
    return int(v) if float(v).is_integer() else round(v, 2)


# ------------------------------------------------------------------ the report


def _num(v: Any) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, str):
        return v
    return f"{v:,.0f}" if abs(v) >= 1000 or float(v).is_integer() else f"{v:,.1f}"


def _range(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return f"{_num(lo)}-{_num(hi)}"
    return f">= {_num(lo)}" if lo is not None else f"<= {_num(hi)}"


def format_report(result: dict[str, Any]) -> str:
    """One line per target: measured median and range, target range, seeds meeting, PASS or MISS."""
    rows = [("target", "median", "range", "wanted", "seeds", "result")]
    for r in result["targets"]:
        seeds = f"{r['meeting']}/{r['seeds']}" if not r["cross_seed"] else f"over {r['seeds']}"
        measured = "-" if r["cross_seed"] or r["low"] is None else (
            _num(r["low"]) if r["low"] == r["high"] else f"{_num(r['low'])}-{_num(r['high'])}")
        rows.append((r["name"], _num(r["median"]), measured, _range(r["min"], r["max"]), seeds,
                     "PASS" if r["pass"] else "MISS"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [f"{result['games']} games; a target passes when {result['min_share']:.0%} of the seeds meet it "
             "(unless it says otherwise)"]
    for k, row in enumerate(rows):
        lines.append("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"calibration: {result['passed']} of {result['total']} targets pass")
    return "\n".join(lines)
