"""The publishing workflow and the files every host needs."""

import re

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
    assert runs == ["make test", "make site"]  # the statement gets this run's audit figures
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"


@pytest.mark.unit
def test_workflow_deploys_only_from_the_default_branch_after_tests():
    deploy = load_workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert "default_branch" in deploy["if"] and "push" in deploy["if"]
    uses = [step.get("uses", "") for step in deploy["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    upload = next(step for step in load_workflow()["jobs"]["test"]["steps"]
                  if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
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
    write_project(scratch, "a", text="""\
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
        """)
    (scratch / "content/robots.txt").write_text((REPO / "content/robots.txt").read_text())
    result = run_build_py(scratch, "build")
    assert result.returncode == 0, result.stderr
    site = scratch / "site"
    assert "/prosjekt/gammel-tittel /prosjekt/ny-tittel/ 301" in \
        (site / "_redirects").read_text().splitlines()
    assert "Sitemap: https://innomed.no/sitemap.xml" in (site / "robots.txt").read_text()
    not_found = (site / "404.html").read_text()
    assert "Fant ikke siden" in not_found and 'lang="nb"' in not_found
