"""What the drafting benchmarks share: every English article of annotated sets imported as an analyst imports it
(the actors the annotation says are in the library created first) and drafted by ``app.extract.propose``.

    for art in drafted_articles([Path("bench/corpus"), Path("bench/heldout")]):
        art.path, art.ann, art.source, art.proposals
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import articles, import_article  # noqa: E402

from app.extract import Proposal, propose  # noqa: E402
from app.library import Library  # noqa: E402


@dataclass
class Drafted:
    directory: Path
    path: Path
    ann: dict[str, Any]
    source: Any  # the imported source (its body and title)
    proposals: list[Proposal]


def drafted_articles(directories: Sequence[Path]) -> Iterator[Drafted]:
    """Each English article of each set in turn, drafted in one throw-away library."""
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "drafted.briefdesk")
        try:
            for directory in directories:
                for path in articles(directory):
                    ann = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
                    if ann.get("language", "en") != "en":
                        continue
                    for actor in ann.get("library_actors", []):
                        if lib.actors.find(actor["name"]) is None:
                            lib.actors.create(**actor)
                    sid = import_article(lib, path, ann)
                    props = list(propose(lib, sid).proposals)
                    yield Drafted(directory, path, ann, lib.sources.get(sid), props)
        finally:
            lib.close()
