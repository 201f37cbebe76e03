"""Pydantic model of a scenario's calibration targets (``<scenario>/calibration.yaml``).

A target names a *metric kind* (a mechanism in ``game/calibration.py``), the ids it applies to
(a side, places, a link-up, a turn) and a range of acceptable values, with the source the range
comes from. The kinds are general, so any scenario can state its history as targets; the
numbers and ids live here in YAML. Each kind takes its own set of keys: a missing one, or one
that means nothing for that kind, is an error at the target, like an unknown key.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from game.scenario.schema import Id, Strict, _f

Share = Annotated[float, Field(gt=0, le=1)]
TurnNo = Annotated[int, Field(ge=0)]


class Metric(StrEnum):
    """What a target measures, in each game (or, for ``distinct_capture_sets``, across games)."""

    deepest_advance_km = "deepest_advance_km"
    link_up_turn = "link_up_turn"
    place_held = "place_held"
    places_held_count = "places_held_count"
    fall_turn_median = "fall_turn_median"
    max_over_turns = "max_over_turns"
    min_over_turns = "min_over_turns"
    casualties = "casualties"
    tanks_lost_pct = "tanks_lost_pct"
    distinct_capture_sets = "distinct_capture_sets"


class TurnField(StrEnum):
    """Per-side numbers of a `simulate --json` turn entry that ``max_over_turns`` and ``min_over_turns``
    read."""

    men = "men"
    tanks = "tanks"
    aircraft = "aircraft"
    tanks_lost = "tanks_lost"
    units_out_of_supply = "units_out_of_supply"
    low_fuel_units = "low_fuel_units"
    tons_delivered = "tons_delivered"
    tons_needed = "tons_needed"
    deepest_advance_km = "deepest_advance_km"
    victory_points = "victory_points"
    objectives_held = "objectives_held"


class LossKind(StrEnum):
    """Cumulative losses of men that the ``casualties`` metric adds up."""

    killed = "killed"
    wounded = "wounded"
    captured = "captured"


# The keys each metric needs and may take besides name, metric, min, max, min_share, source, note.
REQUIRED: dict[Metric, frozenset[str]] = {
    Metric.deepest_advance_km: frozenset({"side", "turn"}),
    Metric.link_up_turn: frozenset({"link_up"}),
    Metric.place_held: frozenset({"side", "place"}),
    Metric.places_held_count: frozenset({"side", "places"}),
    Metric.fall_turn_median: frozenset({"side", "places"}),
    Metric.max_over_turns: frozenset({"side", "field", "turns"}),
    Metric.min_over_turns: frozenset({"side", "field", "turns"}),
    Metric.casualties: frozenset({"side", "kinds"}),
    Metric.tanks_lost_pct: frozenset({"side"}),
    Metric.distinct_capture_sets: frozenset({"side", "turn", "seeds"}),
}
OPTIONAL: dict[Metric, frozenset[str]] = {Metric.place_held: frozenset({"turn"}),
                                          Metric.places_held_count: frozenset({"turn"})}
SPECIFIC = ("side", "turn", "turns", "place", "places", "link_up", "field", "kinds", "seeds")

def _keys(message: str) -> PydanticCustomError:
    """A plain message (a ValueError would be printed with pydantic's 'Value error, ' in front)."""
    return PydanticCustomError("target_keys", message)


_EX_SOURCE = "facts 5.2 [S10]: the Transbaikal Front advanced 350-400 km in six days"


class Target(Strict):
    """One calibration target: a metric, what it applies to, a range and where the range comes from."""

    name: str = _f("Name printed in the report", min_length=1, examples=["Soviet deepest advance by turn 7"])
    metric: Metric = _f("What is measured: deepest_advance_km (side, turn); link_up_turn (link_up; never made "
                        "fails); place_held (side, place, turn or the end: 1 or 0); places_held_count (side, "
                        "places, turn or the end); fall_turn_median (side, places: median first turn each was "
                        "the side's at a turn's end, never counts as later than any turn); max_over_turns and "
                        "min_over_turns (side, field, turns); casualties (side, kinds: summed at the end); "
                        "tanks_lost_pct (side: tanks and SPGs destroyed, % of those it fields); "
                        "distinct_capture_sets (side, turn, seeds: across the first seeds, how many different "
                        "sets of places the side had taken by the end of the turn)",
                        examples=["deepest_advance_km"])
    side: Id | None = _f("Side id the metric is about", default=None, examples=["soviet"])
    turn: TurnNo | None = _f("Turn the metric is read at (place_held and places_held_count: the last turn "
                             "played when left out)", default=None, examples=[7])
    turns: tuple[TurnNo, TurnNo] | None = _f("First and last turn (inclusive) for max_over_turns and "
                                             "min_over_turns", default=None, examples=[[3, 9]])
    place: Id | None = _f("Place id for place_held", default=None, examples=["changchun"])
    places: list[Id] | None = _f("Place ids for places_held_count and fall_turn_median", default=None,
                                 min_length=1, examples=[["hailar", "hutou"]])
    link_up: str | None = _f("Name of a link-up of scenario.yaml, for link_up_turn", default=None,
                             examples=["Fronts join at Changchun"])
    field: TurnField | None = _f("Per-side turn figure for max_over_turns and min_over_turns", default=None,
                                 examples=["low_fuel_units"])
    kinds: list[LossKind] | None = _f("Losses summed by casualties", default=None, min_length=1,
                                      examples=[["killed", "wounded", "captured"]])
    seeds: int | None = _f("distinct_capture_sets: how many of the first seeds are compared", default=None,
                           ge=2, examples=[5])
    min: float | None = _f("Lowest value that meets the target", default=None, examples=[300])
    max: float | None = _f("Highest value that meets the target", default=None, examples=[600])
    min_share: Share | None = _f("Share of the seeds that must meet the range (default: the file's)",
                                 default=None, examples=[0.6])
    source: str = _f("Where the range comes from: fact sheet section and tag", min_length=1,
                     examples=[_EX_SOURCE])
    note: str = _f("Why this range, or how to read it", default="",
                   examples=["Forward detachments, not the main bodies"])

    @model_validator(mode="after")
    def _keys_fit_the_metric(self) -> Target:
        """Each metric takes exactly its keys, so a typo'd or misplaced key is never silently ignored."""
        need, may = REQUIRED[self.metric], REQUIRED[self.metric] | OPTIONAL.get(self.metric, frozenset())
        given = {k for k in SPECIFIC if getattr(self, k) is not None}
        missing, extra = sorted(need - given), sorted(given - may)
        if missing:
            raise _keys(f"metric '{self.metric}' needs {', '.join(repr(k) for k in missing)}")
        if extra:
            raise _keys(f"{', '.join(repr(k) for k in extra)} means nothing for metric '{self.metric}'")
        if self.min is None and self.max is None:
            raise _keys("give 'min', 'max' or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise _keys(f"'min' {self.min:g} is above 'max' {self.max:g}")
        if self.turns is not None and self.turns[0] > self.turns[1]:
            raise _keys(f"'turns' {list(self.turns)} runs backwards")
        return self


class CalibrationFile(Strict):
    """A scenario's calibration targets: what `simulate --runs N --calibrate` measures the model against."""

    difficulty: Literal["easy", "normal", "hard"] = _f("Difficulty of the computer players the targets are for",
                                                       default="normal",
                         examples=["normal"])
    players: Literal["ai", "baseline", "pass"] = _f("Player kind of every side the targets are for", default="ai",
                      examples=["ai"])
    min_share: Share = _f("Share of the seeds that must meet a target's range for it to pass", default=0.8,
                          examples=[0.8])
    targets: list[Target] = _f("The targets, in report order", min_length=1,
                               examples=[[{"name": "Soviet deepest advance by turn 7",
                                           "metric": "deepest_advance_km", "side": "soviet", "turn": 7,
                                           "min": 300, "max": 600, "source": _EX_SOURCE}]])
