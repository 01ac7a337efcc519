"""Alembic migrations of the kakanai database (run by kakanai.store.migrate, never by an alembic.ini)."""
