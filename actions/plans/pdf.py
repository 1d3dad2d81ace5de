"""A plan's printable page as PDF, printed by headless Chromium where the machine has it.

The page is written to a temporary file and printed from there: no network, no server address
needed. Printing takes a second or more and a lot of memory, so it has a timeout and only one
runs at a time; the web servers are threaded, so a print never blocks other requests.
"""

from __future__ import annotations

import logging
import os
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Optional

logger = logging.getLogger(__name__)

DEFAULT_CHROMIUM = "/usr/bin/chromium"
TIMEOUT_SECONDS = 30.0
_one_at_a_time = threading.BoundedSemaphore(1)


def chromium() -> Optional[str]:
    """The Chromium to print with (CHROMIUM_PATH, default /usr/bin/chromium), or None when there is none."""
    path = os.environ.get("CHROMIUM_PATH", DEFAULT_CHROMIUM)
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def can_print() -> bool:
    return chromium() is not None


def print_pdf(html: str, timeout: Optional[float] = None) -> Optional[bytes]:
    """The page as PDF bytes; None when Chromium is missing, fails or takes too long (logged)."""
    binary = chromium()
    if binary is None:
        return None
    with _one_at_a_time, tempfile.TemporaryDirectory(prefix="imvo-plan-") as folder:
        page, pdf = Path(folder) / "plan.html", Path(folder) / "plan.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",  # containers run it without the user namespaces its sandbox needs
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-pdf-header-footer",  # no temporary file path printed on every page
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout or TIMEOUT_SECONDS, check=False)
        except (subprocess.TimeoutExpired, OSError):
            logger.exception("Chromium did not print the plan")
            return None
        data = pdf.read_bytes() if pdf.exists() else b""
    if not data.startswith(b"%PDF"):
        logger.error("Chromium printed no PDF")
        return None
    return data
