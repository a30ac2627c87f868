"""What the site search downloads, per query, measured in Chromium on a built site.

    .venv/bin/python benchmarks/search_bytes.py site sykehusene hjemmeoppfølgingen innomed
    .venv/bin/python benchmarks/search_bytes.py --scratch 5000 /tmp/s5k --filters prosjekt

For each query: a fresh browser context opens the home page, opens the search dialog and types
the query; every search file it fetched (the engine, assets/sok-motor.js, and every file of
sokeindeks/) is listed with its gzip size (level 9, as a server would send it). `--filters`
also opens "Avgrens treff" and reports what that adds (filtre.json, loaded only then).
`--json FILE` writes the figures. `--scratch N FOLDER` first writes a scratch site of N
projects into FOLDER (benchmarks/bench.py's scratch_site), builds it into FOLDER/site and
measures that.

Not part of `make test`: tests/test_search.py asserts the first-query budget on the real site.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from test_search import open_filters, open_search, run_query, search_files  # noqa: E402

from browser import CHROMIUM, CHROMIUM_ARGS, SiteServer, goto, new_context  # noqa: E402


def gzip_size(site: Path, url_path: str) -> int:
    return len(gzip.compress((site / url_path.lstrip("/")).read_bytes(), 9))


def fetched_files(fetched: list[str], origin: str) -> list[str]:
    return sorted(set(search_files(fetched, origin)))


def scratch_build(projects: int, folder: Path) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import bench

    from innomed.pipeline import build_site

    bench.scratch_site(projects, folder)
    build_site(folder, folder / "site")
    return folder / "site"


def measure(site: Path, queries: list[str], filters: bool) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with SiteServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        for query in queries:
            context, _ = new_context(browser, 1280, server)
            page = context.new_page()
            fetched: list[str] = []
            page.on("request", lambda request, into=fetched: into.append(request.url))
            goto(page, server, "/")
            view = fetched_files(fetched, server.origin)
            open_search(page)
            status = run_query(page, query)
            page.wait_for_timeout(500)  # late document requests
            first = fetched_files(fetched, server.origin)
            row = {
                "query": query,
                "status": status,
                "page_view": sum(gzip_size(site, f) for f in view),
                "first_query": sum(gzip_size(site, f) for f in first),
                "files": {f: gzip_size(site, f) for f in first},
            }
            if filters:
                open_filters(page)
                page.wait_for_timeout(500)
                added = sorted(set(fetched_files(fetched, server.origin)) - set(first))
                row["filter_panel"] = {f: gzip_size(site, f) for f in added}
            rows.append(row)
            context.close()
        browser.close()
    return rows


def report(rows: list[dict]) -> None:
    for row in rows:
        print(
            f"{row['query']!r}: page view {row['page_view'] / 1024:.1f} KB, first query "
            f"{row['first_query'] / 1024:.1f} KB in {len(row['files'])} files ({row['status']})"
        )
        for name, size in row["files"].items():
            print(f"    {size / 1024:6.1f} KB  {name}")
        if "filter_panel" in row:
            added = row["filter_panel"]
            print(f"  + opening Avgrens treff: {sum(added.values()) / 1024:.1f} KB")
            for name, size in added.items():
                print(f"    {size / 1024:6.1f} KB  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (with --scratch: a new folder)")
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--filters", action="store_true", help="also open Avgrens treff")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--scratch", type=int, metavar="N", help="build N projects first")
    args = parser.parse_args()
    site = args.site.resolve()
    if args.scratch:
        site = scratch_build(args.scratch, site)
    rows = measure(site, args.queries, args.filters)
    report(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
