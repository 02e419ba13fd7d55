"""The command line is built for the command being run, and lists every command.

Adding a command's arguments imports its module; ``vetting run`` should not pay for the
other eleven before its first question (bench/RESULTS.md), and no command may lose its
own options or help because of it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from vetting.cli import COMMANDS, build_parser, named_commands


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], {"app"}),
        (["--plain"], {"app"}),
        (["validate", "checklists", "--format", "json"], {"app", "validate"}),
        (["--lang", "es", "run", "file.yaml"], {"app", "run"}),
        (["--lang", "run"], {"app", "run"}),  # over-including costs time, never a wrong parse
        (["score", "diff.yaml"], {"app", "score"}),
    ],
)
def test_the_named_commands_are_those_in_the_words_and_the_default(
    words: list[str], expected: set[str]
) -> None:
    assert named_commands(words) == expected


def command_help(parser: argparse.ArgumentParser, name: str) -> str:
    """``vetting NAME --help`` as ``parser`` would print it (argparse keeps its
    subcommands in the one ``_SubParsersAction`` among its actions)."""
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return commands.choices[name].format_help()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_has_all_its_options_when_built_alone(name: str) -> None:
    partial = build_parser(named_commands([name, "--help"]))
    assert command_help(partial, name) == command_help(build_parser(), name)


def test_the_top_level_help_lists_every_command_with_a_partial_parser() -> None:
    help_text = build_parser({"app"}).format_help()
    for name in COMMANDS:
        assert f"    {name}" in help_text, name


def test_vetting_run_imports_no_other_command() -> None:
    code = (
        "import sys\n"
        "from vetting.cli import main\n"
        "code = main(['run', '/nonexistent/file.yaml'])\n"
        "print(code, sorted(m for m in sys.modules if m.startswith('vetting.commands.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    # 1: the file cannot be opened (said on stderr); what matters is what was imported.
    assert done.stdout.strip().splitlines()[-1] == "1 ['vetting.commands.app']", done.stderr
