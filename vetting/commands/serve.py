"""``vetting serve``: the app in a web browser, for the person at this computer only.

It listens on 127.0.0.1 (this computer only) and prints one link that carries a fresh
secret; see :mod:`vetting.serve` for what protects what. Another address needs
``--host`` and gets a warning first, because plain HTTP over a network can be read by
anyone on the way. aiohttp and textual-serve are imported inside :func:`run` only, so
no other command pays for them.
"""

from __future__ import annotations

import argparse
import sys

from vetting.exitcodes import ExitCode

HOST_WARNING = (
    "vetting serve: WARNING: listening on {host}, not only on this computer. Anyone who can "
    "reach {host} port {port} can try to connect; the link's secret is all that keeps them "
    "out, and it travels unencrypted (plain HTTP), as do your answers, so anyone who can "
    "watch that network can read both. Use this only on a network you trust."
)


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        metavar="N",
        help="the port to listen on (default: any free port; the link shows which)",
    )
    parser.add_argument(
        "--open",
        dest="open_browser",
        action="store_true",
        help="open the link in your web browser",
    )
    parser.add_argument(
        "--host",
        metavar="ADDRESS",
        default=None,
        help=(
            "listen on this address instead of 127.0.0.1; other computers could then "
            "reach it over plain HTTP (a warning explains the risk)"
        ),
    )
    parser.add_argument(
        "--lang",
        metavar="TAG",
        default=None,
        help="show checklists in this language (such as es) where they have a translation",
    )


def run(args: argparse.Namespace, name: str) -> int:
    from vetting.serve import guard

    if not 0 <= args.port <= 65535:
        print("vetting serve: --port must be between 1 and 65535.", file=sys.stderr)
        return ExitCode.USAGE
    host = args.host if args.host is not None else "127.0.0.1"
    if guard.is_wildcard(host):
        print(
            f"vetting serve: --host needs one address (such as 192.168.1.20), not {host!r}: "
            "every request is checked against the address it was sent to.",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    if not guard.is_loopback(host):
        print(HOST_WARNING.format(host=host, port=args.port or "(any)"), file=sys.stderr)

    from vetting.serve.server import ServeConfig, ServeError, app_command, serve

    language = getattr(args, "lang", None) or getattr(args, "app_lang", None)
    config = ServeConfig(
        app_argv=app_command(language), host=host, port=args.port, open_browser=args.open_browser
    )
    try:
        return serve(config)
    except ServeError as error:
        print(f"vetting serve: {error.message}", file=sys.stderr)
        return ExitCode.PROBLEMS
