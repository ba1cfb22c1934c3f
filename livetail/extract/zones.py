"""Time zone abbreviations as live blogs print them ("GMT", "BST", "ET", "IST"), mapped to IANA zones.

An explicit table, never dateutil's guesses (which return naive times for "BST"/"EDT"): the zone's
offset then follows the date, so "EST" printed in July reads as New York time. ``AMBIGUOUS``
abbreviations follow the source's configured zone when it is one of their candidates.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

__all__ = ["AMBIGUOUS", "OFFSET_ZONE", "UTC", "ZONES", "host_zone", "zone_for"]

log = logging.getLogger("livetail.time")

UTC = dt.UTC

AMBIGUOUS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        # First entry = the reading used when the default zone is none of the candidates. India first
        # for IST: NDTV prints "21:06 (IST)"; Irish and Israeli pages say so via their default zone.
        "IST": MappingProxyType(
            {"India": "Asia/Kolkata", "Ireland": "Europe/Dublin", "Israel": "Asia/Jerusalem"}
        ),
        "CST": MappingProxyType({"US Central": "America/Chicago", "China": "Asia/Shanghai"}),
        "BST": MappingProxyType({"British Summer": "Europe/London", "Bangladesh": "Asia/Dhaka"}),
        "AST": MappingProxyType({"Arabia": "Asia/Riyadh", "Atlantic": "America/Halifax"}),
        "MST": MappingProxyType({"US Mountain": "America/Denver", "Arizona": "America/Phoenix"}),
    }
)

_PLAIN_ZONES = {
    "GMT": "UTC",
    "UTC": "UTC",
    "UT": "UTC",
    "Z": "UTC",
    "UK": "Europe/London",  # (Sky News: "Wednesday 26 March 2025 16:12, UK")
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin",
    "MEZ": "Europe/Berlin",
    "MESZ": "Europe/Berlin",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow",
    "TRT": "Europe/Istanbul",
    "IDT": "Asia/Jerusalem",
    "GST": "Asia/Dubai",
    "PKT": "Asia/Karachi",
    "ICT": "Asia/Bangkok",
    "WIB": "Asia/Jakarta",
    "SGT": "Asia/Singapore",
    "HKT": "Asia/Hong_Kong",
    "PHT": "Asia/Manila",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "ACST": "Australia/Adelaide",
    "ACDT": "Australia/Adelaide",
    "AWST": "Australia/Perth",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
    "WAT": "Africa/Lagos",
    "CAT": "Africa/Maputo",
    "EAT": "Africa/Nairobi",
    "SAST": "Africa/Johannesburg",
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "AKST": "America/Anchorage",
    "AKDT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "ADT": "America/Halifax",
    "NST": "America/St_Johns",
    "NDT": "America/St_Johns",
    "BRT": "America/Sao_Paulo",
    "ART": "America/Argentina/Buenos_Aires",
}
ZONES: Mapping[str, str] = MappingProxyType(
    _PLAIN_ZONES | {abbrev: next(iter(zones.values())) for abbrev, zones in AMBIGUOUS.items()}
)

OFFSET_ZONE = re.compile(r"(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?")


def zone_for(abbrev: str | None, default: dt.tzinfo) -> dt.tzinfo:
    """The zone an abbreviation names; ``default`` for None and (with a warning) unknown ones."""
    if not abbrev or not abbrev.strip("() "):
        return default
    if "/" in abbrev:  # an IANA name, from a zone said in words ("بتوقيت مكة المكرمة", "日本時間")
        try:
            return ZoneInfo(abbrev)
        except (ValueError, KeyError):
            return default
    key = abbrev.strip("() ").upper()
    offset = OFFSET_ZONE.fullmatch(key)
    if offset:
        sign = -1 if offset[1] == "-" else 1
        delta = dt.timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0))
        if delta < dt.timedelta(hours=24):
            return dt.timezone(sign * delta)
    if key in AMBIGUOUS:
        candidates = list(AMBIGUOUS[key].values())
        default_key = getattr(default, "key", None)
        return ZoneInfo(default_key if default_key in candidates else candidates[0])
    if key in ZONES:
        return UTC if ZONES[key] == "UTC" else ZoneInfo(ZONES[key])
    log.warning("unknown time zone abbreviation %r; using %s", abbrev, default)
    return default


# The zone of a country with one (or one dominant) time zone, by its country-code top-level domain:
# what a page under that domain means by a clock printed without a zone ("14:05 Uhr" on a .de page
# is Berlin time), and which reading of an ambiguous abbreviation it means ("IST" on a .ie page).
# Countries that span several zones (.us, .ca, .au, .mx, .ru, .id) and generic domains (.com, and
# .co, .io, .tv, .fm, which are used everywhere) have none: those sources say it with `timezone`.
# Brazil's outlets print Brasília time ("horário de Brasília"), which most of its people live in,
# and no part of it but a few islands is ahead of it (a clock read in a zone behind the page's
# would fall after the fetch and be dated a day early): .br takes it. Mexico's Quintana Roo is
# ahead of Mexico City, so .mx does not. Armenia's .am is sold to AM radio stations and "i.am"
# hacks, so it has none either.
_COUNTRY_ZONES: Mapping[str, str] = MappingProxyType(
    {
        "uk": "Europe/London", "ie": "Europe/Dublin", "de": "Europe/Berlin", "at": "Europe/Vienna",
        "ch": "Europe/Zurich", "li": "Europe/Vaduz", "fr": "Europe/Paris", "be": "Europe/Brussels",
        "nl": "Europe/Amsterdam", "lu": "Europe/Luxembourg", "it": "Europe/Rome", "es": "Europe/Madrid",
        "pt": "Europe/Lisbon", "se": "Europe/Stockholm", "no": "Europe/Oslo", "dk": "Europe/Copenhagen",
        "fi": "Europe/Helsinki", "is": "Atlantic/Reykjavik", "pl": "Europe/Warsaw", "cz": "Europe/Prague",
        "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "si": "Europe/Ljubljana", "hr": "Europe/Zagreb",
        "rs": "Europe/Belgrade", "ro": "Europe/Bucharest", "bg": "Europe/Sofia", "gr": "Europe/Athens",
        "cy": "Asia/Nicosia", "mt": "Europe/Malta", "ee": "Europe/Tallinn", "lv": "Europe/Riga",
        "lt": "Europe/Vilnius", "ua": "Europe/Kyiv", "tr": "Europe/Istanbul", "il": "Asia/Jerusalem",
        "by": "Europe/Minsk", "ba": "Europe/Sarajevo", "mk": "Europe/Skopje", "al": "Europe/Tirane",
        "ge": "Asia/Tbilisi", "az": "Asia/Baku", "kz": "Asia/Almaty", "uz": "Asia/Tashkent",
        "kg": "Asia/Bishkek", "tj": "Asia/Dushanbe",
        "lb": "Asia/Beirut", "jo": "Asia/Amman", "sa": "Asia/Riyadh", "ae": "Asia/Dubai", "qa": "Asia/Qatar",
        "kw": "Asia/Kuwait", "bh": "Asia/Bahrain", "om": "Asia/Muscat", "iq": "Asia/Baghdad",
        "ir": "Asia/Tehran", "eg": "Africa/Cairo", "ma": "Africa/Casablanca", "tn": "Africa/Tunis",
        "dz": "Africa/Algiers", "ng": "Africa/Lagos", "gh": "Africa/Accra", "ke": "Africa/Nairobi",
        "za": "Africa/Johannesburg", "in": "Asia/Kolkata", "pk": "Asia/Karachi", "bd": "Asia/Dhaka",
        "lk": "Asia/Colombo", "np": "Asia/Kathmandu", "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong",
        "tw": "Asia/Taipei", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "sg": "Asia/Singapore",
        "my": "Asia/Kuala_Lumpur", "ph": "Asia/Manila", "th": "Asia/Bangkok", "vn": "Asia/Ho_Chi_Minh",
        "nz": "Pacific/Auckland", "ar": "America/Argentina/Buenos_Aires", "cl": "America/Santiago",
        "pe": "America/Lima", "ve": "America/Caracas", "uy": "America/Montevideo", "br": "America/Sao_Paulo",
    }
)  # fmt: skip


def host_zone(url: str) -> str | None:
    """The IANA zone of the country a URL's host belongs to by its top-level domain, if it has one
    zone: "https://www.spiegel.de/…" gives "Europe/Berlin", "bbc.co.uk" "Europe/London"."""
    host = urlsplit(url).hostname or ""
    return _COUNTRY_ZONES.get(host.rstrip(".").rpartition(".")[2])
