"""Every field of every scenario model has a description and a valid example; the README reference is current.

Editors show the description and the first example while a designer types, and the README's key
reference prints them, so a field without either, or with an example the validator would reject,
is a bug in the guide.
"""

from __future__ import annotations

import typing
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

from game.paths import SCENARIOS
from game.scenario.docs import readme_reference, reference
from game.scenario.jsonschema import MODELS


def _models_in(tp: Any) -> list[type[BaseModel]]:
    """Models named anywhere in an annotation: inside list, dict, tuple, Optional, unions and Annotated."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    return [m for arg in typing.get_args(tp) for m in _models_in(arg)]


def _reachable() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo = list(MODELS.values())
    while todo:
        model = todo.pop(0)
        if model in seen:
            continue
        seen.append(model)
        for info in model.model_fields.values():
            todo += _models_in(info.annotation)
    return seen


FIELDS: list[tuple[type[BaseModel], str, FieldInfo]] = [
    (model, name, info) for model in _reachable() for name, info in model.model_fields.items()]


def test_walk_finds_nested_models() -> None:
    names = {model.__name__ for model in _reachable()}
    # nested in a list, a dict value, an Optional and a plain field respectively
    assert {"SideDef", "UnitType", "CombatRules", "CloseAssaultRules", "Border", "ControlRegion"} <= names
    assert len(FIELDS) > 200


@pytest.mark.parametrize(("model", "name", "info"), FIELDS, ids=[f"{m.__name__}.{n}" for m, n, _ in FIELDS])
def test_field_has_description_and_valid_examples(model: type[BaseModel], name: str, info: FieldInfo) -> None:
    assert info.description and info.description.strip(), f"{model.__name__}.{name} has no description"
    assert info.examples, f"{model.__name__}.{name} has no example"
    # the field's type with its constraints (ge, pattern, min_length ...), as the model validates it
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    for example in info.examples:
        adapter.validate_python(example)


def test_readme_reference_is_current() -> None:
    assert readme_reference(SCENARIOS / "README.md") == reference(), \
        "run `make schema`: the key reference in scenarios/README.md is stale"
