"""Each friendlier message of issue 16 in a designer's words, at the right line and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import line_of
from tests.scenario.test_errors import only, problems_of


def _column_text(path: Path, line: int, col: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[line - 1][col - 1:]


def test_undefined_alias_is_named(broken: Callable[..., Path]) -> None:
    path = broken(("oob_soviet.yaml", "    equipment: {zis3: 30, truck: 140, hmg_maxim: 100}", "    equipment: *kit"))
    p = only(problems_of(path), "")
    assert p.message == "undefined alias '*kit': no anchor '&kit' is defined above it"
    assert p.line == line_of(path / "oob_soviet.yaml", "*kit") and _column_text(path / "oob_soviet.yaml", p.line,
                                                                              p.col).startswith("*kit")


def test_a_tab_in_the_indentation_says_use_spaces(broken: Callable[..., Path]) -> None:
    path = broken(("map.yaml", "  - name: Brook\n    kind: minor", "  - name: Brook\n\tkind: minor"))
    p = only(problems_of(path), "")
    assert p.message == "tabs are not allowed; indent with spaces"
    assert p.line == line_of(path / "map.yaml", "\tkind: minor") and p.col == 1


def test_a_misspelt_key_is_pointed_at_the_key_not_its_value(broken: Callable[..., Path]) -> None:
    path = broken(("oob_soviet.yaml", "    men: 9000", "    mne: 9000"))
    p = only(problems_of(path), "units[0].mne")
    assert "did you mean 'men'" in p.message
    assert _column_text(path / "oob_soviet.yaml", p.line, p.col).startswith("mne: 9000")


def test_a_date_in_words_asks_for_yyyy_mm_dd(broken: Callable[..., Path]) -> None:
    path = broken(("scenario.yaml", "start_date: 1944-08-09", "start_date: 18 August 1944"))
    p = only(problems_of(path), "start_date")
    assert p.message == "expected a date written YYYY-MM-DD, e.g. 1944-08-09 (got '18 August 1944')"
    assert p.line == line_of(path / "scenario.yaml", "start_date")


def test_a_misspelt_terrain_name_in_the_rules_gets_a_suggestion(broken: Callable[..., Path]) -> None:
    path = broken(("rules.yaml", "  forest:", "  forrest:"))
    p = only(problems_of(path), "terrain.forrest")
    assert "did you mean 'forest'?" in p.message
    assert _column_text(path / "rules.yaml", p.line, p.col).startswith("forrest:")


def test_a_misspelt_enum_value_gets_a_suggestion(broken: Callable[..., Path]) -> None:
    path = broken(("rules.yaml", "close_terrain: [forest, mountains, urban]",
                   "close_terrain: [forest, montains, urban]"))
    p = only(problems_of(path), "fog.close_terrain[1]")
    assert "did you mean 'mountains'?" in p.message


def test_a_misspelt_unit_type_in_the_rules_gets_a_suggestion(broken: Callable[..., Path]) -> None:
    text = (Path(broken()) / "rules.yaml").read_text(encoding="utf-8")
    assert "supply:" in text
    path = broken(("rules.yaml", "supply:\n", "supply:\n  transport_types: [tank_brigada]\n"), name="typo")
    p = only(problems_of(path), "supply.transport_types[0]")
    assert p.message == "unknown unit type 'tank_brigada'; did you mean 'tank_brigade'?"
    assert p.line == line_of(path / "rules.yaml", "tank_brigada")


def test_a_missing_include_is_reported_at_the_line_naming_it(broken: Callable[..., Path]) -> None:
    path = broken(("scenario.yaml", "orders_of_battle: [oob_soviet.yaml, oob_japan.yaml]",
                   "orders_of_battle: [oob_soviet.yaml, oob_japn.yaml]"))
    p = only(problems_of(path), "orders_of_battle[1]")
    assert p.file.endswith("scenario.yaml") and p.line == line_of(path / "scenario.yaml", "oob_japn.yaml")
    assert p.message == "no file 'oob_japn.yaml' next to scenario.yaml; did you mean 'oob_japan.yaml'?"
    assert _column_text(path / "scenario.yaml", p.line, p.col).startswith("oob_japn.yaml")
