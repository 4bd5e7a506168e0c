"""Command-line commands, one module each (see conflictmap.cli)."""
