"""What every ``livetail`` command shares: the two consoles, the config named on the command line,
and how an event is printed.
"""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.markup import escape

from livetail.config import Config, default_config_path, load_config
from livetail.model import Event

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def config_from(args: argparse.Namespace) -> Config:
    """The config file of ``-c``, else ``$LIVETAIL_CONFIG``, else ``./config.toml``."""
    path = args.config or default_config_path()
    return load_config(path)


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
        f"[{style}]{event.type.value:<15}[/] {escape(event.source):<16} #{event.sequence:<5} {escape(event.title)}"
    )
