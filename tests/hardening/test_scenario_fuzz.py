"""Hostile and broken scenario files: every case ends in a valid load or located messages, fast.

Never a traceback, a hang or a memory blow-up. The tests print how many cases they tried.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.paths import TEST_SCENARIO
from game.scenario.loader import ScenarioError
from game.scenario.source import read_scenario

FILES = ["scenario.yaml", "map.yaml", "rules.yaml", "equipment.yaml", "oob_soviet.yaml", "oob_japan.yaml"]
TRIED = {"cases": 0}


def check_one(folder: Path) -> None:
    """Load and demand a clean outcome: success, or ScenarioError with located one-line problems."""
    TRIED["cases"] += 1
    t0 = time.perf_counter()
    try:
        read_scenario(folder)
    except ScenarioError as exc:
        assert exc.problems
        for p in exc.problems:
            text = str(p)
            assert "\n" not in text and p.line >= 1 and p.col >= 1 and p.file, text
    assert time.perf_counter() - t0 < 1.0, "a case took over a second"


def fresh(tmp: Path) -> Path:
    dest = tmp / f"case{TRIED['cases']}"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(TEST_SCENARIO, dest)
    return dest


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=20))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                          st.dictionaries(st.text(max_size=8), inner, max_size=5)),
                         max_leaves=30)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.sampled_from(FILES), documents)
def test_random_documents_in_place_of_a_file(tmp_path: Path, name: str, doc: object) -> None:
    folder = fresh(tmp_path)
    (folder / name).write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    check_one(folder)


@SETTINGS
@given(st.sampled_from(FILES), st.data())
def test_truncated_and_mutated_files(tmp_path: Path, name: str, data: st.DataObject) -> None:
    folder = fresh(tmp_path)
    raw = (folder / name).read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(max_size=20))
    at = data.draw(st.integers(0, cut))
    (folder / name).write_bytes(raw[:at] + junk + raw[at:cut])
    check_one(folder)


@SETTINGS
@given(st.sampled_from(FILES), st.data())
def test_values_replaced_by_wrong_types_and_huge_numbers(tmp_path: Path, name: str, data: st.DataObject) -> None:
    folder = fresh(tmp_path)
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    candidates = [i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")]
    i = data.draw(st.sampled_from(candidates))
    key = lines[i].split(": ", 1)[0]
    value = data.draw(st.sampled_from(["-1", "1e308", "99999999999999999999999", "[]", "{}", "~", "true",
                                       "'ünïcödé ☃'", "[[[[[[[[1]]]]]]]]", "!!binary aGVsbG8=", "*undefined",
                                       "&a [1, *a]", "!!python/name:os.system", "0x1F", ".nan", "-.inf"]))
    lines[i] = f"{key}: {value}"
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    check_one(folder)


def test_named_hostile_cases(tmp_path: Path) -> None:
    deep = "a: " + "[" * 5000 + "]" * 5000
    laughs = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
                       + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)])
    cases = {
        "deep nesting": deep,
        "billion laughs": laughs,
        "python tag": "x: !!python/object/apply:os.system ['echo pwned']",
        "custom tag": "x: !secret 12",
        "empty": "",
        "only a comment": "# nothing\n",
        "a list": "- 1\n- 2\n",
        "tabs": "width:\t12\n",
        "duplicate anchors": "a: &x 1\nb: &x 2\nc: *x\n",
        "merge of a scalar": "a: &x 1\nb:\n  <<: *x\n",
        "complex key": "? [1, 2]\n: 3\n",
        "nul bytes": "width: 12\x00\n",
    }
    for label, text in cases.items():
        for name in ("map.yaml", "scenario.yaml"):
            folder = fresh(tmp_path)
            (folder / name).write_text(text, encoding="utf-8")
            check_one(folder)
            assert label  # each label is a case
    folder = fresh(tmp_path)
    (folder / "map.yaml").unlink()
    (folder / "map.yaml").mkdir()
    check_one(folder)
    folder = fresh(tmp_path)
    (folder / "rules.yaml").unlink()
    check_one(folder)


def test_report_how_many_cases(capsys) -> None:  # runs last in this module: pytest keeps file order
    with capsys.disabled():
        print(f"\nscenario fuzzing: {TRIED['cases']} cases tried")
    assert TRIED["cases"] >= 150
