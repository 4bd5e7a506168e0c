"""Map assets: the vendor files and the map script bundled from its ES modules, refused when stale."""
from __future__ import annotations

import shutil

import pytest

from conflictmap import assets


@pytest.fixture
def checkout(tmp_path):
    """A copy of static/ (vendor files, the script's modules) to build into without touching this checkout."""
    static = tmp_path / "static"
    shutil.copytree(assets.SCRIPT_DIR, static / "conflictmap")
    assets.install_vendor_files(vendor=static / "vendor")
    return static


def test_the_bundle_is_one_classic_script_that_names_its_sources(checkout):
    script_dir = checkout / "conflictmap"
    bundle = assets.build_map_script(static=checkout, script_dir=script_dir)
    text = bundle.read_text(encoding="utf-8")
    assert text.startswith(f"/* conflictmap map script, bundled from static/conflictmap/ (sources "
                           f"{assets.sources_digest(script_dir)})")
    assert "import " not in text and "export " not in text, "a classic script: no module syntax left"
    assert "L.conflictEvents" in text and "L.conflictLegend" in text and "L.conflictReference" in text
    assets.check_installed(static=checkout, script_dir=script_dir)
    assert sorted(p.name for p in bundle.parent.iterdir()) == ["conflictmap-worker.js", "conflictmap.js"], \
        "the map script and its worker, no temporary file left"
    worker = (bundle.parent / "conflictmap-worker.js").read_text(encoding="utf-8")
    assert "import " not in worker and "export " not in worker and "KDBush" in text


def test_a_bundle_older_than_its_sources_is_refused(checkout):
    script_dir = checkout / "conflictmap"
    assets.build_map_script(static=checkout, script_dir=script_dir)
    (script_dir / "details.js").write_text((script_dir / "details.js").read_text() + "\n// changed\n")
    with pytest.raises(assets.AssetsMissing, match="older than its sources.*python -m conflictmap assets"):
        assets.check_installed(static=checkout, script_dir=script_dir)
    assets.build_map_script(static=checkout, script_dir=script_dir)
    assets.check_installed(static=checkout, script_dir=script_dir)


def test_a_module_that_does_not_build_keeps_the_previous_bundle(checkout):
    script_dir = checkout / "conflictmap"
    bundle = assets.build_map_script(static=checkout, script_dir=script_dir)
    before = bundle.read_text(encoding="utf-8")
    (script_dir / "dom.js").write_text("export function broken( {\n")
    with pytest.raises(assets.AssetsMissing, match="(?s)does not build.*dom.js"):
        assets.build_map_script(static=checkout, script_dir=script_dir)
    assert bundle.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in bundle.parent.iterdir()) == ["conflictmap-worker.js", "conflictmap.js"]


def test_missing_files_are_named_with_the_command_that_installs_them(tmp_path):
    with pytest.raises(assets.AssetsMissing, match=r"build/conflictmap\.js.*python -m conflictmap assets"):
        assets.check_installed(static=tmp_path, script_dir=tmp_path)


def test_without_esbuild_the_message_says_to_run_npm_ci(tmp_path, checkout):
    with pytest.raises(assets.AssetsMissing, match="esbuild is missing: run `npm ci`"):
        assets.build_map_script(node_modules=tmp_path, static=checkout, script_dir=checkout / "conflictmap")
