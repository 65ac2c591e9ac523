"""The HTTP API: thin FastAPI routes over the answering core; errors become statuses here."""
