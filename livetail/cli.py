"""The ``livetail`` command line: every user action, with clear errors and exit codes.

Exit codes: 0 success; 1 a poll failed or ``check-config`` found problems; 2 bad usage or a
config/state error that stops the command from starting; 3 ``poll --once`` polled everything but
a delivery failed.

This module builds the parser and dispatches; the commands live in ``cli_poll`` (poll, run, demo),
``cli_state`` (check-config, status, backup), ``cli_preview`` (extract, add), ``cli_outbox`` and
``cli_db``, and are re-exported here.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.markup import escape

from livetail import __version__
from livetail.cli_common import add_common_options, config_from, err, out, verbosity
from livetail.cli_db import add_db_parsers, cmd_db
from livetail.cli_poll import cmd_demo, cmd_poll, cmd_run
from livetail.cli_preview import cmd_add, cmd_extract
from livetail.cli_state import cmd_backup, cmd_check_config, cmd_status
from livetail.config_fields import parse_duration
from livetail.errors import ConfigError, LivetailError

__all__ = [
    "COMMANDS",
    "build_parser",
    "cmd_add",
    "cmd_backup",
    "cmd_check_config",
    "cmd_db",
    "cmd_deliveries",
    "cmd_demo",
    "cmd_events",
    "cmd_extract",
    "cmd_poll",
    "cmd_run",
    "cmd_status",
    "err",
    "main",
    "out",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="livetail",
        description="Follow news live blogs: every update becomes its own Atom entry and alert, exactly once.",
    )
    parser.add_argument("--version", action="version", version=f"livetail {__version__}")
    add_common_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        add_common_options(p)
        return p

    p = command("poll", "poll sources once, print the events, publish feeds")
    p.add_argument(
        "--once", action="store_true", help="one cycle, then exit (the only mode; kept for cron clarity)"
    )
    p.add_argument("--source", action="append", metavar="NAME", help="only this source (repeatable)")
    p.add_argument("--json", action="store_true", help="print the events as one JSON list")

    command("run", "run the daemon: poll every source on its interval until SIGTERM")
    command("check-config", "validate the config file and list every problem")
    command("status", "show each source's last and next poll and stored updates, and each target's outbox")
    p = command("backup", "copy the state database to PATH safely, even while the daemon runs")
    p.add_argument("path", type=Path, metavar="PATH", help="file (or folder) to write the copy to")
    from livetail.cli_outbox import add_parsers

    add_parsers(command)
    add_db_parsers(command)

    p = command("extract", "preview what a page or file yields, without storing anything")
    p.add_argument("target", metavar="URL_OR_FILE")
    p.add_argument("--json", action="store_true", help='print {"strategy": …, "updates": […]}')
    p.add_argument("--profile", help="force a site profile")
    p.add_argument(
        "--date",
        help="when the page was current, for times printed without a date: YYYY-MM-DD (its last second) "
        "or YYYY-MM-DDTHH:MM, in --timezone (else the host's country's zone, else UTC)",
    )
    p.add_argument(
        "--timezone",
        help="IANA zone for times printed without one (default: the zone of the host's country, a saved "
        "page's host being its canonical link's, else UTC)",
    )
    _allow_private_option(p)

    p = command("add", "preview a live blog and append it to the config as a new [[sources]] block")
    p.add_argument("target", metavar="URL")
    p.add_argument("--name", help="source name (default: derived from the URL)")
    p.add_argument("--interval", default="2m", help='poll interval (default "2m")')
    p.add_argument("--profile", help="force a site profile")
    p.add_argument("--timezone", help="IANA zone for times printed without one")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    _allow_private_option(p, adds=True)

    p = command("demo", "follow a local demo live blog (temporary state) and print updates as they arrive")
    p.add_argument(
        "--duration",
        type=_seconds,
        help='stop after this long: seconds, or "90s", "2m" (default: until Ctrl-C)',
    )
    p.add_argument(
        "--port", type=int, default=0, help="port for the demo blog, not the dashboard (default: any free)"
    )
    p.add_argument("--every", type=_seconds, default=5.0, help="seconds between new demo updates (default 5)")
    p.add_argument(
        "--keep-state", action="store_true", help="keep the demo's temporary folder (state, feeds)"
    )
    return parser


def _allow_private_option(parser: argparse.ArgumentParser, *, adds: bool = False) -> None:
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch a name that resolves to a private or loopback address (a LAN blog)"
        + ("; the source gets allow_private = true" if adds else ""),
    )


def _seconds(text: str) -> float:
    """A positive number of seconds, or a duration as the config writes one ("90s", "2m")."""
    try:
        value = float(text)
    except ValueError:
        try:
            value = parse_duration(text.strip()).total_seconds()
        except ValueError:  # (pydantic's error is a ValueError)
            value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f'expected seconds or a duration like "90s" or "2m", got "{text}"')
    return value


_seconds.__name__ = "duration"  # (what argparse calls the value in its own messages)


def cmd_deliveries(args: argparse.Namespace) -> int:
    from livetail.cli_outbox import cmd_deliveries as run

    code, message = run(config_from(args), args)
    (out if code == 0 else err).print(message, markup=False)
    return code


def cmd_events(args: argparse.Namespace) -> int:
    from livetail.cli_outbox import cmd_events as run

    code, message = run(config_from(args), args)
    (out if code == 0 else err).print(message, markup=False)
    return code


COMMANDS = {
    "poll": cmd_poll,
    "run": cmd_run,
    "check-config": cmd_check_config,
    "status": cmd_status,
    "backup": cmd_backup,
    "extract": cmd_extract,
    "add": cmd_add,
    "deliveries": cmd_deliveries,
    "events": cmd_events,
    "db": cmd_db,
    "demo": cmd_demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    from livetail.logs import configure

    args = build_parser().parse_args(argv)
    # The daemon's log is its output: it logs at INFO by default; other commands only warn.
    levels = (
        [logging.INFO, logging.DEBUG]
        if args.command == "run"
        else [logging.WARNING, logging.INFO, logging.DEBUG]
    )
    configure(levels[min(verbosity(args), len(levels) - 1)], args.log_format)
    try:
        return COMMANDS[args.command](args)
    except ConfigError as e:
        err.print(f"[red]config error[/]{' in ' + escape(e.file) if e.file else ''}:")
        for problem in e.problems:
            err.print(f"  {problem}", markup=False)
        return 2
    except LivetailError as e:
        err.print(f"error: {e}", markup=False)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
