"""Paths shared by the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "tests" / "assets"
PERSONAS = ROOT / "tests" / "personas"
ACCOUNTS = ROOT / "validation" / "accounts"
MINIMAL_BANK = ASSETS / "banks" / "minimal.toml"
SOURCES = ROOT.parent / "shared" / "sources"


def examples(full: int) -> int:
    """How many examples a property test tries: all of them in CI (the CI variable is set),
    a tenth (at least ten) on a developer's machine, where the suite runs often.
    STEPBACK_FULL_FUZZ=1 asks for all of them locally too."""
    import os

    if os.environ.get("CI") or os.environ.get("STEPBACK_FULL_FUZZ"):
        return full
    return max(10, full // 10)
