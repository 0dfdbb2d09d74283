"""Browser tests: the service on a real port, driven by Debian's Chromium through Playwright.

Playwright's own browser download is not used (nor reachable here); `.ci/run` installs
Debian's chromium. Without it these tests are skipped on a developer machine, and fail
in CI, where a missing browser is a broken set-up.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from werkzeug.serving import make_server

from formsvc.db import Base, get_engine
from formsvc.demo import DemoAccount
from tests.conftest import ACTIVITY_TABLES, make_app

CHROMIUM = os.environ.get("FORMSVC_CHROMIUM", "/usr/bin/chromium")
# Chromium's own calls home are refused by this network; without these flags it retries them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def live_app(database_url: str, seeded: list[DemoAccount]) -> Flask:
    return make_app(database_url)


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not shutil.which(CHROMIUM):
        message = f"browser tests need Chromium at {CHROMIUM} (Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def _clean(live_app: Flask) -> None:
    with get_engine(live_app).begin() as connection:
        for table in ACTIVITY_TABLES:
            connection.execute(Base.metadata.tables[table].delete())


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def javascript(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def page(javascript: bool, browser: Browser, live_server: str) -> Iterator[Page]:
    # A phone-sized window: the pages must work at narrow widths.
    context = browser.new_context(
        base_url=live_server, java_script_enabled=javascript, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    yield page
    context.close()


def sign_in(page: Page, account: DemoAccount) -> None:
    page.goto("/signin")
    page.get_by_label("Số định danh cá nhân hoặc tên đăng nhập").fill(account.username)
    page.get_by_label("Mật khẩu").fill(account.password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/signin" not in url)  # each role has its own landing


def agree(page: Page) -> None:
    """Answer the consent page that comes before a form's first prefill: tick, then agree."""
    page.get_by_label("Tôi đồng ý", exact=False).check()
    page.get_by_role("button", name="Đồng ý và tiếp tục").click()
