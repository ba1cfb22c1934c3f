"""Identity that survives re-fetches: uids for updates without publisher ids, fingerprints, Atom ids.

A uid hashes only what does not change between fetches (the time *as printed*, the normalised
title, the first words of the text), never relative times, view counts or badges. Atom ids are
minted once from (source, uid) and stored, so moving the server never changes them.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Hashable
from functools import lru_cache

from livetail.extract.normalise import normalise_for_compare, normalised_words
from livetail.memo import SizedMemo, digest

# Fixed forever: changing it would re-identify every stored update in every user's reader.
LIVETAIL_NAMESPACE = uuid.UUID("5f0d9a52-7c1e-4d0e-9b7a-2b1c6f3e8a41")
_OPENING_WORDS = 24


def _norm(text: str) -> str:
    # Relative times, tracking parameters, quote styles and whitespace are never identity.
    return normalise_for_compare(text)


def opening_words(text: str, count: int = _OPENING_WORDS) -> str:
    return normalised_words(text, count)


# Normalising is Python regex work; each update is hashed again on every poll of its page, almost
# always with the same title and text. The memo keys by a digest of the inputs, or, where the caller
# has one, by a key that stands for the text (see ``text_key``): hashing a whole text again costs as
# much as the normalising it would save.
def _entry_size(key: Hashable, value: str) -> int:
    held = sum(len(part) for part in key if isinstance(part, str)) if isinstance(key, tuple) else 0
    return len(value) + held + 120


_HASHES: SizedMemo[Hashable, str] = SizedMemo(8_000_000, _entry_size)


def fingerprint(title: str, text: str, *, text_key: Hashable | None = None) -> str:
    """Normalised title + opening text, hashed: the same update under any extraction strategy.

    ``text_key``, when given, must determine ``text`` (equal keys, equal texts, in this process),
    as the memo key under which ``text`` was itself computed does; the memo then keys by it instead
    of digesting the text."""

    def compute() -> str:
        basis = f"{_norm(title)}\n{opening_words(text)}"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]

    key = digest("fingerprint", title, text) if text_key is None else ("fingerprint", title, text_key)
    return _HASHES.get_or_compute(key, compute)


def content_uid(printed_time: str, title: str, text: str, *, text_key: Hashable | None = None) -> str:
    """A uid for an update the publisher gave no id: stable across fetches of the same post.
    ``text_key`` as for :func:`fingerprint`."""

    def compute() -> str:
        basis = f"{_norm(printed_time)}\n{_norm(title)}\n{opening_words(text)}"
        return "h-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]

    key = (
        digest("content_uid", printed_time, title, text)
        if text_key is None
        else ("content_uid", printed_time, title, text_key)
    )
    return _HASHES.get_or_compute(key, compute)


def content_hash(title: str, text: str) -> str:
    """What an edit changes: normalised title and full text (whitespace and quote styles ignored)."""

    def compute() -> str:
        return hashlib.sha256(f"{_norm(title)}\n{_norm(text)}".encode()).hexdigest()

    return _HASHES.get_or_compute(digest("content_hash", title, text), compute)


_PAGE_PREFIX = re.compile(r"^page\d+:")


def page_uid(uid: str, page: int) -> str:
    """The uid an update of a source's ``page``-th page is stored under, so the next day's live
    blog's "post-1" is not the old page's "post-1": bare on the first page (every update stored
    before pages were told apart is on it, so no stored Atom id moves), ``page2:post-1`` after."""
    return uid if page <= 1 else f"page{page}:{uid}"


def is_content_uid(uid: str) -> bool:
    """Whether ``uid`` (on whichever page) was hashed from content (:func:`content_uid`), not
    given by the publisher: such a uid moves when a title is corrected."""
    return _PAGE_PREFIX.sub("", uid, count=1).startswith("h-")


@lru_cache(maxsize=65536)
def atom_id(source: str, uid: str) -> str:
    """The Atom entry id minted when an update is first stored; never recomputed from URLs."""
    return f"urn:uuid:{uuid.uuid5(LIVETAIL_NAMESPACE, f'update/{source}/{uid}')}"


def feed_id(source: str) -> str:
    return f"urn:uuid:{uuid.uuid5(LIVETAIL_NAMESPACE, f'feed/{source}')}"


def event_id(source: str, uid: str | None, kind: str, discriminator: str = "") -> str:
    """Deterministic event id: a second instance deciding the same thing collides on the unique key.

    No dots (Standard Webhooks forbids them in ``webhook-id``).
    """
    name = f"event/{source}/{uid or ''}/{kind}/{discriminator}"
    return "evt_" + uuid.uuid5(LIVETAIL_NAMESPACE, name).hex
