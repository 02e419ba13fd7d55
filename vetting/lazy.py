"""Package re-exports that import a module only when one of its names is first used.

``vetting run`` must draw its first question quickly, and importing a submodule runs its
package's ``__init__`` first: a package that imported everything it re-exports would put
the YAML parser and the validator on that path. With :func:`exports`, ``from
vetting.checklist import load_yaml_file`` works as usual, and costs the loader's import
only when it is used (PEP 562's module ``__getattr__``).
"""

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def exports(
    package: str, names: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``names`` maps a public name to the
    submodule (relative to the package) that defines it."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{module}"), name)

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__
