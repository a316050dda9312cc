"""Paths shared by the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "tests" / "assets"
PERSONAS = ROOT / "tests" / "personas"
ACCOUNTS = ROOT / "validation" / "accounts"
MINIMAL_BANK = ASSETS / "banks" / "minimal.toml"
SOURCES = ROOT.parent / "shared" / "sources"
