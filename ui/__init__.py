"""Streamlit glue shared by the pages: reading the sidebar widgets and caching loaded datasets.

Only widget reading and drawing lives here; the logic is in the conflictmap package.
"""
