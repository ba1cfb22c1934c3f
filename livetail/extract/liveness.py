"""Whether the publisher says the blog is still live: the page's own flag and coverage end.

Two signals, read from any page whatever strategy found its updates:

* ``live``: an ``"isLive": true|false`` flag in the page's data (the Guardian's page config and
  ``.json?dcr`` model, BBC's ``__NEXT_DATA__``); None when absent or when the page says both.
* ``coverage_end``: a ``coverageEndTime`` anywhere in the page's text (the ``LiveBlogPosting``'s,
  in JSON-LD or the ``linkedData`` of a Guardian JSON model); None when absent or when the page
  gives two different ones. On its own it proves nothing: both real Guardian
  models carry ``coverageEndTime == dateModified`` while live. The scheduler takes a blog as ended
  only when a coverage end seen in the future on an earlier poll has passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from livetail.extract.explicittime import parse_explicit

__all__ = ["Liveness", "liveness"]

# Read off the text, not a parsed model: the flag sits in script blobs of different shapes (a
# page config, __NEXT_DATA__, a JSON model), and the LD was already parsed by the strategy.
_IS_LIVE = re.compile(r'"isLive"\s*:\s*(true|false)\b')
_COVERAGE_END = re.compile(r'"coverageEndTime"\s*:\s*"([^"]{1,64})"')


@dataclass(frozen=True, slots=True)
class Liveness:
    live: bool | None = None
    coverage_end: datetime | None = None


def _one(values: list[str]) -> str | None:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None  # absent, or the page says both


def liveness(text: str) -> Liveness:
    """The liveness signals in a page's text; Nones where it gives none or contradicts itself."""
    flag = _one(_IS_LIVE.findall(text))
    end = _one(_COVERAGE_END.findall(text))
    return Liveness(
        live=None if flag is None else flag == "true",
        coverage_end=parse_explicit(end) if end else None,
    )
