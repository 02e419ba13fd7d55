"""`vetting --help` and usage errors in the person's language, as the app chooses it.

``--lang`` wins, then the language picked in the app (saved in settings.json), then the
system's; English stays the default. Run as a person would: the real command, as a
subprocess, with its own settings folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vetting import settings


def _vetting(*args: str, config: Path, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env |= {"LANG": lang, "VETTING_CONFIG_DIR": str(config)}
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config"


def test_help_is_in_spanish_with_lang_es(config: Path) -> None:
    done = _vetting("--lang", "es", "--help", config=config)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("uso: vetting ")
    for words in ("argumentos posicionales:", "opciones:", "mostrar esta ayuda y salir"):
        assert words in out
    assert "No es consejo médico." in out
    assert "lectores de pantalla" in out
    assert "usage:" not in out and "show this help" not in out


def test_the_system_language_and_the_saved_choice_pick_it_too(config: Path) -> None:
    run_help = _vetting("run", "--help", config=config, lang="es_US.UTF-8")
    assert run_help.stdout.startswith("uso: vetting run ")
    assert "el archivo de la lista que quiere abrir" in run_help.stdout
    settings.save(settings.Settings(language="es"), config)
    ask_help = _vetting("ask", "--help", config=config)
    assert ask_help.stdout.startswith("uso: vetting ask ")
    assert "Responda una lista en modo de líneas" in ask_help.stdout
    english = _vetting("--lang", "en", "ask", "--help", config=config)
    assert english.stdout.startswith("usage: vetting ask ")


def test_a_usage_error_is_in_the_same_language(config: Path) -> None:
    done = _vetting("--lang", "es", "--no-such-option", config=config)
    assert done.returncode == 2
    assert done.stderr.startswith("uso: vetting ")
    assert "Pruebe 'vetting --help'." in done.stderr


def test_english_stays_the_default(config: Path) -> None:
    done = _vetting("--help", config=config)
    assert done.stdout.startswith("usage: vetting ")
    assert "options:" in done.stdout and "show this help message and exit" in done.stdout
    wrong = _vetting("validate", "--no-such-option", config=config)
    assert wrong.returncode == 2 and "Try 'vetting --help'." in wrong.stderr
