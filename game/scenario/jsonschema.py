"""The JSON Schema of each scenario file kind, generated from the pydantic models.

Committed under scenarios/schema/ so editors (VS Code's YAML extension) complete and check
scenario files while they are typed; a test fails when the committed copy is stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game.scenario.calibration_schema import CalibrationFile
from game.scenario.geo_schema import GeoFile
from game.scenario.schema import FILE_MODELS

MODELS: dict[str, type[BaseModel]] = {**FILE_MODELS, "geo": GeoFile, "calibration": CalibrationFile}
TITLES = {"scenario": "August Storm scenario", "map": "August Storm map", "rules": "August Storm rules",
          "equipment": "August Storm equipment", "oob": "August Storm order of battle",
          "geo": "August Storm geographic source data", "calibration": "August Storm calibration targets"}


def schema_dict(kind: str) -> dict[str, Any]:
    schema = MODELS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = TITLES[kind]
    return schema


def schema_json(kind: str) -> str:
    return json.dumps(schema_dict(kind), indent=2, sort_keys=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every file kind; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for kind in MODELS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_json(kind), encoding="utf-8")
        out.append(path)
    return out
