"""Boxes inside a post that point at other articles: a short block that starts with a label
such as "Also read:", "Mehr zum Thema" or "Lire aussi" and holds a link, or a shouted link that
calls the reader elsewhere ("CLICK HERE TO GET THE FOX NEWS APP"). Never the whole post, and
never a sentence that merely starts alike ("Related to the storm, police said")."""

from __future__ import annotations

import re

from livetail.extract.cuewords import Cues
from livetail.extract.structured import Element, string_of, text_of

__all__ = [
    "is_read_also_box",
    "is_read_also_label",
    "is_read_also_line",
    "may_hold_read_also",
    "read_also_boxes",
]

# A box pointing at other articles announces itself: "Also read:", "Mehr zum Thema", "Lire aussi",
# Axios's "Go deeper:", Forbes's "MORE FROM FORBES".
_READ_ALSO = re.compile(
    r"(?:also read|go deeper|recommended(?: (?:reading|for you|articles|stories))?|you (?:may|might) also like|more stories|(?-i:MORE FROM)(?: [\w'’]+){1,3}|(?-i:MORE)(?=\s*:)|read (?:more|also)(?: here)?|read(?=\s*\|)|(?-i:READ|Read)(?=\s*:)|related(?: to this story| (?:stories|story|articles?|coverage|content))?|see also"
    # an outlet's own list, one word after "on" ("Trending on WGN-TV"); not what trends on a
    # platform, a post's own subject ("Trending on X right now:", "Trending on Google: searches…")
    r"|trending on (?!(?i:google|x|twitter|tiktok|youtube|instagram|facebook|reddit|threads|bluesky|social)\b)[\w.'’]+(?:-\w+)?(?![\w-])"
    r"|more on this(?: story)?|more (?:[\w'’-]+ ){0,2}coverage|mehr zum thema|lesen sie (?:auch|mehr)|auch interessant|weitere artikel"
    r"|(?:[àa] )?lire aussi|sur le même sujet|leer más|lee también|(?:te|le) puede interesar|te recomendamos|leggi anche|vedi anche|per approfondire|(?-i:En [A-Z]\w+)(?=\s*\|)|lees ook"
    r"|ook interessant|läs (?:också|mer)|l[eæ]s også|lue myös|leggi tutto|continua a leggere|weiterlesen"
    r"|lire la suite|ler mais|(?:prze)?czytaj (?:więcej|dalej|też|także)|les mer|lue lisää|noticias? relacionadas?"
    r"|(?:art[íi]culo|contenido)s? relacionados?|lea también|leé también|čtěte (?:také|též|více)|přečtěte si (?:také|též)|prečítajte si (?:aj|tiež)|čítajte (?:aj|tiež|viac)|διαβ[άα]στε (?:επ[ίι]σης|ακ[όο]μα|ακ[όο]μη)"  # (capitals drop the accents: "ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ")
    r"|czytaj także|leia (?:também|mais)|read next|mehr dazu(?: in)?|loe ka|taip pat skaitykite"
    r"|читайте (?:также|також)|اقرأ أيضا[ًً]?|関連(?:ニュース|記事)|kapcsolódó(?: cikk(?:ek)?| hírek)?"
    r"|pro[čc]itajte (?:još|jos|i|također|takođe|više|vise)|yana o[‘'’ʻ]qing|прочитајте (?:још|и)|preberite (?:še|se|tudi)"
    r"|прочетете (?:още|също)|cite[șşs]te (?:[șşs]i|mai mult)|baca juga|xem thêm|ayrıca (?:okuyun|bakınız)"
    r"|ilgili (?:haberler|haber)|קראו (?:עוד|גם)|بیشتر بخوانید|mohlo by v[áa]s (?:zaj[íi]mat|zaujmout)"
    r"|य(?:ह|े) (?:खबर )?भी प(?:ढ़|ढ़)ें|tin liên quan|tengt efni|tengdar fréttir|আরও পড়ুন|延伸(?:閱讀|阅读)|相(?:關|关)(?:新聞|新闻|閱讀|阅读)|관련\s?기사|함께 보기|あわせて読みたい"
    r"|อ่าน(?:ข่าว)?ที่เกี่ยวข้อง|อ่านเพิ่มเติม|(?:مزید|یہ بھی) پڑھیں|தொடர்புடைய (?:செய்திகள்|செய்தி))",  # (no word boundary: "Lire aussi<a>Comment…" reads "Lire aussiComment")
    re.IGNORECASE,
)


# Every label of ``_READ_ALSO`` holds one of these words (lower case): a body's text is looked
# through for them in one pass (cuewords) before any box is judged, as most bodies hold none.
_READ_ALSO_CUES = Cues(
    (
        "read more", "read |", "read|", "read:", "read :", "more:", "more :", "also read", "recommended", "also like", "more stories", "go deeper", "more from", "read also", "related", "see also", "more on this", " coverage", "trending on", "mehr zum", "lesen sie",
        "interessant", "weitere artikel", "lire aussi", "même sujet", "leer más", "lee también", "puede interesar", "te recomendamos",
        "leggi anche", "vedi anche", "per approfondire", " |", "lees ook", "läs ", "s også", "lue myös", "leggi tutto", "continua a leggere",
        "weiterlesen", "la suite", "ler mais", "czytaj", "les mer", "lue lisää", "relacionad", "lea también", "leé también",
        "čtěte", "přečtěte", "čítajte", "διαβάστε", "διαβαστε", "leia", "read next", "mehr dazu", "loe ka", "skaitykite",
        "читайте", "اقرأ", "関連", "kapcsolód", "itajte", "прочитај", "preberite", "прочетете", "citește", "citeşte",
        "citeste", "baca juga", "xem thêm", "tin liên quan", "yana o", "tengt efni", "tengdar fr", "আরও পড়ুন", "खबर भी", "ayrıca", "ayrica", "ilgili", "i\u0307lgi\u0307li\u0307", "קראו", "بخوانید", "mohlo by", "ये भी प",
        "پڑھیں", "தொடர்புடைய",
        "延伸", "相關", "相关", "관련", "함께 보기", "あわせて", "यह भी", "อ่าน",
    )
)  # fmt: skip


def _may_read_also(s: str) -> bool:
    """Whether lower-case text holds a word of ``_READ_ALSO``."""
    return _READ_ALSO_CUES.any_in(s)


_READ_ALSO_MAX = 300
_READ_ALSO_TAIL = 12  # what a labelled box says beside its label and its links
_READ_ALSO_REST = 10  # what the post must still say without the box: a box is never the whole post
_READ_ALSO_TAGS = ("p", "div", "aside", "section", "li", "span", "strong", "h3", "h4", "h5", "h6")


_READ_ALSO_MARKUP = re.compile(
    # ">" then spaces, entities or a leading "À " before the label; labels by their ASCII part, so
    # neither an entity ("&aacute;") nor a page in another encoding hides them. The run before the
    # label is possessive: it never holds an ASCII letter (an entity aside), so giving any of it
    # back never helps, and a long run of Cyrillic, Greek or CJK bytes (all non-word bytes here)
    # must not be split every possible way before the search moves on.
    rb">(?:&#?\w{2,8};|[^<>\w])*+"
    rb"(?:also read|go deeper|recommended|you may also|you might also|more stories|more from|more\s*:|read (?:more|also)|read\s*\||read\s*:|related|trending on|see also|more on this|more (?:[\w'-]+ ){0,2}coverage|mehr zum thema|lesen sie|auch interessant"
    rb"|weitere artikel|lire aussi|sur le m|leer m|lee tambi|te puede interesar|te recomendamos|leggi anche|vedi anche|per approfondire|en [A-Z]\w+\s*\||lees ook|ook interessant"
    rb"|a lire aussi|le puede interesar|mohlo by|l\xc3\xa4s ocks|l\xc3\xa4s mer|les ogs|l\xc3\xa6s ogs|lue my|leggi tutto|continua a leggere"
    rb"|weiterlesen|lire la suite|ler mais|czytaj|przeczytaj|les mer|lue lis|noticias? relacionad|art\xc3\xadculos? relacionad|articulos? relacionad"
    rb"|contenidos? relacionad|lea tambi|le\xc3\xa9 tambi"
    rb"|t\xc4\x9bte|p\xc5\x99e\xc4\x8dt\xc4\x9bte|pre\xc4\x8d\xc3\xadtajte|tajte (?:aj|tie)|leia|read next|mehr dazu|loe ka|taip pat skaitykite|kapcsol"
    rb"|pro\xc4\x8ditaj|procitaj|preberite|cite|baca juga|xem th|tin li\xc3\xaan quan|yana o|tengt efni|tengdar fr|ayr\xc4\xb1ca|ayrica|ilgili|lgili)",
    # (Czech "Čtěte": its "Č" is in the run)
    re.IGNORECASE,
)


def may_hold_read_also(markup: bytes) -> bool:
    """Whether a page's markup may hold a read-also box at all: a label that starts an element's
    text. One scan of the page (a few ms per MB) spares every post its own look. A label with no
    ASCII letter (Greek "Διαβάστε επίσης", Russian "Читайте также") is wholly in the run the
    pattern skips: its own bytes are looked for instead."""
    return (
        _READ_ALSO_MARKUP.search(markup) is not None
        or any(call in markup for call in _SHOUTED_CALLS)
        or any(invite in markup for invite in _CHANNEL_MARKUP)
        or _ITALIC_PARAGRAPH.search(markup) is not None
        or (not markup.isascii() and _NON_LATIN_MARKUP.search(markup) is not None)
        # a label's letters written as references ("L&auml;s ocks&aring;", "&#1063;&#1080;…"):
        # the scan cannot read them, so every post takes its own look
        or _LETTER_REFERENCE.search(markup) is not None
    )


# A shouted call to act, as Fox News puts one inside a post: "<p><strong><a href=…>CLICK HERE TO GET
# THE FOX NEWS APP</a></strong></p>", "… BY SUBSCRIBING TO OUR NEWSLETTER"
_SHOUTED_CALLS = (b"CLICK HERE", b"SUBSCRIB", b"NEWSLETTER", b"SIGN UP", b" APP")
_BLOCKS = ("p", "div", "li", "aside", "section")
_SHOUTED_CALL = re.compile(
    r"\b(?:CLICK HERE (?:TO (?:GET|SIGN UP|SUBSCRIBE)|FOR (?:MORE|THE LATEST))|SUBSCRIB\w*|NEWSLETTER|SIGN UP"
    r"|(?:GET|DOWNLOAD) THE .{1,80}? APP)\b"  # (bounded: a body of many "GET THE" searched to its end from each)
)  # (not "CLICK HERE TO READ THE FULL INDICTMENT" or "DOWNLOAD THE FULL REPORT": the post's own documents)

# Greek, Russian and Ukrainian (without the first letter, which a capital changes), Arabic, Japanese
# (and labels in capitals whose letters outside ASCII the scan's case folding does not reach)
_NON_LATIN_READ = tuple(
    label.encode()
    for label in (
        "ιαβάστε", "ιαβαστε", "ΙΑΒΆΣΤΕ", "ΙΑΒΑΣΤΕ", "итайте", "ИТАЙТЕ", "اقرأ", "関連",
        "LÄS OCKS", "LÄS MER", "LÆS OGS", "ČTĚTE", "TĚTE", "ŘEČTĚTE", "PROČITAJ", "рочитај", "РОЧИТАЈ", "рочетете",
        "РОЧЕТЕТЕ", "קראו", "بخوانید", "ये भी प", "भी पढ़ें", "पढ़ें", "پڑھیں", "தொடர்புடைய", "延伸", "相關", "相关",
        "관련", "함께 보기", "あわせて", "อ่าน", "TIN LIÊN QUAN", "আরও পড়ুন", "LGİLİ",
    )
)  # fmt: skip
_LETTER_REFERENCE = re.compile(
    rb"&#(?:\d{3,}|[xX][0-9a-fA-F]{3,});|&[a-zA-Z]{1,2}(?:uml|ring|lig|caron|acute|grave|circ|tilde|cedil|slash);"
)
_NON_LATIN_MARKUP = re.compile(b"|".join(map(re.escape, _NON_LATIN_READ)))  # (one pass, not one per label)


def read_also_boxes(body: Element, body_text: str | None = None) -> list[Element]:
    """The outermost "read also" boxes in ``body``: short blocks that start with such a label and
    hold a link ("<p>Also Read: <a>…</a></p>", "<div><span>Mehr zum Thema</span> <a>…</a></div>"),
    never the whole post. The body's own text (``body_text`` when the caller has it) is searched
    for a label first: most bodies have none."""
    text = string_of(body) if body_text is None else body_text
    shouted = _may_shout(text) and _SHOUTED_CALL.search(text) is not None
    lower = text.lower()
    invited = _INVITE_CUES.any_in(lower)
    if not shouted and not invited and not _may_read_also(lower):
        return []
    found: list[Element] = []
    inside: set[Element] = set()  # the descendants of the boxes found so far
    for node in body.iterdescendants(*_READ_ALSO_TAGS, "a"):
        if node in inside:
            continue
        if node.tag == "a":
            if _labelled_card(node) and len(text) - len(text_of(node)) >= _READ_ALSO_REST:
                found.append(node)
                inside.update(node.iterdescendants())
            continue
        line = text_of(node)
        links = _links_after_label(node, line)
        if links and len(text) - len(line) - sum(len(text_of(el)) for el in links) >= _READ_ALSO_REST:
            found += (node, *links)
            inside.update(node.iterdescendants())
            for el in links:
                inside.update((el, *el.iterdescendants()))
            continue
        if (
            0 < len(line) <= _READ_ALSO_MAX
            and len(text) - len(line) >= _READ_ALSO_REST
            and (
                _labelled(node, line)
                or (shouted and _shouted_promo(node, line))
                or (invited and (_channel_invite(node, line) or _italic_promo(node, line)))
            )
        ):
            found.append(node)
            inside.update(node.iterdescendants())
    return found


def _links_after_label(node: Element, line: str) -> list[Element]:
    """The blocks after a read-also label that stands alone ("<p><strong>ALSO READ:</strong></p>")
    that hold links and nothing else: a list whose items are each one link (Khaleej Times), or
    paragraphs or boxes each wholly links ("<p><a>How the IEC handles objections</a></p>",
    TimesLIVE; "<div class=read-more-links><a>…</a></div>", the Irish Examiner). That label and
    those blocks are one box. ("Related documents:" before a list is no label alone, and links to
    documents are the post's own sources.)"""
    if node.tag not in _BLOCKS or not line or len(line) > _LABEL_ALONE_MAX:
        return []
    if (
        _READ_ALSO.fullmatch(_LEAD_MARKS.sub("", line).rstrip(" :|.…")) is None
        or next(node.iter("a"), None) is not None
    ):
        return []
    found: list[Element] = []
    gap, after = node.tail, node.getnext()
    while after is not None and not (gap or "").strip() and _only_links(after):
        found.append(after)
        gap, after = after.tail, after.getnext()
    return found


def _only_links(block: Element) -> bool:
    """A list whose items are each one link, or a paragraph or box whose whole text is its links'
    (one or more, none to a document)."""
    if not isinstance(block.tag, str):
        return False
    anchors = list(block.iter("a"))
    if not anchors or any(_DOCUMENT.search(a.get("href") or "") for a in anchors):
        return False
    if block.tag in ("ul", "ol"):
        items = [child for child in block if isinstance(child.tag, str)]
        return bool(items) and all(
            child.tag == "li" and _whole_link(child, text_of(child)) for child in items
        )
    if block.tag not in ("p", "div"):
        return False
    said = "".join(text_of(block).split())
    linked = "".join("".join(text_of(a).split()) for a in anchors)
    return bool(said) and said == linked


_LABEL_ALONE_MAX = 40
_PRICE = re.compile(r"[£$€¥₹]\s?\d|\d\s?(?:€|zł|Kč|kr)\b")
_CARD_PARTS = ("div", "p", "h2", "h3", "h4", "h5", "h6", "span", "figure", "picture", "img")


def _labelled_card(link: Element) -> bool:
    """A link built as a card of blocks whose first words are a read-also label of their own, then
    the other article's title ("<a class=c-inline-card><div><img></div><h2>Vedi anche</h2>
    <h3>Papa eletto, cosa succede ora…</h3></a>", Sky TG24). A link in a sentence is no card."""
    if (link.text or "").strip() or next(
        link.iterchildren("div", "p", "h2", "h3", "h4", "h5", "h6"), None
    ) is None:
        return False
    parts = [child for child in link if isinstance(child.tag, str)]
    if any(child.tag not in _CARD_PARTS for child in parts):
        return False
    said = [line for child in parts if (line := text_of(child).strip())]
    # ("Recommended" over a product and its price is a deal)
    return len(said) >= 2 and is_read_also_label(said[0]) and _PRICE.search(text_of(link)) is None


_DOCUMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|csv|odt)(?:[?#]|$)", re.IGNORECASE)


def _may_shout(text: str) -> bool:
    """Whether text may hold a shouted call (plain substring tests: most bodies hold none, and the
    pattern, which starts at a word boundary, would try every position)."""
    return (
        "CLICK HERE" in text
        or "SUBSCRIB" in text
        or "NEWSLETTER" in text
        or "SIGN UP" in text
        or " APP" in text
    )


def is_read_also_box(node: Element) -> bool:
    """Whether ``node`` itself is such a box: a post's paragraph between posts that are told apart
    by their time stamps alone ("<p><strong>RELATED:</strong> <a>A timeline…</a></p>"), or a
    wrapper around one ("<div class=wiwi-signoff><p><em>Follow wiwibloggs on…</em></p></div>")."""
    while (
        node.tag in ("div", "section", "aside")
        and len(node) == 1
        and not (node.text or "").strip()
        and not (node[0].tail or "").strip()
    ):
        node = node[0]
        if not isinstance(node.tag, str):
            return False
    line = text_of(node)
    if not 0 < len(line) <= _READ_ALSO_MAX:
        return False
    return (
        _labelled(node, line)
        or (_may_shout(line) and _shouted_promo(node, line))
        or (_INVITE_CUES.any_in(line.lower()) and (_channel_invite(node, line) or _italic_promo(node, line)))
    )


def is_read_also_label(line: str) -> bool:
    """Whether a short line is only a read-also label ("Vedi anche", "ALSO READ:", "➡️ Related")."""
    return (
        len(line) <= _LABEL_ALONE_MAX
        and _READ_ALSO.fullmatch(_LEAD_MARKS.sub("", line).rstrip(" :|.…")) is not None
    )


def is_read_also_line(line: str) -> bool:
    """Whether a line of plain text is such a box as the page's text shows it: a label, a colon
    or a bar, and a title ("Related: Storm closes schools", "READ MORE | Power cuts hit 1,000
    homes"). Without its link only the colon tells it from a sentence ("Related to the storm…")."""
    line = _LEAD_MARKS.sub("", line)
    label = _READ_ALSO.match(line)
    if label is None or len(line) > _READ_ALSO_MAX:
        return False
    rest = line[label.end() :].lstrip()
    if rest[:1] not in (":", "|"):
        return False
    title = rest[1:].lstrip()
    if title.endswith((".", "!")):  # "Mehr dazu: Der Kanzler sagte, er sei zuversichtlich." is a sentence
        return False
    return title[:1].isupper() or title[:1].isdigit() or title[:1] in ('"', "“", "‘", "'", "«", "¿", "¡")


_BRACKETED_CALL = re.compile(r"\[(?:SIGN UP|DOWNLOAD|SUBSCRIBE)\b[^\[\]]{1,100}\]")


def _shouted_promo(node: Element, line: str) -> bool:
    """A block in capitals that is all one link and calls the reader to act elsewhere: get the
    app, subscribe, sign up. (A shouted line of the post's own is no link; a link inside a
    sentence or a heading is the post's.)"""
    if node.tag in _BLOCKS and _BRACKETED_CALL.fullmatch(line.strip()) is not None:
        return True  # "[SIGN UP: WSB-TV Daily Headlines Newsletter]" (Cox Media's stations), linked or not
    if node.tag not in _BLOCKS or not line.isupper() or _SHOUTED_CALL.search(line) is None:
        return False
    return _whole_link(node, line)


def _channel_invite(node: Element, line: str) -> bool:
    """A block that opens by asking the reader to follow the outlet on a messaging channel, its
    links all invites ("Únete a nuestro canal <a href=whatsapp.com/channel/…>¡El Universal ya está
    en Whatsapp!</a>"). Not a post that quotes such a call ("“Join our channel,” the ministry
    wrote") or reports one further on ("Hamas told supporters to join our ranks on <a>…</a>")."""
    if node.tag not in _BLOCKS or _QUOTE_MARKS.search(line) is not None or _ATTRIBUTED.search(line):
        return False
    links = [a.get("href") or "" for a in node.iter("a")]
    if not links:
        return False
    if (
        len(line) <= _GOOGLE_NEWS_LINE_MAX
        and all(href.startswith(_GOOGLE_NEWS) for href in links)
        and len(line) - sum(len(text_of(a)) for a in node.iter("a")) <= _GOOGLE_NEWS_BESIDE
        and next(node.iterdescendants(*_BLOCKS), None) is None
    ):
        # a line linking only to the outlet's Google News page, its link most of it, in any
        # language (Digi24, Sözcü); not a sentence about Google News, nor a post's wrapper
        return True
    if _INVITE_CALL.match(_LEAD_MARKS.sub("", line).lstrip("¡")) is None:
        return False  # (the call opens the block: a paragraph of news that quotes one goes on)
    return all(_CHANNEL_LINK.search(href) is not None for href in links)


_GOOGLE_NEWS = ("https://news.google.com/publications/", "http://news.google.com/publications/")
_GOOGLE_NEWS_LINE_MAX = 120
_GOOGLE_NEWS_BESIDE = 30  # ("Urmărește știrile", the words before the link)


def _italic_promo(node: Element, line: str) -> bool:
    """A paragraph set wholly in italics around its one link in which a sentence opens by calling
    the reader to the outlet's newsletter, podcast, app or channel ("<p><em>Never miss a story — sign
    up for <a>PEOPLE's free daily newsletter</a>…</em></p>", "Follow KT on <a>WhatsApp
    Channels</a>"). Not a quote, nor a sentence that merely mentions an app or a podcast ("Listen
    to the full interview on our podcast, where she…": the call names the interview)."""
    if node.tag != "p" or (node.text or "").strip() or len(node) != 1:
        return False
    wrapper = node[0]
    if wrapper.tag not in ("em", "i") or (wrapper.tail or "").strip(" .\xa0\n\t"):
        return False
    links = list(node.iter("a"))
    if not links or _QUOTE_MARKS.search(line) is not None:
        return False
    # (one link, or several to the outlet's social accounts: "Follow wiwibloggs on <a>Instagram</a>,
    # <a>TikTok</a> and <a>YouTube</a>")
    if len(links) > 1 and not all(_SOCIAL_PROFILE.search(a.get("href") or "") for a in links):
        return False
    if _ATTRIBUTED.search(line) is not None:
        return False  # "Follow us on Telegram, …, the Wagner group urged its fighters": a report
    if len(links) > 1:
        return _FOLLOW_FOR_MORE.fullmatch(line.strip()) is not None
    sentences = _SENTENCE_STARTS.split(line)
    return any(
        _calls_to_follow(sentence.lower().split(), alone=len(sentences) == 1) for sentence in sentences
    )


def _calls_to_follow(words: list[str], *, alone: bool = False) -> bool:
    """Whether a sentence's words open with a call to follow the outlet: a verb, then its own
    ("our", "us", "free", "PEOPLE's"), and the newsletter, podcast, app or channel within four
    words ("subscribe to our daily newsletter"); or "follow KT on WhatsApp". ("Download the FEMA
    app to get alerts, officials said" reports advice.)"""
    at = 2 if words[:2] == ["sign", "up"] else 1 if words[:1] and words[0] in _PROMO_VERBS else 0
    if not at:
        return False
    if at < len(words) and words[at] in _PROMO_PARTICLES:
        at += 1
    if alone and " ".join(words[-5:]).rstrip(".!") in _WHEREVER_YOU_LISTEN:
        # the show's own name between ("Subscribe to Politics at Sam and Anne's wherever…", Sky);
        # only as the paragraph's one sentence: beside a report, the report is the post's
        return True
    nouns = [n for n, word in enumerate(words[at : at + 6]) if word.strip(".,;:!?") in _PROMO_NOUNS]
    if not nouns:
        return False
    owner = words[at] if at < len(words) else ""
    if owner in _PROMO_OWNERS or owner.endswith(("'s", "’s")):
        return nouns[0] <= 4
    return words[0] == "follow" and nouns[0] == 2 and words[at + 1] == "on"  # "follow KT on WhatsApp"


# A reporting clause: ", the Wagner group urged", "said the ministry", "posted by", "according to";
# not "stay posted" or "new stories added every morning", a promo's own words.
_ATTRIBUTED = re.compile(
    r",\s*(?:[\w'’-]+\s+){0,4}(?:said|says|urged|urges|wrote|writes|told|tells|announced|claimed|stated|tweeted|added)\b"
    r"|\b(?:said|says|urged|wrote|told)\s+(?:the|a|an|its|his|her|their)\b|\bposted\s+by\b|\baccording\s+to\b",
    re.IGNORECASE,
)
_SENTENCE_STARTS = re.compile(r"(?<=[.!?…—–])\s+")
_QUOTE_MARKS = re.compile('["“”„«»]')
_WHEREVER_YOU_LISTEN = frozenset({"wherever you get your podcasts", "wherever you listen to podcasts"})
_PROMO_VERBS = frozenset({"subscribe", "follow", "listen", "download", "join", "get"})
_PROMO_PARTICLES = frozenset({"for", "to", "up"})
_PROMO_OWNERS = frozenset({"our", "us", "free"})
_PROMO_NOUNS = frozenset(
    {
        "newsletter",
        "newsletters",
        "podcast",
        "podcasts",
        "app",
        "channel",
        "channels",
        "whatsapp",
        "telegram",
        "alerts",
    }
)
# (at the block's start: "Join our WhatsApp channel", "Síguenos en…", "Folge uns auf…")
_INVITE_CALL = re.compile(
    r"(?:(?:click here to )?join our (?:[\w-]+ ){0,2}(?:channels?|community|group|whatsapp|telegram)|follow us|(?:ú|u)nete a nuestr[oa]|s(?:í|i)guenos"
    r"|folge(?:n sie)? uns|rejoignez(?:-nous| notre)|suivez[- ]nous|seguici|siga-nos|segue-nos|junte-se ao nosso"
    r"|volg ons|dołącz do (?:nas|naszego)|obserwuj nas|f(?:ö|o)lj oss)\b",
    re.IGNORECASE,
)
_INVITE_CUES = Cues(
    (
        "join our", "follow us", "únete", "unete", "síguenos", "siguenos", "folge", "rejoignez", "suivez", "seguici",
        "siga-nos", "segue-nos", "junte-se", "volg ons", "dołącz", "obserwuj", "följ oss", "folj oss",
        "newsletter", "podcast", " app", "channel", "whatsapp", "telegram", "alerts", "google news", "instagram",
        "tiktok", "youtube",
    )
)  # fmt: skip
_CHANNEL_LINK = re.compile(
    r"^(?:https?:)?//(?:www\.)?(?:whatsapp\.com/channel/|chat\.whatsapp\.com/|t\.me/|telegram\.me/"
    r"|news\.google\.com/publications/)",
    re.IGNORECASE,
)
_CHANNEL_MARKUP = (
    b"whatsapp.com/channel/", b"chat.whatsapp.com/", b"//t.me/", b"telegram.me/", b"news.google.com/publications/",
)  # fmt: skip
_ITALIC_PARAGRAPH = re.compile(rb"<p(?:\s[^<>]*)?>\s*<(?:em|i)\b")  # (where an italic promo may stand)


def _excerpt(el: Element) -> bool:
    """A box its class calls a card's excerpt or dek (a class word, not a prefix: "dek", not "desk")."""
    return not _EXCERPT_WORDS.isdisjoint(re.split(r"[\s_-]+", (el.get("class") or "").lower()))


_EXCERPT_WORDS = frozenset({"excerpt", "dek", "teaser"})  # (not "summary": WordPress's "entry-summary")
# "Follow wiwibloggs on Instagram, TikTok and YouTube for more Eurovision news." (not "Follow
# Zelensky on Instagram and X, where he posts his nightly address": about the news's subject)
_FOLLOW_FOR_MORE = re.compile(
    r"follow \S+ on [^.]{2,80}? for (?:more|the latest|all the latest)\b[^.]{0,60}\.?", re.IGNORECASE
)
_SOCIAL_PROFILE = re.compile(
    r"^https?://(?:www\.)?(?:instagram\.com|tiktok\.com|youtube\.com|x\.com|twitter\.com|facebook\.com|threads\.net"
    r"|bsky\.app|t\.me|whatsapp\.com/channel)/"
)
_EVERYDAY_LABELS = frozenset({"te recomendamos"})  # (labels that are as often a sentence's opening)
_LEAD_MARKS = re.compile(r"^[^\w\s\"“‘'«¿¡]+\s*")  # arrows, emoji, bullets before a label
_SITE_NAME = re.compile(r"\s+(?:[\w-]+\.)+[a-z]{2,6}", re.IGNORECASE)


def _whole_link(node: Element, line: str) -> bool:
    links = list(node.iter("a"))
    return len(links) == 1 and text_of(links[0]).strip() == line.strip()


def _labelled(node: Element, line: str) -> bool:
    """The box's text starts with a read-also label that stands on its own (followed by a colon,
    its own element, or the link's text glued on: "Lire aussiComment…"), and it holds a link:
    "Related to the collapse, police…" is a sentence."""
    line = _LEAD_MARKS.sub("", line)  # ("➡️ LIRE AUSSI | …", franceinfo)
    label = _READ_ALSO.match(line)
    if label is None or next(node.iter("a"), None) is None:
        return False
    rest = line[label.end() :]
    if label.group() in ("MORE", "READ", "Read") and rest.lstrip()[:1] == ":":
        # a bare "MORE:" labels one link, never a line of words, nor the post's own document
        return _whole_link(node, rest.lstrip(" :")) and not any(
            _DOCUMENT.search(a.get("href") or "") for a in node.iter("a")
        )
    if label.group().startswith("En ") and not label.group().isupper():
        # ("En Xataka | <a>…</a>"; not "En Directo | La ministra…")
        return _whole_link(node, rest.lstrip(" |"))
    if label.group().lower() in _EVERYDAY_LABELS:
        # (only as a box of a label and links: "<strong>Te recomendamos:</strong> consultar el
        # <a>sitio del INE</a> para…" is advice)
        links = sum(len(text_of(a)) for a in node.iter("a"))
        return len(line) - label.end() - links <= _READ_ALSO_TAIL
    if (
        not rest
        or rest.lstrip()[:1] in (":", "：", "|", "–", "—", "-", "»", "›", "]", "】")
        or rest[0].isupper()
    ):
        return True
    if rest[0] == "." and line[: label.end()].isupper():
        return True  # a shouted label's full stop: "LEES OOK. <a>…</a>" (HLN)
    if _SITE_NAME.fullmatch(rest) is not None and _whole_link(node, line):
        return True  # a link to a site's own page on it: "<a>Mehr dazu in tirol.ORF.at</a>" (ORF)
    first = next((c for c in node if isinstance(c.tag, str)), None)
    if first is None:
        return False
    while (  # (down a card's wrappers to its label: "<div><div><div>Related to this story</div>…", BLOX)
        first.tag in ("div", "section", "aside")
        and not (first.text or "").strip()
        and (inner := next((c for c in first if isinstance(c.tag, str)), None)) is not None
        and text_of(first) == line
        and not (node.text or "").strip()
    ):
        node, first = first, inner
    own = (node.text or "").strip(" :：–—-|»›\xa0\t\n")
    if own:  # "À lire aussi <a>…</a>": the label is the box's own text, the link follows it
        # (and the box says little more: "Citește și <a>raportul</a> al Curții, care arată…" is a sentence)
        links = sum(len(text_of(a)) for a in node.iter("a"))
        return (
            first.tag == "a"
            and _READ_ALSO.fullmatch(own) is not None
            and len(line) - len(own) - links <= _READ_ALSO_TAIL
        )
    if _READ_ALSO.fullmatch(text_of(first).rstrip(" :.…")) is not None:
        # (and little but links after it: "<strong>Tin liên quan</strong> đến vụ cháy…" and
        # "<strong>Te recomendamos:</strong> consultar el <a>sitio del INE</a> para…" are sentences)
        links = sum(len(text_of(a)) for a in node.iter("a"))
        # (a card's excerpt under its link is the card's: "Google's latest smartwatch…", Android Police)
        excerpts = sum(len(text_of(e)) for e in node.iter("p", "div", "span") if _excerpt(e))
        return len(line) - len(text_of(first)) - links - excerpts <= _READ_ALSO_TAIL
    # "<a><span>Te puede interesar</span> ¿Qué es una DANA?</a>": the label is the link's first
    # element of its own
    if first.tag != "a" or (first.text or "").strip():
        return False
    inner = next((c for c in first if isinstance(c.tag, str)), None)
    if inner is None or _READ_ALSO.fullmatch(text_of(inner).strip(" :")) is None:
        return False
    # ...and what follows it starts a title, not the label's sentence ("<strong>Related</strong>
    # to the storm, police said" is a sentence)
    after = text_of(first)[len(text_of(inner)) :].lstrip(" :：–—-|»›\xa0\t\n")
    return after[:1].isupper() or after[:1] in ("¿", "¡", "«", '"', "“", "'", "‘")
