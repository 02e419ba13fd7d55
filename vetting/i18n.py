"""The words vetting itself shows, in the person's language (gettext).

Checklist texts are translated inside each checklist (:mod:`vetting.checklist.translations`);
everything else the app, ``vetting ask`` and the exports say comes from the gettext catalogs in
``vetting/locale/<lang>/LC_MESSAGES/vetting.po``. Babel extracts them (``pybabel extract``, the
configuration is ``babel.cfg``) and compiles them to ``vetting.mo`` beside each ``.po``; the
compiled files are committed so an editable install and the wheel both have them, and a test
fails when one is missing or older than its ``.po``.

The language is process-wide and can change while the app runs (the language picker), so
:func:`_` looks the translation up at call time. Text defined at import time (class attributes)
is marked with :func:`N_` and translated where it is shown.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "N_",
    "_",
    "available_ui_languages",
    "current_language",
    "ngettext",
    "set_language",
]

DOMAIN = "vetting"
#: Where the catalogs live, inside the package so a plain ``pip install`` has them.
LOCALE_DIR = Path(__file__).parent / "locale"
#: The language the messages are written in, in the source code.
SOURCE_LANGUAGE = "en"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


@cache
def _load(language: str) -> gettext.NullTranslations:
    """The compiled catalog for ``language``, or no translation when there is none."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def available_ui_languages() -> tuple[str, ...]:
    """The source language and every language with a compiled catalog, sorted."""
    found = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return (SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE}))


def set_language(language: str | None) -> str:
    """Show vetting's own words in ``language`` (a tag such as ``es`` or ``es-MX``).

    Falls back to the source language when there is no catalog; returns the language used.
    """
    global _translation, _language
    primary = (language or SOURCE_LANGUAGE).replace("_", "-").split("-")[0].lower()
    if primary not in available_ui_languages():
        primary = SOURCE_LANGUAGE
    _translation = _load(primary) if primary != SOURCE_LANGUAGE else gettext.NullTranslations()
    _language = primary
    return primary


def current_language() -> str:
    """The language vetting's own words are shown in now."""
    return _language


def _(message: str) -> str:
    """``message`` in the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for ``count``, by the language's own rule."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet (translate where shown)."""
    return message
