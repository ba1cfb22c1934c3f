"""Turn payload JSON into a subject, a plain-text body and an HTML body, with Jinja2 templates.

Shared by the email and Apprise targets so both say the same thing. The payload
(:mod:`livetail.notifiers.payload`) is the only input: notifiers get the exact stored bytes, so
a retry renders the same message. Templates ship in ``livetail/notifiers/templates``; a target's
``templates = "/dir"`` puts a folder first, and a file there with the same name wins (so one
partial such as ``_item.html.j2`` can be replaced alone). Names ending in ``.html.j2`` are
autoescaped; the update's ``content_html`` is the only markup let through, after
:func:`email_safe_html` (it was sanitised by nh3 at extraction; mail clients also need
absolute http(s) URLs and no ``<style>``/``<script>``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import jinja2
import lxml.html
from lxml import etree
from markupsafe import Markup

from livetail.config import TargetConfig
from livetail.errors import ConfigError, ConfigProblem, PermanentDeliveryError

TEMPLATE_NAMES = (
    "subject.txt.j2",
    "update.txt.j2",
    "update.html.j2",
    "digest_subject.txt.j2",
    "digest.txt.j2",
    "digest.html.j2",
)
_KINDS = {
    "update.created": "created",
    "update.edited": "edited",
    "update.deleted": "deleted",
}
_PREFIX = {"edited": "Edited: ", "deleted": "Retracted: "}
_SOURCE_TITLES = {
    "source.failing": "Source failing",
    "source.recovered": "Source recovered",
    "source.degraded": "Extraction degraded",
}
_URL_ATTRS = ("href", "src", "action", "background", "poster", "cite", "longdesc")
_DROP_TAGS = ("script", "style", "link", "meta", "base", "iframe", "object", "embed", "form")


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One event as templates see it (``item.update.text``, ``item.source.title``, …).

    An object rather than a dict so that ``item.update`` is the update, not ``dict.update``.
    """

    type: str
    kind: str  # created | edited | deleted | source.failing | …
    id: str
    sequence: object
    timestamp: object
    source: dict[str, str]
    update: dict[str, Any] | None
    previous: dict[str, Any] | None
    reason: object
    since: object
    title: str
    prefix: str  # "Edited: ", "Retracted: " or ""
    when: str  # published (else modified, else the event time) in the target's timezone
    content_html: Markup


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str


def absolute_url(value: object) -> str:
    """``value`` if it is an absolute http(s) URL, else ``""`` (templates test it before linking)."""
    if not isinstance(value, str):
        return ""
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def email_safe_html(fragment: str | None, base_url: str | None) -> Markup:
    """Already-sanitised HTML made fit for mail: links resolved against ``base_url``, anything
    that stays relative or is not http(s) (or ``mailto:`` for links) removed, no active tags."""
    if not fragment or not fragment.strip():
        return Markup("")
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return Markup("")  # nothing parseable: the text part and the plain-text fallback still say it
    for element in list(root.iter(*_DROP_TAGS, etree.Comment, etree.ProcessingInstruction)):
        element.drop_tree()
    base = absolute_url(base_url)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        for attr in _URL_ATTRS:
            value = element.get(attr)
            if value is None:
                continue
            resolved = urljoin(base, value.strip()) if base else value.strip()
            scheme = urlsplit(resolved).scheme.lower()
            allowed = ("http", "https", "mailto") if attr == "href" else ("http", "https")
            if scheme in allowed and (scheme == "mailto" or absolute_url(resolved)):
                element.set(attr, resolved)
            elif element.tag == "img" and attr == "src":
                element.drop_tree()
                break
            else:
                del element.attrib[attr]
        if "srcset" in element.attrib:
            del element.attrib["srcset"]  # candidate lists are hard to vet; src is enough for mail
    parts = [str(Markup.escape(root.text or ""))]
    parts += [lxml.html.tostring(child, encoding="unicode") for child in root]
    return Markup("".join(parts))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut + "…"


class Renderer:
    """Renders one target's messages; template problems show up when the target is built."""

    def __init__(self, target: TargetConfig) -> None:
        self.target = target
        self.zone = ZoneInfo(target.timezone or "UTC")
        loaders: list[jinja2.BaseLoader] = []
        if target.templates is not None:
            loaders.append(jinja2.FileSystemLoader(str(target.templates)))
        loaders.append(jinja2.PackageLoader("livetail", "notifiers/templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=jinja2.select_autoescape(
                enabled_extensions=("html.j2",), disabled_extensions=(), default_for_string=False
            ),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["absolute"] = absolute_url
        self.env.filters["localtime"] = self.localtime
        problems = []
        for name in TEMPLATE_NAMES:
            try:
                self.env.get_template(name)
            except jinja2.TemplateError as e:
                problems.append(ConfigProblem(f"targets.{target.name}.templates", f"{name}: {e}"))
        if problems:
            raise ConfigError(problems)

    def localtime(self, value: object) -> str:
        """An ISO 8601 instant shown in the target's ``timezone`` (UTC by default)."""
        if not isinstance(value, str) or not value:
            return ""
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return value
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(self.zone).strftime("%Y-%m-%d %H:%M %Z")

    def item(self, body: bytes) -> Item:
        """The template context of one event, from its payload bytes."""
        try:
            event = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise PermanentDeliveryError(f"the stored payload is not JSON ({e})") from None
        data = event.get("data") or {}
        source = data.get("source") or {}
        etype = str(event.get("type") or "")
        kind = _KINDS.get(etype, etype)
        update = data.get("update")
        previous = data.get("previous")
        if isinstance(update, dict):
            title = (update.get("title") or "").strip() or _short(update.get("text") or "") or "Update"
            when = update.get("published") or update.get("modified") or event.get("timestamp")
            content = email_safe_html(update.get("content_html"), update.get("url") or source.get("url"))
        else:
            update = None
            reason = data.get("reason")
            title = _SOURCE_TITLES.get(etype, etype) + (f": {reason}" if reason else "")
            when = event.get("timestamp")
            content = Markup("")
        return Item(
            type=etype,
            kind=kind,
            id=str(event.get("id") or ""),
            sequence=event.get("sequence"),
            timestamp=event.get("timestamp"),
            source={
                "name": source.get("name") or "",
                "title": source.get("title") or source.get("name") or "",
                "url": source.get("url") or "",
                "feed_url": source.get("feed_url") or "",
            },
            update=update,
            previous=previous if isinstance(previous, dict) else None,
            reason=data.get("reason"),
            since=data.get("since"),
            title=title,
            prefix=_PREFIX.get(kind, ""),
            when=self.localtime(when),
            content_html=content,
        )

    def _render(self, name: str, context: dict[str, Any]) -> str:
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateError as e:
            raise PermanentDeliveryError(f"template {name} failed: {e}") from None

    def _subject(self, name: str, context: dict[str, Any]) -> str:
        return " ".join(self._render(name, context).split())[:250]

    def update(self, body: bytes) -> Rendered:
        item = self.item(body)
        context: dict[str, Any] = {f.name: getattr(item, f.name) for f in fields(item)}
        context.update(item=item, mode=self.target.subject, target=self.target.name)
        subject = self._subject("subject.txt.j2", context)
        context["subject"] = subject
        return Rendered(
            subject, self._render("update.txt.j2", context), self._render("update.html.j2", context)
        )

    def digest(self, bodies: Sequence[bytes]) -> Rendered:
        items = [self.item(body) for body in bodies]
        first: dict[str, int] = {}
        for item in items:
            first.setdefault(item.source["name"], len(first))
        items.sort(key=lambda item: first[item.source["name"]])  # grouped, each in sequence order
        counts = Counter(item.source["title"] for item in items)
        links = list({item.source["name"]: item.source for item in items}.values())
        context: dict[str, Any] = {
            "items": items,
            "count": len(items),
            "sources": [{"title": title, "count": count} for title, count in counts.most_common()],
            "link_sources": links,
            "target": self.target.name,
        }
        subject = self._subject("digest_subject.txt.j2", context)
        context["subject"] = subject
        return Rendered(
            subject, self._render("digest.txt.j2", context), self._render("digest.html.j2", context)
        )


_HEADER_SAFE = re.compile(r"[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]")


def atom(text: str) -> str:
    """``text`` made safe for the left side of a Message-ID or List-Id (RFC 5322 dot-atom)."""
    return _HEADER_SAFE.sub("-", text).strip(".") or "x"
