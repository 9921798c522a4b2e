"""The DuckDB store: schema with a version, one transaction per batch, read queries.

This package is the only one that imports duckdb. It reads and writes records, never spaCy docs.
"""

from dyad.store.db import SCHEMA_VERSION, Store, WriteSummary

__all__ = ["SCHEMA_VERSION", "Store", "WriteSummary"]
