"""Speed and size of the generator, as ratios against baselines measured in the same run.

    .venv/bin/python benchmarks/bench.py            # full run (~2 minutes on 2 cores)
    .venv/bin/python benchmarks/bench.py --quick    # smaller archive sizes

Not part of `make test`: timings vary from machine to machine, so tests never assert on them.
What is compared:
- build scaling: the same site with 10x more projects should take about 10x longer, not
  100x (Material renders the nav into every page; keeping projects out of it keeps this linear);
- page size: a project page's HTML with our nav, against a baseline build that lists every
  project in the sidebar (the MkDocs default this generator avoids);
- check: validating the real content, against bare Python start-up;
- preview: seconds from saving a file to the new text being served.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import make_scratch_site  # noqa: E402  (the test suite's minimal site)

PROJECT = """---
title: Benchmarkprosjekt {n:04}
summary: Et syntetisk prosjekt nummer {n} for måling av byggetid.
kind: Prosjektbeskrivelse
status: Pågående
regions: [{region}]
owner: Helse Testfjord
patient_groups: [Eldre med skrøpelighet]
themes: [Pasientforløp]
support:
  - type: Skreddersydd innovasjonsrådgivning
    round: 2025-S{round}
---
## Prosjektbeskrivelse

Tekst om prosjekt {n}. {filler}
"""
REGIONS = ["Nord", "Midt-Norge", "Sør-Øst", "Vest"]


def scratch_site(count: int, folder: Path) -> Path:
    make_scratch_site(folder)
    filler = "Prosjektet samarbeider på tvers av kommune og sykehus. " * 20
    for n in range(count):
        (folder / "projects" / f"benchmarkprosjekt-{n:04}.md").write_text(
            PROJECT.format(n=n, region=REGIONS[n % 4], round=n % 3 + 1, filler=filler),
            encoding="utf-8",
        )
    return folder


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def build_seconds(root: Path) -> float:
    return timed([sys.executable, str(REPO / "build.py"), "build", "--root", str(root)], root)


def project_page_bytes(root: Path) -> float:
    pages = list((root / "site/prosjekt").glob("benchmarkprosjekt-*/index.html"))
    return statistics.mean(page.stat().st_size for page in pages)


def with_every_project_in_nav(root: Path) -> None:
    """The baseline: the MkDocs default of listing every page in the sidebar."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    entries = "".join(
        f"      - prosjekt/{p.stem}.md\n" for p in sorted((root / "projects").glob("*.md"))
    )
    config = config.replace(
        "      - Fra A til Å: prosjekt/alfabetisk.md\n",
        "      - Fra A til Å: prosjekt/alfabetisk.md\n" + entries,
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


def real_site_copy(folder: Path) -> Path:
    """The committed real content, copied so the benchmark can edit it."""
    files = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    for name in filter(None, files):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / name).is_file():
            target.write_bytes((REPO / name).read_bytes())
    return folder


def preview_refresh_seconds(root: Path, slug: str = "benchmarkprosjekt-0000") -> float:
    """Save an edit to one project and time until the preview serves the new text."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/prosjekt/{slug}/"
    path = root / f"projects/{slug}.md"
    marker = "Redigert i forhåndsvisningen."

    def served() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 120
        while "<h1" not in served() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # let the first build settle
        path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        started = time.perf_counter()
        while marker not in served():
            if time.perf_counter() - started > 60:
                return float("inf")
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="50 and 500 projects")
    args = parser.parse_args()
    small, large = (50, 500) if args.quick else (100, 1000)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        startup = min(timed([sys.executable, "-c", "pass"], REPO) for _ in range(3))
        check = min(timed([sys.executable, "build.py", "check"], REPO) for _ in range(3))
        print(
            f"check, real content: {check:.2f} s "
            f"({check / startup:.1f}x bare Python start-up of {startup:.2f} s)"
        )

        small_root = scratch_site(small, tmp / "small")
        large_root = scratch_site(large, tmp / "large")
        small_time, large_time = build_seconds(small_root), build_seconds(large_root)
        print(
            f"build, {small} projects: {small_time:.1f} s; {large}: {large_time:.1f} s; "
            f"ratio {large_time / small_time:.1f}x for {large // small}x the projects "
            "(linear would be about the same number)"
        )
        ours = project_page_bytes(large_root)
        ours_small = project_page_bytes(small_root)
        print(
            f"project page, {large} projects: {ours / 1024:.0f} KiB "
            f"({ours / ours_small:.2f}x the page size at {small} projects)"
        )

        baseline_root = scratch_site(small * 3, tmp / "baseline")
        ours_same = scratch_site(small * 3, tmp / "ours-same")
        with_every_project_in_nav(baseline_root)
        baseline_time, ours_time = build_seconds(baseline_root), build_seconds(ours_same)
        baseline_page, ours_page = project_page_bytes(baseline_root), project_page_bytes(ours_same)
        print(
            f"baseline with every project in the sidebar, {small * 3} projects: page "
            f"{baseline_page / 1024:.0f} KiB vs ours {ours_page / 1024:.0f} KiB "
            f"({baseline_page / ours_page:.1f}x larger); build {baseline_time:.1f} s vs "
            f"{ours_time:.1f} s ({baseline_time / ours_time:.1f}x slower)"
        )

        refresh = preview_refresh_seconds(scratch_site(large, tmp / "preview"))
        print(f"preview refresh after saving a file, {large} projects: {refresh:.1f} s")
        real = preview_refresh_seconds(
            real_site_copy(tmp / "real"), "prosjekterfaring-prehabilitering-kolorektalkreft"
        )
        print(f"preview refresh after saving a file, real site: {real:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
