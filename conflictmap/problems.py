"""What is wrong with one input row, as every reader reports it (csvio, schema, the importers): a module of its own,
so that reading a small CSV does not import the event schema's numpy, pandas and Arrow."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with one input row; `line` is the physical line in the file (1 = header)."""

    line: int
    column: str
    reason: str
    severity: str = "error"  # "error": the row is left out; "warning": the row is kept (mended by its rule)

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        col = f" [{self.column}]" if self.column else ""
        return f"{where}{col}: {self.reason}"
