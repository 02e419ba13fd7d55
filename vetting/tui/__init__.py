"""The Textual app: the only place in vetting that imports Textual.

Use :func:`vetting.tui.app.make_app` to build the app; screens live in ``screens/`` (one
per module, each with its own ``.tcss``), reusable widgets in ``widgets/``, and the rules
every screen shares in ``app.tcss``.
"""
