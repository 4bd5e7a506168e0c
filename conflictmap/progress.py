"""Progress of the long steps (reading, checking, publishing a large file), reported to whoever shows it.

The package never draws: a step takes a `Progress` callback and calls it as `progress(stage, done, total)`,
where `stage` says in a few words what is being done ("reading rows") and `done` of `total` counts its units
(rows). The command line shows it as a bar on stderr (`commands.importer.ProgressBar`, tqdm) for files over
100,000 rows.
"""
from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
