"""Alembic's script directory for the question-log schema (package data; see bot/storage/migrate.py)."""
