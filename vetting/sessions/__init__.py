"""Saved sessions: the value, its file format, atomic private files, the lock and the store."""
