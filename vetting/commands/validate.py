"""``vetting validate [PATH ...]``: check checklist files and folders, report every problem.

Exit 0 when every file is valid (warnings allowed unless ``--strict``), 1 when any file has
a problem, 2 for a wrong command line or a wrong config file. The report is data and goes to
stdout; only notes about the run itself (skipped files, the step summary) go to stderr.
Module-level imports stay light: the CLI imports this module just to register its arguments,
and the config, SARIF and rules-registry code load only when a run needs them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from vetting.exitcodes import ExitCode

FORMATS = ("auto", "text", "json", "github", "sarif")


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="checklist files or folders (searched for .yaml/.yml); - reads the standard "
        "input; none = the built-in checklists",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="report style; auto = github annotations under GitHub Actions, else text",
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail the run too (exit 1)")
    parser.add_argument(
        "--against",
        metavar="REF",
        help="also compare each file with its version at this git ref (e.g. origin/main) and "
        "fail when a change that can alter saved results comes without a version bump",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only problems that fail the run, and no summary line",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="leave out files and folders matching this glob (repeatable), e.g. 'drafts/'",
    )
    parser.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="worker processes for large runs (default: one per core; 1 = no workers)",
    )
    parser.add_argument(
        "--skip-non-checklists",
        action="store_true",
        help="skip, with a note, YAML files that are plainly not checklists (the pre-commit "
        "hook uses this)",
    )
    parser.add_argument(
        "--stdin-name",
        metavar="NAME",
        default="<stdin>",
        help="the file name to show for - (the standard input)",
    )
    config = parser.add_mutually_exclusive_group()
    config.add_argument(
        "--config",
        metavar="FILE",
        help="read settings from this file (default: the nearest .vetting.toml, or "
        "pyproject.toml with [tool.vetting], in this folder or above)",
    )
    config.add_argument("--no-config", action="store_true", help="ignore any config file")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return int(text)


def run(args: argparse.Namespace, name: str) -> int:
    from vetting.validation.config import ConfigError

    try:
        config = _config(args)
    except ConfigError as error:
        print(f"vetting validate: {error}", file=sys.stderr)
        return ExitCode.USAGE
    from vetting.validation import many_files, output

    strict = args.strict or config.strict
    exclude = _exclusions(config, args.exclude)
    expanded = many_files.expand_paths(args.paths or None, exclude)
    stdin = _read_stdin() if many_files.STDIN in expanded.entries else None
    reports = many_files.validate_expanded(
        expanded,
        jobs=args.jobs or config.jobs,
        options=many_files.Options(
            keep_checklist=bool(args.against),
            disable=config.disable,
            skip_non_checklists=args.skip_non_checklists,
        ),
        stdin=stdin,
        stdin_name=args.stdin_name,
    )
    for report in reports:
        if report.skipped:
            print(f"vetting validate: skipped {report.file}: {report.skipped}", file=sys.stderr)
    if not any(report.skipped is None for report in reports):
        return _nothing_checked(args, expanded.excluded, bool(reports))
    if args.against:
        _add_against(reports, args.against, args.stdin_name)
    fmt = output.resolve_format(args.format)
    options = output.Options(
        color=fmt == "text" and output.use_color(sys.stdout),
        quiet=args.quiet,
        strict=strict,
        excluded=expanded.excluded,
    )
    _write(output.render(reports, fmt, options))
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        from vetting.validation.output import step_summary

        trouble = step_summary.append(reports, options)
        if trouble:
            print(f"vetting validate: {trouble}", file=sys.stderr)
    passed = all(output.file_passes(report, strict=strict) for report in reports)
    return ExitCode.OK if passed else ExitCode.PROBLEMS


def _config(args: argparse.Namespace):  # -> Config
    """The settings in force: ``--config``, else the nearest config file, else defaults."""
    from vetting.validation import config

    if args.no_config:
        return config.Config()
    path = Path(args.config) if args.config else config.find_config(Path.cwd())
    if path is None:
        return config.Config()
    if args.config and not path.is_file():
        raise config.ConfigError(f"there is no config file called {path}")
    from vetting.validation.catalog import all_rules

    return config.load_config(path, all_rules())


def _exclusions(config, patterns: list[str]) -> list:
    from vetting.validation.config import exclusions

    return exclusions(config, patterns)


def _read_stdin() -> bytes:
    from vetting.checklist.loader import MAX_BYTES

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # no standard input at all (closed, or a GUI launcher)
        return b""
    return stream.read(MAX_BYTES + 1)


def _nothing_checked(args: argparse.Namespace, excluded: int, skipped: bool) -> int:
    """Every file was skipped or excluded: fine when files were named (a pre-commit run)."""
    if args.paths and (excluded or skipped):
        if not args.quiet:
            print(
                "vetting validate: no checklist files to check among the files given",
                file=sys.stderr,
            )
        return ExitCode.OK
    print("vetting validate: there are no checklist files to check", file=sys.stderr)
    return ExitCode.PROBLEMS


def _add_against(reports: list, ref: str, stdin_name: str) -> None:
    from vetting.validation.against import check_against

    for report in reports:
        if report.skipped is not None or report.file == stdin_name:
            continue
        report.problems = sorted(
            [*report.problems, *check_against(report, ref)],
            key=lambda problem: problem.sort_key(),
        )


def _write(text: str) -> None:
    """Write the report; a console that cannot show a character gets "?" instead of a crash,
    and a closed pipe (``vetting validate | head``) ends quietly."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at devnull so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
