"""What a fetched page is compared by: its bytes, and the settings that decide its extraction.

A poll whose page hashes the same as last time (under the same extraction settings) ends before
extraction; a config change to the settings re-extracts the page once even if its bytes did not
change, and conditional-GET validators saved under other settings are not used.
"""

from __future__ import annotations

import hashlib
import json

from livetail import __version__
from livetail.bodyread import body_digest
from livetail.config import SourceConfig


def extraction_key(source: SourceConfig) -> str:
    """What, besides the bytes, decides what a page extracts to: a change re-extracts it."""
    selectors = source.selectors.model_dump(mode="json") if source.selectors else None
    basis = json.dumps([__version__, source.profile, selectors, source.timezone], sort_keys=True)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]


def body_hash(source: SourceConfig, content: bytes) -> str:
    """``<extraction key>:<xxh3-128 of the decoded body>``, saved with the reconciled page.

    Only "the same bytes as the last poll?" is asked of it (by this or another instance sharing
    the store): a fast non-cryptographic hash does (sha256 was a fifth of a body-hash cycle's
    CPU, xxh3 is a fiftieth). A publisher forging a collision could only hide its own update."""
    return f"{extraction_key(source)}:{body_digest(content)}"


def saved_digest(source: SourceConfig, saved_hash: str | None) -> str | None:
    """The body digest in ``saved_hash`` if it was saved under ``source``'s extraction settings."""
    key, _, digest = (saved_hash or "").partition(":")
    return digest if digest and key == extraction_key(source) else None
