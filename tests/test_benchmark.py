"""The scale benchmark runs end to end and reports every figure; its timings are never asserted
(they depend on the machine), only that each metric is there."""

import json
import subprocess
import sys

import pytest

from conftest import REPO

BENCH = REPO / "benchmarks/bench.py"


@pytest.mark.build
def test_benchmark_reports_every_metric_at_a_tiny_size(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench import METRICS

    results_file = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, str(BENCH), "--sizes", "3", "--no-serve", "--no-real"]
        + ["--json", str(results_file)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(results_file.read_text(encoding="utf-8"))
    (size,) = results["sizes"]
    assert size["projects"] == 3
    assert set(METRICS) <= set(size), set(METRICS) - set(size)
    assert all(isinstance(size[key], (int, float)) for key in METRICS)
    assert size["project_html_kb"] > 20  # full-length bodies, not a few sentences
    assert "| check, first run (s) |" in run.stdout  # the markdown table
