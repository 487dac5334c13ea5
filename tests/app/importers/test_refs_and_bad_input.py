"""Reference-manager exports (CSL-JSON, RIS, BibTeX) and a batch of bad files: each failure explained, the rest
imported, nothing of a failed file stored; a cancel leaves whole sources; odd text stored exactly."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from app.importers.batch import import_paths
from app.importers.refs import read_bibtex, read_csl_json, read_ris

CSL = [
    {
        "id": "meridian-1",
        "type": "article-newspaper",
        "title": "US says Iran readying drones for Russia",
        "container-title": "Meridian Wire",
        "author": [{"family": "Berg", "given": "Tomas"}, {"literal": "Meridian Desk"}],
        "issued": {"date-parts": [[2022, 7, 12]]},
        "accessed": {"date-parts": [[2026, 3, 3]]},
        "URL": "https://example.com/meridian/2022/07/12",
        "language": "en",
        "abstract": "Washington said Tehran was preparing to supply several hundred drones.",
    },
    {
        "id": "halden",
        "type": "report",
        "title": "Shahed and the Caspian route",
        "issued": {"raw": "2022-08-30"},
    },
    {"id": "broken", "type": "report", "abstract": "An entry without a title."},
]
RIS = """TY  - NEWS
TI  - Kremlin says forces use Russian equipment
AU  - Petrova, Anna
PY  - 2022
DA  - 2022/10/18
JO  - Moscow Pool Digest
UR  - https://example.org/pool/2022-10-18
AB  - The Kremlin spokesman said he had no information about Iranian drones.
LA  - en
ER  -
TY  - RPRT
TI  - Component trace database, release 4
PY  - 2026
N1  - Debris sample of 212 fragments.
ER  -
""".replace("ER  -\n", "ER  - \n")
BIB = r"""
@techreport{northbridge2026,
  title = {Geran at scale: reassessing the 2022 {Iran}-{Russia} drone transfer},
  author = {Salo, Ingrid and M{\"u}ller, J{\"o}rg},
  institution = {Northbridge Centre for Conflict Analysis},
  year = {2026},
  month = jun,
  url = {https://example.org/northbridge/geran},
  abstract = {Deliveries began no later than August 2022.},
}
@misc{note2022,
  title = {Field note from Kupiansk},
  note = {Debris photographed on 13 September.},
  year = {2022},
}
"""


def test_csl_json_entries_carry_their_metadata():
    refs = read_csl_json(json.dumps(CSL).encode(), filename="zotero.json")
    assert [e.title for e in refs.entries] == [
        "US says Iran readying drones for Russia",
        "Shahed and the Caspian route",
    ]
    first = refs.entries[0]
    assert first.metadata["sitename"] == "Meridian Wire" and first.metadata["kind"] == "news article"
    assert first.metadata["author"] == "Tomas Berg; Meridian Desk"
    assert first.metadata["date"] == "2022-07-12" and first.metadata["accessed"] == "2026-03-03"
    assert first.body.startswith("Washington said Tehran")
    assert (
        refs.entries[1].metadata["date"] == "2022-08-30"
        and refs.entries[1].body == "Shahed and the Caspian route"
    )
    assert refs.problems == ["zotero.json: entry broken has no title"]
    assert first.original != refs.entries[1].original  # each entry is its own original


def test_ris_and_bibtex_entries():
    ris = read_ris(RIS.encode(), filename="export.ris")
    assert [e.metadata.get("kind") for e in ris.entries] == ["news article", "report"]
    kremlin = ris.entries[0]
    assert kremlin.metadata["sitename"] == "Moscow Pool Digest" and kremlin.metadata["date"] == "2022-10-18"
    assert kremlin.metadata["url"] == "https://example.org/pool/2022-10-18"
    assert ris.entries[1].body == "Debris sample of 212 fragments."
    bib = read_bibtex(BIB.encode(), filename="refs.bib")
    report = bib.entries[0]
    assert report.title == "Geran at scale: reassessing the 2022 Iran-Russia drone transfer"
    assert report.metadata["author"] == "Salo, Ingrid; Müller, Jörg"
    assert report.metadata["sitename"] == "Northbridge Centre for Conflict Analysis"
    assert report.metadata["date"] == "2026-06-01" and report.metadata["kind"] == "report"
    assert bib.entries[1].body == "Debris photographed on 13 September."


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("refs.json", b"{not json", "not valid CSL-JSON"),
        ("refs.json", b'{"a": 1}', "not a CSL-JSON export"),
        ("refs.ris", b"hello", "not a RIS export"),
        ("refs.bib", b"no entries here", "not a BibTeX file"),
    ],
)
def test_broken_exports_are_refused_in_plain_words(lib, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    report = import_paths(lib, [path])
    assert report.results[0].status == "failed" and message in report.results[0].message
    assert lib.counts()["sources"] == 0


def test_reference_export_imports_each_entry_once(lib, tmp_path):
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps(CSL), encoding="utf-8")
    first = import_paths(lib, [path]).results[0]
    assert first.status == "warning" and len(first.source_ids) == 2 and "no title" in first.message
    # the same entries in another export file, in another order, are recognised
    other = tmp_path / "again.json"
    other.write_text(json.dumps(list(reversed(CSL[:2]))), encoding="utf-8")
    again = import_paths(lib, [other]).results[0]
    assert again.status == "existing" and sorted(again.source_ids) == sorted(first.source_ids)
    assert lib.counts()["sources"] == 2


def _docx_bytes() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("A short report.")
    d.save(buf)
    return buf.getvalue()


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (250 * 1024 * 1024))
    return buf.getvalue()


def test_a_batch_of_bad_files_fails_each_plainly_and_stores_nothing_of_them(lib, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Good source\nIt was imported.", encoding="utf-8")
    bad = {
        "picture.pdf": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        "picture.docx": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        "page.html": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        "truncated.docx": _docx_bytes()[:300],
        "truncated.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog",
        "junk.txt": bytes(range(256)) * 8,
        "empty.txt": b"",
        "bomb.docx": _zip_bomb(),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:  # 200 MB, sparse: refused by its size before it is read
        fh.seek(200 * 1024 * 1024)
        fh.write(b"x")
    report = import_paths(lib, [good, *(tmp_path / n for n in bad), huge])
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in report.results}
    assert by_name["good.txt"].status == "imported"
    for name in [*bad, "huge.txt"]:
        result = by_name[name]
        assert result.status == "failed", name
        assert result.message.startswith(name) and len(result.message.splitlines()) == 1, result.message
    assert "200 MB is over the 50 MB limit" in by_name["huge.txt"].message
    counts = lib.counts()
    assert counts["sources"] == 1 and counts["claims"] == 0 and counts["actors"] == 0


def test_pipes_and_devices_are_never_opened(lib, tmp_path):
    """A named pipe would block the import forever waiting for a writer; it is skipped in a folder and
    refused when named, like a device."""
    import os
    import threading

    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text("A source\nThe minister said it was fine.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    results = []
    worker = threading.Thread(
        target=lambda: results.append(import_paths(lib, [folder, folder / "pipe.txt", "/dev/null"]))
    )
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "the import waited on a pipe"
    by_path = {r.path: r for r in results[0].results}
    assert by_path[str(folder / "a.txt")].status == "imported"
    assert by_path[str(folder / "pipe.txt")].status in ("skipped", "failed")
    assert all(
        "not a regular file" in r.message for p, r in by_path.items() if p.endswith(("pipe.txt", "null"))
    )
    assert by_path["/dev/null"].status == "failed"
    assert lib.counts()["sources"] == 1


def test_legacy_encodings_and_odd_unicode_are_kept(lib, tmp_path):
    cyrillic = tmp_path / "ru.txt"
    cyrillic.write_bytes("Заявление\nМинистр сказал, что мост откроется через неделю.".encode("cp1251"))
    odd_text = (
        "Odd text\nRTL שלום עליכם, emoji 🚀👩‍👩‍👧, combining e\u0301, zero width\u200b, bidi \u202eabc\u202c."
    )
    odd = tmp_path / "odd.txt"
    odd.write_text(odd_text, encoding="utf-8")
    report = import_paths(lib, [cyrillic, odd])
    assert [r.status for r in report.results] == ["imported", "imported"]
    ru = lib.sources.get(report.results[0].source_ids[0])
    assert ru.title == "Заявление" and "мост откроется" in ru.body
    assert lib.sources.get(report.results[1].source_ids[0]).body == odd_text.split("\n", 1)[1]
    assert lib.sources.original(report.results[0].source_ids[0]) == cyrillic.read_bytes()


def test_same_url_is_a_warning_and_both_kept(lib, tmp_path):
    a = tmp_path / "a.json"
    b = tmp_path / "b.json"
    a.write_text(
        json.dumps([{"id": "1", "title": "First", "URL": "https://example.org/x"}]), encoding="utf-8"
    )
    b.write_text(
        json.dumps([{"id": "2", "title": "Second", "URL": "https://example.org/x"}]), encoding="utf-8"
    )
    results = import_paths(lib, [a, b]).results
    assert results[0].status == "imported"
    assert results[1].status == "warning" and "same URL" in results[1].message
    assert lib.counts()["sources"] == 2


def test_cancel_in_a_large_batch_leaves_only_whole_sources(lib, tmp_path):
    paths = []
    for i in range(40):
        p = tmp_path / f"f{i:02d}.txt"
        p.write_text(f"Source {i}\nBody {i}.", encoding="utf-8")
        paths.append(p)
    seen = []
    report = import_paths(
        lib, paths, progress=lambda done, total: seen.append(done), cancelled=lambda: len(seen) >= 25
    )
    assert report.cancelled and len([r for r in report.results if r.status == "imported"]) == 25
    assert lib.counts()["sources"] == 25
    for s in lib.sources.list(limit=100).items:
        assert lib.sources.get(s.id).body.startswith("Body ")
