"""Write the house Word template, resources/templates/briefdesk.docx, from the definitions in app/export/docx/styles.py.

    .venv/bin/python scripts/make_template.py

The template holds Briefdesk's styles (fonts and sizes, headings, banner, title block, quotes, code, notes,
tables) on A4 with the house margins; an export opens it, sets the paper size the user chose, and writes the
brief into it. Run this again after changing the style definitions; a test checks the file is up to date.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.export.docx import build_house_template  # noqa: E402

OUT = ROOT / "resources" / "templates" / "briefdesk.docx"


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build_house_template())
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
