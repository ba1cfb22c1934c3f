"""Named crash windows for the crash-safety tests.

``LIVETAIL_TEST_CRASH_AT=after_fetch|before_commit|after_commit|after_send`` makes the process
SIGKILL itself at that point, so a test can prove nothing is lost or sent twice under another
id. Unset (always, outside those tests) it costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

WINDOWS = ("after_fetch", "before_commit", "after_commit", "after_send")


def crash_point(name: str) -> None:
    if os.environ.get("LIVETAIL_TEST_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
