"""The .docx package as Briefdesk writes it (app.export.docx.package.save): the parts python-docx's own save
writes, byte for byte, in its order, each deflated (at a faster level)."""

from __future__ import annotations

import io
import zipfile

from app.domain import SourceKind
from app.export import ExportOptions, export_brief
from app.export.docx import package
from app.export.docx.template import load_template


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def test_save_writes_the_parts_python_docx_writes() -> None:
    document = load_template(None)
    document.add_paragraph("A paragraph the body holds.")
    ours, theirs = io.BytesIO(), io.BytesIO()
    package.save(document, ours)
    document.save(theirs)
    assert _members(ours.getvalue()) == _members(theirs.getvalue())
    with zipfile.ZipFile(io.BytesIO(ours.getvalue())) as z:
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}


def test_a_python_docx_without_the_steps_it_leans_on_still_saves_whole(monkeypatch) -> None:
    """``python-docx>=1.1`` lets a user's install take a release whose internal writing steps differ: the save
    falls back to python-docx's own, whole, never half a package."""
    from docx.opc.pkgwriter import PackageWriter

    document = load_template(None)
    document.add_paragraph("Saved by the public path.")
    theirs = io.BytesIO()
    document.save(theirs)
    missing = type("PackageWriter", (), {"write": PackageWriter.write})
    # the same name taking other arguments: fails after the first parts were written
    changed = type(
        "PackageWriter", (PackageWriter,), {"_write_parts": staticmethod(lambda phys_writer: None)}
    )
    for writer in (missing, changed):
        with monkeypatch.context() as m:
            m.setattr(package, "PackageWriter", writer)
            ours = io.BytesIO()
            package.save(document, ours)
        assert _members(ours.getvalue()) == _members(theirs.getvalue())


def test_an_export_holds_every_part_it_wrote(lib, tmp_path) -> None:
    source = lib.sources.create(
        title="Port report", kind=SourceKind.NEWS_ARTICLE, body="The port reopened on Monday."
    ).after
    claim = lib.claims.create(source_id=source.id, quote="The port reopened on Monday").after
    brief = lib.briefs.create(title="Port", body=f"## Port\n\nThe port reopened [@c{claim.id}].\n").after
    out = tmp_path / "port.docx"
    export_brief(lib, brief.id, out, ExportOptions(force=True))
    names = dict(_members(out.read_bytes()))
    for name in (
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/endnotes.xml",
        "docProps/core.xml",
    ):
        assert name in names
    assert b"The port reopened" in names["word/document.xml"]
    assert "“Port report”".encode() in names["word/endnotes.xml"]  # the note names its source
    assert b"endnotes.xml" in names["word/_rels/document.xml.rels"]


def test_text_is_escaped_with_forbidden_characters_dropped_and_directional_ones_shown() -> None:
    from app.export.docx.wordml import xml_text

    assert xml_text("Plain <b> & “curly” text — dashed") == "Plain &lt;b&gt; &amp; “curly” text — dashed"
    assert xml_text("a\x00b\x0bc\ufffe") == "abc"
    assert xml_text("x\u202ey") == "x[U+202E RLO]y"
    assert xml_text("\x01<\u2066>") == "&lt;[U+2066 LRI]&gt;"
