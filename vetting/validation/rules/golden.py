"""Golden tests: answers written in the checklist, and the result they must give.

- ``golden-test-unknown`` (error): a test answers a question that does not exist, gives an
  answer the question cannot take, or expects a band, flag, outcome, rule, alert or advice
  that does not exist.
- ``golden-test-failed`` (error): scoring the test's answers gives another result; the
  message says what was expected, what came out, and where the answers landed.
- ``golden-test-error`` (error): the tests could not be run (a bug in vetting).
- ``rule-untested`` (warning): no golden test makes this decision rule fire (vetting's own
  search found answers that do).

Where that search cannot decide (:mod:`.reach`), the golden tests are the proof: a rule no
test fires is ``rule-fires-unproven``, and two rules that disagree and that some test fires
together are a ``rule-contradiction`` (``rule-exclusive-unproven`` when no test does).
"""

from collections.abc import Iterator, Sequence
from typing import Any

from vetting.checklist.model import ItemKind, When
from vetting.problems import DocPath, Level, Problem
from vetting.scoring.answers import misfits
from vetting.scoring.results import GoldenFailure, Result
from vetting.validation.rules import decisions
from vetting.validation.rules.context import RuleContext, RuleInfo
from vetting.validation.rules.reach import UNKNOWN, Reach
from vetting.validation.words import did_you_mean, ids, misfit_words, number

E = Level.ERROR
RULES = {
    "golden-test-unknown": RuleInfo(
        E,
        "a golden test names something that is not there",
        'tests: [ { name: t, answers: { feez: "yes" }, expect: { band: talk } } ]',
        'tests: [ { name: t, answers: { fees: "yes" }, expect: { band: talk } } ]',
    ),
    "golden-test-failed": RuleInfo(
        E,
        "a golden test's answers give another result",
        'tests: [ { name: t, answers: { contact: "yes" }, expect: { band: clear } } ]',
        'tests: [ { name: t, answers: { contact: "yes" }, expect: { band: report } } ]',
    ),
    "golden-test-error": RuleInfo(
        E,
        "the golden tests could not be run",
        "(a checklist whose tests make vetting fail)",
        "(the same file, after the bug is fixed)",
    ),
    "rule-untested": RuleInfo(
        Level.WARNING,
        "no golden test makes a decision rule fire",
        "rules: [ { id: afraid_at_home, ... } ]   # no test fires it",
        'tests: [ { name: t, answers: { afraid: "yes" }, expect: { rules: [afraid_at_home] } } ]',
    ),
}


def check_names(ctx: RuleContext) -> Iterator[Problem]:
    """``golden-test-unknown`` for every test (run without scoring)."""
    for k in range(len(ctx.checklist.tests)):
        yield from _unknowns(ctx, k)


def _unknowns(ctx: RuleContext, k: int) -> Iterator[Problem]:
    c = ctx.checklist
    test = c.tests[k]
    base: DocPath = ("tests", k)
    name = test.name
    item_ids = [item.id for item in c.items]
    for item_id, value in test.answers:
        item = c.item(item_id)
        if item is None:
            yield ctx.problem(
                "golden-test-unknown",
                (*base, "answers", item_id),
                f"test `{name}` answers item `{item_id}`, which does not exist",
                did_you_mean(item_id, item_ids),
            )
        elif item.kind is not ItemKind.NOTE:
            for misfit in misfits(item, value)[:1]:
                message, hint = misfit_words(item, misfit)
                yield ctx.problem(
                    "golden-test-unknown",
                    (*base, "answers", item_id),
                    f"test `{name}`: {message}",
                    hint,
                )
    expect = test.expect
    where: DocPath = (*base, "expect")
    yield from _named(
        ctx, name, (*where, "band"), "band", _one(expect.band), [b.id for b in c.bands]
    )
    flaggable = [i.id for i in c.items if i.severity is not None]
    for n, flag in enumerate(expect.flags or ()):
        if flag not in flaggable:
            what = "does not exist" if c.item(flag) is None else "is not a red-flag item"
            yield ctx.problem(
                "golden-test-unknown",
                (*where, "flags", n),
                f"test `{name}` expects a flag on `{flag}`, which {what}",
                did_you_mean(flag, item_ids) if c.item(flag) is None else None,
            )
    top = expect.top_outcome
    tops = top if isinstance(top, tuple) else _one(top)
    outcome_ids = [o.id for o in c.outcomes]
    yield from _named(ctx, name, (*where, "top_outcome"), "outcome", tops, outcome_ids)
    yield from _named(ctx, name, (*where, "ruled_out"), "outcome", expect.ruled_out, outcome_ids)
    yield from _named(ctx, name, (*where, "rules"), "rule", expect.rules, [r.id for r in c.rules])
    yield from _named(
        ctx, name, (*where, "alerts"), "alert", expect.alerts, [a.id for a in c.alerts]
    )
    yield from _named(
        ctx, name, (*where, "advice"), "advice", expect.advice, [a.id for a in c.advice]
    )
    sections = {s.id: s for s in c.sections}
    for section_id, band_id in expect.section_bands:
        section = sections.get(section_id)
        path = (*where, "section_bands", section_id)
        if section is None:
            yield ctx.problem(
                "golden-test-unknown",
                path,
                f"test `{name}` expects a band for section `{section_id}`, which does not exist",
                did_you_mean(section_id, sections),
            )
        elif band_id is not None and band_id not in [b.id for b in section.bands]:
            yield ctx.problem(
                "golden-test-unknown",
                path,
                f"test `{name}` expects band `{band_id}` for section `{section_id}`, "
                "but that section has no such band",
                did_you_mean(band_id, [b.id for b in section.bands]),
            )


def _one(value: str | None) -> tuple[str, ...]:
    return () if value is None else (value,)


def _named(
    ctx: RuleContext,
    name: str,
    path: DocPath,
    what: str,
    wanted: Sequence[str] | None,
    known: Sequence[str],
) -> Iterator[Problem]:
    for n, value in enumerate(wanted or ()):
        if value not in known:
            many = isinstance(ctx.raw(path), list)
            yield ctx.problem(
                "golden-test-unknown",
                (*path, n) if many else path,
                f"test `{name}` expects {what} `{value}`, which does not exist",
                did_you_mean(value, known),
            )


def check_results(ctx: RuleContext) -> Iterator[Problem]:
    """Score each well-formed golden test; report every difference and untested rule."""
    c = ctx.checklist
    clean = [k for k in range(len(c.tests)) if not any(_unknowns(ctx, k))]
    if not clean:
        yield from _untested(ctx, set(), ran=False)
        yield from _undecided_pairs(ctx, [])
        return
    from vetting.scoring import score  # local: scoring is needed only when there are tests
    from vetting.scoring.golden import compare

    fired: set[str] = set()
    together: list[tuple[str, set[str]]] = []  # each test's name and the rules it fired
    try:
        for k in clean:
            test = c.tests[k]
            result = score(c, test.answers_dict())
            fired.update(rule.id for rule in result.fired)
            together.append((test.name, {rule.id for rule in result.fired}))
            for field, expected, actual in compare(test.expect, result):
                failure = GoldenFailure(test.name, field, expected, actual, result)
                yield ctx.problem(
                    "golden-test-failed",
                    ("tests", k, "expect", *field.split(".", 1)),
                    f"test `{test.name}`: {_difference(failure)}",
                    _landed(result),
                )
    except Exception as error:  # a scoring bug must not hide the file's other problems
        yield ctx.problem(
            "golden-test-error",
            ("tests",),
            f"the golden tests could not be run ({type(error).__name__}); this is a bug in vetting",
        )
        return
    yield from _untested(ctx, fired, ran=True)
    yield from _undecided_pairs(ctx, together)


def _untested(ctx: RuleContext, fired: set[str], *, ran: bool) -> Iterator[Problem]:
    reach = Reach(ctx.checklist)
    sound = {k for k, _ in decisions.sound_rules(ctx)}
    for k, rule in enumerate(ctx.checklist.rules):
        if rule.id in fired:
            continue
        if k in sound and _known(ctx, rule.when) and reach.witness([rule.when]) == UNKNOWN:
            yield ctx.problem(
                "rule-fires-unproven",
                ("rules", k, "when"),
                f"vetting cannot show that rule `{rule.id}` can ever fire (it cannot try every "
                "answer"
                + ("" if ran else ", and no golden test could be run")
                + "); add a golden test where it fires",
                "add a test under `tests:` whose answers make it fire, with `rules: "
                f"[{rule.id}]` under `expect`",
            )
        else:
            yield ctx.problem(
                "rule-untested",
                ("rules", k, "id"),
                f"no golden test makes rule `{rule.id}` fire, so nothing checks what it decides"
                + ("" if ran else " (no test could be run)"),
                "add a test under `tests:` whose answers make it fire, with `rules: "
                f"[{rule.id}]` under `expect`",
            )


def _undecided_pairs(ctx: RuleContext, together: list[tuple[str, set[str]]]) -> Iterator[Problem]:
    """Rules that disagree where the search could not decide: a golden test that fires
    both shows the contradiction; with none, nothing shows that they never meet."""
    reach = Reach(ctx.checklist)
    for k, first, other, shared in decisions.opposed(decisions.sound_rules(ctx)):
        if not (_known(ctx, first.when) and _known(ctx, other.when)):
            continue
        if reach.witness([first.when, other.when]) != UNKNOWN:
            continue  # found (reported by the decision checks) or never
        both = next((name for name, ids in together if {first.id, other.id} <= ids), None)
        if both is not None:
            yield decisions.contradiction(
                ctx, k, first, other, shared, f"for the answers of golden test `{both}`"
            )
        else:
            yield ctx.problem(
                "rule-exclusive-unproven",
                ("rules", k, "put_first"),
                f"rule `{first.id}` puts `{shared[0]}` first and rule `{other.id}` rules it "
                "out, and vetting cannot show that they never fire together (it cannot try "
                "every answer)",
                "make the two conditions exclusive on a question both look at (for example, "
                "add the other rule's condition with the opposite answer), so that vetting can "
                "see they never meet; or drop one of the two effects",
            )


def _known(ctx: RuleContext, when: When) -> bool:
    """Whether every item and section ``when`` names exists (else the condition checks say so)."""
    c = ctx.checklist
    sections = {s.id for s in c.sections}
    for condition in when.conditions:
        if condition.item is not None:
            item = c.item(condition.item)
            if item is None or item.kind is ItemKind.NOTE:
                return False
        if condition.section is not None and condition.section not in sections:
            return False
    return True


def _difference(failure: GoldenFailure) -> str:
    """ "expected band `urgent`, got `low`" and the like, for each expect field."""
    field, expected, actual = failure.field, failure.expected, failure.actual
    if field in ("flags", "rules", "alerts", "ruled_out", "advice"):
        noun = {"flags": "flags on", "ruled_out": "ruled out:"}.get(field, field + ":")
        return f"expected {noun} {ids(expected)}, got {ids(actual)}"
    if field == "crisis":
        shown = {True: "the safety block to be shown", False: "no safety block"}
        return f"expected {shown[bool(expected)]}, got {'it shown' if actual else 'none'}"
    if field == "enough_known":
        words = {True: "enough known", False: "too little known"}
        return f"expected {words[bool(expected)]}, got {words[bool(actual)]}"
    if field.startswith("section_bands"):
        section = field.partition(".")[2]
        what = (
            f"band `{expected}` for section `{section}`" if expected else f"no band for `{section}`"
        )
        return f"expected {what}, got {_id_words(actual, 'no band')}"
    noun = {"band": "band", "top_outcome": "top outcome"}.get(field, field)
    if expected is None:
        return f"expected no {noun}, got {_id_words(actual, 'none')}"
    return f"expected {noun} {_id_words(expected, 'none')}, got {_id_words(actual, 'no ' + noun)}"


def _id_words(value: Any, none: str) -> str:
    if value is None:
        return none
    if isinstance(value, tuple):
        return "a tie of " + ids(value)
    return f"`{value}`"


def _landed(result: Result | None) -> str | None:
    """Where the answers landed: the score, the band, the known share, the best fit."""
    if result is None:
        return None
    parts = []
    if result.percent is not None:
        parts.append(f"score {number(round(result.percent, 1))}%")
    parts.append(f"band `{result.band.id}`" if result.band else "no band")
    share = result.completeness.fraction
    parts.append(f"{number(round(100 * share))}% known")
    if result.best:
        parts.append("best fit " + ids(o.id for o in result.best))
    if result.fired:
        parts.append("rules fired " + ids(r.id for r in result.fired))
    return "these answers gave " + ", ".join(parts)
