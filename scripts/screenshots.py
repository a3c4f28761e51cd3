"""Refresh the dashboard screenshots in docs/img/ (dashboard, filtered timeline, map, event detail).

Runs the analyst browser test (the example articles of examples/articles/ through the real
pipeline) with ``CRONICA_SCREENSHOTS=docs/img``, so the pictures show realistic data and
exactly what the test checked. Needs Debian's chromium (``apt-get install chromium chromium-driver``).

    python scripts/screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    env = {**os.environ, "CRONICA_SCREENSHOTS": str(ROOT / "docs" / "img")}
    cmd = [sys.executable, "-m", "pytest", "-q", "-m", "browser", "tests/test_dashboard_analyst.py"]
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
