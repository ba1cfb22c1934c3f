"""Value types of ``config.toml``: durations, IANA zones, CSS selectors, URLs, mail addresses and
event names.

Each is an ``Annotated`` type whose validator raises a ``PydanticCustomError`` worded for the
person editing the file (``expected a duration like "90s" …, got "5 minutes"``), so the schema
models in :mod:`livetail.config_schema` only name the type.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import timedelta
from typing import Annotated
from urllib.parse import quote, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from livetail.mailaddr import address_problem
from livetail.model import EventType

SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")


def parse_duration(value: object) -> timedelta:
    """``"90s"``, ``"5m"``, ``"2h"``, ``"1h30m"``, ``"1d"`` → timedelta; anything else is a config error."""
    if isinstance(value, timedelta):
        return value
    match = _DURATION.match(value) if isinstance(value, str) else None
    if not match or not any(match.groups()):
        raise PydanticCustomError(
            "duration", 'expected a duration like "90s" or "5m", got {got}', {"got": json.dumps(value)}
        )
    days, hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _positive(value: timedelta) -> timedelta:
    if value <= timedelta(0):
        raise PydanticCustomError("duration", "expected a duration above zero")
    return value


Duration = Annotated[timedelta, BeforeValidator(parse_duration), AfterValidator(_positive)]
#: A duration that may be zero ("0s" turns a delay off).
DurationOrZero = Annotated[timedelta, BeforeValidator(parse_duration)]


def _check_zone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise PydanticCustomError(
            "timezone", 'expected an IANA zone like "Europe/London", got {got}', {"got": json.dumps(value)}
        ) from e
    return value


Zone = Annotated[str | None, AfterValidator(_check_zone)]


def _check_css(value: str | None) -> str | None:
    if value is None:
        return None
    from lxml.cssselect import CSSSelector, SelectorError

    # A selector may end in @attr to read an attribute instead of the text ("@datetime" alone
    # reads the item's own attribute); an "@" inside [...] belongs to the selector.
    match = re.match(r"^(?P<css>.*?)@(?P<attr>[A-Za-z_:][-A-Za-z0-9_:.]*)$", value)
    css = match["css"].strip() if match and match["css"].count("[") == match["css"].count("]") else value
    if not css:
        return value
    try:
        CSSSelector(css)
    except SelectorError as e:
        raise PydanticCustomError(
            "css", "not a valid CSS selector ({err}): {got}", {"err": str(e), "got": json.dumps(value)}
        ) from e
    return value


CssSelector = Annotated[str | None, AfterValidator(_check_css)]


def shown_url(value: str) -> str:
    """``value`` quoted for a message, without what may be secret: a user and password, a query
    (``?api_key=…``) or fragment. A URL that does not even split is not shown at all."""
    try:
        parts = urlsplit(value)
        host = parts.netloc.rpartition("@")[2]
    except ValueError:
        return "(not shown: not a valid URL)"
    if "://" not in value:
        return (
            json.dumps(value, ensure_ascii=False) if "@" not in value and "?" not in value else "(not shown)"
        )
    hidden = "…" if parts.query or parts.fragment or "@" in parts.netloc else ""
    return json.dumps(f"{parts.scheme}://{host}{parts.path}{hidden}", ensure_ascii=False)


def _url_problem(message: str, value: str) -> PydanticCustomError:
    return PydanticCustomError("url", message + ": {got}", {"got": shown_url(value)})


#: What RFC 3986 lets no URL hold as written (each is fine percent-encoded); so are spaces,
#: control and invisible characters (categories Z and C), below.
_NEVER_IN_URL = frozenset(' "<>\\^`{|}')
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_CHARACTER_NAMES = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a line break"}


def _unwritable(c: str) -> bool:
    return c in _NEVER_IN_URL or unicodedata.category(c)[0] in "CZ"


def _named(c: str) -> str:
    if c in _CHARACTER_NAMES:
        return _CHARACTER_NAMES[c]
    if c in _NEVER_IN_URL:
        return json.dumps(c)
    return f"U+{ord(c):04X} ({unicodedata.name(c, 'an invisible character').lower()})"


def url_problem(value: str) -> str | None:
    """What ``value`` holds that no URL may hold as written (a space, a control or invisible
    character, one of ``"<>\\^`{|}``, a ``%`` that starts no escape), in words that say what to
    write instead; None when there is nothing. Never quotes the URL (it may hold a token).
    Letters of any script stay: they are sent percent-encoded, as browsers send them."""
    bad = list(dict.fromkeys(c for c in value if _unwritable(c)))
    if bad:
        names = [_named(c) for c in bad[:4]]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        how = [f"{name} as {quote(c, safe='')}" for name, c in zip(names, bad, strict=False)]
        one = len(bad) == 1
        return f"a URL cannot hold {listed} as written: percent-encode " + (
            f"it as {quote(bad[0], safe='')}" if one else f"them ({', '.join(how)})"
        )
    if _BAD_ESCAPE.search(value):
        return 'a "%" that starts no %XX escape: write a "%" of the address itself as %25'
    return None


def source_url_problem(value: str) -> str | None:
    """Why ``value`` cannot be a source's ``url``, or None: the one rule for the config key,
    ``livetail add`` and ``extract`` (before anything is fetched) and the web preview."""
    if not re.match(r"^(https?|file)://", value):
        return "expected an http(s):// or file:// URL"
    if (problem := url_problem(value)) is not None:
        return problem
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises on a port that is not a number from 0 to 65535)
    except ValueError:
        return "not a valid URL (its host or port)"
    if parts.scheme != "file" and not parts.hostname:
        return "the URL has no host"
    if parts.scheme == "file" and not parts.path.strip("/"):
        return "the file:// URL names no file"
    return None


def _check_url(value: str) -> str:
    problem = source_url_problem(value)
    if problem is not None:
        raise _url_problem(problem, value)
    return value


SourceUrl = Annotated[str, AfterValidator(_check_url)]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _as_sent(text: str) -> str:
    """``text`` with what a fetch percent-encodes (a space, a letter outside ASCII) encoded."""
    return "".join(quote(c, safe="") if _unwritable(c) or not c.isascii() else c for c in text)


def page_key(url: str) -> str:
    """The page a source URL fetches, to tell two sources on one page: scheme and host in any
    case, the default port written or not, an empty path or "/", no fragment (never sent), and
    a character the fetch percent-encodes written either way (``live blog``, ``live%20blog``)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, _as_sent(parts.path) or "/", _as_sent(parts.query), ""))


def _event_type(value: object) -> EventType:
    try:
        return EventType.parse(str(value))
    except ValueError as e:
        names = ", ".join(t.value for t in EventType)
        raise PydanticCustomError(
            "event",
            "expected one of {names} (or created/edited/deleted), got {got}",
            {"names": names, "got": json.dumps(value)},
        ) from e


EventName = Annotated[EventType, BeforeValidator(_event_type)]


#: What to write instead of a bad address, per key.
_ADDRESS_EXAMPLES = {
    "to": 'one address per string, like "desk@example.org" or "Live Desk <desk@example.org>"',
    "sender": 'the From address, like "alerts@example.org" or "Live Desk <alerts@example.org>"',
}


def _check_address(value: str, info: ValidationInfo) -> str:
    problem = address_problem(value)
    if problem is None:
        return value
    name = info.data.get("name")
    raise PydanticCustomError(
        "address",
        "{whose}{got} is not an email address ({problem}); write {example}",
        {
            "whose": f"target {json.dumps(name)}: " if isinstance(name, str) else "",
            "got": json.dumps(value, ensure_ascii=False),
            "problem": problem,
            "example": _ADDRESS_EXAMPLES.get(info.field_name or "", _ADDRESS_EXAMPLES["to"]),
        },
    )


#: One mail address as the email notifier writes it into a header (see :mod:`livetail.mailaddr`).
MailAddress = Annotated[str, AfterValidator(_check_address)]
