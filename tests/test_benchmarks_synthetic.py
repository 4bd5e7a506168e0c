"""The synthetic-events tool a trial uses to make a big file: it explains itself and writes where it is told."""
from __future__ import annotations

import pandas as pd
import pytest

from benchmarks import synthetic


def test_help_explains_the_tool_rather_than_crashing(capsys):
    """`--help` was read as a number of rows (int('--help'), newcomer trial 7)."""
    with pytest.raises(SystemExit) as stop:
        synthetic.main(["--help"])
    assert stop.value.code == 0
    assert "--out" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        synthetic.main(["many"])
    assert stop.value.code == 2 and "invalid int value: 'many'" in capsys.readouterr().err


def test_out_writes_the_file_named_and_nothing_into_the_clone(tmp_path, monkeypatch, capsys):
    """It always wrote into the clone's benchmarks/.data; --out writes that file alone (the default stays for the
    benchmarks, which read benchmarks/.data)."""
    monkeypatch.setattr(synthetic, "OUT_DIR", tmp_path / "clone-data")
    out = tmp_path / "big.csv"
    assert synthetic.main(["25", "--out", str(out)]) == 0
    rows = pd.read_csv(out)
    assert len(rows) == 25 and rows["event_id_cnty"].str.startswith("SYN").all()
    assert (rows["source"] == "SYNTHETIC benchmark data").all()
    assert not (tmp_path / "clone-data").exists() and capsys.readouterr().out.strip() == str(out)
    with pytest.raises(SystemExit) as stop:
        synthetic.main(["5", "6", "--out", str(out)])
    assert stop.value.code == 2
