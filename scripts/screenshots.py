"""Screenshots of the main pages of `newsprism serve` on the demo corpus, for docs/web.md.

    .venv/bin/python scripts/screenshots.py [--out docs/web]

Analyses fixtures/demo/articles into a temporary store, serves it on a free loopback
port and photographs it with Debian's headless Chromium (chromium + chromium-driver, as the
browser tests use): the story list, the ferry story with a citation opened, one of its
articles with a claim's group opened, and the comparison of two outlets. With Debian's
``pngquant`` installed the PNGs are reduced to a palette, which keeps them small.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.pipeline import analyze  # noqa: E402
from newsprism.storage import SQLiteStore  # noqa: E402
from newsprism.web import Running, create_app  # noqa: E402
from newsprism.web.chromium import chrome  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "web"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SE_OFFLINE", "true")
    analysis = analyze([str(ROOT / "fixtures" / "demo" / "articles")]).analysis
    ferry = max(analysis.stories, key=lambda sa: len(sa.articles))
    tmp = tempfile.mkdtemp(prefix="newsprism-shots-")
    try:
        with SQLiteStore(Path(tmp) / "demo.db") as store:
            store.save_analysis(analysis)
            with Running(create_app(store)) as server:
                browser = chrome(str(Path(tmp) / "chromium"))
                try:
                    browser.set_window_size(1200, 860)
                    shoot(browser, server.url, ferry.story.id, ferry.articles[0].id, out)
                finally:
                    browser.quit()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def shoot(b: Any, url: str, story: str, article: str, out: Path) -> None:
    b.get(url + "/")
    b.save_screenshot(str(out / "stories.png"))
    b.get(f"{url}/stories/{story}")
    b.find_element("css selector", "button.cite").click()
    b.save_screenshot(str(out / "story.png"))
    b.get(f"{url}/stories/{story}#discrepancies")
    b.save_screenshot(str(out / "discrepancies.png"))
    b.get(f"{url}/stories/{story}#derivations")
    b.save_screenshot(str(out / "derivations.png"))
    b.get(f"{url}/articles/{article}")
    marks = b.find_elements("css selector", "mark.claim")
    grouped = [m for m in marks if m.get_attribute("data-group")]
    if grouped:
        grouped[min(2, len(grouped) - 1)].click()
    b.save_screenshot(str(out / "article.png"))
    b.get(f"{url}/stories/{story}/compare?a=Newsloop&b=Hanbit+Ilbo")
    b.save_screenshot(str(out / "compare.png"))
    for png in sorted(out.glob("*.png")):
        shrink(png)
        print(f"{png}: {png.stat().st_size // 1024} KB")


def shrink(png: Path) -> None:
    """Fewer colours (Debian's pngquant, when installed) keep the committed files small."""
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--quality", "60-90",
                        "--output", str(png), str(png)], check=False)  # fmt: skip


if __name__ == "__main__":
    main()
