"""The app's screens, one per module; modals end in ``Modal``."""
