"""Real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium)
against a real server on a loopback port: citations, claim groups, the facts filter and
hostile strings, as a reader sees them. Without Chromium these tests skip; in CI (``CI``
set) a missing browser fails them instead."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from web_support import story_id

from newsprism.model import Analysis
from newsprism.web import Running
from newsprism.web.chromium import chrome, missing


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    absent = missing()
    if absent:
        message = f"{', '.join(absent)} missing: apt-get install chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    user_data = tempfile.mkdtemp(prefix="newsprism-chromium-")
    driver = chrome(user_data)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(user_data, ignore_errors=True)


def _visible(browser: Any, css: str) -> list[Any]:
    return [e for e in browser.find_elements("css selector", css) if e.is_displayed()]


def test_web_browser_citation_opens_its_claims(
    browser: Any, served: Running, demo_analysis: Analysis
) -> None:
    browser.get(f"{served.url}/stories/{story_id(demo_analysis)}")
    assert not _visible(browser, ".cite-panel")
    button = browser.find_element("css selector", "button.cite")
    button.click()
    (panel,) = _visible(browser, ".cite-panel")
    assert button.get_attribute("aria-expanded") == "true"
    outlets = [e.text for e in panel.find_elements("css selector", ".outlet")]
    assert len(outlets) >= 2 and "Nordic Press Agency" in outlets
    button.click()
    assert not _visible(browser, ".cite-panel")


def test_web_browser_hovering_a_citation_shows_its_claims(
    browser: Any, served: Running, demo_analysis: Analysis
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(f"{served.url}/stories/{story_id(demo_analysis)}")
    buttons = browser.find_elements("css selector", "button.cite")
    ActionChains(browser).move_to_element(buttons[1]).perform()
    assert [p.get_attribute("id") for p in _visible(browser, ".cite-panel")] == ["cite-2"]
    ActionChains(browser).move_to_element(browser.find_element("css selector", "h1")).perform()
    assert not _visible(browser, ".cite-panel")


def test_web_browser_claim_opens_its_group(
    browser: Any, served: Running, demo_analysis: Analysis
) -> None:
    sa = max(demo_analysis.stories, key=lambda s: len(s.articles))
    article = sa.articles[0]
    browser.get(f"{served.url}/articles/{article.id}")
    shared = {g.id for g in sa.groups if article.id in g.articles and len(g.articles) >= 2}
    mark = next(m for m in browser.find_elements("css selector", "mark.claim")
                if m.get_attribute("data-group") in shared)  # fmt: skip
    mark.click()
    (panel,) = _visible(browser, ".group-panel")
    assert panel.get_attribute("id") == f"group-{mark.get_attribute('data-group')}"
    sentences = panel.find_elements("css selector", "li")
    outlets = {e.text for e in panel.find_elements("css selector", ".outlet")}
    assert len(sentences) >= 2 and len(outlets) >= 2
    assert "selected" in (mark.get_attribute("class") or "")


def test_web_browser_filters_the_facts_table(
    browser: Any, served: Running, demo_analysis: Analysis
) -> None:
    from selenium.webdriver.support.ui import Select

    browser.get(f"{served.url}/stories/{story_id(demo_analysis)}")
    every = len(_visible(browser, "tr.fact"))
    Select(browser.find_element("id", "filter-status")).select_by_value("disputed")
    disputed = _visible(browser, "tr.fact")
    assert 0 < len(disputed) < every
    assert {r.get_attribute("data-status") for r in disputed} == {"disputed"}
    assert browser.find_element("id", "facts-shown").text == f"{len(disputed)} of {every} facts"
    Select(browser.find_element("id", "filter-status")).select_by_value("")
    Select(browser.find_element("id", "filter-outlet")).select_by_visible_text("Fjordland Herald")
    rows = _visible(browser, "tr.fact")
    assert rows and all("Fjordland Herald" in r.text for r in rows)


def test_web_browser_shows_hostile_strings_as_text(
    browser: Any, served: Running, hostile_analysis: Analysis
) -> None:
    sa = hostile_analysis.stories[0]
    pages = [f"/stories/{sa.story.id}", *(f"/articles/{a.id}" for a in sa.articles), "/"]
    for path in pages:
        browser.get(served.url + path)
        assert browser.execute_script("return window.__pwned === undefined") is True
        assert not browser.find_elements("css selector", "main img, main svg:not(.graph)")
    browser.get(f"{served.url}/stories/{sa.story.id}")
    title = browser.find_element("css selector", "h1").text
    assert title == "<script>window.__pwned='title'</script>Ferry Solvik hits rocks off Brattvåg"
    page = browser.find_element("css selector", "main").text
    assert "<img src=x onerror=" in page and "**flames**" in page and "<b>smoke</b>" in page
    browser.get(f"{served.url}/articles/{sa.articles[0].id}")
    links = [a.get_attribute("href") or "" for a in browser.find_elements("css selector", "a")]
    assert not any(h.lower().startswith("javascript:") for h in links)
