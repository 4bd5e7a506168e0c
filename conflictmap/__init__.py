"""conflictmap: conflict events from news reports and datasets, on a map."""

__version__ = "0.1.0"
