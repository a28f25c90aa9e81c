"""The built site served from loopback, and the Chromium that reads it.

The browser checks use both, and so does the benchmark (``tools/bench_site.py``),
so that the page weight it prints is measured the way the tests see the site.
"""

import contextlib
import functools
import http.server
import threading
from pathlib import Path

# Debian's Chromium. Playwright's own browser downloads are not used.
CHROMIUM = "/usr/bin/chromium"
# Headless, and nothing the browser would fetch on its own behalf: the only
# requests are the ones the pages make.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built HTML; an unknown URL gets 404.html, as the real host does."""

    # The Markdown twins and llms.txt are UTF-8. A host must say so: without a
    # charset a browser shows text/* in its legacy encoding, and "—" turns to "â€”".
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".md": "text/markdown; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
    }

    def log_message(self, format, *args):
        pass  # a request log per test would drown the test output

    def send_error(self, code, message=None, explain=None):
        not_found_page = Path(self.directory) / "404.html"
        if code != 404 or not not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_html(html_dir):
    """Serve *html_dir* on 127.0.0.1 at a port the OS picks; yields the base URL."""
    handler = functools.partial(SiteRequestHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch_chromium(playwright):
    """Debian's Chromium, headless, with a fresh throwaway profile."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
