"""Boxes inside a post that are nobody's text, judged on the box alone: ads (and a slot's
"Advertisement" label), newsletter, promo and share boxes, share links, like counters, a
gallery's "1 / 3", and hidden one-word data for scripts. :mod:`livetail.extract.bodyclean`
cuts them with the rest of a post's furniture."""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

from livetail.extract.dom import canonical_url
from livetail.extract.furniturewords import (
    AD_LABELS,
    SCREEN_READER_ONLY,
    SHARE_LABELS,
    camel_words,
    control_phrase,
    hook_tokens,
    share_href,
    share_phrase,
    tokens,
)
from livetail.extract.structured import Element, string_of

__all__ = ["PICTURES", "box_in_body", "boxlike", "hidden_scrap", "holds", "in_sentence", "is_box"]

PICTURES = ("img", "amp-img")
_STAMP_MAX = 60  # (bodyclean's: a hidden scrap is no longer than a stamp)


def _box_words(node: Element, words: frozenset[str]) -> bool:
    """Whether class words name a box; not a body that lets readers share its lines
    ("entry-content share-enabled", "sharing-enabled"), which holds the post's text ("share-buttons
    share-enabled" is a share bar)."""
    named = words & _BOX_WORDS
    if not named or "enabled" not in words or not named <= _SHARE_ENABLED:
        return bool(named)
    shared = [c for c in (node.get("class") or "").lower().split() if "shar" in c]
    return not all(c.endswith("-enabled") for c in shared)


_SHARE_ENABLED = frozenset({"share", "sharing"})


def _quote_to_share(link: Element) -> bool:
    """A share address on a quoted sentence of the post ("Better Click To Tweet": '<a
    href="https://twitter.com/intent/tweet?text=…">"We will ask for every dollar we are
    owed."</a>'): the quote is the post's, unlike a button's few words."""
    text = string_of(link).strip()
    words = text.split()
    if len(words) < _QUOTE_WORDS:
        return False
    if text[:1] in _QUOTES:
        return True  # ('"Send in the troops now," he said': a quote, whatever its first word)
    return text[-1:] in _SENTENCE_ENDS and words[0].lower() not in _SHARE_VERBS


_QUOTE_WORDS = 6
_QUOTES = frozenset('"“”‘’«»')
_SENTENCE_ENDS = frozenset('.!?"”’»')
_SHARE_VERBS = frozenset({"share", "tweet", "send", "click", "post", "email"})


def holds(node: Element, tags: tuple[str, ...]) -> bool:
    """``bool(node.xpath(".//img|.//amp-img"))`` for ``tags``, without compiling an XPath per call."""
    return next(node.iterdescendants(*tags), None) is not None


def is_box(node: Element) -> bool:
    """An ad, newsletter, promo or share box, or a share link (judged on the node alone)."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag == "a":  # a share service's address, or a class that says share ("<a class=share href=#>")
        return (
            (share_href(node.get("href", "")) and not _quote_to_share(node))
            or not _SHARE_WORDS.isdisjoint(tokens(node) | camel_words(node))
            # a button to nowhere that says share ("<a href=#>Udostępnij</a>", Onet)
            or (
                _button_href(node.get("href"))
                and (
                    (said := string_of(node).strip()).lower() in SHARE_LABELS
                    or share_phrase(said)
                    or (said.lower() in _COMMENT_LINKS and node.get("href", "").startswith("#"))
                )
                and not in_sentence(node)
            )
            # a copy control, whatever its address: the post's permalink it copies ("Link kopieren")
            or (control_phrase(string_of(node)) and not in_sentence(node))
            # a link to the comments that counts them ("12 Postings", Der Standard; "Comments (4)")
            or (_COMMENT_COUNT.fullmatch(string_of(node).strip()) is not None and not in_sentence(node))
            # a keyboard user's jump past the post ("Skip next section", DW): it names the next one
            or (node.get("href", "").startswith("#") and "skip" in tokens(node) and not in_sentence(node))
        )
    if tag in ("p", "blockquote"):
        # (a paragraph saying only "ADVERTISEMENT" over an ad slot, detik's; "Article content", Postmedia's)
        return tag == "p" and (_ad_slot_label(node) or _ad_label(node))
    if (
        SCREEN_READER_ONLY.search(node.get("class") or "")
        and "not-sr-only" not in (node.get("class") or "")  # (Tailwind's "sr-only md:not-sr-only" shows)
        and next(node.iterancestors("figcaption"), None) is not None
    ):
        return True  # "Image caption, " before a caption, for screen readers only (the BBC's)
    words = tokens(node)
    return (
        _box_words(node, words)
        or _signup_box(node)
        or _appeal_box(node)
        or _reaction_count(node, words)
        or boxlike(node, words)
        or hidden_scrap(node)
        or _ad_label(node)
        or _empty_player(node, words)
        or _affiliate_box(node)
        or _consent_box(node, words)
        or not _SHARE_WORDS.isdisjoint(hook_tokens(node))  # the Post's data-qa="share-tools"
        or (not _SOCIAL_WORDS.isdisjoint(words) and _link_buttons(node))
        or words >= _WIDGET  # Substack's "subscription-widget-wrap-editor" (not a subscriber's own text)
    )


_COMMENTS = (
    r"(?:comments?|postings?|kommentare?|commentaires?|comentarios?|comentários?|commenti|reacties"
    r"|kommentarer|kommentit|komentarz[ey]?|komentáře|hozzászólás|yorum|σχόλια|комментари[йяев]*|коментар[іяів]*)"
)
_COMMENT_COUNT = re.compile(rf"\d[\d.,]*\s*{_COMMENTS}|{_COMMENTS}\s*\(\d[\d.,]*\)", re.IGNORECASE)
_COMMENT_LINKS = frozenset({"comments", "comment", "kommentare", "commentaires", "comentarios", "commenti"})


def _signup_box(node: Element) -> bool:
    """A box asking for an email address, with little else: a newsletter sign-up whatever its
    classes say ("gnt_em", USA Today); or a small box around a field to type in or copy from,
    with no paragraph in it (a video's "Copy/paste the embed link below:", Euronews). A poll's
    choices are no such field, nor a paragraph beside a postcode lookup: that is a post's text."""
    if node.tag not in ("aside", "div", "section", "form"):
        return False
    kinds = {(i.get("type") or "text").lower() for i in node.iterdescendants("input")}
    if not kinds:
        return False
    shown = len(string_of(node))
    if "email" in kinds and shown <= _SIGNUP_MAX:
        return True
    return (
        not kinds.isdisjoint(_TYPED)
        and shown <= _FIELD_MAX
        and next(node.iterdescendants("p", "li", "blockquote"), None) is None
    )


_SIGNUP_MAX = 400
_FIELD_MAX = 200


def _reaction_count(node: Element, words: frozenset[str]) -> bool:
    """A count of readers' reactions, named so and saying nothing but symbols and a number ("<span
    class=lb-posting-reactions>👍 34</span>", Der Standard); not "world-reactions" quoted in a
    list, which has words."""
    if _REACTION_WORDS.isdisjoint(words):
        return False
    text = (_short_text(node, _REACTION_MAX) or "").strip()
    return bool(text) and not any(c.isalpha() for c in text) and any(c.isdigit() for c in text)


_REACTION_WORDS = frozenset({"reactions", "reaction", "likes", "like"})
_REACTION_MAX = 24


def _appeal_box(node: Element) -> bool:
    """A small box that ends in its one link, to join, give to or subscribe to the site itself
    ("… Consider supporting the Kyiv Independent. <a href=/membership/>Become a member</a>", a
    Ghost callout card): the publisher's appeal, not the post's text, whatever its classes say.
    (Never a paragraph's: an appeal a post reports, "Donate to the DEC appeal", is its text.)"""
    if node.tag not in ("aside", "div", "section"):
        return False
    links = list(node.iter("a"))
    if len(links) != 1 or (path := _APPEAL_PATH.match(links[0].get("href") or "")) is None:
        return False
    shown, said = string_of(node).strip(), string_of(links[0]).strip()
    return (
        0 < len(said.split()) <= _BUTTON_WORDS + 2
        and len(shown) <= _SIGNUP_MAX
        and shown.endswith(said)
        and next(node.iterdescendants("p", "li", "blockquote"), None) is None
        and (path["host"] is None or _same_site(path["host"], node))
    )


_APPEAL_PATH = re.compile(
    r"(?:https?://(?P<host>[^/]+))?/(?:[\w-]+/)?(?:membership|members|join|donate|donations?|support(?:-us)?"
    r"|subscribe|subscriptions?)(?:[/?#]|$)",
    re.IGNORECASE,
)


def _same_site(host: str, node: Element) -> bool:
    """Whether ``host`` is the page's own site: the address it was fetched from, or for a saved
    file the address its canonical link gives (compared without "www.")."""
    tree = node.getroottree()
    own = urlsplit(tree.docinfo.URL or "").hostname or urlsplit(canonical_url(tree.getroot()) or "").hostname
    return own is not None and host.lower().removeprefix("www.") == own.removeprefix("www.")


_TYPED = frozenset({"text", "url", "search", "tel"})
_SOCIAL_WORDS = frozenset({"social", "sns", "shr"})  # (Japanese and Korean pages say "SNS"; NDTV "lv-b_shr")
_WIDGET = frozenset({"subscription", "widget"})


def in_sentence(node: Element) -> bool:
    """Whether words stand right beside ``node``: "El presidente <a href=#>del</a> gobierno"."""
    previous, parent = node.getprevious(), node.getparent()
    before = previous.tail if previous is not None else (parent.text if parent is not None else None)
    # (a page's indentation is no word: "\n      " around a link on a line of its own)
    return bool((before or "").strip().strip(" |·•:") or (node.tail or "").strip().strip(" |·•"))


def _link_buttons(node: Element) -> bool:
    """A row of short links and nothing else: a "social" box of share buttons ("<div class=social>
    <a>Сподели</a><a>Tweet</a></div>"), not a social post embedded in the update (its words are
    no links, or it holds a quote, a frame or a picture)."""
    links = list(node.iter("a"))
    if not links or holds(node, _EMBEDDED) or not all(_button_href(a.get("href")) for a in links):
        return False
    shown = [" ".join(string_of(a).split()) for a in links]
    if any(len(words.split()) > _BUTTON_WORDS for words in shown):
        return False
    rest = " ".join(string_of(node).split())
    for words in shown:  # ("<a>Сподели</a><a>Tweet</a>" reads "СподелиTweet")
        rest = rest.replace(words, " ", 1)
    # (beside the buttons at most their label: "<span>शेयर करें</span><a>Facebook</a>", NDTV India)
    rest = " ".join(rest.split()).strip(" :").lower()
    return not rest or rest in SHARE_LABELS


def _button_href(href: str | None) -> bool:
    """A button's address: none, the page itself ("#"), a script, or a share service's. A link
    to a post on a social network, an account or a donation page is content."""
    href = (href or "").strip()
    return not href or href.startswith(("#", "javascript:")) or share_href(href)


_BUTTON_WORDS = 3
_EMBEDDED = ("blockquote", "iframe", "img", "amp-img", "video", "picture", "figure")


def hidden_scrap(node: Element) -> bool:
    """Data for scripts that the page hides from readers (``hidden``, ``display: none``): one word
    with a digit in it, such as a raw epoch or an id. Hidden words and sentences stay: a button or
    the browser's find may reveal them (``hidden="until-found"``)."""
    hidden = node.get("hidden")
    if hidden is None:
        style = node.get("style")
        if not style or not _HIDING_STYLE.search(style):
            return False
    elif hidden.strip().lower() == "until-found":
        return False
    text = _short_text(node, _STAMP_MAX)
    return text is not None and _DATA_WORD.fullmatch(text) is not None and not holds(node, PICTURES)


_DATA_WORD = re.compile(r"\s*\S*\d\S*\s*")


_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _ad_label(node: Element) -> bool:
    """A box that says only "Advertisement" ("Anzeige", "Publicité"), whatever it holds beside
    the label: an ad slot ("<div><span>廣告</span><div id=div-gpt-ad-…></div></div>", HK01)."""
    text = _short_text(node, _AD_LABEL_MAX)
    if text is None:
        return False
    text = text.strip()
    if text[:1] in _DASHES and text[-1:] in _DASHES:
        text = text.strip(" \t\n\xa0-–—")  # ("- Advertisement -"; not a list's "— реклама")
    return text.lower() in AD_LABELS


_DASHES = ("-", "–", "—")


_AD_LABEL_MAX = 40


def _ad_slot_label(node: Element) -> bool:
    """A paragraph its class names an ad slot's label that says only a label (a few words, no
    sentence, no figure): Postmedia's '<p class="article-content__ad-label">Article content</p>'
    between a post's paragraphs. Not a score or a line its class merely places near an ad
    ("ad-after", "no-ads")."""
    words = _class_words(node.get("class") or "")
    if _AD_SLOT_WORDS.isdisjoint(words) or _SLOT_WORDS.isdisjoint(words):
        return False
    text = _short_text(node, _AD_LABEL_MAX)
    if text is None or not text.strip():
        return False
    return len(text.split()) <= 3 and not any(c.isdigit() for c in text) and text.rstrip()[-1:] not in ".!?"


_AD_SLOT_WORDS = frozenset({"ad", "ads", "advert", "advertisement"})


def _class_words(classes: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s_-]+", classes.lower()) if w)


_SLOT_WORDS = frozenset({"label", "slot", "placeholder"})


def _empty_player(node: Element, words: frozenset[str]) -> bool:
    """A video player's box left without its video (scripts load it): only its chrome is text,
    "Watch: Amad's winner", "Please use Chrome browser for a more accessible video player",
    "Lire la vidéo"."""
    if _PLAYER_WORDS.isdisjoint(words) or holds(node, _PLAYER_MEDIA):
        return False
    text = _short_text(node, _PLAYER_TEXT_MAX)  # (a caption beside the video says none of these)
    return text is not None and any(notice in text.lower() for notice in _PLAYER_NOTICES)


_PLAYER_WORDS = frozenset({"video", "player", "videoplayer", "jwplayer"})
_PLAYER_MEDIA = ("video", "iframe", "img", "picture", "audio", "object", "embed", "amp-video", "amp-img")
_PLAYER_TEXT_MAX = 160
_PLAYER_NOTICES = (
    "please use chrome browser", "lire la vidéo", "play video", "video abspielen", "reproducir vídeo",
    "riproduci video", "this video can not be played", "this video cannot be played",
    "your browser does not support", "javascript is required", "enable javascript",
)  # fmt: skip


def box_in_body(node: Element) -> bool:
    """:func:`is_box`, for a structured update's body: never a box holding the post's prose (a
    post's whole body may be a "video" box, or a callout asking for an email address), only
    paragraphs that are a player's notices ("This video can not be played") or ask to load an
    embed (:func:`_consent_box`)."""
    if not is_box(node):
        return False
    if _consent_box(node, tokens(node)):
        return True  # (its paragraph asks to load the embed: "Um den Inhalt anzuzeigen, …")
    return all(
        any(notice in string_of(prose).lower() for notice in _PLAYER_NOTICES)
        for prose in node.iterdescendants("p", "li", "blockquote")
    )


def _short_text(node: Element, limit: int) -> str | None:
    """The node's text when it is at most ``limit`` characters long (read no further); else None."""
    pieces: list[str] = []
    length = 0
    for piece in node.itertext(with_tail=False):
        pieces.append(str(piece))
        length += len(piece)
        if length > limit:
            return None
    return "".join(pieces)


def _like_count(node: Element, words: frozenset[str]) -> bool:
    """A like counter: a "like" box that shows a number, maybe after the word its class names
    and nothing else (24liveblog's "12", "Like 52", "👍 Likes: 12")."""
    if _LIKE_WORDS.isdisjoint(words):
        return False
    text = string_of(node).strip()
    return len(text) <= _LIKE_TEXT_MAX and _LIKE_COUNT.fullmatch(text) is not None


_LIKE_WORDS = frozenset({"like", "likes"})
_LIKE_TEXT_MAX = 24
_LIKE_COUNT = re.compile(r"(?:\W{0,3}\s*likes?\s*:?\s*)?\d[\d,.]*[kK]?", re.IGNORECASE)


def _gallery_counter(node: Element) -> bool:
    """A gallery's "1 / 3": a box that shows only a picture's place among the others, standing
    on its own inside a gallery box that holds pictures. Anywhere else "7/10" is a rating, "245/6"
    a score, "326 / 650" seats and "1 of 2" a thread's place."""
    if len(node) > 2:  # (a counter is a leaf, or two or three numbers in their own elements)
        return False
    text = node.text or ""
    for child in node:  # (written out: this runs on every classed box of every post)
        if len(child):
            return False
        text += (child.text or "") + (child.tail or "")
    counter = _COUNTER.fullmatch(text) if 0 < len(text) <= _COUNTER_MAX else None
    if counter is None or not 1 <= int(counter[1]) <= int(counter[2]) <= _COUNTER_TOP:
        return False
    near = list(itertools.islice(node.iterancestors(), 3))
    if _beside_words(node) or any(box.tag in _PROSE_OR_TABLE for box in near):
        return False
    return any(
        not _GALLERY_WORDS.isdisjoint(tokens(box) | camel_words(box)) and holds(box, _GALLERY_PICTURES)
        for box in (node, *near)
    )


def _beside_words(node: Element) -> bool:
    """Words stand right beside the node in its parent: it is part of a sentence."""
    previous, parent = node.getprevious(), node.getparent()
    before = previous.tail if previous is not None else (parent.text if parent is not None else None)
    return bool((before or "").strip() or (node.tail or "").strip())


_COUNTER = re.compile(r"\s*(\d{1,3})\s*(?:/|of|von|de|sur|di|van|z)\s*(\d{1,3})\s*")
_COUNTER_MAX = 16
_COUNTER_TOP = 100  # pictures in a gallery
_PROSE_OR_TABLE = frozenset({"p", "li", "td", "th", "tr", "table", "blockquote"})
_GALLERY_PICTURES = ("img", "amp-img", "picture")
_GALLERY_WORDS = frozenset({"gallery", "slideshow", "carousel", "slider", "swiper", "lightbox", "slides"})


# (and the word in other languages: Spanish/Portuguese, French, German, Italian, Dutch, Polish, Turkish)
_SHARE_WORDS = frozenset(
    {"share", "sharing", "sharebar", "compartir", "compartilhar", "partager", "partage", "teilen", "condividi",
     "delen", "udostepnij", "paylas"}
)  # fmt: skip


_BOX_WORDS = frozenset(
    {
        "ad", "ads", "advert", "advertisement", "adslot", "dfp", "mpu", "teads", "newsletter", "signup",
        "subscribe", "promo", "sponsored", "outbrain", "taboola", "share", "sharing", "sharebar",
        "sharedaddy", "relatedposts", "compartir", "compartilhar", "partager", "partage", "teilen", "condividi",
        "delen", "udostepnij", "paylas",
    }
)  # fmt: skip
# box words that camel case may give ("liveShare", "NewsletterSignup"): long enough not to turn up
# in a hashed class name by chance
_LONG_BOX_WORDS = frozenset(w for w in _BOX_WORDS if len(w) >= 5)


def _affiliate_box(node: Element) -> bool:
    """A shop's price widget: a short block, no sentence, whose links all say they are paid for
    (``rel="sponsored"``), a widget by its class or its button: Future's "hawk" widget's "Galaxy Z
    Fold 7: pre-order at Samsung £1,799 View Deal". An affiliate link in the post's own sentences
    stays, as its paragraph does."""
    if node.tag not in _AFFILIATE_TAGS:
        return False
    links = list(node.iterdescendants("a"))
    if not links or not all("sponsored" in (a.get("rel") or "").lower().split() for a in links):
        return False
    line = string_of(node).strip()
    if not line or len(line) > _AFFILIATE_MAX or line.endswith((".", "!", "?")) or ". " in line:
        return False
    # (a widget, by its class or its button's words: a deals blog's own "AirPods Pro 2: was $249
    # now $169 @ Amazon" line, or a linked product picture, is the post's content)
    return not _WIDGET_WORDS.isdisjoint(tokens(node)) or _BUY_CALL.search(line) is not None


_AFFILIATE_TAGS = frozenset({"div", "aside", "section"})
_WIDGET_WORDS = frozenset({"hawk", "widget", "price", "prices", "pricing"})
_BUY_CALL = re.compile(
    r"\b(?:view deal|check price|see price|shop now|buy now|view at|see at|get deal)\b", re.IGNORECASE
)


def _consent_box(node: Element, words: frozenset[str]) -> bool:
    """An embed's stand-in asking to load it: "Um den Inhalt anzuzeigen, müssen Sie der Übertragung
    von Daten an X zustimmen. [Einmal anzeigen]" (tagesschau), "Externer Inhalt: … [Inhalt
    anzeigen]" (Bild). A box its class calls a consent box, with its button and short words, and
    none of the embed itself (a wrapper holding the post on X stays)."""
    return (
        # ("a-opt-in", heise; "external-content__placeholder", RTS)
        (not _CONSENT.isdisjoint(words) or words >= _OPT_IN or words >= _EXTERNAL_CONTENT)
        and (node.tag in _AFFILIATE_TAGS or "-" in node.tag)  # (or a custom element: "<a-opt-in>")
        and holds(node, ("button",))
        and not holds(node, _CONTENT)
        and len(string_of(node)) <= _CONSENT_MAX
    )


_CONSENT = frozenset({"consent", "cmp", "gdpr"})
_OPT_IN = frozenset({"opt", "in"})
_EXTERNAL_CONTENT = frozenset({"external", "content", "placeholder"})  # (its stand-in, not any external box)
_CONTENT = ("blockquote", "iframe", "img", "video", "audio", "picture", "figure", "amp-img", "table")
_CONSENT_MAX = 500  # (heise's opt-in box says 419 characters)
_AFFILIATE_MAX = 200


def boxlike(node: Element, words: frozenset[str]) -> bool:
    """What :func:`is_box` says of a node beyond its class's plain words (``words``): a box word
    in camel case, a like counter, a gallery's counter."""
    return (
        not _LONG_BOX_WORDS.isdisjoint(camel_words(node))
        or _like_count(node, words)
        or _gallery_counter(node)
    )
