"""Translations inside a checklist: which texts can be translated, and how they are applied.

A checklist may carry a top-level ``translations`` block: for each language tag, a mapping
of *text path* (``title``, ``items.fees_clear.text``, ``sections.boundaries.bands.fine.label``
...) to ``{text, source}``. ``source`` is the :func:`fingerprint` of the source-language
text the translation was made from, so :func:`check_translations` can warn when that text
changed later: a checklist about safety must not silently show a translation of words the
author has since corrected.

Paths use ids, never list positions, so reordering questions does not break translations.
The few lists without ids (crisis resources, next steps, questions to ask) use the index.

Everything here works on the schema-valid dict (before :mod:`vetting.checklist.build`) and does no
I/O: callers :func:`localize` the dict, then build the model from it.
"""

from __future__ import annotations

import copy
import hashlib
import unicodedata
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, Protocol, TypeGuard

from vetting.language import language_from_environment
from vetting.problems import DocPath, Level, Problem, RuleInfo, did_you_mean

__all__ = [
    "RULES",
    "TranslatedText",
    "available_languages",
    "check_translations",
    "fingerprint",
    "language_from_environment",
    "language_name",
    "localize",
    "match_language",
    "text_paths",
]

#: Every rule id this module can report, documented. Stable: do not rename.
RULES: dict[str, RuleInfo] = {
    "translation-outdated": RuleInfo(
        Level.WARNING,
        "the source text changed after it was translated; the source text is shown until then",
        "es:\n  title: { text: Señales, source: 0123456789ab }   # an old fingerprint",
        "es:\n  title: { text: Señales, source: b0079f0f7448 }   # the current one",
    ),
    "translation-unknown-path": RuleInfo(
        Level.ERROR,
        "a translation for a text that does not exist, so it is never shown",
        "es:\n  items.feez.text: { text: ..., source: ... }",
        "es:\n  items.fees.text: { text: ..., source: ... }",
    ),
    "translation-missing": RuleInfo(
        Level.WARNING,
        "texts that have no translation yet in a language (they show untranslated)",
        "es:\n  title: { text: Señales, source: ... }   # and nothing else",
        "es: <every text, as `vetting translate --lang es` lists them>",
    ),
    "translation-same-language": RuleInfo(
        Level.ERROR,
        "a translation into the checklist's own language, which is never used",
        "language: en\ntranslations:\n  en: { ... }",
        "language: en\ntranslations:\n  es: { ... }",
    ),
}

FINGERPRINT_LENGTH = 12

# A few names so messages can say "Spanish" rather than "`es`"; others show the tag.
_LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "hi": "Hindi",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "tl": "Tagalog",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}

_SECTION_TEXTS = ("title", "intro")
_ITEM_TEXTS = ("text", "help", "placeholder")
_OPTION_TEXTS = ("label", "help")
_SCALE_TEXTS = ("min_label", "max_label")
_BAND_TEXTS = ("label", "meaning")
_OUTCOME_TEXTS = ("title", "summary", "details")
_RESOURCE_TEXTS = ("name", "contact", "hours", "note")
_TOP_TEXTS = ("title", "summary", "audience", "disclaimer")


class _Locator(Protocol):
    def locate(self, path: DocPath) -> tuple[int, int] | None: ...


# A translatable text: its path, and the mapping (or list) and key (or index) holding it,
# so localize can replace it in place in its copy. The holder is typed ``Any``: it is
# indexed by its own key, which a union of mapping and list cannot say.
TranslatedText = tuple[str, Any, str | int]


def fingerprint(text: str) -> str:
    """The first 12 hex digits of sha256 over the NFC form of ``text`` (UTF-8).

    NFC first, so an editor that changes how an accent is encoded does not make every
    translation look outdated. Twelve digits are enough to notice a change and short
    enough to read in a diff; nobody computes them by hand (``vetting translate`` does).
    """
    normal = unicodedata.normalize("NFC", text)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def _texts(holder: Any, keys: tuple[str, ...], prefix: str) -> Iterator[TranslatedText]:
    if isinstance(holder, MutableMapping):
        for key in keys:
            if isinstance(holder.get(key), str):
                yield f"{prefix}{key}", holder, key


def _list_texts(holder: Any, key: str, prefix: str) -> Iterator[TranslatedText]:
    """Entries of a list of texts without ids (next steps, questions): by index. An entry
    with a condition (``{text, when}``) has the same path as a plain one."""
    values = holder.get(key) if isinstance(holder, Mapping) else None
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, str):
                yield f"{prefix}{key}.{index}", values, index
            elif isinstance(value, MutableMapping) and isinstance(value.get("text"), str):
                yield f"{prefix}{key}.{index}", value, "text"


def _entries(data: Mapping[str, Any], key: str) -> Iterator[MutableMapping[str, Any]]:
    values = data.get(key)
    if isinstance(values, list):
        yield from (v for v in values if isinstance(v, MutableMapping) and "id" in v)


def _bands(holder: Mapping[str, Any], prefix: str) -> Iterator[TranslatedText]:
    for band in _entries(holder, "bands"):
        base = f"{prefix}bands.{band['id']}."
        yield from _texts(band, _BAND_TEXTS, base)
        yield from _list_texts(band, "next_steps", base)


def _item(item: MutableMapping[str, Any]) -> Iterator[TranslatedText]:
    base = f"items.{item['id']}."
    yield from _texts(item, _ITEM_TEXTS, base)
    for option in item.get("options") or ():
        if isinstance(option, MutableMapping) and "value" in option:
            yield from _texts(option, _OPTION_TEXTS, f"{base}options.{option['value']}.")
    scale = item.get("scale")
    if isinstance(scale, MutableMapping):
        yield from _texts(scale, _SCALE_TEXTS, f"{base}scale.")
        labels = scale.get("labels")
        if isinstance(labels, MutableMapping):
            yield from _texts(labels, tuple(labels), f"{base}scale.labels.")
    for index, variant in enumerate(item.get("variants") or ()):
        yield from _texts(variant, ("text", "help"), f"{base}variants.{index}.")


def _walk(data: Mapping[str, Any]) -> Iterator[TranslatedText]:
    """Every translatable text in document order: the single place that defines the paths."""
    yield from _texts(data, _TOP_TEXTS, "")
    safety = data.get("safety")
    if isinstance(safety, MutableMapping):
        yield from _texts(safety, ("message",), "safety.")
        for index, resource in enumerate(safety.get("resources") or ()):
            yield from _texts(resource, _RESOURCE_TEXTS, f"safety.resources.{index}.")
    for section in _entries(data, "sections"):
        yield from _texts(section, _SECTION_TEXTS, f"sections.{section['id']}.")
        yield from _bands(section, f"sections.{section['id']}.")
        for item in _entries(section, "items"):
            yield from _item(item)
    yield from _bands(data, "")
    for outcome in _entries(data, "outcomes"):
        base = f"outcomes.{outcome['id']}."
        yield from _texts(outcome, _OUTCOME_TEXTS, base)
        yield from _list_texts(outcome, "questions_to_ask", base)
        yield from _list_texts(outcome, "next_steps", base)
    for rule in _entries(data, "rules"):
        yield from _texts(rule, ("reason",), f"rules.{rule['id']}.")
    for alert in _entries(data, "alerts"):
        base = f"alerts.{alert['id']}."
        yield from _texts(alert, ("title", "text"), base)
        for index, resource in enumerate(alert.get("resources") or ()):
            yield from _texts(resource, _RESOURCE_TEXTS, f"{base}resources.{index}.")
    for advice in _entries(data, "advice"):
        yield from _texts(advice, ("text",), f"advice.{advice['id']}.")


def text_paths(data: Mapping[str, Any]) -> dict[str, str]:
    """Every translatable path of a schema-valid checklist dict -> its current source text."""
    return {path: holder[key] for path, holder, key in _walk(data)}


def available_languages(data: Mapping[str, Any]) -> list[str]:
    """The checklist's own language first, then every translated language, sorted."""
    own = data.get("language")
    others = sorted(lang for lang in _translations(data) if lang != own)
    return ([own] if isinstance(own, str) else []) + others


def _translations(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    block = data.get("translations")
    if not isinstance(block, Mapping):
        return {}
    # An empty language (``es:`` with nothing under it yet) is allowed: nothing translated.
    return {
        lang: dict(texts) if isinstance(texts, Mapping) else {}
        for lang, texts in block.items()
        if texts is None or isinstance(texts, Mapping)
    }


def match_language(data: Mapping[str, Any], wanted: str | None) -> str | None:
    """The translated language that best serves ``wanted``, or None (use the source).

    An exact tag wins (case-insensitive); otherwise the same main language, so a person
    whose system says ``pt`` still gets a ``pt-BR`` translation.
    """
    if not wanted:
        return None
    langs = [lang for lang in _translations(data) if lang != data.get("language")]
    for lang in langs:
        if lang.lower() == wanted.lower():
            return lang
    primary = wanted.split("-")[0].lower()
    if primary == str(data.get("language", "")).split("-")[0].lower():
        return None  # the source already is this language
    return next((lang for lang in langs if lang.split("-")[0].lower() == primary), None)


def localize(data: Mapping[str, Any], lang: str | None) -> dict[str, Any]:
    """A deep copy of ``data`` with the ``lang`` translations applied where they are current.

    A missing translation falls back to the source text, and so does an outdated one (its
    ``source`` fingerprint no longer matches): a person should never read a translation of
    words the author has since changed, least of all in a safety message. ``language``
    becomes the translated tag when at least one text was translated. ``data`` is not
    changed.
    """
    out = copy.deepcopy(dict(data))
    chosen = match_language(data, lang)
    if chosen is None:
        return out
    entries = _translations(data)[chosen]
    applied = 0
    for path, holder, key in _walk(out):
        entry = entries.get(path)
        if _is_entry(entry) and entry["source"] == fingerprint(holder[key]):
            holder[key] = entry["text"]
            applied += 1
    if applied:
        out["language"] = chosen
    return out


def _is_entry(entry: Any) -> TypeGuard[Mapping[str, Any]]:
    return (
        isinstance(entry, Mapping)
        and isinstance(entry.get("text"), str)
        and isinstance(entry.get("source"), str)
    )


def language_name(tag: str) -> str:
    """The English name of a language (Spanish for ``es``, ``es-MX``), else the tag in backticks."""
    name = _LANGUAGE_NAMES.get(tag.split("-")[0].lower())
    return name or f"`{tag}`"


# --------------------------------------------------------------------------- checks


def check_translations(data: Mapping[str, Any], doc: _Locator | None, file: str) -> list[Problem]:
    """Problems in the ``translations`` block of a schema-valid checklist dict."""
    block = _translations(data)
    if not block:
        return []
    sources = text_paths(data)
    own = str(data.get("language", ""))
    problems: list[Problem] = []
    for lang, entries in block.items():
        where: DocPath = ("translations", lang)
        if lang == own:
            problems.append(_same_language(file, doc, where, own))
            continue
        for path, entry in entries.items():
            problems.extend(_check_entry(file, doc, (*where, path), sources, own, entry))
        missing = sum(1 for path in sources if path not in entries)
        if missing:
            problems.append(_missing(file, doc, where, lang, own, missing))
    return problems


def _problem(
    file: str, doc: _Locator | None, path: DocPath, rule: str, message: str, **extra: Any
) -> Problem:
    line, column = _position(doc, path) or (None, None)
    return Problem(
        file=file,
        line=line,
        column=column,
        rule=rule,
        message=message,
        level=RULES[rule].level,
        path=path,
        **extra,
    )


def _position(doc: _Locator | None, path: DocPath) -> tuple[int, int] | None:
    """Where to point: the key for a whole language or text path, else the value."""
    if doc is None:
        return None
    locate_key = getattr(doc, "locate_key", None)
    if locate_key is not None and path and path[-1] != "source":
        return locate_key(path)
    return doc.locate(path)


def _check_entry(
    file: str,
    doc: _Locator | None,
    where: DocPath,
    sources: Mapping[str, str],
    own: str,
    entry: Any,
) -> Iterator[Problem]:
    path = str(where[-1])
    if path not in sources:
        yield _problem(
            file,
            doc,
            where,
            "translation-unknown-path",
            f"`{path}` is not a text in this checklist, so this translation is never shown",
            suggestion=did_you_mean(path, sources)
            or f"run `vetting translate --lang {where[1]} {file}` to list every text",
        )
        return
    current = fingerprint(sources[path])
    if _is_entry(entry) and entry["source"] != current:
        yield _problem(
            file,
            doc,
            (*where, "source"),
            "translation-outdated",
            f"`{path}`: the {language_name(own)} text changed after this was translated; "
            "check the translation and update its `source`. Until then the "
            f"{language_name(own)} text is shown",
            suggestion=f"source: {current}",
        )


def _missing(
    file: str, doc: _Locator | None, where: DocPath, lang: str, own: str, count: int
) -> Problem:
    texts = "1 text has" if count == 1 else f"{count} texts have"
    they = "it" if count == 1 else "they"
    return _problem(
        file,
        doc,
        where,
        "translation-missing",
        f"{texts} no {language_name(lang)} translation yet; "
        f"{they} will show in {language_name(own)}",
        suggestion=f"run `vetting translate --lang {lang} {file}` to list them",
    )


def _same_language(file: str, doc: _Locator | None, where: DocPath, own: str) -> Problem:
    return _problem(
        file,
        doc,
        where,
        "translation-same-language",
        f"this checklist is already written in `{own}`, so a `{own}` translation is never used",
        suggestion="change the text itself, or use the tag of the language you translated into",
    )
