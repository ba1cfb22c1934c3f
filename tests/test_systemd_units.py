"""The units in systemd/: hardened as the design asks, and accepted by ``systemd-analyze verify``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from needs import missing

UNITS = Path(__file__).resolve().parent.parent / "systemd"
NAMES = ("livetail.service", "livetail-poll.service", "livetail-poll.timer")
INSTALLED_AT = "/usr/local/bin/livetail"


def _read(name: str) -> dict[str, dict[str, list[str]]]:
    """Sections → key → every value (systemd keys repeat, so configparser alone will not do)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for raw in (UNITS / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def test_the_daemon_unit_is_a_hardened_notify_service_with_a_watchdog() -> None:
    service = _read("livetail.service")["Service"]
    expected = {
        "Type": "notify",
        "WatchdogSec": "30s",
        "DynamicUser": "yes",
        "StateDirectory": "livetail",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "NoNewPrivileges": "yes",
        "RestrictAddressFamilies": "AF_UNIX AF_INET AF_INET6",
        "Restart": "on-failure",
    }
    for key, value in expected.items():
        assert service.get(key) == [value], key
    assert "@system-service" in service["SystemCallFilter"]
    assert service["LoadCredential"], "secrets come in as credentials"
    assert service["ExecStart"] == [f"{INSTALLED_AT} run"]
    assert service["ExecReload"] == ["/bin/kill -HUP $MAINPID"]


def test_the_poll_timer_runs_the_one_shot_service_with_the_same_sandbox() -> None:
    daemon = _read("livetail.service")["Service"]
    poll = _read("livetail-poll.service")
    assert poll["Service"]["Type"] == ["oneshot"]
    assert poll["Service"]["ExecStart"] == [f"{INSTALLED_AT} poll --once"]
    sandbox = {
        k: v for k, v in daemon.items() if k.startswith(("Protect", "Private", "Restrict", "SystemCall"))
    }
    for key, value in sandbox.items():
        assert poll["Service"].get(key) == value, key
    assert "livetail.service" in poll["Unit"]["Conflicts"]
    timer = _read("livetail-poll.timer")
    assert timer["Timer"]["OnUnitInactiveSec"] and timer["Install"]["WantedBy"] == ["timers.target"]


def test_systemd_analyze_verify_accepts_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        missing("systemd-analyze is not installed (apt-get install systemd); the unit checks above still ran")
    # verify insists that ExecStart= names an existing executable: point it at this checkout's
    # livetail (the only line that differs from the shipped units).
    livetail = Path(sys.executable).parent / "livetail"
    if not livetail.exists():
        missing(f"no livetail script next to {sys.executable} to stand in for {INSTALLED_AT}")
    for name in NAMES:
        text = (UNITS / name).read_text(encoding="utf-8").replace(INSTALLED_AT, str(livetail))
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [analyze, "verify", "--man=no", *(str(tmp_path / n) for n in NAMES)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    # Unknown keys and bad values are only warnings (exit 0): any output at all is a failure.
    problems = [
        line
        for line in (proc.stdout + proc.stderr).splitlines()
        if line.strip() and "Failed to connect to bus" not in line
    ]
    assert proc.returncode == 0 and not problems, proc.stdout + proc.stderr
