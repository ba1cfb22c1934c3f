"""`livetail poll --once` end to end: a real HTTP server, the real CLI, a real SQLite file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from conftest import PageServer, jsonld_blog
from feedcheck import assert_valid_atom, entry_ids
from smtp_servers import Recorder, SMTPServer
from webhook_receiver import SECRET, Receiver

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def updates(n: int) -> list[dict[str, str]]:
    items = [
        {
            "id": f"post-{k}",
            "headline": f"Update number {k} from the scene",
            "body": f"Paragraph of update {k}. Officials said more details would follow.",
            "published": (START + timedelta(minutes=7 * k)).isoformat(),
        }
        for k in range(1, n + 1)
    ]
    return items[::-1]


def write_config(tmp: Path, url: str, base_url: str = "http://feeds.example.test/") -> Path:
    path = tmp / "config.toml"
    path.write_text(
        f"""
[state]
path = "state/livetail.db"
[publish]
dir = "public"
base_url = "{base_url}"
[[sources]]
name = "storm"
url = "{url}"
interval = "2m"
""",
        encoding="utf-8",
    )
    return path


def poll(config: Path, *extra: str) -> tuple[int, list[dict[str, object]]]:
    proc = subprocess.run(
        [sys.executable, "-m", "livetail", "poll", "--once", "--json", "-c", str(config), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def created(events: list[dict[str, object]]) -> int:
    return sum(1 for e in events if e["type"] == "update.created")


def test_poll_three_times_5_8_8(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.url("/live")
    config = write_config(tmp_path, url)
    feed = tmp_path / "public" / "feeds" / "storm.atom"

    page_server.set("/live", jsonld_blog(updates(5), url=url))
    code, events = poll(config)
    assert (code, created(events)) == (0, 0)  # the silent baseline
    first_ids = entry_ids(feed.read_bytes())
    assert len(first_ids) == 5

    page_server.set("/live", jsonld_blog(updates(8), url=url))
    code, events = poll(config)
    assert (code, created(events)) == (0, 3)
    assert [e["uid"] for e in events] == ["post-6", "post-7", "post-8"]  # as posted
    assert [e["sequence"] for e in events] == sorted(e["sequence"] for e in events)  # type: ignore[type-var]
    second = feed.read_bytes()

    code, events = poll(config)
    assert (code, created(events)) == (0, 0)
    third = feed.read_bytes()
    assert third == second, "an unchanged store must re-render byte-identically"

    root = assert_valid_atom(third)
    ids = entry_ids(third)
    assert len(ids) == 8
    assert set(first_ids) <= set(ids), "entry ids must be stable across polls"
    parsed = feedparser.parse(third)
    titles = [e.title for e in parsed.entries]
    assert titles == [f"Update number {k} from the scene" for k in range(8, 0, -1)], "newest first"
    assert parsed.feed.links[0].href == "http://feeds.example.test/feeds/storm.atom"
    assert root is not None

    # Moving the server changes links, never ids.
    config = write_config(tmp_path, url, base_url="https://moved.example.org/livetail/")
    code, events = poll(config)
    moved = feed.read_bytes()
    assert entry_ids(moved) == ids
    assert b"https://moved.example.org/livetail/feeds/storm.atom" in moved
    assert_valid_atom(moved)


def test_failed_poll_names_source_and_keeps_updates(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.url("/live")
    config = write_config(tmp_path, url)
    page_server.set("/live", jsonld_blog(updates(4), url=url))
    assert poll(config)[0] == 0
    feed = tmp_path / "public" / "feeds" / "storm.atom"
    before = feed.read_bytes()

    page_server.set("/live", "oops", status=500)
    feed.write_bytes(b"")  # as a power cut may leave it (feeds are not fsynced): the next run repairs it
    proc = subprocess.run(
        [sys.executable, "-m", "livetail", "poll", "--once", "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "storm" in proc.stderr and "HTTP 500" in proc.stderr
    assert feed.read_bytes() == before

    page_server.set("/live", "<html><body><p>No live blog here.</p></body></html>")
    proc = subprocess.run(
        [sys.executable, "-m", "livetail", "poll", "--once", "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1 and "no extraction strategy" in proc.stderr
    assert feed.read_bytes() == before


@pytest.mark.parametrize("where", ["before", "after"])
def test_config_flag_before_or_after_subcommand(tmp_path: Path, page_server: PageServer, where: str) -> None:
    url = page_server.url("/live")
    config = write_config(tmp_path, url)
    page_server.set("/live", jsonld_blog(updates(2), url=url))
    args = (
        ["-c", str(config), "poll", "--once"] if where == "before" else ["poll", "--once", "-c", str(config)]
    )
    proc = subprocess.run(
        [sys.executable, "-m", "livetail", *args], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "baseline" in proc.stdout


def livetail(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "livetail", *args], capture_output=True, text=True, timeout=60
    )


def test_a_publish_dir_that_cannot_be_made_stops_poll_and_run_before_storing(
    tmp_path: Path, page_server: PageServer
) -> None:
    url = page_server.url("/live")
    page_server.set("/live", jsonld_blog(updates(2), url=url))
    config = write_config(tmp_path, url)
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    config.write_text(
        config.read_text(encoding="utf-8").replace('dir = "public"', 'dir = "blocker/public"'),
        encoding="utf-8",
    )
    for command in (["poll", "--once"], ["run"]):
        proc = livetail("-c", str(config), *command)
        assert proc.returncode == 2, proc.stderr
        assert f"error: cannot create {tmp_path / 'blocker' / 'public'}" in proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
    assert not (tmp_path / "state").exists(), "nothing may be stored before the check"
    assert page_server.requests == []


def test_feeds_that_cannot_be_written_later_are_logged_and_written_next_time(
    tmp_path: Path, page_server: PageServer
) -> None:
    url = page_server.url("/live")
    config = write_config(tmp_path, url)
    page_server.set("/live", jsonld_blog(updates(2), url=url))
    assert poll(config)[0] == 0
    # The source's folder turns into a file: its new entry document cannot be written.
    folder = tmp_path / "public" / "feeds" / "storm"
    shutil.rmtree(folder)
    folder.write_text("in the way", encoding="utf-8")
    page_server.set("/live", jsonld_blog(updates(3), url=url))
    proc = livetail("-c", str(config), "poll", "--once")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert re.search(
        r"level=error .*feeds not written.* error=\"cannot write \S*feeds/storm\S* \(\[publish\] dir\)",
        proc.stderr,
    ), proc.stderr
    folder.unlink()
    code, events = poll(config)  # nothing new on the page, yet every document is written again
    assert (code, events) == (0, [])
    assert len(list((folder / "entries").iterdir())) == 3


def test_poll_says_which_deliveries_failed_and_exits_3(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.url("/live")
    page_server.set("/live", jsonld_blog(updates(1), url=url))
    receiver = Receiver(plans={"/hook": [500, 200]})
    recorder = Recorder(rcpt={"desk@example.test": ["550 5.1.1 No such user", "250 OK"]})
    with SMTPServer(recorder) as smtp:
        config = write_config(tmp_path, url)
        config.write_text(
            config.read_text(encoding="utf-8")
            + f"""backfill_alerts = true
[delivery]
retry = ["1h"]
[[targets]]
name = "hook"
type = "webhook"
url = "{receiver.url("/hook")}"
secret = "{SECRET}"
[[targets]]
name = "mail"
type = "email"
smtp = "smtp+plain://127.0.0.1:{smtp.port}"
sender = "alerts@example.test"
to = ["desk@example.test"]
""",
            encoding="utf-8",
        )
        failed = livetail("-c", str(config), "poll", "--once")
        assert failed.returncode == 3, failed.stderr
        lines = [line for line in failed.stderr.splitlines() if line.startswith("delivery failed")]
        assert len(lines) == 2, failed.stderr
        assert re.fullmatch(
            r'delivery failed hook: HTTP 500 .*\(update\.created #1 "Update number 1 from the scene"\); '
            r"will retry at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ",
            lines[0],
        ), lines[0]
        assert lines[1].startswith("delivery failed mail: ") and "550" in lines[1], lines[1]
        assert "dead-lettered" in lines[1] and "deliveries retry --dead --target mail" in lines[1]
        # Re-queued, both go through: a run in which every delivery succeeded exits 0.
        assert livetail("-c", str(config), "deliveries", "retry", "--dead").returncode == 0
        sent = livetail("-c", str(config), "poll", "--once")
        assert (sent.returncode, sent.stderr) == (0, "")
    receiver.close()
    assert [r.verified for r in receiver.received] == [True, True]
    assert len(recorder.accepted) == 1
