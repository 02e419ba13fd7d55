"""The gettext catalogs agree with the code: nothing missing, nothing stale, all translated.

Extraction here uses babel.cfg and the same keywords and comment tag as the documented
``pybabel extract`` command, so "the .pot is up to date" means what that command would
write. Every failure names the command that fixes it.
"""

from __future__ import annotations

import io
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "vetting"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "vetting.pot"
LANGUAGES = ["es"]

EXTRACT = (
    ".venv/bin/pybabel extract -F babel.cfg -k N_ --add-comments=TRANSLATORS: "
    "-o vetting/locale/vetting.pot vetting"
)
UPDATE = (
    ".venv/bin/pybabel update -i vetting/locale/vetting.pot -d vetting/locale -D vetting "
    "--no-fuzzy-matching"
)
COMPILE = ".venv/bin/pybabel compile -d vetting/locale -D vetting"

MessageId = str | tuple[str, ...]


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "vetting.po"


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def ids(catalog: Catalog) -> set[MessageId]:
    return {message.id for message in catalog if message.id}


@pytest.fixture(scope="module")
def extracted() -> set[MessageId]:
    """Every message the code marks, extracted the way ``pybabel extract`` does."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: set[MessageId] = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE),
        method_map,
        options_map,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    assert found, "babel.cfg extracts nothing from vetting/: its patterns are wrong"
    return found


def _listing(messages: set[MessageId]) -> str:
    return "\n".join(f"  {message!r}" for message in sorted(messages, key=str)[:40])


def test_the_template_holds_exactly_what_the_code_marks(extracted: set[MessageId]) -> None:
    in_pot = ids(read(POT))
    missing, stale = extracted - in_pot, in_pot - extracted
    assert not missing, (
        f"{len(missing)} marked string(s) are not in vetting/locale/vetting.pot. Run:\n"
        f"  {EXTRACT}\n{_listing(missing)}"
    )
    assert not stale, (
        f"{len(stale)} entry(ies) in vetting/locale/vetting.pot are no longer in the code. "
        f"Run:\n  {EXTRACT}\n{_listing(stale)}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_holds_exactly_the_templates_messages(
    language: str, extracted: set[MessageId]
) -> None:
    catalog = read(po_path(language))
    in_po = ids(catalog)
    missing, stale = extracted - in_po, in_po - extracted
    fix = f"Run:\n  {EXTRACT}\n  {UPDATE}\nthen translate the new entries and run {COMPILE}"
    assert not missing, f"{len(missing)} message(s) missing from {language}. {fix}\n" + _listing(
        missing
    )
    assert not stale, f"{len(stale)} stale message(s) in {language}. {fix}\n" + _listing(stale)
    obsolete = set(catalog.obsolete)
    assert not obsolete, (
        f"{len(obsolete)} obsolete (#~) entries in {language}: delete them from the .po, "
        f"then run {COMPILE}\n" + _listing(obsolete)
    )


def _fields(text: str) -> set[str]:
    """The ``{named}`` placeholders of a ``str.format`` message."""
    return {field for _text, field, _spec, _conv in string.Formatter().parse(text) if field}


def _problems(message: Message, plurals: int) -> list[str]:
    problems: list[str] = []
    if message.fuzzy:
        problems.append("is marked fuzzy (check the translation, then remove the flag)")
    if isinstance(message.id, tuple):
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if len(forms) != plurals or not all(forms):
            problems.append(f"needs all {plurals} plural forms filled in")
        sources = [message.id[0], *[message.id[1]] * (len(forms) - 1)]
        pairs = list(zip(sources, forms, strict=False))
    else:
        if not message.string:
            problems.append("has no translation")
        pairs = [(message.id, message.string)]
    for source, translated in pairs:
        if not translated:
            continue
        try:
            wanted, got = _fields(source), _fields(translated)
        except ValueError as error:
            problems.append(f"has a broken placeholder ({error})")
            continue
        if wanted != got:
            problems.append(
                f"has placeholders {sorted(got)} where the English has {sorted(wanted)}"
            )
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    catalog = read(po_path(language))
    assert catalog.num_plurals == 2, "the Spanish catalog must declare nplurals=2"
    report = [
        f"  {message.id!r} {problem}"
        for message in catalog
        if message.id
        for problem in _problems(message, catalog.num_plurals)
    ]
    assert not report, (
        f"{len(report)} problem(s) in {po_path(language).relative_to(ROOT)}; fix them "
        f"there, then run {COMPILE}\n" + "\n".join(report[:40])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_the_po_compiled_now(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, read(po_path(language)))
    mo = po_path(language).with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} is missing. Run:\n  {COMPILE}"
    assert mo.read_bytes() == compiled.getvalue(), (
        f"{mo.relative_to(ROOT)} is older than its .po (or was edited by hand). Run:\n  {COMPILE}"
    )


def test_placeholder_check_can_fail() -> None:
    """The checks above catch what they say they catch."""
    message = Message("{count} left", "quedan {cuenta}")
    assert _problems(message, 2) == ["has placeholders ['cuenta'] where the English has ['count']"]
    plural = Message(("{count} item", "{count} items"), ("{count} pregunta", ""))
    assert _problems(plural, 2) == ["needs all 2 plural forms filled in"]
    assert _problems(Message("Save", ""), 2) == ["has no translation"]
    fuzzy = Message("Save", "Guardar", flags={"fuzzy"})
    assert _problems(fuzzy, 2) == ["is marked fuzzy (check the translation, then remove the flag)"]
