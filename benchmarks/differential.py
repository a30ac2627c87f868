"""A longer run of the warm-against-cold differential test (tests/differential.py): random
edit sequences, each step followed by `check`, a build into the site/ earlier steps left and a
clean build of a fresh copy, which must all agree.

    .venv/bin/python benchmarks/differential.py --steps 500 --seed 1
    .venv/bin/python benchmarks/differential.py --runs 10 --steps 50   # seeds 1..10

Exit status 1 and the steps that reproduce it on the first disagreement.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from differential import play  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=200, help="edits per run")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first run")
    parser.add_argument("--runs", type=int, default=1, help="runs, one seed each")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # MkDocs' warnings are compared, not shown
    for seed in range(args.seed, args.seed + args.runs):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="innomed-differential-") as folder:
            try:
                built = play(Path(folder) / "site-root", seed, args.steps)
            except AssertionError as problem:
                print(problem, file=sys.stderr)
                return 1
        seconds = time.perf_counter() - started
        print(f"seed {seed}: {args.steps} steps agree ({built} built) in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
