"""The words and tags that mark furniture in a post: what a class or id says a box is (share,
ad, newsletter, byline, time), what an ad slot's or a badge's label says, and which links are share
buttons. Data for :mod:`livetail.extract.structured` and :mod:`livetail.extract.bodyclean`."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

__all__ = [
    "AD_LABELS",
    "BYLINE_TOKENS",
    "HEADINGS",
    "HOOK_ATTRS",
    "LABELS",
    "NOISE_TAGS",
    "NOISE_TOKENS",
    "PINNED_WORDS",
    "SCREEN_READER_ONLY",
    "SHARE_LABELS",
    "TIME_TOKENS",
    "TITLE_TOKENS",
    "TOKEN_ATTRS",
    "camel_words",
    "control_phrase",
    "hook_tokens",
    "share_href",
    "share_phrase",
    "tokens",
]

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TITLE_TOKENS = {"title", "ttl", "headline", "head", "heading"}
TIME_TOKENS = {"time", "date", "dtime", "dte", "timestamp", "datetime", "dateline", "timeago"}
# (and in other languages: "autor" in German, Spanish, Czech and Polish, "autore", "auteur". Not
# ScribbleLive's "Creator": a "creator-caption" credits a video.)
BYLINE_TOKENS = {
    "author",
    "authors",
    "byline",
    "contributor",
    "contributors",
    "autor",
    "autore",
    "auteur",
    "writer",
}
NOISE_TOKENS = {
    "share", "sharing", "social", "sharebar", "ad", "ads", "advert", "advertisement", "adslot", "dfp",
    "gpt", "mpu", "teads", "newsletter", "signup", "subscribe", "epic", "promo", "sponsored", "outbrain",
    "taboola", "tip", "tooltip", "pst", "scl", "sharedaddy", "compartir", "compartilhar", "partager", "partage",
    "teilen", "condividi", "delen", "udostepnij", "paylas",
}  # fmt: skip
NOISE_TAGS = {
    "script", "style", "noscript", "template", "svg", "button", "form", "input", "amp-ad", "amp-embed",
    "amp-analytics", "amp-social-share", "meta", "link",
}  # fmt: skip
#: What an ad slot's label says, in lower case: a box or a line saying only this is no one's text.
#: (Not "Ad" or "PR": an advantage in tennis, a personal record in athletics.)
AD_LABELS = frozenset(
    {
        "advertisement", "advertisment", "sponsored", "sponsored content", "anzeige", "werbung",
        "publicité", "publicite", "publicidad", "pubblicità", "advertentie", "annons", "annonse", "annonce",
        "reklame", "mainos", "reklama", "reklam", "реклама", "広告", "广告", "廣告", "광고", "إعلان", "विज्ञापन",
        "scroll to continue with content",  # (detik: the line under an ad slot)
    }
)  # fmt: skip
#: "Pinned" as pages in other languages print it over a pinned post.
PINNED_WORDS = ("pinned", "pinned post", "angepinnt", "gepinnt", "angeheftet", "épinglé", "fissato", "pripnuté", "pripnutý", "připnuto",
                "připnutý", "przypięty", "przypięty wpis", "przypięte", "vastgezet", "vastgepind", "fäst", "fäst inlägg", "fastnålat", "festet", "festet innlegg", "fastgjort",
                "kiinnitetty", "prikvačeno", "rögzítve", "kinnitatud", "prisegta", "sabitlendi", "fixado", "fijado", "fijada", "fixat",
                "disematkan", "đã ghim", "sabitlenmiş", "imebandikwa", "закреплено", "закреплённое", "закріплено", "נעוץ", "הודעה נעוצה",
                "ปักหมุด", "置頂", "置顶", "고정글", "ピン留め", "مثبّت", "سنجاق‌شده", "καρφιτσωμένο")  # fmt: skip
LABELS = {
    "key event",
    "key events",
    "key point",
    "key points",
    "ważne",
    "viktigt",
    "pinned",
    "pinned post",
    "breaking",
    "eilmeldung",
    "última hora",
    "ultima hora",
    "dernière minute",
    "ultima ora",
    "ultima oră",  # (Romanian, Digi24)
    "快訊",  # (Chinese "breaking", CNA; Korean "속보")
    "快讯",
    "속보",
    "key moment",
    "son dakika",
    "live",
    "new",
    "updated",
    "updated at",
    "last updated",
    "last updated at",
    "posted at",
    "published at",
    # (what a byline box says once its names are cut: "Posted by :<span>राहुल मिश्रा</span>", Aaj Tak)
    "by",
    "posted by",
    "written by",
    "reported by",
    "edited by",
    "share",
    "share link",
    "facebook",
    "twitter",
    "tweet",
    "whatsapp",
    "comment",
    "comments",
    "email",
    "copy link",
    "link copied",  # (a copy control's toast, AP's "CopyLink-copied"; not "Copied", a heading as often)
    *PINNED_WORDS,  # (a pin's label in any language: "Épinglé" over an LD post, L'Équipe)
}
#: What a share button says, in lower case, in the languages the extractor reads ("Share",
#: "Udostępnij", "शेयर करें", "シェア"): a link saying only this, to nowhere, is a button.
SHARE_LABELS = frozenset(
    {
        "share", "share this", "teilen", "partager", "compartir", "compartilhar", "condividi", "delen", "dela",
        "del", "jaa", "udostępnij", "sdílet", "zdieľať", "podijeli", "podeli", "deli", "distribuie",
        "megosztás", "paylaş", "поделиться", "поділитися", "сподели", "подели", "κοινοποίηση", "chia sẻ",
        "bagikan", "ibahagi", "שתפו", "שתף", "شارك", "مشاركة", "اشتراک", "शेयर करें", "शेयर", "শেয়ার",
        "シェア", "分享", "공유",
    }
)  # fmt: skip
_SHARE_HREF = re.compile(
    r"^(?:javascript:|whatsapp:|mailto:\?|sms:)|facebook\.com/(?:sharer|dialog/share)|twitter\.com/(?:intent|share)"
    r"|x\.com/intent|linkedin\.com/share|pinterest\.com/pin|reddit\.com/submit|wa\.me/|api\.whatsapp\.com/send"
    r"|t\.me/share|telegram\.me/share|bsky\.app/intent|threads\.net/intent|flipboard\.com/bookmarklet"
    r"|getpocket\.com/(?:save|edit)|tumblr\.com/(?:share|widgets/share)",
    re.IGNORECASE,
)


def share_phrase(text: str) -> bool:
    """Whether a link's or button's words are a share control's: a share word and a network
    ("Auf Facebook teilen", "Share on X", "Partager sur Facebook"), or a mail or copy control
    ("Per Mail versenden", "Copy link"). Short lines only: a sentence is the post's."""
    words = text.lower().replace("-", "").split()
    if not 2 <= len(words) <= 5:
        return False
    if " ".join(words) in _CONTROL_PHRASES:
        return True
    shared = words[0] in SHARE_LABELS or words[-1] in SHARE_LABELS
    return shared and not _SHARE_NETWORKS.isdisjoint(words)


def control_phrase(text: str) -> bool:
    """Whether a link's words are only a mail or copy control's ("Link kopieren", "Copy link"):
    its address is what it copies, often the post's permalink, so it says nothing else."""
    return " ".join(text.lower().replace("-", "").split()) in _CONTROL_PHRASES


_SHARE_NETWORKS = frozenset(
    {"facebook", "x", "twitter", "whatsapp", "email", "mail", "linkedin", "telegram", "reddit", "pinterest",
     "bluesky", "threads", "messenger", "flipboard", "bsky"}
)  # fmt: skip
_CONTROL_PHRASES = frozenset(
    {"per mail versenden", "per email versenden", "link kopieren", "copy link", "copier le lien", "copiar enlace",
     "copia link", "copiar link", "link kopiëren", "kopiera länk", "kopier lenke"}
)  # fmt: skip


def share_href(href: str) -> bool:
    """Whether a link is a share button's (``_SHARE_HREF``). Every such address holds one of the
    words below; testing them first spares most links the pattern (a few microseconds each)."""
    low = href.lower()
    return (
        "share" in low or "intent" in low or "send" in low or "submit" in low or "pin" in low
        or "wa.me" in low or "bookmarklet" in low or "getpocket" in low or low.startswith(_SHARE_SCHEMES)
    ) and _SHARE_HREF.search(href) is not None  # fmt: skip


_SHARE_SCHEMES = ("javascript:", "whatsapp:", "mailto:", "sms:")

# Page elements and the plain copies bodies are cut from alike.
Element = etree._Element

TOKEN_ATTRS = ("class", "id", "data-component", "data-gu-marker", "data-type")
HOOK_ATTRS = ("data-qa", "data-testid")
#: A class for text only screen readers get ("visually-hidden", "sr-only", the BBC's "gs-u-vh").
SCREEN_READER_ONLY = re.compile(
    r"visually-?hidden|(?<!not-)sr-only|screen-reader|a11y-only|gs-u-vh", re.IGNORECASE
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")


@lru_cache(maxsize=4096)
def _split_tokens(raw: str) -> frozenset[str]:
    return frozenset(t for t in _TOKEN_SPLIT.split(raw.lower()) if t)


def camel_words(element: Element) -> frozenset[str]:
    """The lower-case words of the element's class and component names split on camel case as well
    ("PostByline_root__x1", "liveShare"). Only for words long enough not to turn up by chance in
    hashed class names ("nAdUlW") or ordinary ones ("fullTimeScore"): never for "ad" or "time"."""
    names, component = element.get("class"), element.get("data-component")
    if component is None:
        return _camel_split(names) if names and not names.islower() else _NO_WORDS
    return _camel_split(f"{names or ''} {component}")


_NO_WORDS: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def _camel_split(raw: str) -> frozenset[str]:
    return frozenset(t for t in _TOKEN_SPLIT.split(_CAMEL.sub(" ", raw).lower()) if t)


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def tokens(element: Element) -> frozenset[str]:
    """Lower-case words of an element's class, id and data-component, split on ``-``/``_``/space."""
    get = element.get  # the attributes of TOKEN_ATTRS, in order
    return _split_tokens(
        f"{get('class', '')} {get('id', '')} {get('data-component', '')} "
        f"{get('data-gu-marker', '')} {get('data-type', '')}"
    )


def hook_tokens(element: Element) -> frozenset[str]:
    """The words of the test hooks that name a box where classes are hashed (the Washington
    Post's ``data-qa="post-byline"``, ``data-testid``). Read for bylines only: hooks name
    anything ("promo-image", "ad-hoc-update"), so no other furniture rule trusts them. Hooks are
    split on camel case too ("LiveArticle-PostAuthor", SCMP) and on any punctuation, as
    namespaced hooks are written ("Ticker.Author", "live:byline")."""
    qa, testid = element.get("data-qa"), element.get("data-testid")
    if qa is None and testid is None:
        return _NO_WORDS
    return _hook_split(f"{qa or ''} {testid or ''}")


@lru_cache(maxsize=1024)
def _hook_split(raw: str) -> frozenset[str]:
    words = frozenset(t for t in _HOOK_SPLIT.split(_CAMEL.sub(" ", raw).lower()) if t)
    # (an embedded post's own parts name no writer of the page's: "Embed.Twitter.Author")
    return _NO_WORDS if not _EMBED_HOOK_WORDS.isdisjoint(words) else words


_EMBED_HOOK_WORDS = frozenset(
    {
        "embed",
        "embedded",
        "tweet",
        "twitter",
        "social",
        "card",
        "quote",
        "instagram",
        "facebook",
        "tiktok",
        "bluesky",
    }
)


_HOOK_SPLIT = re.compile(r"[^0-9a-z]+")
