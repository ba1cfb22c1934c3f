"""Whether a string from the config is one mail address livetail can send from or to.

The address itself (``desk@example.org``) is checked by email-validator, syntax only: no DNS
lookup (a config is checked offline, and ``check-config`` must not depend on the network), no
"globally deliverable" rule (a relay on this machine or the LAN delivers to ``desk@newsroom``),
and special-use names a relay may serve (``localhost``, ``.local``, ``.test``) allowed. Around
it, the forms the email notifier writes into ``From``/``To`` headers as they are:
``Live Desk <desk@example.org>`` (a name in any script, in quotes when it holds a comma or other
punctuation), ``<desk@example.org>``, and a local user name alone (``root``) for a relay on
this machine. Whatever passes is read by the mail headers as exactly that one address.
"""

from __future__ import annotations

import re
import unicodedata
from email import policy
from email.errors import InvalidHeaderDefect
from email.utils import getaddresses

#: ``Name <address>``: the name is the rest of the line and may be empty.
_ANGLE = re.compile(r"^(?P<name>[^<>]*)<(?P<address>[^<>]*)>$")
#: A local user name alone (RFC 5322 dot-atom), for a relay on this machine.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL_NAME = re.compile(rf"^{_ATEXT}(?:\.{_ATEXT})*$")
#: Special-use names (RFC 6761/6762) email-validator refuses whatever it is told, although a
#: relay on this machine or the LAN delivers to them; each is checked as a name under ``.test``,
#: which its test mode lets through (the labels are checked all the same).
_LOCAL_ZONES = ("localhost", "local")


def _breaks_a_header(category: str) -> bool:
    # Cc: \n, \r, \t, NUL…; Zl/Zp: the line and paragraph separators.
    return category in ("Cc", "Zl", "Zp")


def _spec_problem(address: str) -> str | None:
    """Why ``address`` (``local@domain``, no name around it) is no address, or None."""
    # (imported here: it compiles its patterns on import, and most configs have no email target)
    from email_validator import EmailNotValidError, validate_email

    local, _, domain = address.rpartition("@")
    zone = domain.rstrip(".").rpartition(".")[2].lower()
    checked = f"{local}@{domain}.test" if zone in _LOCAL_ZONES else address
    try:
        validate_email(
            checked,
            check_deliverability=False,
            globally_deliverable=False,
            test_environment=True,
            allow_display_name=False,
        )
    except EmailNotValidError as e:
        reason = str(e).rstrip(".")
        return reason[:1].lower() + reason[1:]
    return None


def address_problem(value: str) -> str | None:
    """Why ``value`` is not one mail address, in words for the person editing the config; None
    when it is one (``desk@example.org``, ``Live Desk <desk@example.org>``, ``root``)."""
    if any(_breaks_a_header(unicodedata.category(c)) for c in value):
        return "it holds a line break or another control character"
    text = value.strip()
    if not text:
        return "it is empty"
    found = getaddresses([text])
    angle = _ANGLE.match(text)
    if not angle and len(found) > 1 and all("@" in a for _, a in found):
        return f"it holds {len(found)} addresses; write each as a string of its own"
    address = angle["address"].strip() if angle else text
    if not address:
        return "there is no address between < and >"
    if "@" in address:
        reason = _spec_problem(address)
        if reason is not None:
            return reason
    elif not _LOCAL_NAME.match(address):
        return "an address needs an @-sign, unless it is a local user name such as root"
    if len(found) != 1 or found[0][1] != address or not _header_reads(text, address):
        # ("Desk, Night <a@b.org>" reads as two addresses, "Desk: <a@b.org>" as a group)
        return "mail headers would read it otherwise; put a name with punctuation in double quotes"
    return None


def _header_reads(text: str, address: str) -> bool:
    """Whether a ``To:`` header holding ``text`` reads as ``address`` alone, as the notifier
    writes it. Obsolete forms mail clients all read ("A. Reporter", a period in a name) pass."""
    try:
        header = policy.default.header_factory("To", text)
    except (IndexError, ValueError):  # (the parser's own slips on some broken input)
        return False
    local_only = "@" not in address
    invalid = [
        d
        for d in header.defects
        if isinstance(d, InvalidHeaderDefect) and not (local_only and "no domain" in str(d))
    ]
    return not invalid and [a.addr_spec for a in header.addresses] == [address]
