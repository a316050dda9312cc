"""files/bank_cache.py: a bundled bank is validated once, then read back, and never stale."""

from __future__ import annotations

import pickle
import shutil
import sys
from pathlib import Path

import pytest

from stepback.errors import DataError
from stepback.files import bank_cache, banks
from stepback.files.banks import load_bank
from tests.helpers import MINIMAL_BANK, ROOT


@pytest.fixture
def bundled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A bundled-bank folder of our own, holding a copy of the core bank."""
    folder = tmp_path / "questions"
    folder.mkdir()
    shutil.copy(ROOT / "questions" / "core.toml", folder / "core.toml")
    monkeypatch.setattr(banks, "bundled_bank_dir", lambda: folder)
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the bank files parsed from here on."""
    parsed: list[str] = []
    read = banks.read_bank_document

    def counting(path: str, label: str | None = None) -> dict[str, object]:
        parsed.append(path)
        return read(path, label)

    monkeypatch.setattr(banks, "read_bank_document", counting)
    return parsed


def _entries() -> list[Path]:
    folder = bank_cache.cache_folder()
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_a_bundled_bank_is_parsed_once_then_read_back(bundled: Path, reads: list[str]) -> None:
    """The second load reads the kept copy: the same bank, without parsing the file."""
    first = load_bank("core")
    second = load_bank("core")
    assert reads == [str(bundled / "core.toml")]
    assert second == first
    assert [p.name.split("-")[0] for p in _entries()] == ["core"]


def test_an_edited_bank_is_read_again_and_the_old_copy_dropped(
    bundled: Path, reads: list[str]
) -> None:
    """A copy is keyed by the bank's bytes: an edit means a fresh parse, and one copy left."""
    load_bank("core")
    path = bundled / "core.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'title = "Step back, step up, or take a tour?"', 'title = "Edited"', 1
        ),
        encoding="utf-8",
    )
    assert load_bank("core").title == "Edited"
    assert len(reads) == 2
    assert len(_entries()) == 1


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle", pickle.dumps({"id": "core"})],
    ids=["empty", "garbage", "not-a-bank"],
)
def test_a_damaged_copy_is_only_a_miss(bundled: Path, reads: list[str], damage: bytes) -> None:
    """Whatever the kept copy holds, the bank loads right, and a good copy replaces it."""
    expected = load_bank("core")
    [entry] = _entries()
    entry.write_bytes(damage)
    assert load_bank("core") == expected
    assert len(reads) == 2
    assert pickle.loads(entry.read_bytes()) == expected


def test_an_unusable_cache_folder_only_means_no_copy(
    bundled: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A cache location that is a file, not a folder: every load parses, none fails."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_bank("core") == load_bank("core")
    assert len(reads) == 2


def test_no_home_folder_only_means_no_copy(
    bundled: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no home folder can be found (no HOME, no password entry), banks still load."""
    monkeypatch.delenv("XDG_CACHE_HOME")

    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", nowhere)
    assert load_bank("core") == load_bank("core")
    assert len(reads) == 2


def test_an_invalid_bundled_bank_is_reported_and_not_kept(bundled: Path) -> None:
    """A bad bank fails as it always did, and leaves nothing behind to be read back."""
    (bundled / "broken.toml").write_text('id = "broken"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"^broken\.toml: "):
        load_bank("broken")
    assert _entries() == []


def test_a_bank_given_by_path_is_never_kept(reads: list[str]) -> None:
    """Only bundled banks are kept: a bank file named by path is parsed every time."""
    load_bank(str(MINIMAL_BANK))
    load_bank(str(MINIMAL_BANK))
    assert len(reads) == 2
    assert _entries() == []


def test_the_folder_follows_xdg_and_ignores_an_empty_value(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """XDG_CACHE_HOME when set and not empty, else ~/.cache (on Linux)."""
    if sys.platform in {"win32", "darwin"}:
        pytest.skip("the XDG variables are for Linux and the BSDs")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert bank_cache.cache_folder() == tmp_path / "xdg" / "stepback"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert bank_cache.cache_folder() == tmp_path / "home" / ".cache" / "stepback"
