"""The single source of truth: SQLAlchemy models, queries and migrations."""
