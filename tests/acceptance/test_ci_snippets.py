"""The CI snippets in docs/authoring.md, run as written.

* **pre-commit**: the documented ``.pre-commit-config.yaml`` block, unchanged except for the
  ``repo:`` URL, which points at a local git repository made from this working tree and
  tagged ``v`` + the package's version (the test makes its own tag; the docs must name the
  release being tested, or the test fails). The
  real pre-commit (pinned in the test extras) clones it, builds the hook's environment, and
  runs the hook over a project with a good checklist, a bad one and YAML files that are not
  checklists. pre-commit's cache lives in ``tmp_path`` (``PRE_COMMIT_HOME``); installing the
  hook reaches only the package registry, for vetting's own dependencies.
* **GitHub Actions**: every ``run:`` step of the documented workflow that runs ``vetting``,
  in a clone that has an ``origin/main``, with ``GITHUB_ACTIONS`` and ``GITHUB_STEP_SUMMARY``
  set as a runner sets them. The ``pip install`` step is the one step not run: this test's
  own environment already has this vetting installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import vetting

ROOT = Path(__file__).resolve().parents[2]
TAG = "v" + vetting.__version__
GUIDE = ROOT / "docs" / "authoring.md"
GOOD = ROOT / "tests" / "cases" / "good" / "choice_small.yaml"
BAD = ROOT / "tests" / "cases" / "bad" / "band_gap.yaml"
WORKFLOW = """name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo hello
"""


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _commit_all(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


def _project(tmp_path: Path, name: str = "project") -> Path:
    """A checklists repository: a good checklist, a CI workflow and other YAML."""
    project = tmp_path / name
    (project / "checklists").mkdir(parents=True)
    (project / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(GOOD, project / "checklists" / "good.yaml")
    (project / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    (project / "notes.yaml").write_text("- a list\n- of notes\n", encoding="utf-8")
    _git(tmp_path, "init", "-q", name)
    return project


# --------------------------------------------------------------------------- pre-commit


def _precommit_snippet() -> str:
    found = [block for block in _blocks("yaml") if "vetting-validate" in block]
    assert len(found) == 1, "docs/authoring.md should have one pre-commit snippet"
    return found[0]


def _upstream(tmp_path: Path) -> Path:
    """This working tree as a git repository of its own, tagged with the package's version."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    upstream = tmp_path / "vetting-upstream"
    for raw in filter(None, listed):
        relative = raw.decode()
        source = ROOT / relative
        if source.is_file():
            target = upstream / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git(tmp_path, "init", "-q", upstream.name)
    _commit_all(upstream, "release")
    _git(upstream, "tag", TAG)
    return upstream


def _pre_commit(project: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GITHUB_", "VETTING_", "PRE_COMMIT"))
    }
    env.update(PRE_COMMIT_HOME=str(cache), NO_COLOR="1", GIT_CONFIG_GLOBAL=os.devnull)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.slow
def test_documented_pre_commit_snippet_runs_as_written(tmp_path: Path) -> None:
    snippet = _precommit_snippet()
    assert f"rev: {TAG}" in snippet  # the documented tag is the release being tested
    upstream = _upstream(tmp_path)
    project = _project(tmp_path)
    config = re.sub(r"(repo: ).*", lambda m: m.group(1) + upstream.as_posix(), snippet, count=1)
    assert config.replace(upstream.as_posix(), "URL") != snippet  # only the URL changed...
    assert re.sub(r"repo: .*", "", config) == re.sub(r"repo: .*", "", snippet)  # ...nothing else
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _commit_all(project, "a good checklist")
    cache = tmp_path / "pre-commit-cache"

    passed = _pre_commit(project, cache)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"vetting validate\.+Passed", passed.stdout), passed.stdout

    shutil.copy(BAD, project / "checklists" / "bad.yaml")
    _commit_all(project, "a bad checklist")
    failed = _pre_commit(project, cache)
    out = failed.stdout
    assert failed.returncode == 1, out + failed.stderr
    assert re.search(r"vetting validate\.+Failed", out), out
    assert "checklists/bad.yaml:72:22: error: no band of the checklist covers 50–60" in out
    assert "[band-gap]" in out and "^^" in out  # the caret under the problem
    # The hook's own config, the workflow and the list are noted as skipped, not checked:
    assert "skipped .pre-commit-config.yaml: not a checklist" in out
    assert "skipped .github/workflows/ci.yml: not a checklist" in out
    assert "skipped notes.yaml: not a checklist" in out
    problem_files = set(re.findall(r"^(\S+?):\d+:\d+: (?:error|warning)", out, re.M))
    assert problem_files == {"checklists/bad.yaml"}, out


# --------------------------------------------------------------------------- GitHub Actions


def _workflow() -> str:
    found = [block for block in _blocks("yaml") if "runs-on:" in block and "vetting" in block]
    assert len(found) == 1, "docs/authoring.md should have one GitHub Actions workflow"
    return found[0]


def _vetting_steps(workflow: str) -> list[str]:
    steps = re.findall(r"^\s*- run: (.+)$", workflow, re.M)
    assert any(step.startswith("pip install") for step in steps)
    return [step for step in steps if step.startswith("vetting ")]


def _clone_with_origin(tmp_path: Path) -> Path:
    """A clone whose origin/main has the good checklist; the branch then changes points."""
    origin = _project(tmp_path, "origin")
    _commit_all(origin, "main")
    _git(tmp_path, "clone", "-q", "origin", "work")
    work = tmp_path / "work"
    text = (work / "checklists" / "good.yaml").read_text(encoding="utf-8")
    changed = text.replace("mft: 3", "mft: 4", 1)
    assert changed != text
    (work / "checklists" / "good.yaml").write_text(changed, encoding="utf-8")
    _commit_all(work, "more points, same version")
    return work


def test_documented_github_workflow_steps_run_as_written(tmp_path: Path) -> None:
    steps = _vetting_steps(_workflow())
    assert len(steps) == 3, steps
    work = _clone_with_origin(tmp_path)
    summary = tmp_path / "step-summary.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VETTING_"))}
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        NO_COLOR="1",
    )
    results = [
        subprocess.run(
            ["bash", "-c", step], cwd=work, env=env, capture_output=True, text=True, check=False
        )
        for step in steps
    ]
    strict, against, sarif = results
    assert strict.returncode == 0, strict.stdout + strict.stderr
    assert strict.stdout.strip() == "1 file checked: 1 valid"
    # The branch raised points without a version bump: an annotation on the version line.
    assert against.returncode == 1, against.stdout + against.stderr
    first = against.stdout.splitlines()[0]
    assert first.startswith("::error file=checklists/good.yaml,line=6,col=1,endLine=6,endColumn=8,")
    assert "title=A change that can alter saved results" in first
    assert "(version-not-bumped)::" in first
    assert sarif.returncode == 0, sarif.stderr
    log = json.loads((work / "vetting.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"] == []  # no --against here
    text = summary.read_text(encoding="utf-8")
    assert text.count("### vetting validate") == 3
    assert "| `checklists/good.yaml:6:1` | error | `version-not-bumped` |" in text


def test_the_documented_tag_is_the_package_version() -> None:
    """pyproject.toml, vetting.__version__ and every documented ``rev:`` / ``@v`` agree."""
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert declared == vetting.__version__
    for doc in ("docs/authoring.md", ".pre-commit-hooks.yaml", "README.md"):
        text = (ROOT / doc).read_text("utf-8")
        tags = set(re.findall(r"(?:rev: |@|tag\s+`)(v\d+\.\d+\.\d+)", text))
        assert tags <= {TAG}, (doc, tags)
