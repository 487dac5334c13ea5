"""Drafting speed of one tree's rule extractor over the tuning sets' plain-text articles, to compare two trees
side by side in the same minutes (run each tree in turn, several times, and compare medians):

    git archive COMMIT app | tar -x -C /tmp/oldtree
    .venv/bin/python bench/extract_side_by_side.py /tmp/oldtree 15
    .venv/bin/python bench/extract_side_by_side.py . 15
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("corpus", "heldout", "heldout2", "heldout3", "heldout4")


def main(argv: list[str]) -> int:
    root, passes = Path(argv[0]).resolve(), int(argv[1]) if len(argv) > 1 else 15
    sys.path.insert(0, str(root))
    from app.extract import RuleExtractor

    texts = []
    for name in SETS:
        for p in sorted((HERE / name).glob("*.txt")):
            ann = json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))
            published = dt.date.fromisoformat(ann["published"]) if ann.get("published") else None
            texts.append((p.read_text(encoding="utf-8"), published))
    extractor = RuleExtractor()
    times = []
    for _ in range(passes):
        started = time.perf_counter()
        for text, published in texts:
            extractor.propose(text, published=published)
        times.append(time.perf_counter() - started)
    med = statistics.median(times)
    print(
        f"{root}: {len(texts)} articles, median {med * 1000:.0f} ms a pass, {len(texts) / med:.0f} articles/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
