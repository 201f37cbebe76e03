"""The valid part of a file that failed validation, so the cross-file checks can still run on it.

A designer with a typo in one unit should still hear about the duplicate id three units further
down and the unknown equipment in the next file, in the same run. So when a file does not
validate, we drop the smallest pieces that hold its errors (a list item, an entry of a map such
as ``unit_types``, an unknown key) and validate again, a few rounds at most. The model of what
is left goes to the cross-file checks with a copy of the document whose marks follow the
dropped items, so every later problem still names the right line. Nothing salvaged is ever
played: a file with errors still stops the scenario from loading.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from game.scenario.loader import Mark, Path_, Problem, SourceDoc
from game.scenario.schema_base import validate_model

MAX_ROUNDS = 8
# Required top-level keys no check across files reads, so their example may stand in for a bad value.
STAND_INS = frozenset({"format", "id", "name", "start_date", "km_per_hex"})


@dataclass
class Salvaged:
    """The model of what was left, its document (marks renumbered) and what was dropped."""

    model: BaseModel
    doc: SourceDoc
    dropped: list[Path_] = field(default_factory=list)  # in the original file's numbering


class _Pruner:
    """Deletes pieces of a deep copy of the data while remembering where each list item came from."""

    def __init__(self, data: Any, model: type[BaseModel]):
        self.data = copy.deepcopy(data)
        self.model = model
        self.origin: dict[int, list[int]] = {}  # id(list) -> original index of each item left
        self.dropped: list[Path_] = []

    def _get(self, path: Path_) -> Any:
        node = self.data
        for part in path:
            inside = isinstance(node, dict) and part in node
            if inside or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
                node = node[part]
            else:
                return None
        return node

    def prune(self, loc: Path_) -> Path_ | None:
        """Drop the deepest list item or map entry (or unknown key) on ``loc``; returns its path (before the
        drop), or None when nothing on ``loc`` may go."""
        for k in range(len(loc) - 1, -1, -1):
            container, key = self._get(loc[:k]), loc[k]
            if isinstance(container, list) and isinstance(key, int) and 0 <= key < len(container):
                origin = self.origin.setdefault(id(container), list(range(len(container))))
                self.dropped.append(self.original(loc[:k]) + (origin[key],))
                del container[key]
                del origin[key]
                return loc[:k + 1]
            if isinstance(container, dict) and key in container:
                fields = model_fields_at(self.model, loc[:k])
                if k == 0 and isinstance(key, str) and key in fields:
                    return self._stand_in(key)
                if fields and key in fields:
                    continue  # a field of a model: drop the item that holds it instead
                self.dropped.append(self.original(loc[:k]) + (key,))
                del container[key]
                return loc[:k + 1]
        return None

    def _stand_in(self, key: str) -> Path_ | None:
        """A bad top-level value: its default, or its documented example where no check across files
        reads it (a misspelt date must not hide the rest of the file)."""
        info = self.model.model_fields[key]
        if not info.is_required():
            del self.data[key]
        elif key in STAND_INS and info.examples:
            self.data[key] = info.examples[0]
        else:
            return None
        self.dropped.append((key,))
        return (key,)

    def original(self, path: Path_) -> Path_:
        """``path`` in the pruned data -> the same item's path in the file."""
        out: list[str | int] = []
        node = self.data
        for part in path:
            if isinstance(node, list) and isinstance(part, int):
                out.append(self.origin.get(id(node), range(len(node)))[part])
                node = node[part]
            else:
                out.append(part)
                node = node.get(part) if isinstance(node, dict) else None
        return tuple(out)


class SalvagedDoc(SourceDoc):
    """The pruned data with the file's marks: paths in the model's numbering are turned back into the
    file's before anything is located, so a problem names ``units[3]`` as the file has it."""

    def __init__(self, original: SourceDoc, data: Any, to_file: Callable[[Path_], Path_]):
        super().__init__(original.file, data, original.marks, original.string_offsets, original.key_marks)
        self.original = original
        self.to_file = to_file

    def mark(self, path: Path_) -> Mark:
        return self.original.mark(self.to_file(path))

    def problem(self, path: Path_, message: str, char: int | None = None) -> Problem:
        return self.original.problem(self.to_file(path), message, char)

    def key_problem(self, path: Path_, message: str) -> Problem:
        return self.original.key_problem(self.to_file(path), message)


def salvage(doc: SourceDoc, model: type[BaseModel], exc: ValidationError) -> Salvaged | None:
    """The largest simply-found valid part of ``doc.data``, or None when a required key itself is bad."""
    pruner = _Pruner(doc.data, model)
    for _ in range(MAX_ROUNDS):
        locs = sorted({_clean(e["loc"]) for e in exc.errors(include_url=False)}, key=_deepest_first)
        # later items first, so deleting one list item does not move the next error's item
        gone: list[Path_] = []
        for loc in locs:
            if any(loc[:len(g)] == g for g in gone):
                continue  # its item is already dropped
            at = pruner.prune(loc)
            if at is None:
                return None
            gone.append(at)
        try:
            valid = validate_model(model, pruner.data)
        except ValidationError as again:
            exc = again
            continue
        return Salvaged(valid, SalvagedDoc(doc, pruner.data, pruner.original), pruner.dropped)
    return None


def _clean(loc: tuple[Any, ...]) -> Path_:
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))


def _deepest_first(loc: Path_) -> tuple[Any, ...]:
    """Later list items before earlier ones, so each deletion leaves the other paths valid."""
    return tuple((0, -p) if isinstance(p, int) else (1, str(p)) for p in loc)


def model_fields_at(model: type[BaseModel], path: Path_) -> list[str]:
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
