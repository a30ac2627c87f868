"""Command line: `python build.py [build|check|serve]`."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import time
from pathlib import Path

from innomed.generate.scaffold import scaffold_types
from innomed.model.errors import ContentErrors, summarize

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Every failure ends as one Norwegian line and a non-zero status, never a traceback
    (INNOMED_DEBUG=1 shows the traceback of an unexpected error, for developers)."""
    try:
        return run(argv)
    except KeyboardInterrupt:
        print("Avbrutt. Forrige versjon av nettstedet i site/ er urørt.", file=sys.stderr)
        return 130
    except ContentErrors as problem:
        report(problem, "text")
        return 1
    except OSError as error:
        print(explain_os_error(error), file=sys.stderr)
        return 1
    except Exception as error:  # the promise to editors: no traceback, ever
        if os.environ.get("INNOMED_DEBUG"):
            raise
        print(
            f"Intern feil i byggeverktøyet ({type(error).__name__}: {error}). Ingenting er "
            "publisert; forrige site/ er urørt. Meld fra til utviklerne, gjerne med "
            "utskriften fra INNOMED_DEBUG=1 python build.py ...",
            file=sys.stderr,
        )
        return 2


def explain_os_error(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return (
            f"Disken er full{where}: nettstedet ble ikke bygget, og forrige site/ er urørt. "
            "Frigjør plass og kjør på nytt."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"Mangler tilgang til å skrive{where}: nettstedet ble ikke bygget, og forrige "
            "site/ er urørt. Sjekk rettighetene til mappen, eller velg en annen med --out."
        )
    if error.errno == errno.EADDRINUSE:
        return (
            "Porten er opptatt: en annen forhåndsvisning kjører kanskje allerede. Stopp "
            "den, eller velg en annen port med --port 8001."
        )
    return (
        f"Kunne ikke lese eller skrive en fil{where}: {error.strerror or error}. "
        "Forrige site/ er urørt."
    )


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Bygger innomed.no fra markdown-filene i projects/ og content/.",
    )
    commands = parser.add_subparsers(dest="command", metavar="kommando")
    build = commands.add_parser(
        "build",
        help="bygg nettstedet til site/ (standard)",
        description="Sjekker innholdet og bygger nettstedet til site/. "
        "Ved feil blir forrige site/ stående urørt.",
    )
    build.add_argument("--root", type=Path, default=ROOT, help="prosjektmappen (standard: her)")
    build.add_argument("--out", type=Path, default=None, help="målmappe (standard: <root>/site)")
    build.add_argument(
        "--production",
        action="store_true",
        help="bygg for publisering: stopper hvis noe som må være med mangler "
        "(som kontaktinformasjonen i mkdocs.yml)",
    )
    check = commands.add_parser(
        "check",
        help="sjekk innholdet uten å bygge",
        description="Sjekker alle innholdsfiler og skriver hver feil "
        "som 'fil:linje: felt: melding'. Sjekker alltid alt, akkurat som bygget gjør.",
    )
    check.add_argument("--root", type=Path, default=ROOT, help="prosjektmappen (standard: her)")
    check.add_argument(
        "--format", choices=["text", "json"], default="text", help="utdataformat (json for verktøy)"
    )
    check.add_argument(
        "--todo",
        action="store_true",
        help="list alt InnoMed må levere eller bekrefte: merknader (notes), også i utkast, "
        "filer uten kilde, utkast, lydfiler, verktøyfiler og kontaktadressen",
    )
    check.add_argument(
        "--write",
        action="store_true",
        help="med --todo: skriv listen også til TIL-INNOMED.md",
    )
    serve = commands.add_parser(
        "serve",
        help="forhåndsvisning med automatisk oppdatering",
        description="Bygger og viser nettstedet på "
        "http://127.0.0.1:8000/ og oppdaterer når du lagrer en fil.",
    )
    serve.add_argument("--root", type=Path, default=ROOT, help="prosjektmappen (standard: her)")
    serve.add_argument("--port", type=int, default=8000, help="port (standard: 8000)")
    new = commands.add_parser(
        "new",
        help="lag en ny innholdsfil med alle felt forklart",
        description="Lager en ny fil med alle felt og kommentarer. "
        "Typer: project, news, tool, episode, course, module. "
        'Eksempel: python build.py new project "Bedre flyt i akuttmottaket"; '
        'for moduler: python build.py new module fasilitering "Tittel".',
    )
    new.add_argument("type", choices=scaffold_types(), help="hva slags innhold")
    new.add_argument(
        "args",
        nargs="+",
        metavar="tittel",
        help="tittelen i anførselstegn (for module: kurset, så tittelen)",
    )
    new.add_argument("--root", type=Path, default=ROOT, help="prosjektmappen (standard: her)")
    schema = commands.add_parser(
        "schema",
        help="skriv JSON Schema-filene i schemas/ på nytt",
        description="Lager schemas/*.schema.json og admin/config.yml (skjemaene i "
        "/admin/) fra modellene og ordlistene.",
    )
    schema.add_argument("--root", type=Path, default=ROOT, help="prosjektmappen (standard: her)")
    args = parser.parse_args(argv)
    command = args.command or "build"
    root = (getattr(args, "root", None) or ROOT).resolve()
    if command == "check" and args.todo:
        return run_todo(root, args.write)
    if command == "check":
        return run_check(root, args.format)
    if command == "schema":
        return run_schema(root)
    if command == "new":
        return run_new(root, args.type, args.args)
    if command == "serve":
        from innomed.preview.serve import serve_site

        return serve_site(root, args.port)
    out = (args.out or root / "site") if args.command else root / "site"
    return run_build(root, out.resolve(), getattr(args, "production", False))


def run_check(root: Path, output_format: str) -> int:
    """Everything the build refuses before the engine runs, and nothing remembered: on the
    real site this whole check takes about half a second, so no shortcut is worth a wrong
    "OK" (issue 22: a memory that answered for the whole check could disagree with it)."""
    from innomed.pipeline import check_site_items

    started = time.perf_counter()
    try:
        content, _ = check_site_items(root, dates=False)
    except ContentErrors as problem:
        report(problem, output_format)
        return 1
    seconds = time.perf_counter() - started
    for warning in content.warnings:
        print(f"Advarsel: {warning}", file=sys.stderr)
    projects, pages = len(content.catalog.projects), len(content.pages)
    if output_format == "json":
        print(json.dumps({"ok": True, "errors": [], "projects": projects, "pages": pages}))
    else:
        print(f"OK: {projects} prosjekter og {pages} sider sjekket, ingen feil ({seconds:.2f} s)")
    return 0


def run_todo(root: Path, write: bool = False) -> int:
    """What InnoMed has to supply or confirm (innomed/checks/innomed_list.py), drafts too;
    with --write also TIL-INNOMED.md in the repository."""
    from innomed.checks.innomed_list import LIST_FILE, innomed_items, list_page
    from innomed.pipeline import load_content

    try:
        content = load_content(root)
    except ContentErrors as problem:
        report(problem, "text")
        return 1
    items = innomed_items(content, root)
    for item in items:
        print(item)
    if write:
        (root / LIST_FILE).write_text(list_page(items), encoding="utf-8")
        print(f"Skrev {LIST_FILE} ({len(items)} punkter)", file=sys.stderr)
    return 0


def run_schema(root: Path) -> int:
    from innomed.cms.decap import write_config
    from innomed.cms.schemas import write_schemas
    from innomed.model.config import VOCABULARY_FILE
    from innomed.model.vocabulary import load_vocabularies

    try:
        vocabularies = load_vocabularies(root / VOCABULARY_FILE, root)
        written = write_schemas(root, vocabularies) + write_config(root, vocabularies)
    except ContentErrors as problem:
        report(problem, "text")
        return 1
    for path in written:
        print(f"Skrev {path.relative_to(root).as_posix()}")
    print("Skjemaene er oppdatert." if written else "Skjemaene var allerede oppdatert.")
    return 0


def run_new(root: Path, kind: str, values: list[str]) -> int:
    import datetime as dt

    from innomed.generate.scaffold import ScaffoldError, scaffold
    from innomed.model.config import VOCABULARY_FILE
    from innomed.model.vocabulary import load_vocabularies

    try:
        vocabularies = load_vocabularies(root / VOCABULARY_FILE, root)
        path, steps = scaffold(kind, values, root, vocabularies, dt.date.today())
    except ScaffoldError as problem:
        print(f"Laget ingen fil: {problem}", file=sys.stderr)
        return 1
    except ContentErrors as problem:
        report(problem, "text")
        return 1
    print(f"Laget {path.relative_to(root).as_posix()}")
    from innomed.cms.decap import write_config

    write_config(root, vocabularies)  # courses and modules are listed by file in /admin/
    for step in steps:
        print(f"Neste steg: {step}")
    print("Fyll inn feltene, og kjør 'python build.py check' for å se hva som mangler.")
    return 0


def run_build(root: Path, out: Path, production: bool = False) -> int:
    from innomed.pipeline import build_site
    from innomed.render.engine import RenderError

    started = time.perf_counter()
    try:
        result = build_site(root, out, production)
    except ContentErrors as problem:
        report(problem, "text")
        print("Nettstedet ble ikke bygget; forrige versjon i site/ er urørt.", file=sys.stderr)
        return 1
    except RenderError as problem:
        print(str(problem), file=sys.stderr)
        print("Nettstedet ble ikke bygget; forrige versjon i site/ er urørt.", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    for warning in result.warnings:
        print(f"Advarsel: {warning}", file=sys.stderr)
    print(f"Bygget {result.pages} sider til {out} på {seconds:.1f} s")
    return 0


def report(problem: ContentErrors, output_format: str) -> None:
    if output_format == "json":
        print(
            json.dumps(
                {"ok": False, "errors": [e.as_dict() for e in problem.errors]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for error in problem.errors:
        print(error, file=sys.stderr)
    print(
        f"{summarize(len(problem.errors))} funnet. Rett feilene og kjør på nytt.", file=sys.stderr
    )
