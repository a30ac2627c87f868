"""Live preview: check and stage the whole site again on every save (as `check` and the
build do, with nothing remembered), re-render just the staged pages whose text changed, and
reload the browser.

A content error is printed and the last good preview stays, so it never dies while an
editor is halfway through a change.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from innomed.model.catalog import generated_sections
from innomed.model.config import CONFIG_FILE
from innomed.model.errors import ContentErrors, summarize
from innomed.model.registry import source_folders
from innomed.pipeline import STAGING_DIR, check_site_items
from innomed.preview.verdict import publish_verdict
from innomed.render.lock import build_lock
from innomed.render.stage import stage


def restage(root: Path) -> set[str] | None:
    """Check and stage the site with drafts; the staged paths that changed, or None when the
    content has errors (printed for the editor)."""
    try:
        with build_lock(root):
            # editors preview their drafts, marked as such
            _, items = check_site_items(root, drafts=True)
            return stage(items, root / STAGING_DIR, root)
    except ContentErrors as problem:
        for error in problem.errors:
            print(error, file=sys.stderr)
        print(
            f"{summarize(len(problem.errors))}: forhåndsvisningen viser forrige versjon til "
            "feilene er rettet.",
            file=sys.stderr,
            flush=True,
        )
    except Exception as error:  # noqa: BLE001 - the watcher must outlive any single edit
        print(
            f"Forhåndsvisningen kunne ikke oppdateres ({type(error).__name__}: {error}); "
            "den viser forrige versjon og prøver igjen ved neste lagring.",
            file=sys.stderr,
            flush=True,
        )
    return None


CHANGES = {"created", "modified", "deleted", "moved", "closed"}  # not "opened": we read too


def watch(root: Path, on_change: Callable[[bool], None]) -> None:
    """Call `on_change(engine_changed)` whenever a source file, mkdocs.yml or the theme
    changes. The system tells us at once (inotify and its kin); polling thousands of files
    every few tenths of a second cost both delay and a share of a core."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    config, theme = (root / CONFIG_FILE).resolve(), (root / "theme").resolve()

    class Changes(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type not in CHANGES:
                return
            if event.is_directory and event.event_type not in ("deleted", "moved"):
                return  # a folder "changes" whenever a file in it does
            path = Path(str(event.src_path)).resolve()
            if path.parent == root.resolve() and path != config:
                return  # the root itself: only mkdocs.yml matters there
            on_change(path == config or path.is_relative_to(theme))

    folders = [
        root / name for name in (*source_folders(), "admin", "theme") if (root / name).is_dir()
    ]

    def start(observer) -> None:  # watchdog's observers are daemon threads
        for folder in folders:
            observer.schedule(Changes(), str(folder), recursive=True)
        observer.schedule(Changes(), str(root), recursive=False)
        observer.start()

    try:
        start(Observer())
    except OSError:  # no inotify watches left, say: look every half second instead
        start(PollingObserver())


def claim_port(port: int) -> None:
    """Raise OSError (EADDRINUSE) when another program listens on the preview's port."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        probe.bind(("127.0.0.1", port))


def serve_site(root: Path, port: int) -> int:
    from innomed.preview.incremental import Preview, live_server

    url = f"http://127.0.0.1:{port}/"
    claim_port(port)  # a busy port is said at once, not after the first render
    if restage(root) is None and not (root / STAGING_DIR).is_dir():
        return 1  # nothing good to show yet; the errors are printed
    # `kill`, a test's terminate() or an editor's `make edit` ending: stop as on Ctrl+C, so
    # the rendered preview (100+ MB at 1,000 projects) and its index process go with it.
    signal.signal(signal.SIGTERM, stop_on_signal)
    site_dir = Path(tempfile.mkdtemp(prefix="innomed-preview-"))
    indexer = BackgroundIndex(site_dir)
    pending = {"engine": False}
    server = None

    def update() -> None:
        # The index being made is of the pages about to change, and the refresh needs the
        # cores: it stops now and starts again on the refreshed pages.
        indexer.stop()
        try:
            refresh()
        finally:
            indexer.start()

    def refresh() -> None:
        engine, pending["engine"] = pending["engine"], False
        changed = restage(root)
        try:
            render(engine, changed)
        finally:
            # After the render: a full one empties site_dir. The editor in /admin/ reads it.
            publish_verdict(root, site_dir, failed=changed is None)

    def render(engine: bool, changed: set[str] | None) -> None:
        started = time.perf_counter()
        try:
            if engine:
                preview.render_all()
                count = len(preview.prepared.doc_files)
            elif changed:
                count = preview.refresh(changed)
            else:
                return
        except Exception as error:  # noqa: BLE001 - the preview must outlive any single edit
            pending["engine"] = True  # half a refresh: render everything at the next save
            print(
                f"Forhåndsvisningen kunne ikke vise endringen ({type(error).__name__}: {error}); "
                "den prøver igjen ved neste lagring.",
                file=sys.stderr,
                flush=True,
            )
            return
        print(
            f"Oppdatert: {count} sider på {time.perf_counter() - started:.1f} s.",
            file=sys.stderr,
            flush=True,
        )

    def on_change(engine_changed: bool) -> None:
        pending["engine"] = pending["engine"] or engine_changed
        if server is not None:
            server.request_rebuild()

    try:
        preview = Preview(
            root / CONFIG_FILE, root / STAGING_DIR, site_dir, generated_sections(), url
        )
        indexer.start()
        server = live_server(site_dir, port, update)
        watch(root, on_change)
        print(f"Forhåndsvisning: {url}  (Ctrl+C for å stoppe)", flush=True)
        server.serve()
    except KeyboardInterrupt:
        if server is not None:
            server.shutdown()
    finally:
        indexer.stop()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def stop_on_signal(signum, frame) -> None:
    raise KeyboardInterrupt


class BackgroundIndex:
    """The preview's search index, made again after every refresh in a process of its own:
    the page is shown at once and the search catches up a moment later (0.5 s on the real
    site, several seconds at 1,000 projects), without taking this process's time. A save
    stops it while the pages are refreshed, then starts it again on the newer pages."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.running: subprocess.Popen | None = None

    def start(self) -> None:
        self.stop()
        package_parent = str(Path(__file__).resolve().parents[2])
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": package_parent + (os.pathsep + path if path else "")}
        self.running = subprocess.Popen(
            [sys.executable, "-m", "innomed.search.index", str(self.site_dir)],
            env=env,
            stdout=subprocess.DEVNULL,
            start_new_session=os.name == "posix",  # a group: its forked workers stop with it
        )

    def stop(self) -> None:
        if self.running is not None and self.running.poll() is None:
            if os.name == "posix":
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.running.pid, signal.SIGKILL)
            else:
                self.running.kill()
            self.running.wait()
        self.running = None
