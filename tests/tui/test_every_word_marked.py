"""No word the app shows escapes the catalog (issue 14.1).

A pseudo-locale is built at test time: every msgstr of the template is ``⟦msgid⟧``. The
app is pointed at it (as Spanish, ``es``) and a checklist whose own texts are translated
the same way, then driven through every screen with Pilot. Whatever is left on screen once
every ``⟦…⟧`` run is removed must be checklist data, something the person typed, a path,
the crisis lines (data, in vetting/checklist/safety.py) or one of the few words that are
deliberately the same in every language (the language names). Anything else is a string
someone forgot to mark, and the failure says on which screen.

To see it fail, un-mark one string (``_("Checklists")`` -> ``"Checklists"`` in
screens/home.py) and run this file.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import yaml
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import vetting.i18n
from tests.support.snapshots import screen_text
from tests.support.tui import MINI, fixed_clock, settle
from vetting.checklist.safety import APP_SAFETY_ES
from vetting.checklist.translations import fingerprint, text_paths
from vetting.sessions.store import SessionStore
from vetting.tui.app import VettingApp, make_app
from vetting.tui.preview_app import PreviewApp
from vetting.tui.screens.compare import CompareScreen
from vetting.tui.screens.export import ConfirmOverwriteModal, ExportModal
from vetting.tui.screens.results import ResultsScreen
from vetting.tui.screens.take import TakeScreen
from vetting.validation.pipeline import validate_file

SPANISH = Path(vetting.i18n.__file__).parent / "locale" / "es" / "LC_MESSAGES" / "vetting.po"
OPEN, CLOSE = "⟦", "⟧"
WORD = re.compile(r"[^\W\d_]{2,}")
MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*(?:{CLOSE}|…)")
CUT = re.compile(f"{OPEN}[^{OPEN}{CLOSE}\n]*$", re.MULTILINE)
#: Shown the same in every language, on purpose.
SAME_EVERYWHERE = {
    "vetting",  # the app's name
    "Esc",  # a key's name, as printed on the keyboard
    "esc",
    "Language",  # "Language / Idioma": the language dialog's title, in both (language.py)
    "Idioma",
    "English",  # each language by its own name
    "Español",
}
#: No known gaps left: the default Yes/No labels and "section" in a citation are
#: vetting's words in the catalog too (scoring.answers.option_label, reports reference_words).
KNOWN_GAPS: set[str] = set()
BROKEN = "format: 1\nid: broken\nkind: fit\ntitle: [unclosed\n"


def pseudo(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


@pytest.fixture
def pseudo_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every message of the catalog as ``⟦msgid⟧``, compiled and served as ``es``.

    Built from the Spanish .po (which test_catalog_i18n.py keeps equal to what the code
    marks) for its plural rule: two forms, as the real catalog has.
    """
    with SPANISH.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:
            forms = message.id if isinstance(message.id, tuple) else (message.id,)
            wrapped = tuple(pseudo(form) for form in forms)
            message.string = wrapped if isinstance(message.id, tuple) else wrapped[0]
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "vetting.mo").open("wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr(vetting.i18n, "LOCALE_DIR", tmp_path / "locale")
    vetting.i18n._load.cache_clear()
    yield
    vetting.i18n._load.cache_clear()


@pytest.fixture
def pseudo_checklist(tmp_path: Path) -> Path:
    """The mini checklist with an ``es`` translation of every text: ``⟦text⟧``."""
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["translations"] = {
        "es": {
            path: {"text": pseudo(text), "source": fingerprint(text)}
            for path, text in text_paths(data).items()
        }
    }
    path = tmp_path / "pseudo.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    report = validate_file(path, lang="es")
    assert report.ok and report.checklist is not None
    assert report.checklist.title == pseudo("A short test checklist")
    return path


def words(texts: Iterable[str]) -> set[str]:
    return {word for text in texts for word in WORD.findall(text)}


def strings_in(value: object) -> Iterator[str]:
    """Every string inside ``value`` (dataclasses, named tuples, lists, dicts)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from strings_in(getattr(value, field.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from strings_in(item)


def unmarked(text: str, allowed: set[str]) -> list[str]:
    """The words of ``text`` outside every ``⟦…⟧`` run that are not ``allowed``.

    A run cut short by the edge of a table cell (no ``⟧``, no ``…``) ends with its line, and
    a word cut short there counts as the allowed word it begins.
    """
    before = None
    while before != text:  # innermost first: "⟦Start: ⟦title⟧⟧"
        before, text = text, MARKED.sub(" ", text)
    text = CUT.sub(" ", text)
    return sorted(
        {
            word
            for word in WORD.findall(text)
            if word not in allowed and not any(a.startswith(word) for a in allowed)
        }
    )


def test_the_check_finds_an_unmarked_word() -> None:
    allowed = {"Lee"}
    assert unmarked("⟦Start: ⟦A title⟧⟧  Dr. Lee", allowed) == ["Dr"]
    assert unmarked("⟦Your results: ⟧ Overall score", allowed) == ["Overall", "score"]
    assert unmarked("⟦private: your answers st…  ^p ⟦palette⟧", allowed) == []
    assert unmarked("⟦Choose a checklist\n │ to start⟧ Checklists", allowed) == ["Checklists"]


class Walk:
    """Drives the app and records every unmarked word, by screen."""

    def __init__(self, app: VettingApp, allowed: set[str]) -> None:
        self.app = app
        self.allowed = allowed
        self.found: dict[str, list[str]] = {}
        self.seen: list[str] = []

    def check(self, name: str, *extra: Iterable[str]) -> None:
        allowed = self.allowed | words(s for group in extra for s in group)
        self.seen.append(name)
        stray = unmarked(screen_text(self.app), allowed)
        if stray:
            self.found[name] = stray


def base_allowed(tmp_path: Path) -> set[str]:
    safety = words(strings_in(APP_SAFETY_ES))
    paths = words([str(tmp_path), "~/data/checklists broken.yaml pseudo.yaml docs"])
    typed = words(["Dr. Lee, after session 2", "Dr. Ray", "Preview"])
    return SAME_EVERYWHERE | KNOWN_GAPS | safety | paths | typed


async def test_every_screen_shows_only_marked_words(
    pseudo_locale: None,
    pseudo_checklist: Path,
    private_data_dir: Path,
    user_checklists: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    monkeypatch.setenv("VETTING_DOCUMENTS_DIR", str(docs))
    (user_checklists / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    checklist = validate_file(pseudo_checklist, lang="es").checklist
    assert checklist is not None
    with SessionStore(private_data_dir) as store:
        for name in ("Dr. Lee, after session 2", "Dr. Ray"):
            store.create(checklist, name)
    broken = validate_file(user_checklists / "broken.yaml", lang="es")
    problems = [s for p in broken.problems for s in (p.message, p.suggestion or "", p.json_path())]

    app = make_app(
        data_dir=private_data_dir,
        checklist_paths=[pseudo_checklist],
        clock=fixed_clock,
        language="es",
    )
    walk = Walk(app, base_allowed(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        walk.check("home")
        await pilot.press("l")
        await pilot.pause()
        walk.check("language picker")
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        walk.check("command palette")
        await pilot.press("escape", "f1")
        await pilot.pause()
        walk.check("crisis help")
        await pilot.press("escape", "tab", "d")
        await pilot.pause()
        walk.check("confirm delete")
        await pilot.press("escape", "r")
        await pilot.pause()
        walk.check("rename session")
        await pilot.press("escape", "shift+tab", "down", "enter")
        await pilot.pause()
        walk.check("problems", problems)
        await pilot.press("escape", "up", "enter")
        await pilot.pause()
        walk.check("name session")
        await pilot.press("enter")
        await settle(app, pilot)
        take = app.screen
        assert isinstance(take, TakeScreen)
        walk.check("take: disclaimer and first question")
        await pilot.press("s")  # a question that cannot be skipped? this one can
        await pilot.press("b", "b", "n", "2")
        await settle(app, pilot)
        for item_id in ("has_therapist", "worries", "comfort", "notes"):
            take.current = item_id
            take._show()
            await pilot.pause()
            walk.check(f"take: {item_id}")
        take.current = "has_therapist"
        take._show()
        await pilot.press("h")
        await pilot.pause()
        walk.check("why this matters")  # citations too: "section" is vetting's word
        await pilot.press("escape", "f")
        await settle(app, pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        report = list(strings_in(results.doc))  # vetting/reports' words (its own helper)
        for _ in range(6):
            walk.check("results", report)
            await pilot.press("pagedown")
            await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)
        file_name = str(app.screen.query_one("#export-path").value)  # type: ignore[attr-defined]
        walk.check("export", [file_name.replace("-", " ")])
        target = docs / "already.md"
        target.write_text("old", encoding="utf-8")
        box = app.screen.query_one("#export-path")
        box.value = str(target)  # type: ignore[attr-defined]
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwriteModal)
        # The long temporary path wraps, at a place that depends on its length: any end
        # of one of its words can start a line.
        pieces = [word[i:] for word in words([str(target)]) for i in range(len(word))]
        walk.check("replace the file?", [str(target), *pieces])
        await pilot.press("n", "escape", "c")
        await settle(app, pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        from vetting.reports import result_words

        bands = [
            w for s in compare.sessions for w in result_words(checklist, compare._result_of(s))
        ]
        walk.check("compare", bands)  # answer labels ("Not sure", "Skipped") are marked too

    assert len(walk.seen) >= 20
    assert not walk.found, "Unmarked words on screen (mark them with _/N_/ngettext):\n" + "\n".join(
        f"  {screen}: {stray}" for screen, stray in walk.found.items()
    )


async def test_the_author_preview_shows_only_marked_words(
    pseudo_locale: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vetting.commands.new import starter_text

    path = tmp_path / "mine.yaml"
    path.write_text(starter_text("red-flags", path), encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = words(strings_in(data))  # the file's own ids, values and texts: its author's
    vetting.i18n.set_language("es")
    app = PreviewApp(path, poll_interval=None, language="es")
    walk = Walk(app, base_allowed(tmp_path) | source | {"mine", "yaml"})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        walk.check("preview: items")
        await pilot.press("down")
        walk.check("preview: an item")
        await pilot.press("g")
        await pilot.pause()
        walk.check("preview: golden tests")
        path.write_text(path.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:"))
        app.reload_now()
        await pilot.pause()
        state = app.state
        assert state is not None
        found = [s for p in state.problems for s in (p.message, p.suggestion or "")]
        walk.check("preview: problems", found)
    assert not walk.found, "Unmarked words on screen (mark them with _/N_/ngettext):\n" + "\n".join(
        f"  {screen}: {stray}" for screen, stray in walk.found.items()
    )
