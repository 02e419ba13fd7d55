"""Build hook: ship the authored checklists/ and schemas/ inside the wheel.

The user asked for top-level ``checklists/`` and ``schemas/`` folders; a plain
``pip install .`` must still find them from any working directory, so the
build copies them into ``vetting/data/``. Editable installs read the top-level
folders directly (see ``vetting.checklist.resources``).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "vetting" / "data"
        for folder, pattern in (("checklists", "*.yaml"), ("schemas", "*.json")):
            dest = target / folder
            dest.mkdir(parents=True, exist_ok=True)
            for source in sorted((ROOT / folder).glob(pattern)):
                shutil.copy2(source, dest / source.name)


setup(cmdclass={"build_py": BuildWithData})
