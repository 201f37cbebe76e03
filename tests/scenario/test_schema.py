"""The committed JSON Schema matches the models, describes every field, and files point at it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game.paths import ROOT, SCENARIOS
from game.scenario.jsonschema import MODELS, schema_dict, schema_json


@pytest.mark.parametrize("kind", list(MODELS))
def test_committed_schema_is_current(kind: str) -> None:
    committed = (SCENARIOS / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(kind), f"run `make schema`: scenarios/schema/{kind}.schema.json is stale"


def _undescribed(node: Any, path: str = "") -> list[str]:
    out = []
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            if "description" not in prop:
                out.append(f"{path}.{name}")
        for key, value in node.items():
            out += _undescribed(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _undescribed(value, f"{path}[{i}]")
    return out


@pytest.mark.parametrize("kind", list(MODELS))
def test_every_field_has_a_description(kind: str) -> None:
    assert _undescribed(schema_dict(kind)) == []


def test_every_scenario_file_names_its_schema() -> None:
    files = [p for p in list(SCENARIOS.rglob("*.yaml")) + list((ROOT / "tests" / "data").rglob("*.yaml"))]
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: {target} does not exist"
        json.loads(target.read_text())
