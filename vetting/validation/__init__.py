"""Checking checklist files: the pipeline, the schema, the semantic rules and the reporters."""
