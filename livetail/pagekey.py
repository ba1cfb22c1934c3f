"""What a fetched page is compared by: its bytes, and the settings that decide its extraction.

A poll whose page hashes the same as last time (under the same extraction settings) ends before
extraction; a config change to the settings re-extracts the page once even if its bytes did not
change, and conditional-GET validators saved under other settings are not used.
"""

from __future__ import annotations

import hashlib
import json

from livetail import __version__
from livetail.config import SourceConfig
from livetail.extract.engine import EXTRACTOR_VERSION


def extraction_key(source: SourceConfig) -> str:
    """What, besides the bytes, decides what a page extracts to: a change re-extracts it."""
    selectors = source.selectors.model_dump(mode="json") if source.selectors else None
    basis = json.dumps(
        [__version__, EXTRACTOR_VERSION, source.profile, selectors, source.timezone], sort_keys=True
    )
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]


def page_hash(source: SourceConfig, digest: str, wire_digest: str | None = None) -> str:
    """``<extraction key>:<body digest>[:<wire digest>]``, saved with the reconciled page: the
    :func:`~livetail.bodyread.body_digest` of the decoded body, and the same hash of the bytes as
    sent when they were content-encoded.

    Only "the same bytes as the last poll?" is asked of it (by this or another instance sharing
    the store): a fast non-cryptographic hash does (sha256 was a fifth of a body-hash cycle's
    CPU, xxh3 is a fiftieth). A publisher forging a collision could only hide its own update."""
    wire = f":{wire_digest}" if wire_digest else ""
    return f"{extraction_key(source)}:{digest}{wire}"


def saved_digests(source: SourceConfig, saved_hash: str | None) -> tuple[str | None, str | None]:
    """The body digest and the wire digest in ``saved_hash`` (each None when absent) if it was
    saved under ``source``'s extraction settings, else ``(None, None)``."""
    key, _, digests = (saved_hash or "").partition(":")
    digest, _, wire = digests.partition(":")
    if not digest or key != extraction_key(source):
        return None, None
    return digest, wire or None
