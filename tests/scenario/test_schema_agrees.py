"""The JSON Schema (what a designer's editor checks) and the game accept exactly the same files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from game.paths import SCENARIOS, TEST_SCENARIO
from game.scenario.jsonschema import schema_dict
from game.scenario.loader import load_yaml
from game.scenario.schema import FILE_MODELS
from game.scenario.schema_base import validate_model
from tests.scenario.schema_lite import errors

KIND_OF = {"scenario.yaml": "scenario", "map.yaml": "map", "rules.yaml": "rules", "equipment.yaml": "equipment",
           "oob_soviet.yaml": "oob", "oob_japan.yaml": "oob"}
GOOD = [(folder.name, name) for folder in (TEST_SCENARIO, SCENARIOS / "_template", SCENARIOS / "khalkhin_gol_1939")
        for name in KIND_OF]


def _as_editor_sees(value: Any) -> Any:
    """YAML data as a schema-checking editor sees it: a bare date is the string it is written as."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    return value


def _verdicts(kind: str, data: Any) -> tuple[bool, bool]:
    """(the schema accepts it, the game's model accepts it)."""
    schema_ok = not errors(schema_dict(kind), _as_editor_sees(data))
    try:
        validate_model(FILE_MODELS[kind], data)
        game_ok = True
    except ValidationError:
        game_ok = False
    return schema_ok, game_ok


@pytest.mark.parametrize("folder,name", GOOD)
def test_both_accept_the_shipped_files(folder: str, name: str) -> None:
    root = TEST_SCENARIO if folder == TEST_SCENARIO.name else SCENARIOS / folder
    data = load_yaml(root / name).data
    assert _verdicts(KIND_OF[name], data) == (True, True)


# (file, old, new, accepted by both?)
EDITS = [
    ("oob_soviet.yaml", "men: 9000", 'men: "9000"', False),
    ("oob_soviet.yaml", "men: 9000", "men: 9000.0", True),
    ("oob_soviet.yaml", "men: 9000", "men: 9000.5", False),
    ("oob_soviet.yaml", "men: 9000", "men: true", False),
    ("oob_soviet.yaml", "men: 9000", "men: 2000000", False),
    ("oob_soviet.yaml", "men: 9000", "men: 9000\n    experience: 1", True),
    ("oob_soviet.yaml", "men: 9000", "men: 9000\n    experience: 0.05", False),
    ("oob_soviet.yaml", "men: 9000", "men: 9000\n    experience: '1.2'", False),
    ("oob_soviet.yaml", "hex: [2, 4]", "hex: [2, 4, 1]", False),
    ("oob_soviet.yaml", "hex: [2, 4]", "hex: [2, -4]", False),
    ("oob_soviet.yaml", "id: rd_124", "id: Rd-124", False),
    ("oob_soviet.yaml", "id: rd_124", "id: 124", False),
    ("oob_soviet.yaml", "name: 124th Rifle Division", "name: 124", False),
    ("scenario.yaml", "start_date: 1944-08-09", 'start_date: "1944-08-09"', True),
    ("scenario.yaml", "start_date: 1944-08-09", "start_date: 1944", False),
    ("scenario.yaml", "start_date: 1944-08-09", "start_date: 9 August 1944", False),
    ("scenario.yaml", "seed: 7", "seed: -7", False),
    ("scenario.yaml", "seed: 7", "sede: 7", False),
    ("scenario.yaml", 'color: "#b03a2e"', 'color: "#b03a2"', False),
    ("map.yaml", "km_per_hex: 22", "km_per_hex: 0", False),
    ("map.yaml", "km_per_hex: 22", 'km_per_hex: "22"', False),
    ("map.yaml", "kind: major", "kind: Major", False),
    ("map.yaml", "{hex: [6, 2], level: 3,", "{hex: [6, 2], level: 6,", False),
    ("rules.yaml", "movement_class: tracked", "movement_class: hover", False),
    ("rules.yaml", "  forest:", "  forrest:", False),
    ("equipment.yaml", "caliber_mm: 85", "caliber_mm: 0", False),
]


@pytest.mark.parametrize("fname,old,new,accepted", EDITS, ids=[f"{e[0]}:{e[2]}" for e in EDITS])
def test_both_accept_or_both_refuse(tmp_path: Path, fname: str, old: str, new: str, accepted: bool) -> None:
    text = (TEST_SCENARIO / fname).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / fname
    path.write_text(text.replace(old, new), encoding="utf-8")
    data = load_yaml(path).data
    assert _verdicts(KIND_OF[fname], data) == (accepted, accepted)


@pytest.mark.parametrize("row", [
    "| `men` | int | required | 0 to 1,000,000 |",
    "| `experience` | float | `1.0` | 0.1 to 3 |",
    "| `caliber_mm` | float | required | > 0, <= 1,000 |",
    "| `id` | str | required | 1 to 64 characters; `^[a-z0-9_]+$` |",
    "| `hex` | [int, int] | required | each 0 to 2,147,483,647 |",
    "| `map_code` | str | required | exactly 1 character |",
])
def test_the_guide_shows_each_bound_the_validator_enforces(row: str) -> None:
    from game.scenario.docs import reference

    assert row in reference()
