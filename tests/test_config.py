"""Config: every mistake reported with its key path, secrets from the environment, paths resolved."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from builders import check_config

from livetail.config import load_config, parse_config, parse_duration
from livetail.errors import ConfigError
from livetail.model import EventType

THREE_MISTAKES = """
[publish]
windw = 20

[[sources]]
name = "ok-source"
url = "https://example.org/live"

[[sources]]
name = "Bad Name"
url = "https://example.org/other"

[[sources]]
name = "third"
url = "https://example.org/third"
interval = "soon"
"""


def test_check_config_lists_all_three_mistakes(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "livetail", "check-config", "-c", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert 'publish.windw: unknown key (did you mean "window"?)' in proc.stderr
    assert "sources[1].name: expected a slug" in proc.stderr
    assert 'sources[2].interval: expected a duration like "90s" or "5m", got "soon"' in proc.stderr


def test_check_config_accepts_the_shipped_example() -> None:
    example = Path(__file__).resolve().parent.parent / "config.toml"
    config = load_config(example)
    assert config.sources and config.sources[0].name == "aje-ukraine"


def test_other_commands_refuse_a_bad_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "livetail", "poll", "--once", "-c", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "sources[2].interval" in proc.stderr


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("5m", 300), ("2h", 7200), ("1h30m", 5400), ("1d", 86400)]
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


def test_env_interpolation_and_missing_variable() -> None:
    data = {
        "sources": [{"name": "a", "url": "https://example.org/"}],
        "targets": [{"name": "hook", "type": "webhook", "url": "https://h.example/", "secret": "${HOOK}"}],
    }
    config = parse_config(data, base_dir=Path("/srv"), env={"HOOK": "whsec_YWJj"})
    assert config.targets[0].secret == "whsec_YWJj"
    with pytest.raises(ConfigError) as info:
        parse_config(data, base_dir=Path("/srv"), env={})
    assert [str(p) for p in info.value.problems] == [
        "targets[0].secret: environment variable HOOK is not set"
    ]


def test_an_unset_variable_is_one_problem_not_two() -> None:
    data = {"sources": [{"name": "a", "url": "${NOPE_URL}"}]}
    with pytest.raises(ConfigError) as info:
        parse_config(data, base_dir=Path("/srv"), env={})
    assert [str(p) for p in info.value.problems] == [
        "sources[0].url: environment variable NOPE_URL is not set"
    ]


def test_interval_bounds_are_reported_with_the_sources_other_problems() -> None:
    source = {
        "name": "a",
        "url": "https://e.org/",
        "min_interval": "10m",
        "max_interval": "1m",
        "timezone": "Mars/Base",
    }
    with pytest.raises(ConfigError) as info:
        parse_config({"sources": [source]}, base_dir=Path("."), env={})
    paths = [p.path for p in info.value.problems]
    assert "sources[0].min_interval" in paths and "sources[0].timezone" in paths, info.value.problems
    source.pop("timezone")
    with pytest.raises(ConfigError, match="min_interval: must not exceed max_interval"):
        parse_config({"sources": [source]}, base_dir=Path("."), env={})
    source["max_interval"] = "10m"
    assert parse_config({"sources": [source]}, base_dir=Path("."), env={}).sources[0].max_interval


def test_relative_paths_follow_config_folder_or_state_directory() -> None:
    config = parse_config({}, base_dir=Path("/etc/livetail"), env={})
    assert config.state.path == Path("/etc/livetail/state/livetail.db")
    assert config.publish.dir == Path("/etc/livetail/public")
    config = parse_config({}, base_dir=Path("/etc/livetail"), env={"STATE_DIRECTORY": "/var/lib/livetail"})
    assert config.state.path == Path("/var/lib/livetail/state/livetail.db")


def test_cross_entry_checks_and_short_event_names() -> None:
    data = {
        "sources": [{"name": "a", "url": "https://e.org/"}, {"name": "a", "url": "https://e.org/2"}],
        "targets": [{"name": "t", "type": "console", "events": ["created", "edited"], "sources": ["zz"]}],
    }
    with pytest.raises(ConfigError) as info:
        parse_config(data, base_dir=Path("."), env={})
    messages = [str(p) for p in info.value.problems]
    assert 'sources[1].name: "a" is already used by sources[0]' in messages
    assert 'targets[0].sources[0]: no source is named "zz"' in messages
    data["sources"] = data["sources"][:1]
    data["targets"][0]["sources"] = ["a"]  # type: ignore[index]
    config = parse_config(data, base_dir=Path("."), env={})
    assert config.targets[0].events == (EventType.UPDATE_CREATED, EventType.UPDATE_EDITED)


def test_two_sources_on_one_page_are_rejected_naming_both() -> None:
    data = {
        "sources": [
            {"name": "storm", "url": "https://news.example/live/storm"},
            {"name": "quake", "url": "https://news.example/live/quake"},
            {"name": "storm-2", "url": "https://News.Example:443/live/storm#latest"},  # the same page
        ]
    }
    with pytest.raises(ConfigError) as info:
        parse_config(data, base_dir=Path("."), env={})
    assert [str(p) for p in info.value.problems] == [
        'sources[2].url: "storm-2" follows the same page as sources[0] "storm"; keep one of them'
    ]
    data["sources"][2]["url"] = "https://news.example/live/storm?page=2"  # another page
    assert len(parse_config(data, base_dir=Path("."), env={}).sources) == 3


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ({"name": "all", "url": "https://e.org/"}, "sources[0].name"),
        ({"name": "x", "url": "https://e.org/", "timezone": "Mars/Base"}, "sources[0].timezone"),
        (
            {"name": "x", "url": "https://e.org/", "selectors": {"item": "div[[["}},
            "sources[0].selectors.item",
        ),
        ({"name": "x", "url": "https://e.org/", "selectors": {"title": "h2"}}, "sources[0].selectors"),
        ({"name": "x"}, "sources[0].url: required key is missing"),
        ({"name": "x", "url": "http://"}, "sources[0].url: the URL has no host"),
        (
            {"name": "x", "url": "https://e.org:port/live"},
            "sources[0].url: not a valid URL (its host or port)",
        ),
        ({"name": "x", "url": "file://"}, "sources[0].url: the file:// URL names no file"),
        (
            {"name": "x", "url": "https://e.org/", "profile": "nope"},
            'sources[0].profile: unknown profile "nope"',
        ),
    ],
)
def test_source_problems_name_their_key(source: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config({"sources": [source]}, base_dir=Path("."), env={})
    assert any(fragment in str(p) for p in info.value.problems), info.value.problems


@pytest.mark.parametrize("url", ["htp://127.0.0.1:9/x", "not a url", "https://", "mailto:a@example.test"])
def test_a_webhook_url_must_be_http_with_a_host(url: str) -> None:
    target = {"name": "hook", "type": "webhook", "url": url}
    with pytest.raises(ConfigError) as info:
        parse_config({"targets": [target]}, base_dir=Path("."), env={})
    [problem] = info.value.problems
    assert problem.path == "targets[0]" and "http:// or https:// URL with a host" in problem.message
    target["url"] = "https://hooks.example.test/T0/secret"
    assert parse_config({"targets": [target]}, base_dir=Path("."), env={}).targets[0].url == target["url"]


def test_missing_file_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[state\npath=1", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


@pytest.mark.parametrize(
    ("entry", "secret"),
    [
        (
            {
                "targets": [
                    {"name": "m", "type": "email", "to": ["a@e.test"], "smtp": "smtp://u:Pa\uff03ss9@mail.e"}
                ]
            },
            "Pa",
        ),
        (
            {"targets": [{"name": "h", "type": "webhook", "url": "https://tok:SECRET\uff0f1@hooks.e/x"}]},
            "SECRET",
        ),
        ({"sources": [{"name": "s", "url": "https://user:pw-123@h.example:bad/x?api_key=k3y"}]}, "pw-123"),
        ({"sources": [{"name": "s", "url": "https://h.example:bad/x?api_key=k3y"}]}, "k3y"),
    ],
)
def test_config_errors_never_quote_a_password_or_token(entry: dict[str, object], secret: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(entry, base_dir=Path("."), env={})
    assert info.value.problems and secret not in str(info.value), str(info.value)


def test_what_used_to_load_still_loads() -> None:
    data = {
        "sources": [{"name": "a", "url": "https://e.org/", "profile": ""}],
        "targets": [
            # a relay on this machine takes local names
            {
                "name": "m",
                "type": "email",
                "smtp": "smtp+plain://localhost",
                "sender": "livetail",
                "to": ["root"],
            },
            {"name": "h", "type": "webhook", "url": "https://[::1]:8443/p?token=abc"},
        ],
    }
    config = parse_config(data, base_dir=Path("."), env={})
    assert config.targets[0].to == ("root",) and config.sources[0].profile == ""


def test_an_unset_variable_in_a_required_key_is_one_problem() -> None:
    data = {"targets": [{"name": "h", "type": "webhook", "url": "${HOOK}"}]}
    with pytest.raises(ConfigError) as info:
        parse_config(data, base_dir=Path("."), env={})
    assert [str(p) for p in info.value.problems] == ["targets[0].url: environment variable HOOK is not set"]


@pytest.mark.parametrize("secret", ["whsec_abc", "whsec_!!!", "not a secret", "whsec_"])
def test_a_webhook_secret_must_be_what_standard_webhooks_verifiers_read(secret: str) -> None:
    target = {"name": "h", "type": "webhook", "url": "https://hooks.example/x", "secret": secret}
    with pytest.raises(ConfigError) as info:
        parse_config({"targets": [target]}, base_dir=Path("."), env={})
    [problem] = info.value.problems
    assert problem.path == "targets[0].secret" and "whsec_" in problem.message
    shown = secret.removeprefix("whsec_")
    assert not shown or shown not in problem.message.replace("whsec_", "")


def test_a_valid_secret_signs_as_the_reference_verifier_checks() -> None:
    from standardwebhooks.webhooks import Webhook

    from livetail.webhooksign import sign, signing_key

    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    target = {"name": "h", "type": "webhook", "url": "https://hooks.example/x", "secret": secret}
    assert parse_config({"targets": [target]}, base_dir=Path("."), env={}).targets[0].secret == secret
    timestamp = int(__import__("time").time())
    body = b'{"type": "update.created"}'
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(signing_key(secret), "msg_1", timestamp, body),
    }
    assert Webhook(secret).verify(body, headers) == {"type": "update.created"}


def test_one_sources_table_for_an_array_of_tables_says_what_to_write() -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(
            {"sources": {"name": "storm", "url": "https://example.org/live"}}, base_dir=Path("/srv"), env={}
        )
    assert [str(p) for p in raised.value.problems] == [
        "sources: expected a list of tables: write each entry as [[sources]], not one [sources] table"
    ]


_SOURCE = '[[sources]]\nname = "storm"\nurl = "https://example.org/live"\n'


@pytest.mark.parametrize(
    ("server", "warned"),
    [
        ('[server]\nlisten = "0.0.0.0:8080"\n', True),
        ('[server]\nlisten = "[::]:8080"\n', True),
        ('[server]\nlisten = "news-box.lan:8080"\n', True),
        ('[server]\nlisten = "0.0.0.0:8080"\ntoken = "s3cret-token"\n', False),
        ('[server]\nlisten = "127.0.0.1:8080"\n', False),
        ('[server]\nlisten = "[::1]:8080"\n', False),
        ('[server]\nlisten = "localhost:8080"\n', False),
        ("", False),
    ],
)
def test_check_config_warns_of_a_server_exposed_without_a_token(
    tmp_path: Path, server: str, warned: bool
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(server + _SOURCE, encoding="utf-8")
    proc = check_config(path)
    assert proc.returncode == 0, proc.stderr
    assert ("without a token: set [server] token" in proc.stderr) is warned
    assert "s3cret" not in proc.stdout + proc.stderr


def test_check_config_says_a_state_url_makes_its_path_moot(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[state]\nurl = "postgresql://postgres@127.0.0.1/livetail"\npath = "state/x.db"\n' + _SOURCE,
        encoding="utf-8",
    )
    proc = check_config(path)
    assert proc.returncode == 0, proc.stderr
    assert "warning: [state] url and path are both set" in proc.stderr
