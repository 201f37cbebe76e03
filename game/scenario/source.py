"""A scenario folder read into validated models, or every problem with it.

``read_scenario(path)`` loads scenario.yaml and each file it includes, validates each against
its model and then runs the cross-file checks (``checks.py``). Problems from all files are
collected before anything is raised, so a designer sees the whole list in one run.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from game.fileio import FileError, confined
from game.scenario.checks import check_parts
from game.scenario.loader import Path_, Problem, ScenarioError, SourceDoc, format_path, load_yaml
from game.scenario.schema import (
    EquipmentFile,
    MapFile,
    OrderOfBattleFile,
    RulesFile,
    ScenarioFile,
    Strict,
)

SCENARIO_FILE = "scenario.yaml"


M = TypeVar("M", bound=Strict)


@dataclass
class Loaded(Generic[M]):
    """One validated file: its model and the document it came from (for marks)."""

    model: M
    doc: SourceDoc


@dataclass
class ScenarioSource:
    """Every file of a scenario, validated; the input of ``build.build_state``."""

    root: Path
    scenario: Loaded[ScenarioFile]
    map: Loaded[MapFile]
    rules: Loaded[RulesFile]
    equipment: list[Loaded[EquipmentFile]] = field(default_factory=list)
    oobs: list[Loaded[OrderOfBattleFile]] = field(default_factory=list)


def scenario_file(path: Path) -> Path:
    """A scenario is named by its folder or its scenario.yaml (a name too long to look up is taken as a
    file, which reading then refuses in one line)."""
    try:
        folder = path.is_dir()
    except OSError:
        folder = False
    return path / SCENARIO_FILE if folder else path


def read_scenario(path: Path) -> ScenarioSource:
    """Load and check a whole scenario; raises ``ScenarioError`` listing every problem."""
    main = scenario_file(path)
    problems: list[Problem] = []
    scenario, doc = _load(main, ScenarioFile, problems)
    if not isinstance(doc.data, dict):
        raise ScenarioError(problems)
    base = main.parent
    # Follow the includes even when scenario.yaml itself has problems, to report theirs too.
    map_ = _include(base, doc, "map", MapFile, problems)
    rules = _include(base, doc, "rules", RulesFile, problems)
    equipment = _include_list(base, doc, "equipment", EquipmentFile, problems)
    oobs = _include_list(base, doc, "orders_of_battle", OrderOfBattleFile, problems)
    problems.extend(check_parts(scenario, map_, rules, equipment, oobs))
    if problems or scenario is None or map_ is None or rules is None or None in equipment or None in oobs:
        raise ScenarioError(problems)
    return ScenarioSource(base, scenario, map_, rules, equipment, oobs)  # type: ignore[arg-type]


def load_file(path: Path, model: type[M]) -> M:
    """One scenario file of a given kind, validated; raises ScenarioError (for tools and tests)."""
    problems: list[Problem] = []
    loaded, _doc = _load(path, model, problems)
    if loaded is None:
        raise ScenarioError(problems)
    return loaded.model


def declared_files(path: Path) -> list[Path]:
    """scenario.yaml and every file it includes that exists inside its folder, in a fixed order.

    What a save's digest covers: the files the game reads, not whatever else lies in the folder
    (notes, a folder named ``x.yaml``, a dangling link). Raises ``ScenarioError`` when
    scenario.yaml itself cannot be read. The names are cached by scenario.yaml's size and time,
    since every save and load asks and parsing the file costs more than hashing the parts.
    """
    main = scenario_file(path)
    try:
        st = main.stat()
        key: tuple[str, int, int] | None = (str(main.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    names = _DECLARED.get(key) if key else None
    if names is None:
        names = _declared_names(main)
        if key:
            _DECLARED[key] = names
    out = [main]
    for name in names:
        try:
            out.append(confined(main.parent, name))
        except FileError:
            continue
    return out


_DECLARED: dict[tuple[str, int, int], list[str]] = {}


def _declared_names(main: Path) -> list[str]:
    doc = load_yaml(main)
    if not isinstance(doc.data, dict):
        raise ScenarioError(doc.problems or [doc.problem((), "expected a mapping of keys")])
    names: list[Any] = [doc.data.get(k) for k in ("map", "rules")]
    names += [n for k in ("equipment", "orders_of_battle") for n in _as_list(doc.data.get(k))]
    return [n for n in names if isinstance(n, str)]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _include(base: Path, main: SourceDoc, key: str, model: type[Strict],
             problems: list[Problem]) -> Loaded[Any] | None:
    name = main.data.get(key)
    return _part(base, main, (key,), name, model, problems) if isinstance(name, str) else None


def _include_list(base: Path, main: SourceDoc, key: str, model: type[Strict],
                  problems: list[Problem]) -> list[Loaded[Any] | None]:
    names = main.data.get(key)
    if not isinstance(names, list):
        return [None]
    return [_part(base, main, (key, i), n, model, problems) if isinstance(n, str) else None
            for i, n in enumerate(names)]


def _part(base: Path, main: SourceDoc, at: Path_, name: str, model: type[Strict],
          problems: list[Problem]) -> Loaded[Any] | None:
    """One included file, read only when its path stays inside the scenario folder."""
    try:
        path = confined(base, name, "included file")
    except FileError as exc:
        problems.append(main.problem(at, exc.reason))
        return None
    return _load(path, model, problems)[0]


def _load(path: Path, model: type[M],
                     problems: list[Problem]) -> tuple[Loaded[M] | None, SourceDoc]:
    """Load and validate one file; its problems go to ``problems``."""
    doc = load_yaml(path)
    if doc.data is None and not doc.problems:
        doc.problems.append(doc.problem((), "the file holds no data; expected a mapping of keys"))
    problems.extend(doc.problems)
    if doc.data is None:
        return None, doc
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), f"expected a mapping of keys, got {type(doc.data).__name__}"))
        return None, doc
    try:
        loaded = Loaded(model.model_validate(doc.data), doc)
    except ValidationError as exc:
        # A value the loader already refused (a forbidden tag) needs no second message.
        known = {p.field for p in doc.problems}
        problems.extend(p for p in validation_problems(exc, doc, model) if p.field not in known)
        return None, doc
    return (loaded if not doc.problems else None), doc


# ------------------------------------------------------------ pydantic errors -> problems


def validation_problems(exc: ValidationError, doc: SourceDoc, model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into located, plain-language problems."""
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc: Path_ = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = err["type"]
        if kind == "missing":
            at = doc.problem(loc[:-1], f"missing required key '{loc[-1]}'")
            out.append(Problem(at.file, at.line, at.col, format_path(loc), at.message))
        elif kind == "extra_forbidden":
            out.append(doc.problem(loc, _unknown_key(str(loc[-1]), model, loc[:-1])))
        elif loc and loc[-1] == "[key]":
            out.append(doc.problem(loc[:-1], f"key {err['input']!r}: {err['msg']}"))
        else:
            out.append(doc.problem(loc, _message(err)))
    return out


def _message(err: Any) -> str:
    msg = err["msg"]
    value = err.get("input")
    if isinstance(value, (int, float, str, bool)) and len(repr(value)) <= 40:
        msg += f" (got {value!r})"
    return msg


def _unknown_key(key: str, model: type[BaseModel], parent: Path_) -> str:
    fields = _fields_at(model, parent)
    hint = ""
    if fields:
        close = difflib.get_close_matches(key, fields, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(fields)}"
    return f"unknown key '{key}'{hint}"


def _fields_at(model: type[BaseModel], path: Path_) -> list[str]:
    """The field names of the model found at ``path`` below ``model``, for suggestions."""
    tp: Any = model
    for part in path:
        tp = _unwrap_optional(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(part, str):
            info = tp.model_fields.get(part)
            if info is None:
                return []
            tp = info.annotation
        else:
            args = typing.get_args(_unwrap_optional(tp))
            tp = args[-1] if args else None
    tp = _unwrap_optional(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    return []


def _unwrap_optional(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        tp = args[0] if len(args) == 1 else tp
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp
