"""Line mode: the app as numbered prompts, one line at a time (``vetting ask``, ``--plain``).

For screen readers (NVDA and Orca read a terminal line by line), braille displays,
``TERM=dumb`` and piped input: nothing is drawn but whole lines of text, nothing moves the
cursor, and there is no colour unless it is asked for. It is the same app underneath: the
same checklists (translated the same way), the same session files
(:mod:`vetting.sessions`, so a session started here can be resumed in the full-screen app and
the other way round), the same crisis lines shown the moment a crisis answer is given, and
the same result text as ``vetting score --format text`` (:mod:`vetting.reports.text`).

* :mod:`.terminal`  reading and writing lines, colour, and when line mode is chosen by itself
* :mod:`.choices`   what a typed line means for one question (pure, no I/O)
* :mod:`.runner`    one checklist session, question by question
* :mod:`.home`      the list of checklists and saved sessions, and ``vetting ask FILE``

Nothing here imports Textual or :mod:`vetting.tui` (``[tool.importlinter]`` in pyproject.toml).
"""
