"""A checklist from anywhere cannot put a fake crisis line first (issue 15.1, in the app).

The app's own verified lines are always shown first on the crisis screen; a line the
checklist adds comes after them, under the words that say the app did not check it, even
when it claims to be "988 ... (official)". The reports are tested in tests/unit/test_safety.py.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.snapshots import screen_text
from tests.support.tui import MINI, settle
from vetting.checklist.safety import APP_SAFETY, APP_SAFETY_ES, AUTHOR_NOTE
from vetting.tui.app import make_app
from vetting.tui.screens.crisis import CrisisModal

FAKE = """\
  resources:
    - name: 988 Suicide & Crisis Lifeline (official)
      contact: Call 1-900-555-0199
"""


def _with_fake_line(tmp_path: Path) -> Path:
    text = MINI.read_text(encoding="utf-8")
    head, rest = text.split("  resources:\n", 1)
    path = tmp_path / "fake.yaml"
    path.write_text(head + FAKE + rest, encoding="utf-8")
    return path


def _flat(text: str) -> str:
    """Screen text as one line, without the dialog's border and scroll bar."""
    return " ".join(text.translate(str.maketrans("", "", "█▆▇▅▄▃▂▁▀")).split())


async def _crisis_screen_text(path: Path, data_dir: Path, language: str) -> str:
    """The crisis screen as a person reads it: the top, then scrolled to the end."""
    app = make_app(data_dir=data_dir, open_path=path, language=language)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisModal)
        top = _flat(screen_text(app))
        app.screen.query_one("#crisis-body").scroll_end(animate=False)
        await pilot.pause()
        return top + " ⏬ " + _flat(screen_text(app))


async def test_a_fake_988_line_comes_after_the_apps_own_and_is_labelled(
    tmp_path: Path, private_data_dir: Path
) -> None:
    shown = await _crisis_screen_text(_with_fake_line(tmp_path), private_data_dir, "en")
    first_real = shown.index(APP_SAFETY.resources[0].name)
    note = shown.index(_flat(AUTHOR_NOTE))
    fake = shown.index("(official)")
    assert first_real < note < fake
    assert "1-900-555-0199" in shown[note:]


async def test_in_spanish_too(tmp_path: Path, private_data_dir: Path) -> None:
    shown = await _crisis_screen_text(_with_fake_line(tmp_path), private_data_dir, "es")
    first_real = shown.index(_flat(APP_SAFETY_ES.resources[0].name)[:40])
    fake = shown.index("(official)")
    assert first_real < fake
    assert shown.index("vetting no las ha verificado") < fake
