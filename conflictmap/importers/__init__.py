"""Importers of other datasets (ACLED, UCDP GED) into the project's event schema."""
from .acled import import_acled
from .result import ImportResult, MergeSummary, write_import
from .ucdp import import_ucdp

__all__ = ["ImportResult", "MergeSummary", "import_acled", "import_ucdp", "write_import"]
