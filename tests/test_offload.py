"""The extraction child process: same result as in-process, logs come home, a dead child is replaced."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from livetail.errors import ExtractError
from livetail.extract.engine import extract
from livetail.extract.offload import ExtractionProcess
from livetail.model import Document

REFERENCE = datetime(2026, 3, 1, 20, tzinfo=UTC)


def _page(zone: str) -> Document:
    posts = "".join(
        f'<div class="post" id="p-{k}"><time>1{k}:0{k} {zone}</time><h2>Headline number {k} here</h2>'
        f"<p>Body text of update number {k}, long enough to count as prose.</p></div>"
        for k in range(1, 5)
    )
    html = f'<html><body><div class="feed">{posts}</div></body></html>'
    return Document(
        content=html.encode(), content_type="text/html", url="https://example.com/live", date=REFERENCE
    )


@pytest.fixture
def child() -> Iterator[ExtractionProcess]:
    process = ExtractionProcess()
    yield process
    process.close()


async def test_the_child_gives_what_extract_gives(child: ExtractionProcess) -> None:
    document = _page("GMT")
    assert await child.extract(document, timezone="Europe/London") == extract(
        document, timezone="Europe/London"
    )


async def test_log_records_from_the_child_reach_the_parents_loggers(
    child: ExtractionProcess, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="livetail"):
        result = await child.extract(_page("QQT"))
    assert len(result.updates) == 4
    warnings = [r for r in caplog.records if r.name == "livetail.time"]
    assert len(warnings) == 4
    assert warnings[0].getMessage() == "unknown time zone abbreviation 'QQT'; using UTC"


async def test_no_updates_is_an_extract_error_with_its_message(child: ExtractionProcess) -> None:
    empty = Document(content=b"", content_type="text/plain", url="https://example.com/empty", date=REFERENCE)
    with pytest.raises(ExtractError, match="no extraction strategy found updates"):
        await child.extract(empty)


async def test_a_child_that_dies_fails_that_call_and_the_next_one_starts_afresh(
    child: ExtractionProcess,
) -> None:
    await child.extract(_page("GMT"))
    first, shared = child._executor()
    call = asyncio.ensure_future(child.extract(_big_page()))
    deadline = time.monotonic() + 30
    while shared.call.value == 0 and time.monotonic() < deadline:  # until the child runs it
        await asyncio.sleep(0.01)
    # What a segfault in a C library would look like from here: the worker vanishes mid-call.
    os.kill(shared.pid.value, signal.SIGKILL)
    with pytest.raises(ExtractError, match="extraction process died"):
        await call
    result = await child.extract(_page("GMT"))
    assert len(result.updates) == 4
    assert child._executor()[0] is not first


def _big_page() -> Document:
    """Thousands of posts: seconds of work for the child."""
    posts = "".join(
        f'<div class="post" id="p-{k}"><time>{k % 24:02d}:{k % 60:02d} GMT</time><h2>Headline {k}</h2>'
        f"<p>Body text of update number {k}, long enough to count as prose.</p></div>"
        for k in range(8000)
    )
    return Document(
        content=f'<html><body><div class="feed">{posts}</div></body></html>'.encode(),
        content_type="text/html",
        url="https://example.com/huge",
        date=REFERENCE,
    )


async def test_a_child_that_died_between_calls_is_replaced_for_the_next_call(
    child: ExtractionProcess,
) -> None:
    await child.extract(_page("GMT"))
    first, shared = child._executor()
    os.kill(shared.pid.value, signal.SIGKILL)  # the OOM killer, an admin, a segfault between polls
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(shared.pid.value):
        time.sleep(0.05)
    for _ in range(2):  # this call never ran on the dead child: it runs on a new one
        assert len((await child.extract(_page("GMT"))).updates) == 4
    assert child._executor()[0] is not first


async def test_a_page_past_the_deadline_is_stopped_and_the_pages_queued_behind_it_run() -> None:
    slow = _big_page()  # seconds of work; the deadline is a fraction of that
    process = ExtractionProcess(deadline=0.2)
    try:
        await process.extract(_page("GMT"))  # the child is up
        stopped, queued = await asyncio.gather(
            process.extract(slow), process.extract(_page("GMT")), return_exceptions=True
        )
        assert isinstance(stopped, ExtractError), stopped
        assert "https://example.com/huge" in str(stopped) and "deadline of 0.2 s" in str(stopped)
        assert not isinstance(queued, BaseException), queued  # run again on a new child
        assert len(queued.updates) == 4
        assert len((await process.extract(_page("GMT"))).updates) == 4
    finally:
        process.close()


def test_the_child_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    """A daemon killed with SIGKILL cannot shut its child down; the child (which ignores SIGTERM)
    must notice and exit rather than linger forever."""
    script = tmp_path / "parent.py"
    script.write_text(
        "import asyncio, os, signal, sys\n"
        "from livetail.extract.offload import ExtractionProcess\n"
        "async def main():\n"
        "    process = ExtractionProcess()\n"
        "    pid = await asyncio.get_running_loop().run_in_executor(process._executor()[0], os.getpid)\n"
        "    print(pid, flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "if __name__ == '__main__':  # the child imports this file too (spawn)\n"
        "    asyncio.run(main())\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    (child_pid,) = (int(word) for word in done.stdout.split())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child_pid):
        time.sleep(0.1)
    assert not _alive(child_pid), "the extraction child outlived its killed parent"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too: its parent (now init) has not reaped it yet.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def test_a_child_whose_parent_died_while_it_started_exits_too() -> None:
    """The parent's pid is handed to the child: if the parent was killed before the child's
    start-up ran, the child's own getppid() names init, and it must not wait on that."""
    code = (
        "import logging, os, time\n"
        "from livetail.extract.offload import _start_child\n"
        "_start_child(logging.WARNING, os.getppid() + 1_000_000)  # a parent that is no more\n"
        "time.sleep(30)\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 10
