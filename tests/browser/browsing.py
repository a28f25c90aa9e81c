"""Helpers for the browser checks: fresh browser contexts and what their pages do.

Kept apart from conftest.py so that test modules can import them.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

THEME_STORAGE_KEY = "theme"  # where Furo keeps the reader's light/dark choice
# Chromium asks for /favicon.ico once per browser, on whichever page comes
# first, so its console error would land on a different test from one run to
# the next. test_every_page_has_an_icon checks the icon on every page instead.
DEFAULT_ICON_PATH = "/favicon.ico"


@dataclass
class PageEvents:
    """What the watched pages did besides rendering: their requests and their errors."""

    requests: list = field(default_factory=list)  # (page URL, requested URL)
    errors: list = field(default_factory=list)  # (page URL, message)

    def watch(self, page):
        page.on("request", lambda request: self.requests.append((page.url, request.url)))
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.errors.append((page.url, f"uncaught: {error}")))

    def _console(self, page, message):
        where = message.location.get("url") or page.url
        if message.type == "error" and urlsplit(where).path != DEFAULT_ICON_PATH:
            self.errors.append((page.url, f"console error at {where}: {message.text}"))

    def requests_off_loopback(self):
        return [(page, url) for page, url in self.requests if not stays_on_loopback(url)]

    def error_report(self):
        return "\n".join(f"  {page}: {message}" for page, message in self.errors)


def stays_on_loopback(url):
    """True for requests to 127.0.0.1, and for data the page already holds."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1"


def new_context(browser, site_url, theme=None):
    """A fresh context: empty storage, clipboard allowed, and optionally a Furo theme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    if theme is not None:
        # Furo reads the choice before it paints, as after a click on its toggle.
        context.add_init_script(f"localStorage.setItem({THEME_STORAGE_KEY!r}, {theme!r})")
    return context
