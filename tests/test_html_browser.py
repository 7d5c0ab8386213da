"""The HTML report as a reader sees it: opened in a real headless Chromium, driven by Playwright.

Uses Debian's chromium (/usr/bin/chromium); Playwright never downloads a browser here. The
tests are skipped only outside CI when Chromium is missing; under CI (CI=true) a missing
browser fails them, so that `.ci/run` (which installs it) really runs them. Screenshots of
each layout are saved under build/screenshots/ for review.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.engine import verify_path
from claimcheck.explanation import Node, explain
from tests.conftest import ROOT, SHANXI

CHROMIUM = os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "build" / "screenshots"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright gives every launch a new, empty profile directory of its own.
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "report.html"
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["report", "-o", str(target), "--organisation", "Test Checks"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return target


class Page:
    """A page with every request and console error it caused recorded."""

    def __init__(self, browser: Any, url: str, width: int, **options: Any) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900}, **options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url)
        self.url = url

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser: Any, report_file: Path) -> Iterator[Any]:
    pages: list[Page] = []

    def open_(width: int = 1280, **options: Any) -> Page:
        page = Page(browser, report_file.as_uri(), width, **options)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


def _expected_figures() -> list[tuple[str, str, str]]:
    """(claim id, printed figure, verdict) for every figure of the Shanxi article's claims."""
    report = verify_path(SHANXI)
    expected = []
    for result in report.claims:
        if result.source is not None:
            continue
        printed = [reading.printed for _, reading in result.readings]
        period = getattr(result.record, "period", None)
        if not printed and period is not None:
            printed = [period.printed]
        expected += [(result.record.id, figure, result.verdict.value) for figure in printed]
    return expected


def _lines(node: Node) -> list[str]:
    return [node.text, *(line for child in node.children for line in _lines(child))]


def _screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_every_figure_is_marked_with_its_verdict(open_page: Any) -> None:
    page = open_page()
    found = page.page.eval_on_selector_all(
        ".text .fig",
        """figs => figs.map(f => [f.dataset.claim, f.querySelector('mark').textContent,
            f.dataset.verdict, f.querySelector('.badge').textContent.trim(),
            getComputedStyle(f.querySelector('mark')).backgroundColor])""",
    )
    expected = _expected_figures()
    assert sorted((claim, printed, verdict) for claim, printed, verdict, _, _ in found) == sorted(expected)
    for _, _, verdict, badge, _ in found:  # an icon and a label, never colour alone
        icon, label = badge.split()
        assert label == verdict and icon in "\u2713\u2717?\u25cb"
    colours = {verdict: colour for _, _, verdict, _, colour in found}
    assert len(set(colours.values())) == len(colours) >= 3  # one colour per verdict
    assert page.errors == []


def test_derivation_on_click(open_page: Any) -> None:
    page = open_page()
    figure = page.page.locator('.text .fig[data-claim="jinzhong_tourists"]').first
    why = figure.locator(".why")
    assert not why.is_visible()
    figure.locator("mark").click()
    assert why.is_visible()
    report = verify_path(SHANXI)
    result = next(result for result in report.results if result.record.id == "jinzhong_tourists")
    shown = [line.strip() for line in why.inner_text().splitlines() if line.strip()]
    explained = [line.replace(f"{ROOT}/", "") for line in _lines(explain(report, result))]
    assert shown == explained  # the same content as `claimcheck explain`
    _screenshot(page, "report-1280-derivation.png")
    assert page.errors == []


def test_derivation_on_keyboard_focus(open_page: Any) -> None:
    page = open_page()
    for _ in range(60):
        page.page.keyboard.press("Tab")
        if page.page.evaluate("document.activeElement.classList.contains('fig')"):
            break
    else:
        pytest.fail("no marked figure reached with the Tab key")
    focused = page.page.evaluate("document.activeElement.dataset.claim")
    assert focused == "county_urbanization"  # the first figure of the text
    assert page.page.locator(f'.text .fig[data-claim="{focused}"] .why').first.is_visible()
    page.page.keyboard.press("Tab")
    assert not page.page.locator(f'.text .fig[data-claim="{focused}"] .why').first.is_visible()


def test_findings_link_to_their_place(open_page: Any) -> None:
    page = open_page()
    link = page.page.locator("ol.findings a").first
    target = link.get_attribute("href")
    assert target is not None and target.startswith("#")
    link.click()
    assert page.page.locator(f'[id="{target[1:]}"] .why').is_visible()  # :target opens it


def test_no_request_but_the_page_itself(open_page: Any, report_file: Path) -> None:
    page = open_page()
    page.page.locator(".text .fig mark").first.click()
    page.page.emulate_media(color_scheme="dark")
    page.page.emulate_media(media="print")
    page.page.wait_for_timeout(200)
    assert page.requests == [report_file.as_uri()]
    html = report_file.read_text(encoding="utf-8")
    assert "<script>" not in html and "src=" not in html and "@import" not in html


@pytest.mark.parametrize("width", [375, 1280])
def test_layout_fits_the_width(open_page: Any, width: int) -> None:
    page = open_page(width)
    overflow = page.page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width
    page.page.locator('.text .fig[data-claim="renewal_investment"] mark').first.click()
    assert page.page.evaluate("document.documentElement.scrollWidth") <= width
    _screenshot(page, f"report-{width}.png")
    assert page.errors == []


def test_dark_scheme_and_print(open_page: Any) -> None:
    light = open_page()
    dark = open_page(color_scheme="dark")
    background = "getComputedStyle(document.body).backgroundColor"
    assert light.page.evaluate(background) == "rgb(255, 255, 255)"
    assert dark.page.evaluate(background) != "rgb(255, 255, 255)"
    _screenshot(dark, "report-1280-dark.png")
    dark.page.emulate_media(media="print", color_scheme="light")
    assert dark.page.evaluate(background) == "rgb(255, 255, 255)"
    assert dark.page.locator(".why").first.is_hidden()
    assert dark.page.locator(".badge").first.is_visible()  # verdicts stay readable on paper


def test_chromium_is_debians() -> None:
    if _missing() is None:
        assert shutil.which("chromium") or Path(CHROMIUM).exists()
