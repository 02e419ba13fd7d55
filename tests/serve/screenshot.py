"""Take docs/serve.png: ``vetting serve`` in headless Chromium, on a checklist's question.

Run by hand after a visible change: ``.venv/bin/python tests/serve/screenshot.py docs/serve.png``.
It uses a temporary data folder, so no real session appears in the picture.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from selenium.webdriver.common.keys import Keys

from tests.support.serve import Browser, browser_missing, start_serve


def main(target: Path) -> int:
    reason = browser_missing()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "downloads").mkdir()
        served = start_serve(tmp)
        browser = Browser(tmp / "profile", tmp / "downloads")
        try:
            browser.open(served.url)
            browser.wait_for_steady("Spotting an unethical therapist")
            browser.press(Keys.DOWN, Keys.ENTER)
            browser.wait_for("Name this session")
            browser.press(Keys.ENTER)
            browser.wait_for("Question 1 of")
            browser.press("2")
            browser.wait_for_steady("1 of ")
            browser.press("n")
            browser.wait_for_steady("Question 2 of")
            browser.driver.save_screenshot(str(target))
        finally:
            browser.quit()
            served.stop()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
