"""The language picker, the saved choice, and which language wins (issue 14.3).

Everything runs against a temporary config folder (``$VETTING_CONFIG_DIR``, set for every
test by conftest.py), so no test reads or writes a real person's settings.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.snapshots import screen_text
from tests.support.tui import MINI, fixed_clock, settle
from vetting import settings
from vetting.checklist.safety import APP_SAFETY, APP_SAFETY_ES
from vetting.commands.app import chosen_language
from vetting.i18n import current_language
from vetting.tui.app import VettingApp, make_app
from vetting.tui.screens.crisis import CrisisModal
from vetting.tui.screens.home import HomeScreen
from vetting.tui.screens.language import LanguageModal
from vetting.tui.screens.take import TakeScreen

REPO = Path(__file__).resolve().parents[2]
HOME_EN = "Choose a checklist to start"
HOME_ES = "Elija una lista para empezar"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return Path(os.environ["VETTING_CONFIG_DIR"])


def build(private_data_dir: Path, **options: object) -> VettingApp:
    return make_app(data_dir=private_data_dir, checklist_paths=[MINI], clock=fixed_clock, **options)


# -- the picker -----------------------------------------------------------------------


async def test_pick_spanish_on_home_and_it_is_remembered(
    private_data_dir: Path, config_dir: Path
) -> None:
    app = build(private_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert HOME_EN in flat(screen_text(app)) and "Language: English (l)" in screen_text(app)
        await pilot.click("#home-language")
        await pilot.pause()
        assert isinstance(app.screen, LanguageModal)
        assert "○ Español" in screen_text(app) and "● English" in screen_text(app)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        text = flat(screen_text(app))
        assert HOME_ES in text and HOME_EN not in text
        assert "Idioma: Español (l)" in text
        assert "6 preguntas" in text  # the checklists were listed again, in Spanish
        assert "r Renombrar" in text and "f1 Ayuda en crisis" in text  # the keys too
        assert current_language() == "es"
    saved = settings_file(config_dir)
    assert json.loads(saved.read_text(encoding="utf-8")) == {"language": "es"}
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert not [p for p in config_dir.iterdir() if p.name != "settings.json"]  # no temp left

    again = build(private_data_dir)  # a new run of the app: the choice is still there
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(again, pilot)
        assert HOME_ES in flat(screen_text(again))


def settings_file(folder: Path) -> Path:
    path = folder / "settings.json"
    assert path.is_file(), "the language choice was not saved"
    return path


async def test_the_command_palette_switches_language_on_any_screen(
    private_data_dir: Path, config_dir: Path
) -> None:
    app = build(private_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")  # start the checklist under its default name
        await settle(app, pilot)
        take = app.screen
        assert isinstance(take, TakeScreen) and "Question 1 of 5" in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Español")
        await pilot.pause()
        assert "Language: Español" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.screen is take
        text = flat(screen_text(app))
        assert "Pregunta 1 de 5" in text and "n Seguir" in text
        assert "Antes de empezar" in text
        await pilot.press("n")  # the keys still work, and the focus is on the answer
        await settle(app, pilot)
        assert "Pregunta 2 de 5" in flat(screen_text(app))
        await pilot.press("escape")  # home is drawn in Spanish too
        await settle(app, pilot)
        assert HOME_ES in flat(screen_text(app))
    assert settings.saved_language(config_dir) == "es"


async def test_lang_on_the_command_line_wins_over_the_saved_choice(
    private_data_dir: Path, config_dir: Path
) -> None:
    settings.save(settings.Settings(language="es"), config_dir)
    app = build(private_data_dir, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert HOME_EN in flat(screen_text(app))
    assert chosen_language(argparse.Namespace(lang="en")) == "en"
    assert chosen_language(argparse.Namespace(lang=None)) == "es"


def test_the_saved_choice_wins_over_the_environment(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    assert chosen_language(argparse.Namespace(lang=None)) == "fr"  # nothing saved yet
    settings.save(settings.Settings(language="es"), config_dir)
    assert chosen_language(argparse.Namespace(lang=None)) == "es"
    assert chosen_language(argparse.Namespace(lang="en")) == "en"


# -- a settings file that cannot be trusted ------------------------------------------------

BAD_FILES = {
    "not json": b"{ this is not json",
    "not an object": b'["es"]',
    "an unknown language": b'{"language": "[@click=app.quit]"}',
    "not text": b"\xff\xfe\x00garbage",
    "too big": b'{"language": "es", "pad": "' + b"x" * (64 * 1024) + b'"}',
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
async def test_a_bad_settings_file_is_ignored_with_a_calm_notice(
    private_data_dir: Path, config_dir: Path, content: bytes
) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "settings.json").write_bytes(content)
    app = build(private_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert HOME_EN in flat(screen_text(app))
        notices = [str(n.message) for n in app._notifications]
        assert any("saved settings could not be read" in n for n in notices), notices
        assert not any("Traceback" in n for n in notices)
    assert app.return_code in (0, None)


def test_links_fifos_and_other_users_files_are_never_read(config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    target = config_dir / "elsewhere.json"
    target.write_text('{"language": "es"}', encoding="utf-8")
    (config_dir / "settings.json").symlink_to(target)
    loaded = settings.load(config_dir)
    assert loaded.settings.language is None and loaded.problem
    (config_dir / "settings.json").unlink()
    os.mkfifo(config_dir / "settings.json")  # opening it must not wait for a writer
    loaded = settings.load(config_dir)
    assert loaded.settings.language is None and loaded.problem
    (config_dir / "settings.json").unlink()
    assert settings.load(config_dir) == settings.Loaded(settings.Settings(), None)


def test_saving_replaces_a_bad_file_atomically_and_privately(config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "settings.json").write_bytes(b"garbage")
    settings.save(settings.Settings(language="es"), config_dir)
    assert settings.load(config_dir) == settings.Loaded(settings.Settings("es"), None)
    assert stat.S_IMODE((config_dir / "settings.json").stat().st_mode) == 0o600
    with pytest.raises(ValueError):
        settings.save(settings.Settings(language="xx"), config_dir)
    assert settings.saved_language(config_dir) == "es"


def test_a_new_config_folder_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "vetting"
    settings.save(settings.Settings(language="en"), folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700


def test_the_settings_module_loads_no_textual() -> None:
    code = (
        "import sys, vetting.settings as s; s.load(); "
        "assert 'textual' not in sys.modules, 'textual loaded'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


# -- the crisis lines follow the language on screen ----------------------------------------


async def test_crisis_help_in_spanish_with_no_checklist_open(private_data_dir: Path) -> None:
    app = build(private_data_dir, language="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.current_checklist() is None
        await pilot.press("f1")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CrisisModal)
        assert modal.lines.message == APP_SAFETY_ES.message
        assert modal.lines.verified == APP_SAFETY_ES.resources
        text = flat(screen_text(app))
        assert "Hay ayuda disponible ahora" in text and "marque 2 para español" in text
        # Switched back to English while it is open: the lines follow.
        app.choose_language("en")
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.screen is modal
        assert modal.lines.message == APP_SAFETY.message
        assert "Help is available now" in flat(screen_text(app))


async def test_a_name_being_typed_survives_a_language_change(private_data_dir: Path) -> None:
    app = build(private_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        box = app.screen.query_one("#session-name")
        box.value = "Dr. Lee, half typed"  # type: ignore[attr-defined]
        app.choose_language("es")
        await settle(app, pilot)
        await settle(app, pilot)
        assert "Ponga un nombre a esta sesión" in flat(screen_text(app))
        assert app.screen.query_one("#session-name").value == "Dr. Lee, half typed"  # type: ignore[attr-defined]


async def test_a_choice_that_cannot_be_saved_still_applies_and_says_so(
    private_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("VETTING_CONFIG_DIR", str(blocker / "vetting"))
    app = build(private_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.choose_language("es")
        await settle(app, pilot)
        await settle(app, pilot)
        assert HOME_ES in flat(screen_text(app))
        notices = [str(n.message) for n in app._notifications]
        assert any("No se pudo guardar el idioma elegido" in n for n in notices), notices


# -- numbers and dates in the person's language --------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_percentages_are_what_babel_writes_for_the_locale(language: str) -> None:
    from babel.numbers import format_percent

    from vetting.i18n import set_language
    from vetting.tui.shared import PERCENT_PATTERNS, babel_locale, display_percent

    set_language(language)
    assert babel_locale() in PERCENT_PATTERNS
    for value in (0, 0.4, 7, 16.7, 50, 99.5, 100):
        expected = format_percent(round(value) / 100, locale=babel_locale())
        assert display_percent(value) == expected.replace("\xa0", " ").replace("\u202f", " ")


def test_times_are_written_in_the_persons_language() -> None:
    from vetting.i18n import set_language
    from vetting.tui.shared import display_time

    set_language("en")
    assert display_time("2026-11-25T20:05:00Z") == "11/25/26 8:05 PM"
    set_language("es")
    assert display_time("2026-11-25T20:05:00Z") == "25/11/2026 8:05 p.m."
    assert display_time("not a time") == "not a time"


async def test_screens_filled_after_mounting_are_filled_again_in_the_new_language(
    private_data_dir: Path,
) -> None:
    from tests.tui.test_results import _sessions_for_snapshots
    from vetting.tui.screens.compare import CompareScreen

    checklist, sessions = _sessions_for_snapshots(private_data_dir)
    app = build(private_data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await app.push_screen(CompareScreen(checklist, sessions))
        await pilot.pause()
        assert "Question" in screen_text(app) and "Dr. Ray" in screen_text(app)
        app.choose_language("es")
        await settle(app, pilot)
        await settle(app, pilot)
        text = screen_text(app)
        assert "Pregunta" in text and "Resultado" in text and "Dr. Ray" in text
        assert "CRÍTICA" in text
        assert app.screen.focused is app.screen.query_one("#compare-table")


TRANSLATED = REPO / "tests" / "cases" / "translations" / "translated.yaml"


async def test_the_checklist_on_screen_switches_to_its_translation(
    private_data_dir: Path,
) -> None:
    app = make_app(
        data_dir=private_data_dir, checklist_paths=[TRANSLATED], clock=fixed_clock, language="en"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "Warning signs in therapy" in screen_text(app)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        take = app.screen
        assert isinstance(take, TakeScreen)
        before = take.checklist
        assert "Are you thinking about harming yourself?" in flat(screen_text(app))
        app.choose_language("es")
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.screen is take
        text = flat(screen_text(app))
        assert "¿Está pensando en hacerse daño?" in text and "Pregunta 1 de" in text
        assert take.checklist.content_hash == before.content_hash
        assert take.title == "Señales de alerta en la terapia"
        await pilot.press("2", "f")  # "No", then the results, in Spanish
        await settle(app, pilot)
        assert "Sus resultados: Señales de alerta en la terapia" in flat(screen_text(app))
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert "Señales de alerta en la terapia" in screen_text(app)  # home, rescanned


def _run_broken(tmp_path: Path, *options: str) -> str:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\nkind: fit\ntitle: [unclosed\n", encoding="utf-8")
    env = {**os.environ, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "vetting", "run", *options, str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
    )
    assert done.returncode == 1 and done.stdout == ""
    return done.stderr


def test_the_command_line_speaks_the_chosen_language_and_lang_wins(
    tmp_path: Path, config_dir: Path
) -> None:
    assert "cannot be opened:" in _run_broken(tmp_path)
    assert "vetting run: no se puede abrir" in _run_broken(tmp_path, "--lang", "es")
    settings.save(settings.Settings(language="es"), config_dir)
    assert "línea 5" in _run_broken(tmp_path)  # the saved choice, with no --lang
    assert "cannot be opened:" in _run_broken(tmp_path, "--lang", "en")


async def test_an_open_help_follows_the_checklist_into_its_translation(
    private_data_dir: Path,
) -> None:
    from vetting.tui.screens.help import HelpModal

    app = make_app(
        data_dir=private_data_dir, checklist_paths=[TRANSLATED], clock=fixed_clock, language="en"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        assert "Why this matters" in screen_text(app)
        app.choose_language("es")
        await settle(app, pilot)
        await settle(app, pilot)
        text = flat(screen_text(app))
        assert "Por qué importa" in text and "¿Está pensando en hacerse daño?" in text
