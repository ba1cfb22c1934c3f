"""Email targets' addresses are checked when the config is loaded, so check-config finds them."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import check_config, config_problems

from livetail.config import parse_config

_TARGET = {
    "name": "newsroom-mail",
    "type": "email",
    "smtp": "smtp://mail.example.org",
    "to": ["desk@example.org"],
}


def _problems(**target: object) -> list[str]:
    return config_problems({"targets": [_TARGET | target]})


def test_check_config_names_the_target_the_key_and_each_bad_address(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[[targets]]\nname = "newsroom-mail"\ntype = "email"\nsmtp = "smtp://mail.example.org"\n'
        'sender = "alerts@"\nto = ["desk@example.org", "bob example.com", "@example.org", "night@exa mple.org"]\n',
        encoding="utf-8",
    )
    proc = check_config(path)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.splitlines()
    assert "4 problem(s)" in lines[0], proc.stderr
    wanted = {
        "targets[0].sender": '"alerts@" is not an email address (there must be something after the @-sign)',
        "targets[0].to[1]": '"bob example.com" is not an email address (an address needs an @-sign',
        "targets[0].to[2]": '"@example.org" is not an email address (there must be something before the @-sign)',
        "targets[0].to[3]": '"night@exa mple.org" is not an email address',
    }
    for path_, text in wanted.items():
        line = next((x for x in lines if x.strip().startswith(path_ + ":")), None)
        assert line is not None, (path_, proc.stderr)
        assert 'target "newsroom-mail": ' in line and text in line, line
        example = '"alerts@example.org"' if path_.endswith("sender") else '"desk@example.org"'
        assert "; write " in line and example in line, line


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("alice@", "there must be something after the @-sign"),
        ("bob example.com", "needs an @-sign"),
        ("desk@example.org\nBcc: everyone@example.org", "line break"),
        ("desk\r@example.org", "line break"),
        ("Desk\n<desk@example.org>", "line break"),
        ("@example.org", "something before the @-sign"),
        ("desk@.example.org", "period immediately after the @-sign"),
        ("desk..night@example.org", "two periods in a row"),
        ("desk@example..org", "two periods in a row"),
        ("desk@example.org.", "cannot end with a period"),
        ("desk@exam_ple.org", "invalid characters"),
        ("desk@example.org>", "invalid characters"),
        ("Desk <desk@example.org", "angle bracket"),
        ("Desk <>", "no address between < and >"),
        ("desk@example.org, night@example.org", "holds 2 addresses"),
        ("Desk, Night <desk@example.org>", "double quotes"),
        ("Desk: <desk@example.org>", "double quotes"),
        ("desk@nowhere.invalid", "special-use"),
        ("", "empty"),
    ],
)
def test_a_malformed_recipient_is_a_problem_at_its_index(address: str, reason: str) -> None:
    [problem] = _problems(to=["desk@example.org", address])
    assert problem.startswith('targets[0].to[1]: target "newsroom-mail": '), problem
    assert reason in problem and "write one address per string" in problem, problem


def test_a_malformed_sender_says_what_to_write() -> None:
    [problem] = _problems(sender="Live Desk <alerts@example>>")
    assert problem.startswith('targets[0].sender: target "newsroom-mail": "Live Desk <alerts@example>>"')
    assert 'write the From address, like "alerts@example.org"' in problem


@pytest.mark.parametrize(
    "address",
    [
        "desk@example.org",
        "Live Desk <desk@example.org>",
        "<desk@example.org>",
        '"Desk, Night" <night@example.org>',
        "A. Reporter <reporter@example.org>",
        "Redaktion Köln <desk@example.de>",
        "reader@example.test",  # the reserved test domains the suite sends to
        "Other Reader <other@example.test>",
        "a@mail.e",
        "root",  # a relay on this machine takes local names…
        "Root <root>",
        "root@localhost",  # …and addresses at this machine or on the LAN
        "pi@newsroom.local",
        "desk@newsroom",
        "desk+live@example.org",
        "rédaction@exemple.fr",
    ],
)
def test_what_mail_headers_read_as_one_address_loads(address: str) -> None:
    config = parse_config(
        {"targets": [_TARGET | {"to": [address], "sender": address}]}, base_dir=Path("."), env={}
    )
    assert config.targets[0].to == (address,) and config.targets[0].sender == address


def test_an_empty_recipient_list_says_what_to_write() -> None:
    assert _problems(to=[]) == [
        'targets[0].to: target "newsroom-mail" lists no recipients; write to = ["desk@example.org"]'
    ]


def test_one_address_written_without_its_list_says_what_to_write() -> None:
    assert _problems(to="desk@example.org") == [
        'targets[0].to: expected a list, got the string "desk@example.org": write ["desk@example.org"]'
    ]


def test_an_smtp_user_standing_in_for_the_sender_must_be_an_address() -> None:
    [problem] = _problems(smtp="smtp://alerts%40:s3cr3tpw@mail.example.org")
    assert problem.startswith("targets[0]: the smtp URL's user stands in for `sender`"), problem
    assert "something after the @-sign" in problem and 'set sender = "alerts@example.org"' in problem
    assert "s3cr3tpw" not in problem
