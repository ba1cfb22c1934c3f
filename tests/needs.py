"""What to do when a real client or tool a test drives is missing.

On a user's machine the test skips and says how to get the tool. Under ``CI=true`` it fails:
``.ci/run`` installs every one of them, so a missing tool there is a broken CI, not a pass.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: .ci/run installs it, so this test must run, not skip)")
    pytest.skip(reason)
