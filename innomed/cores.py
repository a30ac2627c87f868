"""The build's page-by-page steps on every core.

Fixing, checking and indexing the built HTML each read thousands of pages at 5,000 projects;
on a large site the pages are handed to forked processes, a chunk at a time, and the results
come back in the pages' order, so the output does not depend on how many cores did the work.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

WORTH_FORKING = 200  # pages; below this, starting the workers costs more than it saves


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_in_order(
    function: Callable[[Any], Any],
    jobs: Sequence,
    workers: int,
    minimum: int = WORTH_FORKING,
) -> Iterator:
    """`function(job)` for every job, in order: on `workers` forked processes when there are
    at least `minimum` jobs, else in this process. The caller must read every result."""
    if workers <= 1 or len(jobs) < minimum or not can_fork():
        yield from map(function, jobs)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(function, jobs, chunksize=32)
