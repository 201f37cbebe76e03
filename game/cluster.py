"""Where many simulated games run: this machine's cores, or an existing Dask cluster.

`simulate --runs N` hands each seed to an executor. By default that is a process pool with one
worker per core; with `--scheduler ADDRESS` (the optional `cluster` extra:
`pip install -e ".[cluster]"`) it is dask.distributed's executor on the cluster at that
address, for designers who outgrow one machine. Both are `concurrent.futures.Executor`s, so
the caller does not care which.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager


class ClusterError(Exception):
    """The cluster cannot be used; one line for the designer."""


@contextmanager
def executor(scheduler: str | None = None, workers: int | None = None,
             connect_timeout_s: float = 10) -> Iterator[Executor]:
    """A local process pool, or a Dask cluster's executor when ``scheduler`` is given."""
    if scheduler is None:
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            yield pool
        return
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError('--scheduler needs the cluster extra: pip install -e ".[cluster]"') from exc
    try:
        client = Client(scheduler, timeout=f"{connect_timeout_s}s")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        with client.get_executor() as pool:
            yield pool
    finally:
        client.close()
