"""The page-by-page steps on every core.

Fixing, checking and indexing the built HTML each handle thousands of pages at 5,000
projects; on a large site the pages are handed to forked processes, a chunk at a time, and
the results come back in the pages' order, so the output does not depend on how many cores
did the work (tests/test_render_parallel.py compares one worker with several).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
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


def forked_pool(workers: int):
    """A process pool whose workers are forks of this process: they inherit its objects."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
