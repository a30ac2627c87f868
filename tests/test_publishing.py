"""The publishing workflow and the files every host needs."""

import re
import subprocess

import pytest
import yaml

from conftest import REPO, run_build_py, write_project

WORKFLOW = REPO / ".github/workflows/site.yml"


def load_workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); use BaseLoader to keep every key as text.
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@pytest.mark.unit
def test_workflow_tests_every_push_and_pull_request():
    workflow = load_workflow()
    assert {"push", "pull_request"} <= set(workflow["on"])
    steps = workflow["jobs"]["test"]["steps"]
    runs = [step.get("run") for step in steps if step.get("run")]
    # The site is built from the commit alone (the committed audit record), before the tests
    # could change any file; the upload after them still needs them to pass.
    # make site installs node_modules itself: the build copies /admin/ (Decap CMS) from it.
    assert runs[:2] == ["make site", "make test"]
    # Deploys (push to main and the daily run) build for production, which refuses a site
    # without InnoMed's contact details.
    assert runs[2:] == [".venv/bin/python build.py build --production"]
    assert "schedule" in workflow["on"]
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    node = next(step for step in steps if step.get("uses", "").startswith("actions/setup-node"))
    version = int(str(node["with"]["node-version"]))
    assert version >= 22 and version % 2 == 0, "use a Node LTS line that is still supported"


@pytest.mark.unit
def test_workflow_deploys_only_from_the_default_branch_after_tests():
    deploy = load_workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    # Pushes to the default branch and the daily scheduled run deploy; pull requests never.
    assert "default_branch" in deploy["if"] and "!= 'pull_request'" in deploy["if"]
    uses = [step.get("uses", "") for step in deploy["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    upload = next(
        step
        for step in load_workflow()["jobs"]["test"]["steps"]
        if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["if"] == deploy["if"] and upload["with"]["path"] == "site"


@pytest.mark.unit
def test_every_action_is_pinned_to_a_commit():
    text = WORKFLOW.read_text(encoding="utf-8")
    actions = re.findall(r"uses:\s*([^\s#]+)", text)
    assert actions
    for action in actions:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action


@pytest.mark.unit
def test_pre_commit_hook_runs_check():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"].endswith("build.py check")
    assert "build.py check" in (REPO / "scripts/pre-commit").read_text(encoding="utf-8")


@pytest.mark.build
def test_redirects_file_robots_and_norwegian_404(scratch):
    write_project(
        scratch,
        "a",
        text="""\
        ---
        title: Ny tittel
        legacy_paths: [/prosjekt/gammel-tittel]
        summary: Kort.
        kind: Prosjektbeskrivelse
        status: Pågående
        regions: [Nord]
        owner: Eier
        ---
        Tekst.
        """,
    )
    (scratch / "content/robots.txt").write_text((REPO / "content/robots.txt").read_text())
    result = run_build_py(scratch, "build")
    assert result.returncode == 0, result.stderr
    site = scratch / "site"
    assert (
        "/prosjekt/gammel-tittel /prosjekt/ny-tittel/ 301"
        in (site / "_redirects").read_text().splitlines()
    )
    assert "Sitemap: https://innomed.no/sitemap.xml" in (site / "robots.txt").read_text()
    not_found = (site / "404.html").read_text()
    assert "Fant ikke siden" in not_found and 'lang="nb"' in not_found


@pytest.mark.unit
def test_statement_is_built_from_the_committed_audit_record():
    """The accessibility statement shows data/tilgjengelighetstest.json (written by the browser
    audit, committed), never a file a test run left behind, so a commit builds one site."""
    import datetime
    import json

    from innomed.generate.audit_summary import SUMMARY_FILE, statement_section
    from innomed.generate.site import generate_site
    from innomed.pipeline import load_content

    assert str(SUMMARY_FILE) == "data/tilgjengelighetstest.json"
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", str(SUMMARY_FILE)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert tracked.returncode == 0, f"{SUMMARY_FILE} is not committed"
    record = json.loads((REPO / SUMMARY_FILE).read_text(encoding="utf-8"))
    datetime.date.fromisoformat(record["date"])
    assert record["accessibility"]["pages_checked"] > 0 and record["vnu"]["files"] > 0
    [statement] = [
        page
        for page in generate_site(load_content(REPO), REPO)
        if getattr(page, "path", None) == "tilgjengelighetserklaering.md"
    ]
    assert statement.text.rstrip().endswith(statement_section(record).rstrip())
