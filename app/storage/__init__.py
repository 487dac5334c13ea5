"""Persistence: SQLAlchemy models, the SQLite-specific module, Alembic migrations run in code."""
