"""``vetting validate`` settings from ``.vetting.toml`` or ``[tool.vetting]`` in pyproject.toml.

The first of these found in the current folder or any folder above it is used (a
``.vetting.toml`` wins over a ``pyproject.toml`` in the same folder); ``--config FILE`` names
one, ``--no-config`` ignores them. Keys::

    exclude = ["drafts/", "old/*.yaml"]   # glob patterns, relative to the config's folder
    strict = true                         # warnings fail the run, as --strict
    disable = ["band-unreachable"]        # warnings to turn off everywhere
    jobs = 4                              # worker processes, as --jobs

Only warnings can be turned off here: an error is turned off only on its own line, with a
``# vetting: disable=RULE`` comment, where a reviewer sees it (and the app then agrees with
the validator about what is wrong). A mistake in the file (an unknown key, a wrong type, an
unknown rule) is a :class:`ConfigError` naming the file and the line, never a traceback.

``tomllib`` is imported only when a config file is actually read.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from vetting.errors import UsageError
from vetting.problems import did_you_mean

#: Key -> what it holds, for messages.
KEYS: dict[str, str] = {
    "exclude": "a list of glob patterns",
    "strict": "true or false",
    "disable": "a list of rule ids",
    "jobs": "a whole number of at least 1",
}
_TABLE = "[tool.vetting]"


class ConfigError(UsageError):
    """The config file is wrong; the message says which file, which line and why."""

    code = "E_CONFIG"


class Config(NamedTuple):
    """Settings in force; ``root`` is the folder that ``exclude`` patterns are relative to."""

    path: Path | None = None
    root: Path = Path(".")
    exclude: tuple[str, ...] = ()
    strict: bool = False
    disable: frozenset[str] = frozenset()
    jobs: int | None = None


# --------------------------------------------------------------------------- finding


def find_config(start: Path) -> Path | None:
    """The nearest ``.vetting.toml``, or ``pyproject.toml`` with ``[tool.vetting]``, upwards."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / ".vetting.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and _mentions_table(project):
            return project
    return None


def _mentions_table(path: Path) -> bool:
    """A cheap look before parsing: most pyproject.toml files have no ``[tool.vetting]``."""
    try:
        return _TABLE in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


# --------------------------------------------------------------------------- reading


def load_config(path: Path, known_rules: Mapping[str, Any] | None = None) -> Config:
    """Read and check one config file; ``known_rules`` (id -> RuleInfo) checks ``disable``."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read ({_reason(error)})") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: this is not valid TOML ({error})") from None
    table_line = 0
    if path.name == "pyproject.toml":
        tool = document.get("tool", {})
        table = tool.get("vetting", {}) if isinstance(tool, dict) else {}
        table_line = _table_line(text)
    else:
        table = document
    if not isinstance(table, dict):
        raise ConfigError(f"{_where(path, table_line)}: `vetting` must be a table of settings")
    return _check(path, text, table_line, table, known_rules)


def _check(
    path: Path,
    text: str,
    table_line: int,
    table: dict[str, Any],
    known_rules: Mapping[str, Any] | None,
) -> Config:
    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{_where(path, _key_line(text, key, table_line))}: {message}")

    for key in table:
        if key not in KEYS:
            hint = did_you_mean(key, KEYS) or "the keys are: " + ", ".join(KEYS)
            raise fail(key, f"unknown setting `{key}`; {hint}")
    exclude = table.get("exclude", [])
    disable = table.get("disable", [])
    strict = table.get("strict", False)
    jobs = table.get("jobs")
    for key, value, ok in (
        ("exclude", exclude, _is_text_list(exclude)),
        ("disable", disable, _is_text_list(disable)),
        ("strict", strict, isinstance(strict, bool)),
        ("jobs", jobs, jobs is None or (type(jobs) is int and jobs >= 1)),
    ):
        if not ok:
            raise fail(key, f"`{key}` must be {KEYS[key]} (it is {value!r})")
    if known_rules is not None:
        for rule in disable:
            _check_rule(rule, known_rules, lambda message: fail("disable", message))
    return Config(
        path=path,
        root=path.parent,
        exclude=tuple(exclude),
        strict=strict,
        disable=frozenset(disable),
        jobs=jobs,
    )


def _check_rule(rule: str, known: Mapping[str, Any], fail: Any) -> None:
    info = known.get(rule)
    if info is None:
        hint = did_you_mean(rule, known) or "`vetting rules` lists every rule"
        raise fail(f"`disable` names `{rule}`, which is not a rule; {hint}")
    if info.level.value == "error":
        raise fail(
            f"`{rule}` is an error, and errors cannot be turned off for a whole project; "
            f"write `# vetting: disable={rule}` on the line it is about, where a reviewer sees it"
        )


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(entry, str) for entry in value)


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or "it is not UTF-8 text"


def _where(path: Path, line: int) -> str:
    return f"{path}:{line}" if line else str(path)


def _table_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(_TABLE):
            return number
    return 0


def _key_line(text: str, key: str, table_line: int) -> int:
    """The line where ``key = ...`` is set inside the table (0: the table's own line)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    lines = text.splitlines()
    for index in range(table_line, len(lines)):
        if table_line and lines[index].lstrip().startswith("["):
            break
        if pattern.match(lines[index]):
            return index + 1
    return table_line


# --------------------------------------------------------------------------- excluding


def is_excluded(path: Path, patterns: Sequence[tuple[str, Path]]) -> bool:
    """Whether ``path`` matches one of ``(pattern, root)``: a glob on the path from ``root``.

    ``drafts/`` or ``drafts`` excludes that folder and everything under it; a pattern with no
    ``/`` matches a file or folder of that name anywhere (as in .gitignore); ``**/`` is
    accepted at the start of a pattern.
    """
    for pattern, root in patterns:
        relative = _relative(path, root)
        if relative is not None and _matches(relative, pattern):
            return True
    return False


def _relative(path: Path, root: Path) -> str | None:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return None


def _matches(relative: str, pattern: str) -> bool:
    pattern = pattern.strip()
    while pattern.startswith("**/"):
        pattern = pattern[3:]
    pattern = pattern.removeprefix("./").rstrip("/")
    if not pattern:
        return False
    parts = relative.split("/")
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in parts)
    prefixes = ("/".join(parts[:end]) for end in range(1, len(parts) + 1))
    return any(fnmatch.fnmatchcase(prefix, pattern) for prefix in prefixes)


def exclusions(config: Config, cli_patterns: Iterable[str]) -> list[tuple[str, Path]]:
    """The config's patterns (relative to its folder) and the command line's (to the cwd)."""
    return [(p, config.root) for p in config.exclude] + [(p, Path(".")) for p in cli_patterns]
