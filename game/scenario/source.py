"""A scenario folder read into validated models, or every problem with it.

``read_scenario(path)`` loads scenario.yaml and each file it includes, validates each against
its model and then runs the cross-file checks (``checks.py``). Problems from all files are
collected before anything is raised, so a designer sees the whole list in one run.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from game.fileio import FileError, confined
from game.scenario.checks import check_parts
from game.scenario.loader import (
    ERROR,
    NOTE,
    Path_,
    Problem,
    ScenarioError,
    SourceDoc,
    format_path,
    load_yaml,
)
from game.scenario.salvage import model_fields_at, salvage
from game.scenario.schema import (
    EquipmentFile,
    MapFile,
    OrderOfBattleFile,
    RulesFile,
    ScenarioFile,
    Strict,
)
from game.scenario.schema_base import validate_model

SCENARIO_FILE = "scenario.yaml"


M = TypeVar("M", bound=Strict)


@dataclass
class Loaded(Generic[M]):
    """One validated file: its model and the document it came from (for marks).

    A ``partial`` one had errors: its model holds only the items that validated (``dropped`` names
    the others, as the file numbers them) and ``raw`` is the file as written, for checks such as
    duplicate ids that must see every item. Partial files only feed checks, never a game.
    """

    model: M
    doc: SourceDoc
    partial: bool = False
    raw: SourceDoc | None = None
    dropped: list[Path_] = field(default_factory=list)

    @property
    def source(self) -> SourceDoc:
        """The document as written (marks in the file's own numbering)."""
        return self.raw or self.doc


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
    found, skipped = check_parts(scenario, map_, rules, equipment, oobs)
    problems.extend(found)
    problems.extend(_skipped_notes(doc, skipped))
    problems.extend(_dropped_notes([scenario, map_, rules, *equipment, *oobs]))
    parts = [scenario, map_, rules, *equipment, *oobs]
    order = {f: i for i, f in enumerate(dict.fromkeys(p.file for p in problems))}
    problems.sort(key=lambda p: (p.severity != ERROR, order[p.file], p.line, p.col))  # file by file, top down
    if any(p.severity == ERROR for p in problems) or any(p is None or p.partial for p in parts):
        raise ScenarioError(problems)
    return ScenarioSource(base, scenario, map_, rules, equipment, oobs)  # type: ignore[arg-type]


def _skipped_notes(doc: SourceDoc, skipped: dict[str, list[str]]) -> list[Problem]:
    """One note per file that could not be read: the checks that wait for it, at the line naming it."""
    out = []
    for part, checks in skipped.items():
        if not checks:
            continue
        named = doc.data.get(part) if isinstance(doc.data, dict) else None
        what = named if isinstance(named, str) else {"scenario": "scenario.yaml"}.get(
            part, f"every {part.replace('_', ' ')} file")
        text = f"not checked until {what} loads: {'; '.join(checks)}"
        where = doc.problem((part,), text) if part != "scenario" else Problem(doc.file, 1, 1, "", text)
        out.append(replace(where, severity=NOTE))
    return out


def _dropped_notes(parts: list[Loaded[Any] | None]) -> list[Problem]:
    """A note per file whose items with errors were left out of the checks across files."""
    out = []
    for part in parts:
        if part is None or not part.dropped:
            continue
        items = ", ".join(format_path(p) for p in part.dropped[:8]) + (" ..." if len(part.dropped) > 8 else "")
        out.append(Problem(part.source.file, 1, 1, "", f"left out of the checks across files until their errors "
                                                        f"above are fixed: {items}", NOTE))
    return out


def load_file(path: Path, model: type[M]) -> M:
    """One scenario file of a given kind, validated; raises ScenarioError (for tools and tests)."""
    problems: list[Problem] = []
    loaded, _doc = _load(path, model, problems)
    if loaded is None or loaded.partial:
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
    if path.is_dir():
        problems.append(main.problem(at, f"'{name}' is a folder; name a YAML file in it"))
        return None
    if not path.exists():  # reported where scenario.yaml names it, with the likeliest intended file
        here = sorted(p.name for p in base.glob("*.yaml")) if base.is_dir() else []
        close = difflib.get_close_matches(name, here, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else (f" (files here: {', '.join(here)})" if here else "")
        problems.append(main.problem(at, f"no file '{name}' next to {Path(main.file).name}{hint}"))
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
        loaded = Loaded(validate_model(model, doc.data), doc, partial=bool(doc.problems))
    except ValidationError as exc:
        # A value the loader already refused (a forbidden tag) needs no second message.
        known = {p.field for p in doc.problems}
        problems.extend(p for p in validation_problems(exc, doc, model) if p.field not in known)
        part = salvage(doc, model, exc)
        if part is None:
            return None, doc
        return Loaded(part.model, part.doc, True, doc, part.dropped), doc  # type: ignore[arg-type]
    return loaded, doc


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
            out.append(doc.key_problem(loc, _unknown_key(str(loc[-1]), model, loc[:-1])))
        elif loc and loc[-1] == "[key]":
            out.append(doc.key_problem(loc[:-1], f"key {err['input']!r}: {err['msg']}{_did_you_mean(err)}"))
        else:
            out.append(doc.problem(loc, _message(err)))
    return out


def _message(err: Any) -> str:
    msg = err["msg"]
    value = err.get("input")
    if err["type"].startswith(("date_", "datetime_")):
        msg = "expected a date written YYYY-MM-DD, e.g. 1944-08-09"
    if isinstance(value, (int, float, str, bool)) and len(repr(value)) <= 40:
        msg += f" (got {value!r})"
    if err["type"] in ("int_type", "float_type", "bool_type") and _plain_word(value):
        msg += "; write numbers and true/false without quotes"
    return msg + _did_you_mean(err)


def _plain_word(value: Any) -> bool:
    """A string YAML would have read as a number or a boolean without its quotes: "800", "true"."""
    if not isinstance(value, str):
        return False
    try:
        float(value)
    except ValueError:
        return value.strip().lower() in ("true", "false")
    return True


def _did_you_mean(err: Any) -> str:
    """For a word outside a fixed list (a terrain kind, a symbol), the listed word it is most like."""
    if err["type"] != "enum" or not isinstance(err.get("input"), str):
        return ""
    allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
    close = difflib.get_close_matches(err["input"], allowed, n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


def _unknown_key(key: str, model: type[BaseModel], parent: Path_) -> str:
    fields = model_fields_at(model, parent)
    hint = ""
    if fields:
        close = difflib.get_close_matches(key, fields, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(fields)}"
    return f"unknown key '{key}'{hint}"
