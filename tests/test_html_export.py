"""The HTML export in a real headless browser (Debian's chromium): no network request of any
kind, nothing wider than a 400 px window, and the leaning in the page text.

CI installs chromium (see .ci/run); there, a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stepback.cli import app
from tests.helpers import ASSETS, PERSONAS

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    BROWSER is None and not os.environ.get("CI"),
    reason="no chromium here (CI installs it and does not skip)",
)
# Quiet the browser's own traffic (updates, sync, sign-in); what is left is the page's.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def browse(page: Path, profile: Path, *extra: str) -> str:
    assert BROWSER is not None, "chromium is not installed"
    completed = subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *extra, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def export(runner: CliRunner, tmp_path: Path, answers: Path, *bank: str) -> Path:
    target = tmp_path / "report.html"
    result = runner.invoke(
        app, ["quiz", *bank, "--answers", str(answers), "--export", str(target), "--force"]
    )
    assert result.exit_code == 0, result.output
    return target


def page_requests(net_log: Path) -> set[str]:
    """Every URL the page itself asked for (the browser's own requests have no page origin)."""
    events = json.loads(net_log.read_text(encoding="utf-8"))["events"]
    return {
        event["params"]["url"]
        for event in events
        if "url" in event.get("params", {})
        and "file://" in str(event["params"].get("network_isolation_key", ""))
        and not event["params"]["url"].startswith("file:")
    }


def test_the_report_makes_no_request_even_without_its_policy(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Nothing in the page asks for anything (checked with its content security policy
    removed, so the policy is a second guard, not the reason)."""
    page = export(runner, tmp_path, PERSONAS / "003_tour_of_duty.toml")
    bare = tmp_path / "bare.html"
    bare.write_text(CSP.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    net_log = tmp_path / "net.json"
    browse(bare, tmp_path / "profile", f"--log-net-log={net_log}")
    assert page_requests(net_log) == set()


def test_the_net_log_sees_requests_when_there_are_some(tmp_path: Path) -> None:
    """The check above can fail: a page with an image from the web is caught."""
    page = tmp_path / "leaky.html"
    page.write_text('<img src="https://example.com/x.png">', encoding="utf-8")
    net_log = tmp_path / "net.json"
    browse(page, tmp_path / "profile", f"--log-net-log={net_log}")
    assert page_requests(net_log) == {"https://example.com/x.png"}


@pytest.mark.parametrize(
    ("answers", "bank"),
    [
        (PERSONAS / "003_tour_of_duty.toml", ()),
        (None, ("--bank", str(ASSETS / "banks" / "hostile.toml"))),
    ],
    ids=["tour-persona", "hostile-bank"],
)
def test_nothing_overflows_a_400_pixel_window(
    runner: CliRunner, tmp_path: Path, answers: Path | None, bank: tuple[str, ...]
) -> None:
    """At 400 px wide, the page is no wider than the window, and says the leaning."""
    if answers is None:
        answers = tmp_path / "hostile.toml"
        answers.write_text(
            '[answers]\ncurrent_role = "ic"\nenjoy_coding = "agree"\nmeetings_ok = "agree"\n',
            encoding="utf-8",
        )
    page = export(runner, tmp_path, answers, *bank)
    probe = tmp_path / "probe.html"
    measure = (
        "<script>window.addEventListener('load', () => { document.body.dataset.overflow = "
        "String(document.documentElement.scrollWidth - window.innerWidth); });</script>"
    )
    probe.write_text(
        CSP.sub("", page.read_text(encoding="utf-8")).replace("</body>", measure + "</body>"),
        encoding="utf-8",
    )
    dom = browse(probe, tmp_path / "profile", "--window-size=400,900")
    overflow = re.search(r'data-overflow="(-?\d+)"', dom)
    assert overflow is not None, "the measurement did not run"
    assert int(overflow.group(1)) <= 0
    if not bank:
        assert "Your leaning: Tour of duty in management, then back to IC" in dom
