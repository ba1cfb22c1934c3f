"""Structured logs: ``key=value`` (logfmt) lines by default, one JSON object per line for machines.

Modules keep logging the usual way — ``log.warning("poll failed source=%s error=%s", name, err)``
— and this formatter turns a message made of ``key=%s`` placeholders into real fields, so
``source`` and ``error`` are fields in both formats rather than text inside ``msg``. Values
passed with ``extra={"fields": {...}}`` are fields too.

Never a secret: values of keys that name one (``secret``, ``token``, ``password``…), the
password of any ``scheme://user:password@`` URL, and every secret string the config holds
(registered with :func:`set_secrets`) are replaced by ``***`` before a line is written.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

LogFormat = Literal["text", "json"]

_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
_KEYED = re.compile(r"(\w+)=$")
_PAIRS = re.compile(r"^(?:\s+\w+=\S+)*\s*$")
_URL_PASSWORD = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^/\s:@]*):(?P<pw>[^/\s@]+)@", re.I)
_SECRET_KEYS = re.compile(r"secret|token|password|passwd|authorization|api_?key|credential", re.I)
_INLINE_SECRET = re.compile(
    r"\b(?P<key>\w*(?:secret|token|password|passwd|api_?key))(?P<sep>=|: ?)(?P<value>\"[^\"]*\"|[^\s,;&]+)",
    re.I,
)
_AUTH_HEADER = re.compile(r"\b(?P<key>authorization)(?P<sep>: ?|=)(?P<value>(?:\w+ )?[^\s,;]+)", re.I)
_BARE = re.compile(r"^[^\s=\"\\]+$")
REDACTED = "***"

_secrets: tuple[str, ...] = ()


def set_secrets(values: Iterable[str | None]) -> None:
    """Strings never to print (the config's secrets); replaced on every config (re)load."""
    global _secrets
    _secrets = tuple(sorted({v for v in values if v and len(v) >= 4}, key=len, reverse=True))


def redact(text: str) -> str:
    text = _URL_PASSWORD.sub(lambda m: f"{m['scheme']}{m['user']}:{REDACTED}@", text)
    for pattern in (_INLINE_SECRET, _AUTH_HEADER):
        text = pattern.sub(lambda m: f"{m['key']}{m['sep']}{REDACTED}", text)
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def _value(key: str, value: object) -> object:
    if _SECRET_KEYS.search(key) and value not in (None, ""):
        return REDACTED
    if isinstance(value, bool | int | float) or value is None:
        return value
    return redact(str(value))


def split_message(record: logging.LogRecord) -> tuple[str, dict[str, object]]:
    """The message text and its ``key=%s`` fields; the whole message when it is not of that form."""
    template, args = record.msg, record.args
    fields: dict[str, object] = {}
    if isinstance(template, str) and isinstance(args, tuple) and args and "%(" not in template:
        specs = [m for m in _PLACEHOLDER.finditer(template) if m.group() != "%%"]
        if len(specs) == len(args):
            head = template[: specs[0].start()]
            text_end = None
            ok = True
            previous_end = 0
            for spec, arg in zip(specs, args, strict=True):
                between = template[previous_end : spec.start()]
                if previous_end and not between and fields:
                    # "error=%s%s": the second part is more of the value, or " key=value" pairs.
                    extra = str(arg)
                    if _PAIRS.match(extra):
                        fields.update(dict(p.split("=", 1) for p in extra.split()))
                    else:
                        last = next(reversed(fields))
                        fields[last] = f"{fields[last]}{extra}"
                    previous_end = spec.end()
                    continue
                key = _KEYED.search(between)
                if key is None or (previous_end and between.strip() != key.group()):
                    ok = False
                    break
                if text_end is None:
                    text_end = key.start()
                fields[key.group(1)] = arg
                previous_end = spec.end()
            if ok and not template[previous_end:].strip():
                return head[:text_end].strip() if text_end is not None else head.strip(), fields
            fields = {}
    return record.getMessage(), fields


def _fields(record: logging.LogRecord) -> dict[str, object]:
    message, fields = split_message(record)
    extra = getattr(record, "fields", None)
    if isinstance(extra, dict):
        fields.update(extra)
    out: dict[str, object] = {
        "ts": datetime.fromtimestamp(record.created, UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z"),
        "level": record.levelname.lower(),
        "logger": record.name,
        "msg": redact(message),
    }
    for key, value in fields.items():
        out[key if key not in out else f"field_{key}"] = _value(key, value)
    if record.exc_info and record.exc_info[0] is not None:
        out["exc"] = redact(logging.Formatter().formatException(record.exc_info))
    elif record.exc_text:  # a record from the extraction process carries its traceback as text
        out["exc"] = redact(record.exc_text)
    return out


def _logfmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return text if _BARE.match(text) else json.dumps(text, ensure_ascii=False)


class KeyValueFormatter(logging.Formatter):
    """``ts=… level=info logger=livetail.poll msg="poll failed" source=storm error="…"``"""

    def format(self, record: logging.LogRecord) -> str:
        return " ".join(f"{k}={_logfmt(v)}" for k, v in _fields(record).items())


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(_fields(record), ensure_ascii=False, default=str)


def configure(level: int, fmt: LogFormat = "text", stream: TextIO | None = None) -> logging.Handler:
    """Send every log record at ``level`` or above to ``stream`` (stderr) in ``fmt``."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else KeyValueFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_livetail", False):
            root.removeHandler(old)
    handler._livetail = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # Third-party chatter stays at WARNING unless debugging.
    for noisy in ("apscheduler", "httpx", "httpcore", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING if level > logging.DEBUG else level)
    return handler


def config_secrets(config: Any) -> list[str]:
    """Every secret-bearing string of a config: target secrets, URLs with credentials, headers, token."""
    values: list[str | None] = [getattr(getattr(config, "server", None), "token", None)]
    for target in getattr(config, "targets", ()):
        values += [target.secret, *target.headers.values()]
        if target.type == "apprise":
            values.append(target.url)  # an Apprise URL is usually a credential in itself
        for url in (target.url, target.smtp):
            match = _URL_PASSWORD.search(url or "")
            if match:
                values.append(match["pw"])
    return [v for v in values if v]
