"""Answers of pure rule functions, kept while one computer player plans and plays its phase.

Why: a hard phase asks the same questions many times over. Its look-ahead rehearses the phase in
two or three styles, each answered by the enemy, and the engine checks every move again. Measured
on the first six turns of a hard game (seed 1): 88 % of the units' movement searches and half of
the supply traces repeated one made earlier in the same phase, on the same inputs.

Only inside ``kept()`` is anything remembered, and only for as long as the block runs: the scenario
cannot change under it (a live reload, a test that swaps a rule), and nothing outlives the phase.
Outside a block every call computes afresh. A table's key must hold every input of the answer
(the caller builds it), so a game plays the same with or without the memo; the answers are shared,
so they are made read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")
LIMIT = 50_000  # answers kept per table before it starts afresh (a phase keeps a few thousand)

_tables: ContextVar[dict[str, dict[Hashable, Any]] | None] = ContextVar("memo_tables", default=None)


@contextmanager
def kept() -> Iterator[None]:
    """Remember answers until the block ends; a block inside another shares the outer one's answers."""
    if _tables.get() is not None:
        yield
        return
    token = _tables.set({})
    try:
        yield
    finally:
        _tables.reset(token)


def table(name: str) -> dict[Hashable, Any] | None:
    """The named table of the running ``kept()`` block, or None outside one."""
    tables = _tables.get()
    if tables is None:
        return None
    store = tables.setdefault(name, {})
    if len(store) >= LIMIT:
        store.clear()
    return store


def recall(name: str, key: Callable[[], Hashable], compute: Callable[[], T]) -> T:
    """``compute()``, or the answer it gave for the same key earlier in the block. ``key`` is only
    called inside a block (building it has a cost)."""
    store = table(name)
    if store is None:
        return compute()
    k = key()
    if k not in store:
        store[k] = compute()
    return store[k]  # type: ignore[no-any-return]


def frozen(a: np.ndarray) -> np.ndarray:
    """Make a shared answer read-only (so that a caller who writes into it fails loudly); returns it."""
    a.flags.writeable = False
    return a
