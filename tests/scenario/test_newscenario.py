"""new-scenario: a fresh folder that validates, whose files still find their schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.paths import SCENARIOS
from game.scenario.newscenario import SCHEMA_LINE, NewScenarioError, create
from game.scenario.source import read_scenario


def schema_targets(folder: Path) -> list[Path]:
    out = []
    for path in folder.rglob("*.yaml"):
        match = SCHEMA_LINE.search(path.read_text(encoding="utf-8"))
        assert match, f"{path} lost its $schema line"
        out.append((path.parent / match["path"]).resolve())
    return out


def test_from_the_template(tmp_path: Path) -> None:
    dest = create("steppe_raid", dest=tmp_path / "deep" / "steppe_raid")
    src = read_scenario(dest)
    assert src.scenario.model.id == "steppe_raid" and src.scenario.model.name == "Steppe raid"
    assert all(t.is_file() for t in schema_targets(dest))


def test_copy_of_manchuria_keeps_its_geography_working(tmp_path: Path) -> None:
    from game.scenario import mapgen

    dest = create("manchuria_variant", SCENARIOS / "manchuria_1944", tmp_path / "manchuria_variant")
    assert read_scenario(dest).scenario.model.id == "manchuria_variant"
    assert all(t.is_file() for t in schema_targets(dest))
    assert mapgen.check(dest) == []


def test_refusals(tmp_path: Path) -> None:
    with pytest.raises(NewScenarioError, match="lower-case"):
        create("Bad Name", dest=tmp_path / "x")
    create("once", dest=tmp_path / "once")
    with pytest.raises(NewScenarioError, match="already exists"):
        create("once", dest=tmp_path / "once")
    with pytest.raises(NewScenarioError, match=r"no scenario\.yaml"):
        create("nothing", tmp_path / "empty", tmp_path / "y")
