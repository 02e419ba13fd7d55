"""The person's few settings (today: the language they picked), kept between runs.

One small JSON file, ``settings.json``, in the platform's user config folder
(``$VETTING_CONFIG_DIR`` when set, so tests never touch a real person's files). It is
written the way sessions are (:func:`vetting.sessions.files.write_atomically`): a private
``0600`` temp file, ``fsync``, then an atomic rename, in a folder created ``0700``.

A file that cannot be trusted (not JSON, not an object, an unknown language, a link, too
big, another user's) is never fatal: :func:`load` returns the defaults and a calm sentence
saying the file was ignored, and the next save replaces it. Plain Python, no Textual, so
``vetting ask`` and the CLI can use it too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from vetting.i18n import _

APP_NAME = "vetting"
CONFIG_DIR_ENV = "VETTING_CONFIG_DIR"
FILE_NAME = "settings.json"
MAX_BYTES = 16 * 1024
#: The languages a person can pick; the value saved is one of these tags.
KNOWN_LANGUAGES = ("en", "es")


class Settings(NamedTuple):
    """What was saved; ``None`` means "not chosen", so the defaults apply."""

    language: str | None = None


class Loaded(NamedTuple):
    """The settings read, and why the file was ignored when it was (else ``None``)."""

    settings: Settings
    problem: str | None = None


def config_dir() -> Path:
    """The folder that holds ``settings.json`` (not created here)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path(folder: Path | None = None) -> Path:
    return (folder if folder is not None else config_dir()) / FILE_NAME


def _ignored(reason: str) -> Loaded:
    return Loaded(
        Settings(),
        _(
            "Your saved settings could not be read ({reason}), so the defaults are used. "
            "Choosing a language again saves new settings."
        ).format(reason=reason),
    )


def load(folder: Path | None = None) -> Loaded:
    """The saved settings; the defaults (and the reason) when there are none or they are bad."""
    from vetting.sessions.errors import StorageError
    from vetting.sessions.files import read_limited

    path = settings_path(folder)
    try:
        data = read_limited(path, MAX_BYTES)
    except FileNotFoundError:
        return Loaded(Settings())
    except StorageError as error:  # a link, a FIFO, another user's file...
        return _ignored(error.message)
    except OSError as error:
        return _ignored(error.strerror or type(error).__name__)
    if len(data) > MAX_BYTES:
        return _ignored(_("the file is too big"))
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _ignored(_("the file is damaged"))
    if not isinstance(document, dict):
        return _ignored(_("the file is damaged"))
    language = document.get("language")
    if language is not None and language not in KNOWN_LANGUAGES:
        return _ignored(_("it names a language vetting does not know"))
    return Loaded(Settings(language=language))


def saved_language(folder: Path | None = None) -> str | None:
    """The language the person picked in the app, if any (a bad file counts as none)."""
    return load(folder).settings.language


def preferred_language(explicit: str | None = None) -> str | None:
    """The language to show: ``explicit`` (``--lang``) if given, else the one the person
    picked in the app, else the system's. The app, the line mode, ``vetting score`` and
    ``--help`` all choose this way; a settings file that cannot be read is no choice."""
    from vetting.language import language_from_environment

    return explicit or saved_language(None) or language_from_environment()


def save(settings: Settings, folder: Path | None = None) -> Path:
    """Write ``settings`` atomically as a private file; raises ``OSError``/``StorageError``."""
    from vetting.sessions.files import write_atomically
    from vetting.sessions.locations import ensure_private_dir

    if settings.language is not None and settings.language not in KNOWN_LANGUAGES:
        raise ValueError(f"unknown language {settings.language!r}")
    path = settings_path(folder)
    ensure_private_dir(path.parent)
    data = json.dumps({"language": settings.language}, indent=2) + "\n"
    write_atomically(path, data.encode("utf-8"))
    return path


def remember_language(language: str, folder: Path | None = None) -> str | None:
    """Save the language picked in the app; ``None`` when saved, else why it was not.

    The reason is a short phrase for a calm notice ("the disk is full"): the choice
    still applies until the app closes.
    """
    from vetting.sessions.errors import StorageError

    try:
        save(Settings(language=language), folder)
    except StorageError as error:
        return error.message
    except OSError as error:
        return error.strerror or type(error).__name__
    return None
