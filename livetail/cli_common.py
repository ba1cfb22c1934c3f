"""What every ``livetail`` command shares: the two consoles, the config named on the command line,
and how an event is printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.text import Text

from livetail.config import Config, default_config_path, load_config
from livetail.errors import StoreError
from livetail.model import Event

# No emoji codes either: ":fire:" in a title is text.
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def add_common_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``-c``, ``-v`` and ``--log-format``, on the top parser and on every (nested) subcommand, so
    they work before or after it; a subcommand leaves unset what the user did not give it."""

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    parser.add_argument(
        "-c",
        "--config",
        type=Path,
        default=default(None),
        metavar="PATH",
        help="config file (default: $LIVETAIL_CONFIG, else ./config.toml)",
    )
    # argparse parses a subcommand's options into a namespace of its own and copies it back, so
    # each parser counts -v under its own name and verbosity() adds them up.
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        dest="verbose" if top else f"verbose_{parser.prog.replace(' ', '_')}",
        default=default(0),
        help="more logging (-vv for debug)",
    )
    parser.add_argument(
        "--log-format",
        choices=("text", "json"),
        default=default("text"),
        help="log lines as key=value text (default) or one JSON object per line",
    )


def verbosity(args: argparse.Namespace) -> int:
    """How many times -v was given, before and after the subcommands."""
    return sum(v for k, v in vars(args).items() if k == "verbose" or k.startswith("verbose_"))


def config_from(args: argparse.Namespace) -> Config:
    """The config file of ``-c``, else ``$LIVETAIL_CONFIG``, else ``./config.toml``."""
    path = args.config or default_config_path()
    return load_config(path)


def require_state(config: Config) -> None:
    """Raise StoreError unless the SQLite state file exists, for commands that only look at what
    polls stored: opening it would create and migrate an empty database at a mistyped path, and
    show that as if it were the real one."""
    if not config.state.url and not config.state.path.exists():
        raise StoreError(
            f"no state database at {config.state.path} (run `livetail poll --once` or `livetail run` first)"
        )


def event_json(event: Event) -> dict[str, object]:
    return {
        "id": event.id,
        "sequence": event.sequence,
        "type": event.type.value,
        "source": event.source,
        "uid": event.uid,
        "title": event.title,
        "timestamp": event.occurred_at.isoformat(),
        "data": event.data,
    }


def print_event(event: Event) -> None:
    style = {"update.created": "green", "update.edited": "yellow", "update.deleted": "red"}.get(
        event.type, "magenta"
    )
    # Titles come from pages: "[video]" or "[/i]" in one is text, not Rich markup.
    out.print(
        Text.assemble(
            (f"{event.type.value:<15}", style), f" {event.source:<16} #{event.sequence:<5} {event.title}"
        )
    )
