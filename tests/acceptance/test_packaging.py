"""A plain `pip install` must carry everything the package reads at run time.

Several files are data, not code (built-in checklists, schemas, the ethics-code index,
the `vetting new` templates, the stylesheet). If one were left out of the wheel, some
checks would silently have nothing to check, so the built wheel is inspected here.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = out.glob("vetting-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_carries_every_data_file(wheel_names: set[str]) -> None:
    expected = {
        *(f"vetting/data/checklists/{p.name}" for p in (ROOT / "checklists").glob("*.yaml")),
        *(f"vetting/data/schemas/{p.name}" for p in (ROOT / "schemas").glob("*.json")),
        "vetting/ethics_sections.json",
        "vetting/tui/app.tcss",
        *(
            f"vetting/tui/screens/{p.name}"
            for p in (ROOT / "vetting" / "tui" / "screens").glob("*.tcss")
        ),
        *(f"vetting/templates/{kind}.yaml" for kind in ("red-flags", "choice", "fit")),
        *(f"vetting/serve/page/{name}" for name in ("index.html", "page.css", "page.js")),
        # The compiled catalogs: without them a plain `pip install` would show English only.
        *(
            str(p.relative_to(ROOT))
            for p in (ROOT / "vetting" / "locale").glob("*/LC_MESSAGES/vetting.mo")
        ),
    }
    assert any(name.endswith("es/LC_MESSAGES/vetting.mo") for name in expected)
    assert expected <= wheel_names, sorted(expected - wheel_names)


def test_wheel_has_no_tests_or_stray_folders(wheel_names: set[str]) -> None:
    tops = {name.split("/")[0] for name in wheel_names}
    assert tops == {"vetting", next(t for t in tops if t.endswith(".dist-info"))}
