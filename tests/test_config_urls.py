"""A URL holding what no URL may hold as written is refused by one rule, wherever a URL is taken."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import check_config, config_problems
from conftest import PageServer, jsonld_blog
from test_cli_extract import livetail
from test_poll_integration import updates

from livetail.config import page_key, parse_config
from livetail.store.pages import page_for


def test_check_config_refuses_a_source_url_with_a_space_and_says_what_to_write(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[[sources]]\nname = "storm"\nurl = "https://example.org/live blog"\n', encoding="utf-8")
    proc = check_config(path)
    assert proc.returncode == 1, proc.stderr
    assert (
        'sources[0].url: a URL cannot hold a space as written: percent-encode it as %20: "https://example.org/live blog"'
        in proc.stderr
    ), proc.stderr


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://example.org/live blog", "a space as written: percent-encode it as %20"),
        ("https://example.org/live\tblog", "a tab as written: percent-encode it as %09"),
        (
            "https://example.org/live\u00a0blog",
            "U+00A0 (no-break space) as written: percent-encode it as %C2%A0",
        ),
        ("https://example.org/live\u200b", "U+200B (zero width space)"),
        (
            "https://example.org/a|b c",
            'hold "|" or a space as written: percent-encode them ("|" as %7C, a space as %20)',
        ),
        ("https://example.org/<live>", '"<" or ">"'),
        ('https://example.org/"live"', "percent-encode it as %22"),
        ("https://example.org/live\\blog", "%5C"),
        ("https://example.org/{live}^`", '"{", "}", "^" or "`"'),
        (
            "https://example.org/sale-50%-off",
            'a "%" that starts no %XX escape: write a "%" of the address itself as %25',
        ),
        ("file:///home/me/saved page.html", "%20"),
    ],
)
def test_a_source_url_holding_what_no_url_may_hold_is_a_problem(url: str, said: str) -> None:
    [problem] = config_problems({"sources": [{"name": "storm", "url": url}]})
    assert problem.startswith("sources[0].url: ") and said in problem, problem


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/live%20blog",
        "https://example.org/live?ids=1%7C2&day=2026-03-01#latest",
        "https://de.example/nachrichten/köln-live",  # letters of any script go out percent-encoded
        "https://example.org/(live)/[2026]/~desk/it's+on;a=b,c",
        "file:///home/me/saved%20page.html",
    ],
)
def test_what_a_url_may_hold_loads(url: str) -> None:
    config = parse_config({"sources": [{"name": "storm", "url": url}]}, base_dir=Path("."), env={})
    assert config.sources[0].url == url


def test_the_base_url_and_a_webhook_url_follow_the_same_rule() -> None:
    problems = config_problems(
        {
            "publish": {"base_url": "https://feeds.example.org/live feeds/"},
            "targets": [
                {"name": "hook", "type": "webhook", "url": "https://hooks.example.org/x y?token=t0k3n-secret"}
            ],
        }
    )
    assert problems == [
        'publish.base_url: a URL cannot hold a space as written: percent-encode it as %20: "https://feeds.example.org/live feeds/"',
        "targets[0]: the webhook `url`: a URL cannot hold a space as written: percent-encode it as %20",
    ]


def test_a_url_written_encoded_or_not_is_one_page() -> None:
    # A source polled before the rule as ".../live blog" and now written ".../live%20blog"
    # reads the same page: no new page, no updates told apart from their earlier selves.
    assert page_key("https://example.org/live blog") == page_key("https://example.org/live%20blog")
    choice = page_for("https://example.org/live%20blog", 1, [(1, "https://example.org/live blog")])
    assert choice.page == 1 and not choice.turned
    problems = config_problems(
        {
            "sources": [
                {"name": "a", "url": "https://de.example/köln-live"},
                {"name": "b", "url": "https://de.example/k%C3%B6ln-live"},
            ]
        }
    )
    assert problems == ['sources[1].url: "b" follows the same page as sources[0] "a"; keep one of them']


def test_add_and_extract_refuse_such_a_url_before_fetching_it(
    tmp_path: Path, page_server: PageServer
) -> None:
    page_server.set("/live blog", jsonld_blog(updates(3), url=page_server.url("/live%20blog")))
    page_server.set("/live%20blog", jsonld_blog(updates(3), url=page_server.url("/live%20blog")))
    config = tmp_path / "config.toml"
    url = page_server.url("/live blog")
    added = livetail("add", url, "--yes", "-c", str(config))
    extracted = livetail("extract", url, "-c", str(config))
    for proc in (added, extracted):
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert (
            f'error: a URL cannot hold a space as written: percent-encode it as %20: "{url}"' in proc.stderr
        )
    assert page_server.requests == [] and not config.exists()
    encoded = livetail("add", page_server.url("/live%20blog"), "--yes", "-c", str(config))
    assert encoded.returncode == 0, encoded.stderr
    assert 'url = "' + page_server.url("/live%20blog") + '"' in config.read_text(encoding="utf-8")
