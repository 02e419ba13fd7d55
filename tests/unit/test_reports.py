"""Reports: what comes first, what is escaped, and that JSON is stable data."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.builders import (
    flag_band,
    make_checklist,
    option,
    outcome,
    score_bands,
    single,
    yes_no,
)
from vetting import reports
from vetting.checklist.model import Reference, Source
from vetting.checklist.safety import APP_SAFETY
from vetting.scoring import score

SCRIPT = '<script>alert(1)</script><a href="javascript:x">x</a>[y](javascript:z)'


def _checklist(text: str = "Has your therapist touched you?"):
    return make_checklist(
        items=[
            yes_no(
                "touch",
                text,
                severity="critical",
                points=10,
                allow_unsure=True,
                references=(Reference(code="ACA", edition="2014", section="A.5.a"),),
            ),
            yes_no("secrets", "Asked to keep secrets?", severity="caution", points=2),
            yes_no("unsure_q", "Did they share your file?", severity="serious", allow_unsure=True),
            yes_no("danger", "Are you in danger?", crisis_on="yes", weight=0),
        ],
        bands=[flag_band("urgent", "critical", label="Please look at this now"), *score_bands()],
        sources=[
            Source(title="ACA Code", url="https://www.counseling.org/"),
            Source(title="Odd link", url="javascript:alert(1)"),
        ],
    )


ANSWERS = {"touch": "yes", "secrets": "yes", "unsure_q": "unsure", "danger": "no"}


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_critical_flag_comes_first_and_in_words(fmt):
    c = _checklist()
    out = reports.render(fmt, c, score(c, ANSWERS), ANSWERS)
    critical = out.index("CRITICAL")
    assert critical < out.index("CAUTION")
    assert critical < out.index("Please look at this now")
    assert out.index("Has your therapist touched you?") < out.index("Asked to keep secrets?")
    assert "section A.5.a" in out
    assert "Did they share your file?" in out  # unsure red flag is reported
    assert "not medical or legal advice" in out
    assert "988" in out


def test_text_has_crisis_block_first_when_crisis():
    c = _checklist()
    answers = {**ANSWERS, "danger": "yes"}
    out = reports.render_text(c, score(c, answers))
    assert out.index("please reach out now") < out.index("CRITICAL")


def test_text_shows_completeness_and_sections():
    c = _checklist()
    out = reports.render_text(c, score(c, ANSWERS))
    assert "Clear answers: 3 of the 4 questions that apply to you" in out
    assert "Not sure: 1" in out
    assert "By section:" in out


def test_html_escapes_all_checklist_text():
    c = _checklist(SCRIPT)
    out = reports.render_html(c, score(c, ANSWERS), {**ANSWERS, "touch": "yes"})
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "<script" not in out.lower()
    assert 'href="javascript' not in out
    assert "&lt;script&gt;" in out
    assert '<a href="https://www.counseling.org/"' in out
    assert "Content-Security-Policy" in out


def test_markdown_escapes_links_and_html():
    c = _checklist(SCRIPT)
    out = reports.render_markdown(c, score(c, ANSWERS))
    assert re.search(r"(?<!\\)<(script|a )", out) is None  # every < is escaped
    assert "\\<script\\>" in out
    import cmarkgfm  # what GitHub shows: the only link is the checklist's plain https one

    page = cmarkgfm.github_flavored_markdown_to_html(out)
    app_lines = {r.url for r in APP_SAFETY.resources if r.url}  # the app's verified lines
    assert set(re.findall(r'href="([^"]*)"', page)) == {"https://www.counseling.org/", *app_lines}
    assert "<https://www.counseling.org/>" in out


def test_control_characters_are_sanitized():
    c = _checklist("Evil \x1b]0;TITLE\x07 text")
    for fmt in reports.FORMATS:
        out = reports.render(fmt, c, score(c, ANSWERS))
        assert "\x1b" not in out and "\x07" not in out
        assert "\\u001b" not in out


def test_json_round_trips_with_stable_keys():
    c = make_checklist(
        items=[
            single(
                "need",
                [option("meds", "Medication", points=1, outcomes={"doc": 2})],
            ),
        ],
        outcomes=[outcome("doc"), outcome("lpc")],
        bands=score_bands(),
    )
    answers = {"need": "meds"}
    text = reports.render_json(c, score(c, answers), answers)
    data = json.loads(text)
    assert json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n" == text
    assert data["top_outcome"] == "doc"
    assert data["outcomes"][0]["because"][0]["answer_label"] == "Medication"
    assert data["answers"] == [
        {
            "item_id": "need",
            "text": "Question need?",
            "answer": "meds",
            "answer_label": "Medication",
        }
    ]
    assert set(data) >= {
        "format",
        "checklist",
        "percent",
        "band",
        "sections",
        "flags",
        "unsure_flags",
        "crisis",
        "outcomes",
        "completeness",
        "next_steps",
        "safety",
        "disclaimer",
    }


def test_unknown_format_is_a_value_error():
    c = _checklist()
    with pytest.raises(ValueError):
        reports.render("pdf", c, score(c, {}))


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://988lifeline.org", True),
        ("http://example.org", False),
        ("javascript:alert(1)", False),
        ("https://", False),
        ('https://x.org/"onmouseover=1', False),
        ("HTTPS://x.org", True),
    ],
)
def test_safe_https(url, ok):
    assert (reports.safe_https(url) is not None) is ok


def _choice():
    need = single(
        "need",
        [option("meds", outcomes={"psychiatrist": 2}), option("talk", outcomes={"lpc": 2})],
    )
    return make_checklist(items=[need], outcomes=[outcome("psychiatrist"), outcome("lpc")])


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])  # JSON carries top_outcome
def test_a_choice_checklist_is_summed_up_by_its_top_outcome(fmt):
    checklist = _choice()
    headline, _ = reports.result_words(checklist, score(checklist, {"need": "talk"}))
    assert headline == f"Best fit so far: {checklist.outcome('lpc').title}"
    rendered = reports.render(fmt, checklist, score(checklist, {"need": "talk"}))
    assert "Best fit so far" in rendered
    assert reports.NO_BAND not in rendered


def test_a_choice_checklist_with_no_answers_says_so_in_its_own_words():
    checklist = _choice()
    headline, meaning = reports.result_words(checklist, score(checklist, {}))
    assert headline == "Too few questions have a clear answer yet to point to one kind of help."
    assert "no one kind of help can be named yet" in meaning and "all-clear" not in meaning


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://988lifeline.org@evil.example/", None),  # the host is evil.example
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),  # as the browser goes
        ("https://example.org/ok", "https://example.org/ok"),
    ],
)
def test_source_links_in_reports_use_the_one_url_check(url: str, link: str | None) -> None:
    import dataclasses

    from vetting.checklist.model import Source

    c = dataclasses.replace(_checklist(), sources=(Source("A source", url),))
    result = score(c, ANSWERS)
    html_out = reports.render_html(c, result)
    md_out = reports.render_markdown(c, result)
    if link is None:
        assert f'href="{url}"' not in html_out and 'evil.example"' not in html_out
        assert f"<{url}>" not in md_out
    else:
        assert f'href="{link}"' in html_out and f"<{link}>" in md_out


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Call or text 988, or chat at 988lifeline.org, any time.", "`988lifeline.org`,"),
        ("See findtreatment.gov.", "`findtreatment.gov`."),
        ("(see thehotline.org)", "`thehotline.org`\\)"),
        ("Write to help@example.org; they answer.", "`help@example.org`;"),
        ("A path like example.org/f(x) stays whole", "`example.org/f(x)`"),
        ("Are you sure about x.org?!", "`x.org`?\\!"),
    ],
)
def test_markdown_keeps_a_sentences_punctuation_outside_the_code_span(
    text: str, written: str
) -> None:
    from vetting.reports.markdown import md

    assert written in md(text)
