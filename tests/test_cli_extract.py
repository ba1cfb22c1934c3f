"""`livetail extract` and `livetail add` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import PageServer, jsonld_blog
from test_poll_integration import updates

SEED = Path(__file__).parent / "fixtures" / "real" / "aljazeera-seed-2022-01-26.txt"
KEYS = ["uid", "published", "modified", "title", "text", "content_html", "url", "authors", "pinned"]


def livetail(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "240"}  # wide enough that table cells are not wrapped
    return subprocess.run(
        [sys.executable, "-m", "livetail", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def test_extract_seed_json_gives_the_34_live_updates() -> None:
    proc = livetail("extract", str(SEED), "--date", "2022-01-26", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["strategy"] == "text"
    items = result["updates"]
    assert len(items) == 34
    assert all(list(item) == KEYS for item in items)
    assert items[0]["title"] == "US ambassador in Moscow delivers written response to Russian concerns"
    assert items[0]["published"] == "2022-01-26T18:04:00Z"
    assert items[-1]["published"] == "2022-01-26T08:45:00Z"
    times = [item["published"] for item in items]
    assert times == sorted(times, reverse=True) and all(t.startswith("2022-01-26T") for t in times)
    assert "Blinken told reporters at the State Department" in items[0]["text"]
    assert "Sherman" not in items[0]["text"]  # nothing of the next update
    assert all("mirror-image" not in item["text"] for item in items)  # the articles after the live section
    assert len({item["uid"] for item in items}) == 34


def test_extract_table_and_errors(tmp_path: Path) -> None:
    proc = livetail("extract", str(SEED), "--date", "2022-01-26")
    assert proc.returncode == 0 and "34 updates via text" in proc.stdout
    missing = livetail("extract", str(tmp_path / "nope.html"))
    assert missing.returncode == 2 and "neither a URL nor a readable file" in missing.stderr
    bad_date = livetail("extract", str(SEED), "--date", "26/01/2022")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><p>Nothing live here.</p></body></html>", encoding="utf-8")
    none = livetail("extract", str(empty))
    assert none.returncode == 2 and "no extraction strategy found updates" in none.stderr


def test_add_appends_a_validated_source_keeping_comments(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.url("/news/liveblog/storm-ada-live")
    page_server.set(
        "/news/liveblog/storm-ada-live", jsonld_blog(updates(3), url=url, headline="Storm Ada live")
    )
    config = tmp_path / "config.toml"
    original = '# my livetail\n[publish]\nbase_url = "http://localhost:8080/"  # keep me\n'
    config.write_text(original, encoding="utf-8")
    refused = livetail("add", url, "-c", str(config))
    assert refused.returncode == 2 and "--yes" in refused.stderr
    proc = livetail("add", url, "--yes", "-c", str(config))
    assert proc.returncode == 0, proc.stderr
    text = config.read_text(encoding="utf-8")
    assert text.startswith(original)
    data = tomllib.loads(text)
    assert data["sources"] == [
        {"name": "storm-ada-live", "url": url, "title": "Storm Ada live", "interval": "2m"}
    ]
    # The same page again is refused, naming the source that follows it; nothing is fetched.
    fetched = len(page_server.requests)
    again = livetail("add", url + "#latest", "--yes", "-c", str(config))
    assert (
        again.returncode == 2 and 'already follows this page as the source "storm-ada-live"' in again.stderr
    )
    assert config.read_text(encoding="utf-8") == text and len(page_server.requests) == fetched
    # Another page whose name would be the same gets a name of its own.
    other = page_server.url("/world/storm-ada-live")
    page_server.set("/world/storm-ada-live", jsonld_blog(updates(3), url=other, headline="Storm Ada live"))
    assert livetail("add", other, "--yes", "-c", str(config)).returncode == 0
    names = [s["name"] for s in tomllib.loads(config.read_text(encoding="utf-8"))["sources"]]
    assert names == ["storm-ada-live", "storm-ada-live-2"]
    assert livetail("check-config", "-c", str(config)).returncode == 0


def test_add_writes_through_a_symlink_keeping_mode_and_owner(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.url("/live")
    page_server.set("/live", jsonld_blog(updates(2), url=url, headline="Storm Ada live"))
    real = tmp_path / "dotfiles" / "livetail.toml"
    real.parent.mkdir()
    real.write_text("# mine\n", encoding="utf-8")
    real.chmod(0o640)
    # Run as root (sudo livetail add), the file must stay its owner's; as a user, it is ours anyway.
    owner = (4242, 4343) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(real, *owner)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    proc = livetail("add", url, "--yes", "-c", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and link.resolve() == real
    assert [s["url"] for s in tomllib.loads(real.read_text(encoding="utf-8"))["sources"]] == [url]
    info = real.stat()
    assert (oct(info.st_mode & 0o7777), info.st_uid, info.st_gid) == (oct(0o640), *owner)
    assert [p.name for p in real.parent.iterdir()] == ["livetail.toml"]  # no temp file left behind
    # A config that did not exist yet gets the mode any new file gets, not a temp file's 0600.
    fresh = tmp_path / "fresh.toml"
    previous = os.umask(0o022)
    try:
        assert livetail("add", url, "--yes", "-c", str(fresh)).returncode == 0
    finally:
        os.umask(previous)
    assert oct(fresh.stat().st_mode & 0o777) == oct(0o644)


def test_extract_and_add_fetch_with_the_configs_user_agent(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.url("/live")
    page_server.set("/live", jsonld_blog(updates(2), url=url))
    config = tmp_path / "config.toml"
    config.write_text('[fetch]\nuser_agent = "NewsDesk/2.0 (desk@example.org)"\n', encoding="utf-8")
    assert livetail("extract", url, "--json", "-c", str(config)).returncode == 0
    assert livetail("add", url, "--yes", "-c", str(config)).returncode == 0
    assert page_server.user_agents == ["NewsDesk/2.0 (desk@example.org)"] * 2
    # Without a config file, the default one.
    bare = tmp_path / "bare"
    bare.mkdir()
    assert livetail("extract", url, "--json", cwd=bare).returncode == 0
    assert page_server.user_agents[-1].startswith("livetail/")


def test_extract_and_add_say_how_to_fetch_a_name_on_a_private_address(
    tmp_path: Path,
    page_server: PageServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from livetail import netguard
    from livetail.cli import main

    # A LAN blog: its name resolves to a private address, which a preview refuses unless asked.
    monkeypatch.setattr(netguard, "system_resolver", netguard.static_resolver({"blog.lan": ["127.0.0.1"]}))
    port = page_server.url("/").rsplit(":", 1)[1].rstrip("/")
    url = f"http://blog.lan:{port}/live"
    page_server.set("/live", jsonld_blog(updates(2), url=url))
    config = tmp_path / "config.toml"
    for command in (["extract", url], ["add", url, "--yes"]):
        assert main(["-c", str(config), *command]) == 2
        refused = capsys.readouterr().err
        assert "pass --allow-private" in refused and "on the source" not in refused, refused
    assert page_server.requests == []
    assert main(["-c", str(config), "extract", url, "--allow-private"]) == 0
    assert main(["-c", str(config), "add", url, "--yes", "--allow-private"]) == 0
    [source] = tomllib.loads(config.read_text(encoding="utf-8"))["sources"]
    assert source["allow_private"] is True  # what it took to preview it, it takes to poll it


BRACKETED = [
    ("Fans chant [/i] outside the ground", "18:04"),
    ("Watch [video] of the [flood]", "17:30"),
    ("Files moved to C:\\", "17:00"),  # escaping would double a final backslash
    ("Crowds :fire: cheer", "16:30"),  # an emoji code is text too
]


def _bracketed_page(path: Path) -> None:
    posts = "".join(
        f'<div class="post"><time>{clock} GMT</time><h2>{title}</h2><p>Body of {n}.</p></div>'
        for n, (title, clock) in enumerate(BRACKETED)
    )
    path.write_text(f"<html><body><div class=feed>{posts}</div></body></html>", encoding="utf-8")


def test_titles_and_paths_are_printed_as_text_not_markup(tmp_path: Path) -> None:
    folder = tmp_path / "a[b]"
    folder.mkdir()
    page = folder / "live.html"
    _bracketed_page(page)
    table = livetail("extract", str(page), "--date", "2024-03-05")
    assert table.returncode == 0, table.stderr
    for title, _ in BRACKETED:
        assert title in table.stdout
    undated = livetail("extract", str(page))
    assert undated.returncode == 0 and "no update has a date" in undated.stderr and "--date" in undated.stderr
    missing = livetail("extract", str(folder / "nothere.html"))
    assert missing.returncode == 2 and "a[b]/nothere.html" in missing.stderr
    config = tmp_path / "livetail.toml"
    config.write_text(
        f'[state]\npath = "state.db"\n[publish]\ndir = "public"\n\n'
        f'[[sources]]\nname = "brackets"\nurl = "{page.as_uri()}"\nbackfill_alerts = true\n',
        encoding="utf-8",
    )
    polled = livetail("-c", str(config), "poll", "--once")
    assert polled.returncode == 0, polled.stderr
    for title, _ in BRACKETED:
        assert title in polled.stdout and title + "\\" not in polled.stdout


@pytest.mark.parametrize("date", ["2024-07-15T01:50", "2024-07-15"])
def test_date_dates_a_page_saved_just_after_midnight(date: str) -> None:
    # With the day alone the post on top is that day's newest, not an old post pinned above
    # the evening's (which put the posts before midnight on the 15th).
    page = Path(__file__).parent / "fixtures" / "heuristic" / "bbc-old-midnight.html"
    proc = livetail("extract", str(page), "--date", date, "--timezone", "Europe/London", "--json")
    assert proc.returncode == 0, proc.stderr
    times = [u["published"] for u in json.loads(proc.stdout)["updates"]]
    # As the golden file states them (written by hand): the blog crossed midnight after 23:55 BST.
    assert times == [
        "2024-07-15T00:40:00Z",
        "2024-07-14T23:55:00Z",
        "2024-07-14T23:10:00Z",
        "2024-07-14T22:45:00Z",
        "2024-07-14T22:05:00Z",
        "2024-07-14T21:30:00Z",
    ]


def test_add_checks_its_options_before_fetching(tmp_path: Path) -> None:
    url = "http://127.0.0.1:9/never-fetched"  # nothing listens: these fail before any request
    config = tmp_path / "livetail.toml"
    cases = [
        (["-c", str(tmp_path / "nodir" / "x.toml"), "add", url, "--yes"], "does not exist"),
        (["-c", str(config), "add", url, "--name", "Bad Name", "--yes"], "--name expects a slug"),
        (["-c", str(config), "add", url, "--name", "all", "--yes"], "--name expects a slug"),
        (["-c", str(config), "add", url, "--interval", "soon", "--yes"], "--interval: expected a duration"),
        (
            ["-c", str(config), "add", url, "--interval", "0s", "--yes"],
            "--interval: expected a duration above zero",
        ),
    ]
    for args, message in cases:
        proc = livetail(*args)
        assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert not config.exists()


def test_poll_json_is_one_list_with_a_console_target(tmp_path: Path) -> None:
    page = tmp_path / "live.html"
    _bracketed_page(page)
    config = tmp_path / "livetail.toml"
    config.write_text(
        f'[[sources]]\nname = "brackets"\nurl = "{page.as_uri()}"\nbackfill_alerts = true\n\n'
        '[[targets]]\nname = "screen"\ntype = "console"\n',
        encoding="utf-8",
    )
    polled = livetail("-c", str(config), "poll", "--once", "--json")
    assert polled.returncode == 0, polled.stderr
    events = json.loads(polled.stdout)  # the whole of stdout
    assert sorted(e["title"] for e in events) == sorted(title for title, _ in BRACKETED)
    console = [json.loads(line) for line in polled.stderr.splitlines() if line.startswith("{")]
    assert len(console) == len(BRACKETED)  # the console target's own lines, on stderr
    listed = livetail("-c", str(config), "events", "list", "--json")
    assert [e["title"] for e in json.loads(listed.stdout)] == [e["title"] for e in events]
    table = livetail("-c", str(config), "events", "list")
    assert all(title in table.stdout for title, _ in BRACKETED), table.stdout
    assert re.search(r"^\s+1 \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ update.created", table.stdout, re.M), (
        table.stdout
    )


def test_common_options_work_before_or_after_any_subcommand() -> None:
    from livetail.cli import build_parser
    from livetail.cli_common import verbosity

    parser = build_parser()
    for argv in (
        ["events", "list"],
        ["db", "status"],
        ["deliveries", "retry", "--dead"],
        ["events", "replay", "--target", "t", "--since", "3"],
        ["poll", "--once"],
        ["check-config"],
    ):
        before = parser.parse_args(["-c", "x.toml", "-v", "--log-format", "json", *argv])
        after = parser.parse_args([*argv, "-c", "x.toml", "-v", "--log-format", "json"])
        for args in (before, after):
            assert (args.config, verbosity(args), args.log_format) == (Path("x.toml"), 1, "json"), argv
        plain = parser.parse_args(argv)
        assert (plain.config, verbosity(plain), plain.log_format) == (None, 0, "text"), argv
        # -v counts wherever it is given, at every level of nesting
        spread = ["-vv", argv[0], "-v", *argv[1:], "-v"] if len(argv) > 1 else ["-vv", argv[0], "-v", "-v"]
        assert verbosity(parser.parse_args(spread)) == 4, spread


def test_extract_says_what_to_try_for_the_kind_of_document(tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    proc = livetail("extract", str(picture))
    assert proc.returncode == 2 and "is image/png, not an HTML, JSON or text page" in proc.stderr
    model = tmp_path / "model.json"
    model.write_text('{"blocks": []}', encoding="utf-8")
    proc = livetail("extract", str(model))
    assert proc.returncode == 2 and "--profile NAME" in proc.stderr and "guardian" in proc.stderr
    proc = livetail("extract", "ftp://127.0.0.1/x")
    assert (
        proc.returncode == 2
        and "expected an http(s):// or file:// URL" in proc.stderr  # (the rule of a source's url)
        and "redirect" not in proc.stderr
    )


def test_extract_reads_json_ld_saved_to_a_file_or_served(tmp_path: Path, page_server: PageServer) -> None:
    saved = Path(__file__).parent / "fixtures" / "structured" / "ld-json-document.json"
    proc = livetail("extract", str(saved), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["strategy"] == "jsonld"
    items = result["updates"]
    assert all(list(item) == KEYS for item in items)
    assert [i["uid"] for i in items] == ["post-1003", "post-1002", "post-1001"]
    assert [i["title"] for i in items] == [
        "Ferries cancelled",
        "Gusts of 90mph at Capel Curig",
        "Welcome to our coverage of Storm Ada.",
    ]
    assert [i["published"] for i in items] == [
        "2024-01-22T11:40:00Z",
        "2024-01-22T09:15:00Z",
        "2024-01-22T09:00:00Z",
    ]
    assert [i["modified"] for i in items] == ["2024-01-22T11:55:00Z", None, None]
    assert [i["authors"] for i in items] == [["Jane Doe"], ["John Roe", "Jane Doe"], []]
    assert items[0]["url"] == "https://news.example/live/storm-ada#post-1003"
    assert "Passengers should contact their operator." in items[0]["text"]
    # named .jsonld, and served as application/ld+json the way a poll fetches it
    named = tmp_path / "storm-ada.jsonld"
    named.write_bytes(saved.read_bytes())
    page_server.set("/live/storm-ada", saved.read_bytes(), content_type="application/ld+json; charset=utf-8")
    for target in (str(named), page_server.url("/live/storm-ada")):
        other = livetail("extract", target, "--json")
        assert other.returncode == 0, other.stderr
        again = json.loads(other.stdout)
        assert again["strategy"] == "jsonld"
        assert [(i["uid"], i["title"], i["text"]) for i in again["updates"]] == [
            (i["uid"], i["title"], i["text"]) for i in items
        ]
    plain = tmp_path / "items.json"
    plain.write_text('{"items": [{"id": 1, "text": "Roads flooded"}]}', encoding="utf-8")
    refused = livetail("extract", str(plain), "--json")
    assert refused.returncode == 2 and refused.stdout == ""
    assert "schema.org JSON-LD" in refused.stderr and "--profile NAME" in refused.stderr


_SAVED_BERLIN = """<html><head><title>Liveblog</title>
<link rel="canonical" href="https://www.spiegel.de/politik/live-1234"></head><body><main>
<div class="post" id="p-2"><span class="time">14:05</span><h2>Zweiter Eintrag</h2><p>Die Sitzung geht weiter.</p></div>
<div class="post" id="p-1"><span class="time">13:40</span><h2>Erster Eintrag</h2><p>Die Sitzung beginnt.</p></div>
</main></body></html>"""


@pytest.mark.parametrize(
    ("args", "first"),
    [
        # a saved page's country is its canonical link's: Berlin, an hour ahead of UTC in January
        (("--date", "2024-01-10"), "2024-01-10T13:05:00Z"),
        (("--date", "2024-01-10T14:30"), "2024-01-10T13:05:00Z"),
        (("--date", "2024-01-10T14:30", "--timezone", "UTC"), "2024-01-10T14:05:00Z"),
    ],
)
def test_a_saved_pages_clocks_and_date_are_read_in_its_canonical_hosts_zone(
    tmp_path: Path, args: tuple[str, ...], first: str
) -> None:
    saved = tmp_path / "live.html"
    saved.write_text(_SAVED_BERLIN, encoding="utf-8")
    done = livetail("extract", str(saved), "--json", *args)
    assert done.returncode == 0, done.stderr
    published = [u["published"] for u in json.loads(done.stdout)["updates"]]
    assert published[0] == first and len(published) == 2
