"""Shared core: settings, errors, records and dates that every layer above uses."""
