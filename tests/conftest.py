"""Fixtures for every test: a CLI runner, a quiet, isolated environment, and banks by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from stepback.core.models import Bank
from tests.helpers import loaded


@pytest.fixture(autouse=True)
def _quiet_isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No colour, a dumb terminal, private app and cache folders (resume files, validated
    banks), and a private working folder, so that a file name typed at a prompt never lands
    in the checkout."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the CLI believe it runs in a terminal, stdin and stdout alike (inside CliRunner
    neither is one)."""
    monkeypatch.setattr("stepback.cli.stdin_is_terminal", lambda: True)
    monkeypatch.setattr("stepback.cli.stdout_is_terminal", lambda: True)


@pytest.fixture(scope="session")
def bank(request: pytest.FixtureRequest) -> Bank:
    """The bank a test is parametrized with, indirectly, by name or path."""
    name_or_path: str = request.param
    return loaded(name_or_path)
