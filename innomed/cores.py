"""The page-by-page steps on every core.

Making the entry pages for `check`, and fixing, checking and indexing the built HTML, each
handle thousands of pages at 5,000 projects; on a large site the pages are handed to forked
processes, a chunk at a time, and the results come back in the pages' order, so the output
does not depend on how many cores did the work.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

# multiprocessing and concurrent.futures are imported where they are used: together they
# are a tenth of the time `check` takes on the real site, which never forks.

WORTH_FORKING = 200  # pages; below this, starting the workers costs more than it saves


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def default_workers() -> int:
    """Processes that render pages: every core (INNOMED_WORKERS overrides, 1 = MkDocs' own
    single-process build)."""
    value = os.environ.get("INNOMED_WORKERS", "")
    return max(1, int(value)) if value.isdigit() else max(1, os.cpu_count() or 1)


def worth_forking(processes: int, jobs: Sequence, minimum: int | None) -> bool:
    """Whether `jobs` go to forked processes; `minimum` defaults to WORTH_FORKING as it is
    when called (tests lower it to fork on a small site)."""
    floor = WORTH_FORKING if minimum is None else minimum
    return processes >= 1 and len(jobs) >= floor and can_fork()


def map_in_order(
    function: Callable[[Any], Any],
    jobs: Sequence,
    workers: int,
    minimum: int | None = None,
) -> Iterator:
    """`function(job)` for every job, in order: on `workers` forked processes when there are
    at least `minimum` jobs, else in this process. The caller must read every result."""
    if workers <= 1 or not worth_forking(workers, jobs, minimum):
        yield from map(function, jobs)
        return
    with forked_pool(workers) as pool:
        yield from pool.map(function, jobs, chunksize=32)


@contextmanager
def in_background(
    function: Callable[[Any], Any],
    jobs: Sequence,
    helpers: int,
    minimum: int | None = None,
) -> Iterator[Iterator]:
    """map_in_order on `helpers` forked processes, started at once: this process does other
    work inside the `with` meanwhile (it is one of the cores), then reads the results in
    order. Below `minimum` jobs, or with no helpers, the jobs run in this process when the
    results are read."""
    if not worth_forking(helpers, jobs, minimum):
        yield map(function, jobs)
        return
    # The helpers inherit this process's objects; moved out of the collector's reach, they
    # are not all touched (and so copied) by each helper's first garbage collection.
    gc.freeze()
    try:
        with forked_pool(helpers) as pool:
            yield pool.map(function, jobs, chunksize=32)
    finally:
        gc.unfreeze()


def forked_pool(workers: int):
    """A process pool whose workers are forks of this process: they inherit its objects."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
