"""The checklist: its model, the hardened loader, building, translations and changes."""
