"""Debian's headless Chromium, driven through chromium-driver by Selenium: the one place
that knows how to start it, for the browser tests and ``scripts/screenshots.py``.

Selenium is a development requirement (requirements-dev.txt); nothing here is imported
by the app. No browser or driver is ever downloaded: both come from Debian's ``chromium``
and ``chromium-driver`` packages, and Selenium Manager is told to stay offline.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-quic", "--disable-dev-shm-usage", "--window-size=1280,1000",
)  # fmt: skip


def missing() -> list[str]:
    """The Debian files that are not installed (empty when Chromium can run)."""
    return [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]


def chrome(user_data: str) -> Any:
    """A Selenium driver for a fresh Chromium profile in ``user_data`` (a folder)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={user_data}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
