"""Make docs/report.png, the README's picture of `zhfigures report`.

    python scripts/report_screenshot.py        # needs Debian's chromium and a CJK font
                                               # (apt-get install chromium fonts-wqy-microhei)

One document of the corpus with its gold, one figure's details pinned open
(as a click does) so that the picture shows what hovering shows.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC, PINNED = "corpus/jiangsu_economy_2023.txt", "wrong"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1280,900", "--virtual-time-budget=3000")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "zhfigures.cli", "report", DOC,
                        "--gold", "corpus/gold.csv", "-o", str(page), "-q"], check=True, cwd=ROOT)
        html = page.read_text(encoding="utf-8")
        # Pin the first mark of that status: its details show as on hover.
        at = html.index(f'data-status="{PINNED}" data-tip=')
        at = html.rindex('class="fig ', 0, at) + len('class="')
        page.write_text(html[:at] + "pinned " + html[at:], encoding="utf-8")
        out = ROOT / "docs" / "report.png"
        out.parent.mkdir(exist_ok=True)
        subprocess.run(["chromium", *FLAGS, f"--user-data-dir={tmp}/profile",
                        f"--screenshot={out}", page.as_uri()], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
