"""Content checks for the built-in checklists: the product is the words, not only the code.

These tests walk the raw YAML dicts (so they do not depend on the model staying the same)
and check what a reviewer would check by hand: every ethics citation names a section in
``vetting/ethics_sections.json``, the text is plain enough to read (sentence length and a
Flesch-Kincaid grade), every outcome is reachable and covered by a golden test, each file
carries its safety block, crisis option, disclaimer and review date, item counts are within
the ranges the issue set, and no text carries bracket sequences that a terminal UI could
mistake for markup. The hand-written answers in ``examples/answers/`` are scored too, so a
content change that moves their result is noticed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vetting.scoring import score
from vetting.validation import answers_file
from vetting.validation.pipeline import load_checklist, validate_file

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = ROOT / "checklists"
EXAMPLES = ROOT / "examples" / "answers"
INDEX_PATH = ROOT / "vetting" / "ethics_sections.json"
IDS = ("which_professional", "red_flags", "good_fit")

#: Readability targets: roughly an 8th-grade reading level, with some slack per checklist.
MAX_AVERAGE_SENTENCE_WORDS = 20.0
MAX_GRADE = 9.5

#: Item-count ranges from the issue. red_flags counts only its red-flag items (with severity).
COUNT_RANGES = {"which_professional": (20, 40), "red_flags": (30, 60), "good_fit": (12, 22)}

#: What each example answers file must give when scored (band, flags, top outcome).
EXAMPLE_RESULTS = {
    "red_flags_billing.yaml": ("second_opinion", {"false_billing", "surprise_fees"}, None),
    "red_flags_after_therapy.yaml": (
        "report",
        {"former_client_contact", "no_emergency_plan"},
        None,
    ),
    "which_professional_couple.yaml": (None, set(), "mft"),
    "which_professional_medicare.yaml": (None, set(), "psychiatric"),
    "good_fit_session3.yaml": ("few_more", set(), None),
}


# --------------------------------------------------------------------------- loading


def load_yaml(path: Path) -> dict[str, Any]:
    """Load with the project's hardened loader when it exists, else PyYAML's safe loader."""
    try:
        from vetting.checklist.loader import load_yaml_file
    except ImportError:  # the loader is written by another helper; keep these tests usable
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    else:
        data = load_yaml_file(path).data
    assert isinstance(data, dict), f"{path.name} is not a mapping"
    return data


@pytest.fixture(scope="module")
def docs() -> dict[str, dict[str, Any]]:
    return {name: load_yaml(CHECKLISTS / f"{name}.yaml") for name in IDS}


@pytest.fixture(scope="module")
def index() -> dict[str, Any]:
    return json.loads(INDEX_PATH.read_text(encoding="utf-8"))


def items_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in doc["sections"] for item in section["items"]]


def walk(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) pair in a nested dict/list structure, depth first."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from walk(value, (*path, k))


def references(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ethics-code citation in a checklist, with the id of the item or outcome citing it."""
    for item in items_of(doc):
        for ref in item.get("references") or ():
            if "code" in ref:
                yield item["id"], ref
    for outcome in doc.get("outcomes") or ():
        for ref in outcome.get("references") or ():
            if "code" in ref:
                yield outcome["id"], ref


def section_known(section: str, sections: dict[str, str]) -> bool:
    """A.5.a is known if A.5.a, A.5 or A is in the index (the validator's rule)."""
    parts = section.split(".")
    return any(".".join(parts[:n]) in sections for n in range(len(parts), 0, -1))


# --------------------------------------------------------------------------- readability

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_SOUNDED_ES = ("ses", "zes", "ches", "shes", "ges")
_SENTENCE_END = re.compile(r"[.!?]+(?:[\"')]+)?(?:\s+|$)")


def syllables(word: str) -> int:
    """A simple English syllable estimate: vowel groups, minus silent endings, at least one."""
    word = word.lower().strip("'-")
    if not word:
        return 0
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if (
        word.endswith("es")
        and not word.endswith(("ses", "zes", "ches", "shes", "ges"))
        and count > 1
    ):
        count -= 1
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1
    return max(count, 1)


def sentences(text: str) -> list[str]:
    """Split text into sentences; a question with no full stop is still one sentence."""
    parts = [part.strip() for part in _SENTENCE_END.split(text)]
    return [part for part in parts if _WORD.search(part)]


def readability(texts: list[str]) -> tuple[float, float]:
    """(average words per sentence, Flesch-Kincaid grade) over all the texts together."""
    sentence_count = words = syllable_count = 0
    for text in texts:
        for sentence in sentences(text):
            found = _WORD.findall(sentence)
            sentence_count += 1
            words += len(found)
            syllable_count += sum(syllables(w) for w in found)
    assert sentence_count and words, "no text to measure"
    per_sentence = words / sentence_count
    grade = 0.39 * per_sentence + 11.8 * (syllable_count / words) - 15.59
    return per_sentence, grade


def question_and_help_texts(doc: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for section in doc["sections"]:
        if section.get("intro"):
            texts.append(section["intro"])
        for item in section["items"]:
            texts.append(item["text"])
            if item.get("help"):
                texts.append(item["help"])
    return texts


def result_texts(doc: dict[str, Any]) -> list[str]:
    """The words people read with the result: outcomes, bands, reasons, alerts, advice."""

    def steps(entries: Any) -> list[str]:
        return [e if isinstance(e, str) else e["text"] for e in entries or ()]

    texts: list[str] = []
    for outcome in doc.get("outcomes") or ():
        texts += [outcome["summary"], outcome.get("details") or ""]
        texts += steps(outcome.get("questions_to_ask")) + steps(outcome.get("next_steps"))
    for band in doc.get("bands") or ():
        texts += [band["meaning"], *steps(band.get("next_steps"))]
    texts += [rule["reason"] for rule in doc.get("rules") or ()]
    texts += [alert["text"] for alert in doc.get("alerts") or ()]
    texts += [advice["text"] for advice in doc.get("advice") or ()]
    return [text for text in texts if text]


def test_syllable_counter_on_known_words() -> None:
    assert [syllables(w) for w in ("therapy", "you", "counselor", "make", "licensed")] == [
        3,
        1,
        3,
        1,
        2,
    ]
    assert syllables("confidentiality") >= 6


def test_readability_measure_tells_plain_from_dense() -> None:
    plain = ["You can stop at any time. Ask what it costs."]
    dense = [
        "Notwithstanding jurisdictional heterogeneity, practitioners' obligations regarding "
        "confidentiality necessitate comprehensive documentation and individualized consideration."
    ]
    assert readability(plain)[1] < 5 < MAX_GRADE < readability(dense)[1]


@pytest.mark.parametrize("name", IDS)
def test_question_and_help_text_is_plain(docs: dict[str, dict[str, Any]], name: str) -> None:
    per_sentence, grade = readability(question_and_help_texts(docs[name]))
    assert per_sentence <= MAX_AVERAGE_SENTENCE_WORDS, f"{name}: {per_sentence:.1f} words/sentence"
    assert grade <= MAX_GRADE, f"{name}: reading grade {grade:.1f}"


@pytest.mark.parametrize("name", IDS)
def test_result_text_is_plain(docs: dict[str, dict[str, Any]], name: str) -> None:
    per_sentence, grade = readability(result_texts(docs[name]))
    assert per_sentence <= MAX_AVERAGE_SENTENCE_WORDS, f"{name}: {per_sentence:.1f} words/sentence"
    assert grade <= MAX_GRADE, f"{name}: reading grade {grade:.1f}"


# --------------------------------------------------------------------------- citations


def test_index_shape(index: dict[str, Any]) -> None:
    assert set(index) == {"ACA", "APA", "NASW", "AAMFT"}
    editions = {code: entry["edition"] for code, entry in index.items()}
    assert editions == {"ACA": "2014", "APA": "2016", "NASW": "2021", "AAMFT": "2015"}
    for entry in index.values():
        assert entry["title"] and entry["sections"]
        assert all(isinstance(v, str) and v for v in entry["sections"].values())


@pytest.mark.parametrize("name", IDS)
def test_every_citation_is_in_the_index(
    docs: dict[str, dict[str, Any]], index: dict[str, Any], name: str
) -> None:
    for owner, ref in references(docs[name]):
        code = index.get(ref["code"])
        assert code is not None, f"{name}/{owner}: unknown code {ref['code']}"
        assert ref.get("section"), f"{name}/{owner}: {ref['code']} citation has no section"
        assert section_known(ref["section"], code["sections"]), (
            f"{name}/{owner}: {ref['code']} {ref['section']} is not in the index"
        )
        assert ref.get("edition") == code["edition"], f"{name}/{owner}: wrong edition"


def test_index_lists_only_sections_the_content_uses(
    docs: dict[str, dict[str, Any]], index: dict[str, Any]
) -> None:
    """The index is an honest, small list: every entry is cited, or is the parent of one."""
    cited = {(ref["code"], ref["section"]) for doc in docs.values() for _, ref in references(doc)}
    for code, entry in index.items():
        for section in entry["sections"]:
            used = any(
                c == code and (s == section or s.startswith(section + ".")) for c, s in cited
            )
            assert used, f"{code} {section} is in the index but no checklist cites it"


def test_every_red_flag_cites_a_code(docs: dict[str, dict[str, Any]]) -> None:
    for item in items_of(docs["red_flags"]):
        if item.get("severity"):
            codes = {ref.get("code") for ref in item.get("references") or ()}
            assert codes - {None}, f"red flag {item['id']} cites no ethics code"


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("name", IDS)
def test_header_fields(docs: dict[str, dict[str, Any]], name: str) -> None:
    doc = docs[name]
    first_line = (CHECKLISTS / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/checklist.schema.json"
    assert doc["format"] == 1 and doc["id"] == name
    assert re.fullmatch(r"\d+\.\d+\.\d+", doc["version"]), doc["version"]
    assert (
        re.fullmatch(r"2026-\d\d-\d\d", doc["last_reviewed"])
        and doc["last_reviewed"] >= "2026-11-25"
    )
    assert doc["sources"] and all(s.get("url", "").startswith("http") for s in doc["sources"])
    disclaimer = doc["disclaimer"].lower()
    for words in ("not medical advice", "diagnosis", "licensed professional", "legal advice"):
        assert words in disclaimer, f"{name}: disclaimer does not say {words!r}"


@pytest.mark.parametrize("name", IDS)
def test_safety_block(docs: dict[str, dict[str, Any]], name: str) -> None:
    safety = json.dumps(docs[name]["safety"])
    for needed in ("988", "988lifeline.org", "911", "HOME to 741741", "1-800-662-4357"):
        assert needed in safety, f"{name}: safety block lacks {needed}"
    samhsa = next(r for r in docs[name]["safety"]["resources"] if "SAMHSA" in r["name"])
    assert "not a crisis line" in samhsa["note"]


@pytest.mark.parametrize("name", IDS)
def test_crisis_option_near_the_start(docs: dict[str, dict[str, Any]], name: str) -> None:
    first_items = items_of(docs[name])[:3]
    assert any(o.get("crisis") for item in first_items for o in item.get("options") or ())


@pytest.mark.parametrize("name", IDS)
def test_item_counts(docs: dict[str, dict[str, Any]], name: str) -> None:
    items = items_of(docs[name])
    if name == "red_flags":
        items = [item for item in items if item.get("severity")]
    low, high = COUNT_RANGES[name]
    assert low <= len(items) <= high, f"{name}: {len(items)} items"


def test_red_flags_bands(docs: dict[str, dict[str, Any]]) -> None:
    """Chosen by the flags, never by a share of the answers; "not sure" has its own band."""
    bands = docs["red_flags"]["bands"]
    assert {b.get("when_flag") for b in bands} >= {"critical", "serious", "caution"}
    assert any(b.get("when_clear") for b in bands)
    assert any(b.get("when_unsure") for b in bands)
    assert not any("min" in b or "max" in b for b in bands)
    severities = {item["severity"] for item in items_of(docs["red_flags"]) if "severity" in item}
    assert severities >= {"caution", "serious", "critical"}


def test_red_flag_yes_raises_the_flag(docs: dict[str, dict[str, Any]]) -> None:
    for item in items_of(docs["red_flags"]):
        if item.get("severity"):
            assert item["kind"] == "yes_no"
            flagged = {o["value"] for o in item["options"] if o.get("flag")}
            assert flagged == {"yes"}, item["id"]


@pytest.mark.parametrize("name", IDS)
def test_no_markup_like_brackets(docs: dict[str, dict[str, Any]], name: str) -> None:
    for path, value in walk(docs[name]):
        if isinstance(value, str):
            assert "[" not in value and "]" not in value, f"{name} {path}: {value!r}"


@pytest.mark.parametrize("name", IDS)
def test_enough_golden_tests(docs: dict[str, dict[str, Any]], name: str) -> None:
    assert len(docs[name].get("tests") or ()) >= 5


def test_every_outcome_is_reachable_and_tested(docs: dict[str, dict[str, Any]]) -> None:
    doc = docs["which_professional"]
    outcome_ids = [o["id"] for o in doc["outcomes"]]
    with_points = {
        outcome
        for item in items_of(doc)
        for option in item.get("options") or ()
        for outcome, points in (option.get("outcomes") or {}).items()
        if points > 0
    }
    with_points |= {o for rule in doc.get("rules") or () for o in rule.get("put_first") or ()}
    tested: set[str] = set()
    for test in doc["tests"]:
        top = test["expect"].get("top_outcome")
        tested.update(top if isinstance(top, list) else [top])
    for outcome in outcome_ids:
        assert outcome in with_points, f"outcome {outcome}: no points and no rule puts it first"
        assert outcome in tested, f"outcome {outcome} is not the top_outcome of any golden test"


def test_outcomes_explain_state_variation(docs: dict[str, dict[str, Any]]) -> None:
    for outcome in docs["which_professional"]["outcomes"]:
        if outcome["id"] != "primary_care":
            assert "vary by state" in outcome["details"], outcome["id"]
        assert len(outcome.get("questions_to_ask") or ()) >= 3, outcome["id"]


@pytest.mark.parametrize("name", ("red_flags", "good_fit"))
def test_every_band_has_a_golden_test(docs: dict[str, dict[str, Any]], name: str) -> None:
    tested = {t["expect"].get("band") for t in docs[name]["tests"]}
    for band in docs[name]["bands"]:
        assert band["id"] in tested, f"{name}: band {band['id']} has no golden test"


# --------------------------------------------------------------------------- scoring


def _checklist(name: str) -> Any:
    return load_checklist(CHECKLISTS / f"{name}.yaml")


@pytest.mark.parametrize("name", IDS)
def test_validator_is_clean(name: str) -> None:
    report = validate_file(CHECKLISTS / f"{name}.yaml")
    assert report.problems == []


@pytest.mark.parametrize("name", IDS)
def test_golden_tests_including_null_expectations(
    docs: dict[str, dict[str, Any]], name: str
) -> None:
    """Score each test directly, so `band: null` and `top_outcome: null` are checked too."""
    from vetting.scoring import score

    checklist = _checklist(name)
    for test in docs[name]["tests"]:
        result = score(checklist, test["answers"])
        expect = test["expect"]
        label = f"{name}: {test['name']}"
        if "band" in expect:
            assert (result.band.id if result.band else None) == expect["band"], label
        if "top_outcome" in expect:
            wanted = expect["top_outcome"]
            best = [o.id for o in result.best]
            if isinstance(wanted, list):
                assert sorted(best) == sorted(wanted), label  # a tie
            else:
                assert (best[0] if len(best) == 1 else None) == wanted, label
        if "flags" in expect:
            assert {f.item_id for f in result.flags} == set(expect["flags"]), label
        if "crisis" in expect:
            assert result.crisis is expect["crisis"], label


def test_unsure_is_reported_not_counted() -> None:
    checklist = _checklist("red_flags")
    serious = next(
        item
        for item in checklist.items
        if item.severity is not None
        and item.severity.value == "serious"
        and item.allow_unsure
        and item.show_if is None
    )
    result = score(checklist, {serious.id: "unsure", "impaired": "no"})
    assert serious.id in result.unsure_flags
    assert result.flags == ()
    # "not sure" about something serious gets a result of its own, never the all-clear
    assert result.band is not None and result.band.when_unsure is not None


@pytest.mark.parametrize("file_name", sorted(EXAMPLE_RESULTS))
def test_example_answers(file_name: str) -> None:
    answers = answers_file.load_answers_file(EXAMPLES / file_name)
    checklist = _checklist(answers.checklist_id)
    assert answers.checklist_version == checklist.version
    assert answers_file.check_answers_file(checklist, answers) == []
    band, flags, top = EXAMPLE_RESULTS[file_name]
    result = score(checklist, answers.answers)
    assert (result.band.id if result.band else None) == band
    assert {f.item_id for f in result.flags} == flags
    assert (result.top_outcome.id if result.top_outcome else None) == top


def test_every_example_file_is_listed() -> None:
    assert {p.name for p in EXAMPLES.glob("*.yaml")} == set(EXAMPLE_RESULTS)
