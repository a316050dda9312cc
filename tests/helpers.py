"""Paths and banks shared by the tests."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from stepback.files.banks import load_bank

if TYPE_CHECKING:
    from stepback.core.models import Bank

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


@functools.cache
def loaded(name_or_path: str) -> Bank:
    """A bank, loaded on first use and kept for the session: a broken bank then fails the tests
    that use it, with its own message, not the collection of every module that names it."""
    return load_bank(name_or_path)


def core_bank() -> Bank:
    return loaded("core")


def quick_bank() -> Bank:
    return loaded("quick")


def minimal_bank() -> Bank:
    return loaded(str(MINIMAL_BANK))
