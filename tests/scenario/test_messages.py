"""Each friendlier message of issue 16 in a designer's words, at the right line and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("fname,old,new,field,hint", [
    ("oob_soviet.yaml", "    men: 9000", "    mne: 9000", "units[0].mne", "did you mean 'men'"),
    ("rules.yaml", "  forest:", "  forrest:", "terrain.forrest", "did you mean 'forest'?"),  # a terrain name
], ids=["key", "terrain name"])
def test_a_misspelt_key_gets_a_suggestion_pointed_at_the_key_not_its_value(
        broken: Callable[..., Path], fname: str, old: str, new: str, field: str, hint: str) -> None:
    path = broken((fname, old, new))
    p = only(problems_of(path), field)
    assert hint in p.message
    assert _column_text(path / fname, p.line, p.col).startswith(new.strip())


WORDED = [  # (file, old, new, field, message, text at the reported line and column)
    ("scenario.yaml", "start_date: 1944-08-09", "start_date: 18 August 1944", "start_date",
     "expected a date written YYYY-MM-DD, e.g. 1944-08-09 (got '18 August 1944')", "18 August 1944"),
    ("rules.yaml", "close_terrain: [forest, mountains, urban]", "close_terrain: [forest, montains, urban]",
     "fog.close_terrain[1]", "Input should be 'clear', 'steppe', 'desert', 'forest', 'hills', 'mountains', 'marsh', "
     "'urban', 'sea' or 'lake' (got 'montains'); did you mean 'mountains'?", "montains"),
    ("rules.yaml", "supply:\n", "supply:\n  transport_types: [tank_brigada]\n", "supply.transport_types[0]",
     "unknown unit type 'tank_brigada'; did you mean 'tank_brigade'?", "tank_brigada"),
    ("scenario.yaml", "orders_of_battle: [oob_soviet.yaml, oob_japan.yaml]",
     "orders_of_battle: [oob_soviet.yaml, oob_japn.yaml]", "orders_of_battle[1]",  # at the including line
     "no file 'oob_japn.yaml' next to scenario.yaml; did you mean 'oob_japan.yaml'?", "oob_japn.yaml"),
]


@pytest.mark.parametrize("fname,old,new,field,message,at", WORDED, ids=["date", "enum", "unit type", "include"])
def test_a_message_in_the_designers_words(broken: Callable[..., Path], fname: str, old: str, new: str,
                                          field: str, message: str, at: str) -> None:
    path = broken((fname, old, new))
    p = only(problems_of(path), field)
    assert p.message == message and p.file.endswith(fname)
    assert _column_text(path / fname, p.line, p.col).startswith(at)


def test_an_alias_inside_its_own_anchor_is_refused_by_name(broken: Callable[..., Path]) -> None:
    path = broken(("scenario.yaml", "night_turns: [1]", "night_turns: &n [1, *n]"))
    p = only(problems_of(path), "special_rules.night_turns[1]")
    assert p.message == "an alias cannot refer to the list or mapping it is inside"


def test_a_number_in_quotes_is_told_to_drop_them(broken: Callable[..., Path]) -> None:
    quoted = only(problems_of(broken(("oob_soviet.yaml", "men: 9000", 'men: "9000"'))), "units[0].men")
    assert quoted.message.endswith("(got '9000'); write numbers and true/false without quotes")
    word = only(problems_of(broken(("oob_soviet.yaml", "men: 9000", "men: lots"), name="word")), "units[0].men")
    assert "quotes" not in word.message
