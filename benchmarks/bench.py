"""Speed and size at scale, every figure measured in one run on the same machine.

    .venv/bin/python benchmarks/bench.py --sizes 100,1000,5000
    .venv/bin/python benchmarks/bench.py --sizes 3 --no-serve --no-real   # seconds, for tests
    .venv/bin/python benchmarks/bench.py --code /tmp/old-checkout ...     # measure other code

Each size is a scratch site with that many projects whose bodies are the longest real
experience report (headings, lists, ~50 KB of HTML a page), spread over every region, patient
group, theme, phase, support type, status and round, plus news, podcast episodes and course
modules in the real site's proportions. For each size it measures: the full build, the engine
(MkDocs) alone on the same staged tree, a second build with nothing changed, `check`, the peak
memory of each command (resident set of the whole process tree, sampled from /proc), HTML bytes
per project page and the gzip bytes a first view of a project page loads. The preview's
save-to-refresh is measured at one size and on a copy of the real site (the median of three
saves). Output: a markdown table and benchmarks/results.json.

The measured code is compiled to bytecode first, as Python does on an editor's machine the
first time a command runs; where PYTHONDONTWRITEBYTECODE is set (as on some CI machines) every
command would otherwise compile the generator's modules again, about 50 ms a run.

Not part of `make test`: timings vary from machine to machine, so tests never assert on them;
compare against a baseline measured in the same run (`--code` points at another checkout).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import make_scratch_site  # noqa: E402  (the test suite's minimal site)

LONGEST_REPORT = "projects/prosjekterfaring-prehabilitering-kolorektalkreft.md"
REAL_PREVIEW_SLUG = "prosjekterfaring-prehabilitering-kolorektalkreft"
METRICS = {
    "build_s": "full build (s)",
    "engine_s": "MkDocs alone, same staged tree (s)",
    "pipeline_overhead": "our share on top of the engine (build / engine - 1)",
    "stage_s": "our pipeline alone: read, check, generate, stage (s)",
    "stage_share": "our pipeline alone / MkDocs alone",
    "rebuild_s": "second build, nothing changed (s)",
    "check_s": "check, first run (s)",
    "recheck_s": "check again, nothing changed (s)",
    "recheck_text_s": "check after an edit to one report's text (s)",
    "recheck_front_s": "check after an edit to one report's summary (s)",
    "recheck_regions_s": "check after an edit to one report's regions (s)",
    "build_peak_mb": "peak memory, full build (MB)",
    "engine_peak_mb": "peak memory, MkDocs alone (MB)",
    "check_peak_mb": "peak memory, check (MB)",
    "project_html_kb": "project page HTML (KB, mean)",
    "first_view_gzip_kb": "first view of a project page, gzip (KB; search loads nothing)",
    "pages": "pages built",
}


# ---------------------------------------------------------------- generated content


def front_matter(path: Path) -> tuple[dict, str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def dump(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def vocabulary_labels(root: Path) -> dict[str, list[str]]:
    data = yaml.safe_load((root / "data/vocabulary.yml").read_text(encoding="utf-8"))
    return {key: [item["label"] for item in items] for key, items in data.items()}


def pick(values: list[str], n: int, count: int) -> list[str]:
    return [values[(n * 7 + k * 3) % len(values)] for k in range(count)]


def project_slug(n: int) -> str:
    return f"benchmarkprosjekt-{n:05}"


def relink(body: str, n: int, projects: int) -> str:
    """Point the copied body's `prosjekt:` links at generated projects."""
    counter = iter(range(10**6))
    return re.sub(
        r"\]\(prosjekt:[^)#\s]*",
        lambda _: f"](prosjekt:{project_slug((n + next(counter)) % projects)}",
        body,
    )


def write_projects(root: Path, count: int) -> None:
    meta, body = front_matter(REPO / LONGEST_REPORT)
    labels = vocabulary_labels(root)
    for key in ("legacy_paths", "notes", "source"):
        meta.pop(key, None)
    for n in range(count):
        this = dict(meta)
        this["title"] = f"Benchmarkprosjekt {n:05}: prehabilitering og samhandling"
        this["slug"] = project_slug(n)
        this["regions"] = sorted(set(pick(labels["regions"], n, 1 + n % 2)))
        this["patient_groups"] = sorted(set(pick(labels["patient_groups"], n, 1 + n % 3)))
        this["themes"] = sorted(set(pick(labels["themes"], n + 1, 2 + n % 2)))
        rounds = [f"{2021 + (n + k) % 5}-S{1 + (n + k) % 2}" for k in range(1 + n % 3)]
        this["support"] = [
            {**meta["support"][0], "round": r, "type": pick(labels["support_types"], n + k, 1)[0]}
            for k, r in enumerate(sorted(set(rounds), reverse=True))
        ]
        # Every facet of the filter form and the search gets several values in use; one
        # project in six has no phase, as in the real content where it is often unknown.
        this["status"] = labels["statuses"][n % len(labels["statuses"])]
        this["phase_start"] = None if n % 6 == 5 else pick(labels["phases"], n, 1)[0]
        (root / "projects" / f"{project_slug(n)}.md").write_text(
            dump(this, relink(body, n, count)), encoding="utf-8"
        )


def write_news(root: Path, count: int, projects: int) -> None:
    meta, body = front_matter(REPO / "content/aktuelt/nye-prosjekter-far-stotte-fra-innomed.md")
    meta.pop("legacy_paths", None)
    for n in range(count):
        this = dict(meta)
        this["title"] = f"Benchmarknyhet {n:05}"
        this["slug"] = f"benchmarknyhet-{n:05}"
        this["date"] = f"{2021 + n % 5}-{1 + n % 12:02}-{1 + n % 28:02}"
        this["related_projects"] = [project_slug((n * 5 + k) % projects) for k in range(3)]
        (root / "content/aktuelt" / f"benchmarknyhet-{n:05}.md").write_text(
            dump(this, relink(body, n, projects)), encoding="utf-8"
        )


def write_podcast(root: Path, count: int, projects: int) -> None:
    shutil.copy(REPO / "podcast/index.md", root / "podcast/index.md")
    episode = next((REPO / "podcast").glob("01-*.md"))
    meta, body = front_matter(episode)
    for n in range(count):
        this = dict(meta)
        this["number"] = n + 1
        this["title"] = f"Benchmarkepisode {n + 1}"
        this["slug"] = f"benchmarkepisode-{n + 1:04}"
        this["related_projects"] = [project_slug(n % projects)]
        (root / "podcast" / f"{n + 1:04}-benchmarkepisode.md").write_text(
            dump(this, relink(body, n, projects)), encoding="utf-8"
        )


def write_course(root: Path, modules: int, projects: int) -> None:
    course = REPO / "courses/fasilitering"
    meta, body = front_matter(course / "index.md")
    module_meta, module_body = front_matter(course / "planlegge-en-workshop.md")
    target = root / "courses/benchmarkkurs"
    target.mkdir(parents=True)
    names = [f"modul-{n:04}" for n in range(modules)]
    meta.update(title="Benchmarkkurs", modules=names, related_projects=[project_slug(0)], source=[])
    (target / "index.md").write_text(dump(meta, body), encoding="utf-8")
    for n, name in enumerate(names):
        this = {k: v for k, v in module_meta.items() if k not in ("draft", "notes")}
        this["title"] = f"Benchmarkmodul {n}"
        download = f"{name}-workshopplan.csv"  # one address per file, as the build requires
        shutil.copy(course / "workshopplan-mal.csv", target / download)
        this["downloads"] = [{**module_meta["downloads"][0], "file": download}]
        (target / f"{name}.md").write_text(
            dump(this, relink(module_body, n, projects)), encoding="utf-8"
        )


def scratch_site(count: int, folder: Path) -> Path:
    """`count` projects plus news, episodes and modules in the real site's proportions
    (42 projects : 7 news : 8 episodes : 9 modules, rounded)."""
    make_scratch_site(folder)
    for sub in ("content/aktuelt", "podcast", "courses"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    write_projects(folder, count)
    write_news(folder, max(1, count // 6), count)
    write_podcast(folder, max(1, count // 5), count)
    write_course(folder, max(1, count // 5), count)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    return folder


# ---------------------------------------------------------------- measuring commands


def tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants, from /proc (Linux): proportional set
    size, so pages that forked workers share with their parent are counted once, not per
    process (resident size where smaps_rollup is missing)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            try:
                rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
                total += int(re.search(r"Pss:\s+(\d+)", rollup)[1])  # type: ignore[index]
            except OSError:
                status = Path(f"/proc/{current}/status").read_text()
                total += int(re.search(r"VmRSS:\s+(\d+)", status)[1])  # type: ignore[index]
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, TypeError):
            continue
    return total


SAMPLER_SHARE = 20  # pause after a memory sample, in multiples of the time it took


def run_measured(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Seconds and peak memory (MB) of a command and everything it starts.

    Peak memory is the larger of the sampled sum over the process tree (parallel workers
    count together) and wait4's maxrss (the largest single process, never missed).

    Reading a large process's smaps_rollup costs the kernel a walk of its page tables (17 ms
    for 900 MB). Sampled every 50 ms, a 5,000-project build, which uses both cores, spent
    38 s of CPU on sampling and took 154 s instead of 135 s, while MkDocs alone, on one
    core, left the sampler a core of its own. The pause after each sample is twenty times
    what it took, so sampling costs at most a twentieth of one core (4 s in that build)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        pause = 0.05
        while not done.wait(pause):
            began = time.perf_counter()
            peak[0] = max(peak[0], tree_rss_kb(process.pid))
            pause = max(0.05, SAMPLER_SHARE * (time.perf_counter() - began))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{command} failed:\n{stderr.decode(errors='replace')[-3000:]}")
    return seconds, max(peak[0], usage.ru_maxrss) / 1024


ENGINE_ONLY = """
import os, sys
sys.path.insert(0, sys.argv[1])
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from innomed.model.catalog import generated_sections
from innomed.render.engine import not_in_nav_option
root = Path(sys.argv[2])
build(load_config(str(root / "mkdocs.yml"), docs_dir=str(root / ".build/docs"),
      site_dir=sys.argv[3], strict=True, **not_in_nav_option(generated_sections())))
"""


STAGE_ONLY = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from innomed.pipeline import stage_site
stage_site(Path(sys.argv[2]))
"""


def measure_size(count: int, folder: Path, code: Path) -> dict:
    root = scratch_site(count, folder)
    build = [sys.executable, str(code / "build.py"), "build", "--root", str(root)]
    env = {"SOURCE_DATE_EPOCH": "0"}
    result: dict = {"projects": count}
    result["build_s"], result["build_peak_mb"] = run_measured(build, root, env)
    result["rebuild_s"], _ = run_measured(build, root, env)
    engine_out = folder.parent / f"engine-{count}"
    result["engine_s"], result["engine_peak_mb"] = run_measured(
        [sys.executable, "-c", ENGINE_ONLY, str(code), str(root), str(engine_out)], root, env
    )
    shutil.rmtree(engine_out, ignore_errors=True)
    result["pipeline_overhead"] = result["build_s"] / result["engine_s"] - 1
    result["stage_s"], _ = run_measured(
        [sys.executable, "-c", STAGE_ONLY, str(code), str(root)], root, env
    )
    result["stage_share"] = result["stage_s"] / result["engine_s"]
    result.update(measure_check(root, code, root / "projects" / f"{project_slug(0)}.md"))
    site = root / "site"
    pages = list((site / "prosjekt").glob("benchmarkprosjekt-*/index.html"))
    result["project_html_kb"] = statistics.mean(p.stat().st_size for p in pages) / 1000
    page = site / "prosjekt" / project_slug(0) / "index.html"
    result["first_view_gzip_kb"] = first_view_bytes(site, page) / 1000
    result["pages"] = sum(1 for _ in site.rglob("index.html"))
    return result


def measure_check(root: Path, code: Path, report: Path) -> dict:
    """`check` first, then again, then after an edit to the report's body, then to its
    summary, then to its regions. The current `check` remembers nothing, so these differ only
    by noise; older code (`--code`) had a memory of its own, kept here in a scratch folder
    (INNOMED_CACHE_DIR), so the figures stay comparable. The report is as it was afterwards."""
    command = [sys.executable, str(code / "build.py"), "check", "--root", str(root)]
    env = {"INNOMED_CACHE_DIR": str(root.parent / f"{root.name}-check-memory")}
    shutil.rmtree(env["INNOMED_CACHE_DIR"], ignore_errors=True)
    result: dict = {}
    result["check_s"], result["check_peak_mb"] = run_measured(command, root, env)
    result["recheck_s"], _ = run_measured(command, root, env)
    original = report.read_text(encoding="utf-8")
    try:
        report.write_text(original.rstrip("\n") + "\n\nEt nytt avsnitt.\n", encoding="utf-8")
        result["recheck_text_s"], _ = run_measured(command, root, env)
        meta, body = front_matter(report)
        meta["summary"] = f"Oppdatert. {meta['summary']}"
        report.write_text(dump(meta, body), encoding="utf-8")
        result["recheck_front_s"], _ = run_measured(command, root, env)
        regions = vocabulary_labels(root)["regions"]
        meta["regions"] = [next(r for r in regions if r not in meta["regions"])]
        report.write_text(dump(meta, body), encoding="utf-8")
        result["recheck_regions_s"], _ = run_measured(command, root, env)
    finally:
        report.write_text(original, encoding="utf-8")
    shutil.rmtree(env["INNOMED_CACHE_DIR"], ignore_errors=True)
    return result


# ---------------------------------------------------------------- page weight


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def first_view_bytes(site: Path, page: Path) -> int:
    """gzip bytes of the page's HTML and of every stylesheet and script it loads (files on our
    own host, read from the built site). Search data is not part of it: the search loads
    nothing before the first query (tests/test_search.py; benchmarks/search_bytes.py measures
    the queries)."""
    html = page.read_text(encoding="utf-8")
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    references = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    references += re.findall(r'<script[^>]+src="([^"]+)"', html)
    files = {page}
    for reference in references:
        address = urlparse(urljoin(base, reference))
        if address.netloc:
            continue
        target = site / address.path.lstrip("/")
        if target.is_file():
            files.add(target)
    return sum(gzip_size(f) for f in files)


# ---------------------------------------------------------------- preview


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def listing_showing(site: Path, slug: str) -> str | None:
    """A listing page (built earlier into site/) that links to the project: the preview is
    only fresh when this page shows the edit too."""
    for page in sorted((site / "regioner").rglob("index.html")):
        if f"{slug}/" in page.read_text(encoding="utf-8"):
            return "/" + page.parent.relative_to(site).as_posix() + "/"
    return None


def preview_refresh_seconds(root: Path, code: Path, slug: str, saves: int = 3) -> float:
    """Save a new summary in one project and time until the preview serves it on the project's
    page and on a region listing that shows the project; the median of `saves` saves, a few
    seconds apart. Loopback only, bounded loops."""
    listing = listing_showing(root / "site", slug)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(code / "build.py"), "serve", "--root", str(root), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    path = next(p for p in (root / "projects").glob("*.md") if slug_of(p) == slug)
    pages = [f"{base}/prosjekt/{slug}/"] + ([base + listing] if listing else [])
    timings = []
    try:
        deadline = time.monotonic() + 600
        while "<h1" not in fetch_text(pages[0]):
            if time.monotonic() > deadline or server.poll() is not None:
                return float("inf")
            time.sleep(0.2)
        for save in range(saves):
            time.sleep(2)  # let the first build, or the last save, settle
            marker = f"Redigert i forhåndsvisningen {save + 1}"
            meta, body = front_matter(path)
            meta["summary"] = f"{marker}. {meta['summary']}"  # via YAML: summaries may be quoted
            path.write_text(dump(meta, body), encoding="utf-8")
            started = time.perf_counter()
            while not all(marker in fetch_text(url) for url in pages):
                if time.perf_counter() - started > 120:
                    return float("inf")
                time.sleep(0.05)
            timings.append(time.perf_counter() - started)
        return statistics.median(timings)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def slug_of(path: Path) -> str:
    meta, _ = front_matter(path)
    return meta.get("slug") or path.stem


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
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    return folder


def measure_real(folder: Path, code: Path, serve: bool) -> dict:
    root = real_site_copy(folder)
    result: dict = {}
    build = [sys.executable, str(code / "build.py"), "build", "--root", str(root)]
    result["build_s"], result["build_peak_mb"] = run_measured(build, root)
    result["rebuild_s"], _ = run_measured(build, root)
    result.update(measure_check(root, code, root / LONGEST_REPORT))
    page = root / "site/prosjekt" / REAL_PREVIEW_SLUG / "index.html"
    result["project_html_kb"] = page.stat().st_size / 1000
    result["first_view_gzip_kb"] = first_view_bytes(root / "site", page) / 1000
    result["pages"] = sum(1 for _ in (root / "site").rglob("index.html"))
    if serve:
        result["refresh_s"] = preview_refresh_seconds(root, code, REAL_PREVIEW_SLUG)
    return result


# ---------------------------------------------------------------- report


def table(results: dict) -> str:
    columns = list(results["sizes"])
    names = [f"{c['projects']:,} projects" for c in columns]
    if results.get("real"):
        columns.append(results["real"])
        names.append("real site")
    lines = ["| metric | " + " | ".join(names) + " |", "| --- |" + " ---: |" * len(names)]
    labels = {**METRICS, "refresh_s": "save-to-refresh in serve, page and listing (s)"}
    for key, label in labels.items():
        values = [column.get(key) for column in columns]
        if any(value is not None for value in values):
            lines.append(f"| {label} | " + " | ".join(cell(key, v) for v in values) + " |")
    return "\n".join(lines)


def cell(key: str, value) -> str:
    if value is None:
        return "–"
    if key == "pipeline_overhead":
        return f"{value:+.0%}"
    if key == "stage_share":
        return f"{value:.0%}"
    if key == "pages":
        return f"{value:,}"
    return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="project counts, comma-separated")
    parser.add_argument("--serve-size", type=int, default=1000, help="size timed in serve")
    parser.add_argument("--no-serve", action="store_true", help="skip save-to-refresh")
    parser.add_argument("--no-real", action="store_true", help="skip the real site")
    parser.add_argument("--code", type=Path, default=REPO, help="checkout whose build.py runs")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks/results.json")
    parser.add_argument("--keep", type=Path, default=None, help="keep scratch trees here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    code = args.code.resolve()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "innomed")], check=True)
    load = os.getloadavg()
    results: dict = {
        "code": str(code),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=code, capture_output=True, text=True
        ).stdout.strip()
        or "unknown",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_before": [round(x, 2) for x in load],
        "sizes": [],
    }
    work = Path(tempfile.mkdtemp(prefix="innomed-bench-", dir=args.keep))
    try:
        for count in sizes:
            print(f"{count} projects...", file=sys.stderr, flush=True)
            measured = measure_size(count, work / f"size-{count}", code)
            if not args.no_serve and count == args.serve_size:
                measured["refresh_s"] = preview_refresh_seconds(
                    work / f"size-{count}", code, project_slug(count // 2)
                )
            results["sizes"].append(measured)
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
            if args.keep is None:
                shutil.rmtree(work / f"size-{count}", ignore_errors=True)
        if not args.no_real:
            print("real site...", file=sys.stderr, flush=True)
            results["real"] = measure_real(work / "real", code, serve=not args.no_serve)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nload average before {results['load_before']}, after {results['load_after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
