"""What every scenario-file model shares: the strict base model, field helper, enums and value types.

Split from ``schema.py`` so the rules file's sections (``rules_sections.py``) and the file models
can both build on it.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from game.core.hexgrid import DIRECTION_NAMES


class TerrainKind(StrEnum):
    clear = "clear"
    steppe = "steppe"
    desert = "desert"
    forest = "forest"
    hills = "hills"
    mountains = "mountains"
    marsh = "marsh"
    urban = "urban"
    sea = "sea"
    lake = "lake"


class MovementClass(StrEnum):
    foot = "foot"
    cavalry = "cavalry"
    wheeled = "wheeled"
    tracked = "tracked"


class RiverKind(StrEnum):
    minor = "minor"
    major = "major"


class Side6(StrEnum):
    """A hexside of a pointy-top hex, counter-clockwise from east."""

    E = "E"
    NE = "NE"
    NW = "NW"
    W = "W"
    SW = "SW"
    SE = "SE"


DIRECTION_INDEX: dict[Side6, int] = {Side6(n): i for i, n in enumerate(DIRECTION_NAMES)}


class UnitSize(StrEnum):
    battalion = "II"
    regiment = "III"
    brigade = "X"
    division = "XX"
    corps = "XXX"
    army = "XXXX"
    front = "XXXXX"


class UnitSymbol(StrEnum):
    infantry = "infantry"
    armor = "armor"
    mechanized = "mechanized"
    motorized = "motorized"
    cavalry = "cavalry"
    artillery = "artillery"
    anti_tank = "anti_tank"
    anti_aircraft = "anti_aircraft"
    engineer = "engineer"
    airborne = "airborne"
    mountain = "mountain"
    marine = "marine"
    fortification = "fortification"
    headquarters = "headquarters"
    air = "air"


class EquipmentKind(StrEnum):
    tank = "tank"
    spg = "spg"
    armored_car = "armored_car"
    gun = "gun"
    anti_tank_gun = "anti_tank_gun"
    anti_aircraft_gun = "anti_aircraft_gun"
    mortar = "mortar"
    rocket_launcher = "rocket_launcher"
    infantry_weapon = "infantry_weapon"
    aircraft = "aircraft"
    vehicle = "vehicle"
    ship = "ship"


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are checked on assignment too."""

    # No .inf or .nan anywhere: they validated, then broke the engine (an OverflowError on turn 1).
    model_config = ConfigDict(extra="forbid", use_enum_values=False, allow_inf_nan=False)


M = TypeVar("M", bound=BaseModel)


def _f(description: str, **kw: Any) -> Any:
    return Field(description=description, **kw)


INT32_MAX = 2**31 - 1  # counts are held in int32 arrays: 3e9 tanks validated, then overflowed when building
NonNeg = Annotated[int, Field(ge=0, le=INT32_MAX)]
Coord = Annotated[tuple[NonNeg, NonNeg], Field(description="A hex as [col, row], from [0, 0] at the "
                                                           "north-west corner", examples=[[4, 7]])]
Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=64,
                          description="An id: lower-case letters, digits and _", examples=["rifle_division"])]
Cost = Annotated[float, Field(ge=0, le=100)]
Frac = Annotated[float, Field(ge=0, le=1)]


def validate_model(model: type[M], data: Any) -> M:
    """``model`` from YAML data, accepting exactly what the JSON Schema generated from it accepts.

    pydantic's lax Python mode would turn ``men: "800"`` into 800 and ``start_date: 1944`` into a
    timestamp, both of which the schema (and so the designer's editor) refuses. Strict JSON mode
    takes JSON's types as they are (strings for enums, arrays for tuples, ISO strings for dates), so
    the data goes through JSON: dates become their ISO text, and a float with no fraction becomes an
    int, since JSON Schema counts 800.0 as an integer.
    """
    text = json.dumps(_as_json(data), default=_json_default, ensure_ascii=False, check_circular=False,
                      separators=(",", ":"))  # the loader refuses cyclic data before it gets here
    return model.model_validate_json(text, strict=True)


def _as_json(value: Any) -> Any:
    """Integral floats as ints, recursively (see ``validate_model``)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not plain data")
