"""What a JSON-LD live blog's page shows beside its LD, for :mod:`livetail.extract.jsonld`: an
update's element read for its title, times, authors, flags and body (memoised: a re-poll reads the
same elements again); posts the LD does not list, read off their elements alone, and where they
go; the zone LD writes its times in; the page's stamps that show a time of day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from typing import Any, TypeVar
from urllib.parse import urldefrag

import lxml.html
from lxml import etree
from lxml.html import HtmlElement as Element

from livetail.extract import bodyclean, bodylength
from livetail.extract import structured as dom
from livetail.extract.attrtime import may_carry
from livetail.extract.build import RawUpdate, clean_line, first_sentence
from livetail.extract.clockdates import dated_instant
from livetail.extract.core import Context
from livetail.extract.elementfacts import ElementFacts, facts_memo
from livetail.extract.htmlclean import sanitize_to_text
from livetail.extract.ldlinks import own_permalink
from livetail.extract.normalise import normalise_for_compare
from livetail.extract.page import Page
from livetail.extract.stamps import find_stamps
from livetail.extract.stampwords import is_stamp
from livetail.extract.timeparse import Clock, find_clock, parse_relative
from livetail.extract.visibletext import visible
from livetail.extract.zones import zone_for
from livetail.memo import digest

__all__ = [
    "element_facts",
    "in_page_order",
    "ld_zone_of",
    "page_clocks",
    "printed_time",
    "reads_alike",
    "unlisted_update",
    "written_time",
]

T = TypeVar("T")
_SHORTER = 0.6  # a DOM body under 60% of LD's text is a client-rendered shell: LD's text is used

# Most of a re-poll's work was re-reading elements that did not change since the last fetch; the
# facts depend only on the element's subtree and the LD values passed in (see elementfacts).
_FACTS = facts_memo()


def element_facts(
    element: Element,
    headline: str,
    authors: list[str],
    ld_length: int,
    page_url: str,
    *,
    credits: tuple[str, ...] = (),
    ld_body: str | Sequence[str] = "",
) -> ElementFacts:
    """What ``element`` shows, read against LD's ``headline``, ``authors`` and text length
    (``credits``: names whose own line in the body goes, as an author's does, though they are no
    post's author, such as LD's organisation; ``ld_body``: LD's text, HTML or paragraphs, that
    ``ld_length`` measures)."""

    def compute() -> ElementFacts:
        # Everything is read off one plain copy (cheap to walk; see bodyclean.plain_copy), and
        # what the cleaning removes (permalinks among them) is read before it.
        copy = bodyclean.plain_copy(element)
        heading = dom.dom_title(copy)
        lead = "" if _first_words(headline, heading or "", copy) else headline
        # LD may straighten the page's quotes or dashes: then the page's own typography wins.
        same = bool(lead and heading and normalise_for_compare(heading) == normalise_for_compare(lead))
        title = (heading if same else lead) or heading or ""
        shown, edited = dom.dom_times(copy)
        # (beside LD's organisation only a box named for a byline names a writer: not a kicker)
        names = authors or dom.dom_authors(copy, named_only=bool(credits))
        link = dom.permalink(copy, page_url)
        pinned, key_event = dom.own_flags(copy)
        own, plain = bodyclean.clean_copy_plain(
            copy, own_anchor=element.get("id"), title=title, authors=[*names, *credits]
        )
        # Every length is at least 0: with no LD text the element's body wins unmeasured.
        length = bodylength.element_text_length(own, plain_tags=plain)
        wins = ld_length == 0 or length >= _SHORTER * ld_length or _short_by_its_cuts(element, own, ld_body)
        return ElementFacts(
            title,
            shown,
            edited,
            tuple(names),
            bodylength.serialise(own) if wins else None,
            link,
            pinned,
            key_event,
        )

    markup = etree.tostring(element, encoding="utf-8", with_tail=True)
    ld = ld_body if isinstance(ld_body, str) else "\n".join(ld_body)
    key = digest(markup, headline, "\n".join(authors), str(ld_length), page_url, "\n".join(credits), ld)
    return _FACTS.get_or_compute(key, compute)


def _short_by_its_cuts(element: Element, own: Element, ld_body: str | Sequence[str]) -> bool:
    """Whether a body short of LD's text is so only by furniture its cleaning cut and LD's text
    carries too (Khaleej Times' "ALSO READ: …" in ``articleBody``): LD's text is the body's, then
    what the page shows in the post beside it. A teaser is not: the rest of LD's text is not on
    the page."""
    shown = _squeezed(dom.text_of(own))
    if not shown or not ld_body:
        return False
    ld = _squeezed(" ".join(ld_body) if not isinstance(ld_body, str) else _fragment_text(ld_body))
    rest = ld[len(shown) :] if ld.startswith(shown) else ""
    return bool(rest) and rest in _squeezed(visible(element))


def _squeezed(text: str) -> str:
    return "".join(normalise_for_compare(text).split())


def _fragment_text(markup: str) -> str:
    try:
        return dom.text_of(lxml.html.fragment_fromstring(markup, create_parent="div"))
    except Exception:  # an unparseable fragment reads as empty, as its length does
        return ""


def _first_words(headline: str, heading: str, copy: Element) -> bool:
    """Whether LD's headline is only the post's opening words cut off, not a headline of its own:
    * the WordPress liveblog plugin's LD writes an entry's first ten words and an ellipsis, its
      heading and first paragraph run together ("Power cuts hit 1 million homes Energy networks
      say more…"); a kicker or a name as the heading does not start such a cut, and then LD's
      headline stays;
    * LD cuts the heading itself with an ellipsis ("Red warning lifted after…"): the heading wins;
    * a post without a heading whose LD headline is a paragraph's opening words, cut with an
      ellipsis (Times of India: 100 characters and "..."), mid-word, or where the sentence runs on
      (the Daily Mail: "A man in his 40s has died after a tree fell on his van in Lancashire"),
      is titled by its first sentence."""
    cut = headline.endswith(("…", "..."))
    stem = normalise_for_compare(headline.rstrip(".… ") if cut else headline)
    if len(stem) < _CUT_MIN:
        return False
    if heading:
        shown = normalise_for_compare(heading)
        if cut and shown.startswith(stem) and shown != stem:
            return True
        return cut and stem.startswith(shown) and stem in normalise_for_compare(visible(copy))
    # The opening words of a paragraph, cut where its sentence runs on ("…in Lancashire, police
    # have confirmed"), not a headline the paragraph starts with ("Storm Darragh latest: …"), nor
    # one that stands as a line of its own (The Sun's shouted "POLLS CLOSE IN 30 MINUTES").
    lead = clean_line(headline.rstrip(".… ") if cut else headline)
    for node in copy.iter(*_PARAGRAPHS):
        text = dom.text_of(node)
        at = text.find(lead)
        if at < 0 or len(text) == at + len(lead):
            continue
        before = text[:at].strip()
        # (after the post's stamp, if anything: "<p><strong>17:05</strong> Thousands of homes…")
        if not before or is_stamp(before):
            rest = text[at + len(lead) :]
            # (cut mid-word, at a comma, or before a word that runs on in lower case)
            return cut or rest[0] in ",;" or rest[0].islower() or (rest[0] == " " and rest[1:2].islower())
    return False


_PARAGRAPHS = ("p", "div", "li", "section", "article")


_CUT_MIN = 12  # (shorter, a cut is no different from a short headline that ends in an ellipsis)


def unlisted_update(
    element: Element,
    page_url: str,
    pinned_ids: set[str],
    key_ids: set[str],
    tz: tzinfo,
    ld_zone: str | None,
    stem: str | None,
    link_base: str,
    *,
    keep_id: bool = True,
    authors: Sequence[str] = (),
) -> RawUpdate | None:
    """An update the page shows and LD does not list, read off its element alone; None when the
    element shows no time (then it is no post: a box that looks like one), or when LD's ids are
    permalinks (``stem``) and it links to none of its own. Without ``keep_id`` (LD gives no ids)
    its uid is a hash, as the listed posts' are. ``authors``: names its byline box gives, where the
    page's byline box was learned from the listed posts (see ldbylines)."""
    own = own_permalink(element, stem, link_base) if stem is not None else None
    if stem is not None and own is None:
        return None
    facts = element_facts(element, "", list(authors), 0, page_url)
    published, clock, relative = facts.published, None, None
    if published is None:
        published, clock, relative = printed_time(element, tz, ld_zone)
    if published is None and clock is None and relative is None:
        return None
    anchor = own or element.get("id", "")
    return RawUpdate(
        relative=relative,  # "2h ago" (NBC): the last resort, as for a listed post
        body_html=facts.body or "",
        title=facts.title or None,
        publisher_id=anchor if keep_id else None,
        published=published,
        clock=clock if published is None else None,  # a time of day: dated in page order, as a poll dates it
        modified=facts.modified,
        url=facts.url or (f"{urldefrag(page_url)[0]}#{anchor}" if anchor else None),
        authors=list(facts.authors),
        pinned=facts.pinned or anchor in pinned_ids,
        key_event=facts.key_event or anchor in key_ids,
    )


def reads_alike(
    found: list[RawUpdate], listed: list[Element | None], page_url: str, tz: tzinfo, ld_zone: str | None
) -> bool:
    """Whether the listed posts read the same from their elements alone as with their LD: then an
    unlisted post read from its element keeps its title and time when LD lists it later (or drops
    it again), instead of looking edited."""
    for update, element in zip(found, listed, strict=True):
        if element is not None:
            alone = element_facts(element, "", [], 0, page_url)
            if not _same_title(alone, update.title, page_url) or not _same_time(
                alone.published, element, update, tz, ld_zone
            ):
                return False
    return True


def _same_title(alone: ElementFacts, title: str | None, page_url: str) -> bool:
    """Whether the element alone gives the update's title: its heading, or without one (LD's
    headline is then often the post's first sentence, Clarín) the first sentence it is given."""
    if alone.title:
        return alone.title == title
    if title is None or alone.body is None:
        return title is None
    text = sanitize_to_text(alone.body, page_url)[1]
    return normalise_for_compare(first_sentence(text)) == normalise_for_compare(title)


def _same_time(
    shown: datetime | None, element: Element, update: RawUpdate, tz: tzinfo, ld_zone: str | None
) -> bool:
    """Whether the element alone gives the update's time: its explicit time, else the instant its
    printed stamp gives, else (a time of day) the same wall time in the stamp's zone."""
    if shown is not None:
        return shown == update.published
    clock = _printed_clock(element)
    if clock is None and update.published is not None and _printed_relative(element) is not None:
        return True  # "38m ago" (NBC): the time LD gives, said as well as a relative time can
    if clock is None or update.published is None:
        return clock is None and update.published is None
    # (a post showing only its edit, "Updated Dec. 18, 2024 4:05 pm ET" on Barron's pinned card,
    # shows LD's dateModified)
    return any(_shows(clock, when, tz, ld_zone) for when in (update.published, update.modified) if when)


def _shows(clock: Clock, when: datetime, tz: tzinfo, ld_zone: str | None) -> bool:
    if clock.date is not None:
        # (to the minute, where the stamp prints no seconds: LD says 19:41:05, the page 02:41 PM)
        dated = dated_instant(clock, tz)
        return dated is not None and _within_its_minute(dated, when, clock)
    wall = when.astimezone(zone_for(clock.zone or ld_zone, tz))
    return (wall.hour, wall.minute) == (clock.hour, clock.minute)


def _within_its_minute(printed: datetime, written: datetime, clock: Clock) -> bool:
    if clock.second or printed == written:
        return printed == written
    return timedelta(0) <= written - printed < timedelta(minutes=1)


def printed_time(
    element: Element, tz: tzinfo, ld_zone: str | None, *, ahead_of_text: bool = False
) -> tuple[datetime | None, Clock | None, timedelta | None]:
    """The time a post without an explicit one prints: an instant when its stamp prints a full
    date, else its time of day for the engine to date in page order, else how long ago it says
    ("2h ago", NBC); all None when it prints no time. With ``ahead_of_text``, only a stamp before
    the post's text counts (not "the <b>19:30</b> train", a video's "2:31" or a schedule)."""
    clock = _first_stamp(element, find_clock, ahead_of_text)
    if clock is not None and clock.zone is None and ld_zone is not None:
        clock = replace(clock, zone=ld_zone)  # "7:12 pm" where LD says "+02:00": the page's own offset
    published = dated_instant(clock, tz) if clock is not None else None
    if published is not None:
        return published, None, None
    return None, clock, _first_stamp(element, parse_relative, ahead_of_text) if clock is None else None


def _printed_clock(element: Element) -> Clock | None:
    """The time a stamp in a post without an explicit time prints: "14 March 2024, 06:45 PM GST",
    or a time of day alone ("18:20") that the engine dates in page order."""
    return _first_stamp(element, find_clock)


def _first_stamp(element: Element, read: Callable[[str], T | None], ahead_of_text: bool = False) -> T | None:
    """What ``read`` gives for the first stamp in ``element`` it reads anything from; with
    ``ahead_of_text``, None once a paragraph of the post's text comes first."""
    for node in element.iterdescendants():
        text = dom.text_of(node)
        if 0 < len(text) <= _STAMP_MAX and is_stamp(text):
            if (found := read(text)) is not None:
                return found
        elif ahead_of_text and node.tag in dom.PROSE_BLOCKS and text.strip():
            return None
    return None


def written_time(item: dict[str, Any]) -> datetime | None:
    """The item's publish time in the offset LD wrote it in; None when naive or unreadable."""
    try:
        written = datetime.fromisoformat(str(item.get("datePublished", "")))
    except ValueError:
        return None
    return written if written.utcoffset() is not None else None


def page_clocks(page: Page, context: Context) -> list[tuple[Element, Clock | None, datetime | None]]:
    """The page's stamps that show a time of day, with it, and the instant an explicit one
    (``<time datetime>``) gives."""
    body = page.tree.find("body")
    stamps = find_stamps(body if body is not None else page.tree, context, carriers=may_carry(page.markup))
    shown = []
    for s in stamps:
        clock = s.label.clock if s.label else None
        if clock is not None or s.published is not None:
            shown.append((s.element, clock, s.published))
    return shown


def ld_zone_of(items: list[dict[str, Any]]) -> str | None:
    """The one UTC offset other than zero that LD's publish times are written in ("+02:00"), as
    a zone for the page's bare clocks ("UTC+02:00"); None when they use several or none. (LD
    written in UTC says nothing of the zone the page prints its clocks in.)"""
    offsets = set()
    for item in items:
        try:
            offsets.add(datetime.fromisoformat(str(item.get("datePublished", ""))).utcoffset())
        except ValueError:
            continue
    if len(offsets) != 1:
        return None
    (offset,) = offsets
    if not offset:
        return None
    minutes = int(offset.total_seconds()) // 60
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _printed_relative(element: Element) -> timedelta | None:
    """How long ago a stamp in a post without a time of day says ("38m ago", "vor 5 Minuten")."""
    return _first_stamp(element, parse_relative)


_STAMP_MAX = 60


def in_page_order(
    found: list[RawUpdate], listed: list[Element | None], extras: list[tuple[Element, RawUpdate]]
) -> list[RawUpdate]:
    """``found`` (in LD's order, ``listed`` its elements) with each extra placed where the page
    shows it, in the direction LD's order runs on the page."""
    shown = [e for e in listed if e is not None]
    parent = shown[0].getparent()
    # (the posts' shared parent; or where each post is alone in a wrapper, BBC's <li>, the
    # wrappers' parent)
    while parent is not None and not all(parent in e.iterancestors() for e in shown):
        parent = parent.getparent()
    assert parent is not None
    # (keyed by the elements, which keeps their proxies alive: an id() of a proxy lxml let go of
    # may be any later proxy's)
    index: dict[Element, int] = {child: n for n, child in enumerate(parent)}
    at = [_index_in(e, parent, index) if e is not None else None for e in listed]
    known = [n for n in at if n is not None]
    rising = known == sorted(known)
    merged = list(zip(at, found, strict=True))
    for element, update in extras:
        here = _index_in(element, parent, index)
        spot = next(
            (k for k, (n, _) in enumerate(merged) if n is not None and (n > here if rising else n < here)),
            len(merged),
        )
        merged.insert(spot, (here, update))
    return [update for _, update in merged]


def _index_in(element: Element, parent: Element, index: dict[Element, int]) -> int:
    """Where ``element`` stands among ``parent``'s children: its own place, its box's, or -1
    before them all (a pinned post in a box before the feed)."""
    for node in (element, *element.iterancestors()):
        if node in index:
            return index[node]
        if node is parent:
            break
    return -1
