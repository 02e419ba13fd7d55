"""``vetting serve`` in a real browser: a whole session, a download, reload, tabs, quick exit.

Headless Chromium (Debian's) opens the printed link and is typed into like a person
would; the screen is read from the page's own terminal (see ``TERMINAL_HOOK``).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.keys import Keys

from tests.support.serve import Browser, Served, wait_until
from vetting.checklist import resources
from vetting.checklist.model import Checklist, ItemKind
from vetting.scoring import score, visible_item_ids
from vetting.sessions.store import SessionStore
from vetting.tui.app import READ_ONLY_NOTICE
from vetting.validation.pipeline import validate_file

pytestmark = pytest.mark.browser

NOTE = "Ask how we will know it is working"


def good_fit() -> tuple[Checklist, dict]:
    """The built-in good-fit checklist and the answers of its first worked example."""
    [path] = [p for p in resources.builtin_checklist_paths() if p.stem == "good_fit"]
    checklist = validate_file(path).checklist
    assert checklist is not None
    answers = checklist.tests[0].answers_dict()
    answers["to_bring_up"] = NOTE
    return checklist, answers


def keys_for(checklist: Checklist, item_id: str, value) -> tuple[list[str], list[str]]:
    """What a person types to give ``value`` to ``item_id``, then to go on to the next one."""
    item = checklist.item(item_id)
    if item.kind is ItemKind.NOTE:
        return [value], [Keys.ENTER]
    if item.kind is ItemKind.SCALE:
        return [str(value)], ["n"]
    values = [option.value for option in item.options]
    if item.kind is ItemKind.MULTIPLE:
        return [str(values.index(v) + 1) for v in value], ["n"]
    return [str(values.index(value) + 1)], ["n"]


def first_words(text: str) -> str:
    return text[:30]


def start_session(browser: Browser, served: Served, checklist: Checklist) -> None:
    browser.open(served.url)
    browser.wait_for_steady(checklist.title)
    browser.press(Keys.ENTER)  # the first checklist on the list
    browser.wait_for("Name this session")
    browser.press(Keys.ENTER)  # keep the suggested name
    wait_for_question(browser, checklist, visible_item_ids(checklist, {}), 1)


def answer(browser: Browser, checklist: Checklist, answers: dict, until: int | None = None) -> None:
    """Answer the shown questions in order (the first ``until`` of them, if given)."""
    shown = visible_item_ids(checklist, answers)
    for number, item_id in enumerate(shown[:until], start=1):
        wait_for_question(browser, checklist, shown, number)
        give, go_on = keys_for(checklist, item_id, answers[item_id])
        browser.press(*give)
        # As a person does, see the answer taken before moving on: an answer key and "n"
        # sent together can lose the answer (the next question replaces the control first).
        counted = re.compile(rf"·\s+{number} of \d+ answered")
        wait_until(
            lambda pattern=counted: pattern.search(browser.screen()),
            lambda: f"the answer counted; the screen is:\n{browser.screen()}",
        )
        browser.press(*go_on)


def wait_for_question(browser: Browser, checklist: Checklist, shown: list[str], number: int):
    """Until question ``number`` is on screen, ready for keys (as a person waits to read)."""
    text = first_words(checklist.item(shown[number - 1]).text)
    where = f"Question {number} of "
    return wait_until(
        lambda: (screen := browser.screen()) and where in screen and text in screen and screen,
        lambda: f"{where} ({text}) on screen; the screen is:\n{browser.screen()}",
    )


def saved_sessions(served: Served) -> list:
    store = SessionStore(served.data_dir, read_only=True).open()
    return [store.load(listing.id) for listing in store.list_sessions()]


def test_a_whole_checklist_then_download_then_reload_and_resume(
    served: Served, browser: Browser
) -> None:
    checklist, answers = good_fit()
    expected = score(checklist, answers)
    assert expected.band is not None
    start_session(browser, served, checklist)
    assert browser.driver.current_url == served.base + "/", "the token left the address bar"
    answer(browser, checklist, answers)
    results = browser.wait_for(expected.band.label)
    assert "Export" in results

    browser.press("e")
    browser.wait_for("Save a copy of your results")
    browser.press(Keys.DOWN, Keys.DOWN, Keys.ENTER)  # JSON
    browser.press(Keys.TAB, Keys.ENTER)  # Download
    name = wait_until(
        lambda: [p.name for p in browser.downloads.iterdir() if p.suffix == ".json"],
        "the JSON export in the browser's downloads",
    )[0]
    report = json.loads((browser.downloads / name).read_text(encoding="utf-8"))
    assert report["checklist"]["id"] == checklist.id
    assert {row["item_id"]: row["answer"] for row in report["answers"]} == answers
    assert report["band"]["label"] == expected.band.label
    browser.wait_for("Your browser downloaded")
    assert not list((served.data_dir.parent / "documents").glob("*")), "nothing written else"

    [session] = saved_sessions(served)
    assert session.answers == answers

    # Reload: the app comes back, with the lock, and the session resumes where it ended.
    browser.driver.refresh()
    screen = browser.wait_for_steady(f"{len(answers)} of {len(answers)} answered")
    assert READ_ONLY_NOTICE not in screen
    browser.press(Keys.TAB, Keys.ENTER)  # the first saved session
    last = len(visible_item_ids(checklist, answers))
    browser.wait_for(f"Question {last} of {last}")  # its last question, the note, again
    browser.press(Keys.ENTER)  # on: the results, the same as before the reload
    browser.wait_for(expected.band.label)
    assert saved_sessions(served)[0].answers == answers


def test_reload_in_the_middle_resumes_where_it_stopped(served: Served, browser: Browser) -> None:
    checklist, answers = good_fit()
    start_session(browser, served, checklist)
    answer(browser, checklist, answers, until=3)
    shown = visible_item_ids(checklist, answers)
    wait_for_question(browser, checklist, shown, 4)
    wait_until(lambda: len(saved_sessions(served)) == 1, "the session to be saved")
    browser.driver.refresh()
    browser.wait_for_steady("3 of 19 answered")
    browser.press(Keys.TAB, Keys.ENTER)
    screen = wait_for_question(browser, checklist, shown, 4)
    assert READ_ONLY_NOTICE not in screen
    give, _ = keys_for(checklist, shown[3], answers[shown[3]])
    browser.press(*give)
    wait_until(lambda: len(saved_sessions(served)[0].answers) == 4, "the fourth answer to be saved")


def test_a_second_tab_is_read_only(served: Served, browser: Browser) -> None:
    browser.open(served.url)
    browser.wait_for("Saved sessions")
    assert READ_ONLY_NOTICE not in browser.screen()
    browser.new_tab()
    browser.open(served.base + "/")  # the cookie, not the link: the same person
    screen = browser.wait_for("another window")
    assert "Saved sessions" in screen


def test_quick_exit_blanks_the_page_at_once(served: Served, browser: Browser) -> None:
    checklist, answers = good_fit()
    start_session(browser, served, checklist)
    answer(browser, checklist, answers, until=2)
    browser.press(Keys.F12)
    wait_until(lambda: browser.driver.current_url == "about:blank", "the page to go blank")
    assert browser.screen() == ""
    body = browser.driver.execute_script("return document.body ? document.body.innerText : ''")
    assert body == ""


def test_the_page_asks_nothing_of_any_other_host(served: Served, browser: Browser) -> None:
    """No CDN font or script: every request goes to this server (textual-serve's own page
    asks a font CDN), and the Content-Security-Policy had nothing to block."""
    browser.open(served.url)
    browser.wait_for_steady("Saved sessions")
    wait_until(
        lambda: browser.driver.execute_script("return document.fonts.status") == "loaded",
        "the page's fonts",
    )
    # Only what goes over a network counts: the browser also loads its own pages
    # (chrome:, chrome-untrusted://new-tab-page since Chromium 150) and data: URLs.
    network = ("http:", "https:", "ws:", "wss:")
    urls = [u for u in browser.requested_urls() if u.startswith(network)]
    ours = {f"http://127.0.0.1:{served.port}", f"ws://127.0.0.1:{served.port}"}
    assert {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in urls} == ours, urls
    assert any("RobotoMono" in url for url in urls), "the font came from this server"
    assert not [e for e in browser.console() if "Content Security Policy" in e["message"]]
