"""The person's language, as their system states it.

Alone in its own module because ``vetting run`` needs it before anything else is loaded
(:func:`vetting.settings.preferred_language`); :mod:`vetting.checklist.translations`, which uses it
to pick a translation, re-exports it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The person's language from ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``.

    Only the main language (``es`` from ``es_MX.UTF-8``); ``C`` and ``POSIX`` mean "no
    preference". The same order gettext uses, so vetting agrees with the rest of the system.
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").split(":")[0].split(".")[0].split("@")[0]
        primary = value.replace("_", "-").split("-")[0].lower()
        if primary and primary not in ("c", "posix") and primary.isalpha():
            return primary
    return None
