"""pyproject.toml: `pip install .` gives the package, its pinned dependencies and the `conflictmap` command."""
from __future__ import annotations

import tomllib

from conflictmap import cli
from conflictmap.geocoding import paths
from conflictmap.store import default_cache_dir
from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_console_script_is_the_module_entry():
    module, _, name = PROJECT["project"]["scripts"]["conflictmap"].partition(":")
    assert (module, name) == ("conflictmap.cli", "main") and callable(cli.main)


def test_dependencies_are_the_pinned_requirements():
    dynamic = PROJECT["tool"]["setuptools"]["dynamic"]
    assert dynamic["dependencies"] == {"file": ["requirements.txt"]}
    assert "dependencies" in PROJECT["project"]["dynamic"]


def test_caches_are_outside_the_source_tree(monkeypatch):
    monkeypatch.delenv("CONFLICTMAP_CACHE", raising=False)
    monkeypatch.delenv("CONFLICTMAP_GEODATA", raising=False)
    for folder in (default_cache_dir(), paths.cache_dir()):
        assert ROOT.resolve() not in folder.resolve().parents, folder


def test_a_chosen_geodata_folder_keeps_its_cache_beside_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_GEODATA", str(tmp_path))
    assert paths.cache_dir() == tmp_path.resolve() / "cache"
