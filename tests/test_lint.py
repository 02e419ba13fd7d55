"""The contributor gate runs inside the test suite, so CI and a contributor run one command."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    if ruff is None:
        pytest.fail("ruff is not installed: install the test extras (pip install -e '.[test]')")
    return subprocess.run([ruff, *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_check_is_clean() -> None:
    result = _ruff("check", "vetting", "tests", "bench", "setup.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _ruff("format", "--check", "vetting", "tests", "bench", "setup.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_import_contracts_hold() -> None:
    """The core never imports Textual or the UI; the layers in pyproject.toml hold."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "import-linter is not installed: pip install -e '.[test]'"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_imports_itself_back() -> None:
    """No import circle anywhere in vetting, counting imports inside functions too."""
    import grimp

    graph = grimp.build_graph("vetting")
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append(f"{module} <-> {imported}")
    assert cycles == []


def test_mypy_finds_no_error_and_no_unused_ignore() -> None:
    """mypy over vetting/ with the stub packages ([tool.mypy] in pyproject.toml)."""
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert mypy is not None, "mypy is not installed: pip install -e '.[test]'"
    result = subprocess.run([mypy], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


MAX_MODULE_LINES = 450  # issue 18: past this, a module is doing more than one job


def test_no_module_is_longer_than_one_job_needs() -> None:
    """Every module of vetting fits in ~450 lines; a longer one is split by what it decides."""
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "vetting").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}
