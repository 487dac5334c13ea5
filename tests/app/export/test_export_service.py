"""export_brief and `briefdesk export`: the .docx read back with python-docx (structure a reader gets)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from app.cli import main
from app.errors import CheckFailedError, ExportError, UnknownCitationError
from app.export import ExportOptions, export_brief

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TODAY = dt.date(2026, 11, 25)


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8") if name in z.namelist() else ""


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


@pytest.fixture
def feature_brief(lib, source):
    """A brief using every Markdown feature the export handles, citing two claims (one denies the other)."""
    a = lib.claims.create(
        source_id=source.id,
        quote="would reopen within a week",
        actor="Dana Reyes",
        role="interior minister",
        said="2026-03-02",
        credibility=2,
    ).after
    d = lib.claims.create(
        source_id=source.id, quote="Nothing has been repaired", actor="provincial spokesman", credibility=3
    ).after
    lib.links.create(from_claim_id=d.id, kind="denies", to_claim_id=a.id)
    body = f"""## Summary

The crossing will likely reopen [@c{a.id}], though the province disputes it [@c{d.id}]. Again [@c{a.id}; @s{source.id}].

1. first
2. second
    - nested bullet
    - another

Between lists.

3. third starts at three
4. fourth

- bullet one
- bullet two

| Item | Count |
|:-----|------:|
| bridges | 2 |
| guards | 14 |

> A quoted passage with ~~struck~~ **bold** and *italic* and `code [@c999]`.

```
fenced code [@c{a.id}] <b>not html</b>
```

Links: [site](https://example.org/a), [mail](mailto:desk@example.org), [bad](javascript:alert(1)), [file](file:///etc/passwd).

Raw <b>html</b> &amp; stays text. Emoji 🚀, right-to-left שלום, combining e\u0301, control\u0007char.

Term
:   Its definition.

---

![a chart](does-not-exist.png)
"""
    brief = lib.briefs.create(title="Kessel crossing", body=body).after
    return brief, a, d


def test_demo_brief_exports_with_notes_banners_fields_and_annexes(demo_lib, tmp_path):
    brief = demo_lib.briefs.list().items[0]
    out = tmp_path / "demo.docx"
    result = export_brief(demo_lib, brief.id, out, ExportOptions(today=TODAY))
    document = docx.Document(str(out))
    texts = _texts(document)
    assert texts[0] == demo_lib.briefs.get(brief.id).title
    assert result.banner == "TLP:AMBER" and not result.draft
    # real endnotes: one per distinct citation, in order of first citation
    endnotes = _part(out, "word/endnotes.xml")
    assert endnotes.count("<w:endnote ") == result.notes + 2  # plus the two separators
    document_xml = _part(out, "word/document.xml")
    assert document_xml.count("<w:endnoteReference ") == result.notes
    assert "NOTEREF _BdNote" in document_xml  # a claim cited again reuses its note
    # the banner in every header and footer, with "Page X of Y"
    for section in document.sections:
        assert section.header.paragraphs[0].text == "TLP:AMBER"
        assert section.footer.paragraphs[-1].text == "TLP:AMBER"
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    for heading in ("Annex A: Sources", "Annex B: Claims and denials", "Annex C: Analysis of competing"):
        assert any(t.endswith(heading) or heading in t for t in texts), heading
    # the demo brief states its source summary in its own section: no annex repeats it
    assert not any(t.endswith("Source summary statement") and "Annex" in t for t in texts)
    assert document.core_properties.title == demo_lib.briefs.get(brief.id).title
    assert document.core_properties.author


def test_markdown_features_become_word_structure(lib, feature_brief, tmp_path):
    brief, a, d = feature_brief
    out = tmp_path / "f.docx"
    result = export_brief(lib, brief.id, out, ExportOptions(force=True, today=TODAY))
    xml = _part(out, "word/document.xml")
    document = docx.Document(str(out))
    texts = _texts(document)
    # notes: c_a, c_d, s_source, and c_a again reuses the first
    assert result.notes == 3
    assert xml.count("<w:endnoteReference ") == 3
    # numbering: every list is its own w:num; the list after a paragraph starts at 3
    numbering = _part(out, "word/numbering.xml")
    assert '<w:startOverride w:val="3"/>' in numbering
    assert xml.count("<w:numPr>") == 8  # 2 + 2 nested + 2 + 2 bullets
    # tables: header row repeated, right alignment kept
    table = document.tables[0]
    assert table.rows[0].cells[0].text == "Item"
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # RIGHT
    # hyperlinks: only http, https and mailto
    rels = {r.target_ref for r in document.part.rels.values() if r.is_external}
    assert "https://example.org/a" in rels and "mailto:desk@example.org" in rels
    assert not any(r.startswith(("javascript:", "file:")) for r in rels)
    assert any("Links: site, mail, bad, file." in t for t in texts)
    # code keeps citations and markup literal; raw HTML is text
    assert any("fenced code [@c" in t and "<b>not html</b>" in t for t in texts)
    assert any("code [@c999]" in t for t in texts)
    assert any("Raw <b>html</b> &amp; stays text." in t for t in texts)
    assert "<w:strike/>" in xml
    # Unicode kept, XML-forbidden characters dropped
    assert any("🚀" in t and "שלום" in t and "e\u0301" in t and "controlchar" in t for t in texts)
    # headings with bookmarks, the missing image as a visible placeholder and a warning
    assert 'w:name="summary"' in xml
    assert any("[image not embedded: does-not-exist.png — a chart (not found)]" in t for t in texts)
    assert any("does-not-exist.png" in w for w in result.warnings)
    # the claims-and-denials annex puts the denial beside the claim
    side = [t for t in document.tables if t.rows[0].cells[0].text == "Claim"]
    assert len(side) == 1
    assert f"c{a.id} " in side[0].rows[1].cells[0].text and f"c{d.id} " in side[0].rows[1].cells[1].text


def test_unknown_citations_are_listed_with_lines_or_shown_as_missing_in_a_draft(lib, source, tmp_path):
    body = "Para one [@c404].\n\nPara two [@c405; @s999].\n"
    brief = lib.briefs.create(title="Missing", body=body).after
    out = tmp_path / "m.docx"
    with pytest.raises(UnknownCitationError) as err:
        export_brief(lib, brief.id, out)
    assert (
        "c404 (line 1)" in str(err.value)
        and "c405 (line 3)" in str(err.value)
        and "s999 (line 3)" in str(err.value)
    )
    assert not out.exists()
    result = export_brief(lib, brief.id, out, ExportOptions(allow_missing=True, today=TODAY))
    texts = _texts(docx.Document(str(out)))
    assert result.draft and any(t.startswith("DRAFT") for t in texts)
    assert any("[missing c404]" in t for t in texts)


def test_check_errors_refuse_export_unless_forced_as_a_draft(demo_lib, tmp_path):
    claim = demo_lib.claims.list(limit=1).items[0]
    brief = demo_lib.briefs.create(
        title="One-sided", body=f"## Bottom line\n\nA retracted claim [@c{claim.id}].\n"
    ).after
    demo_lib.claims.update(claim.id, status="retracted")
    out = tmp_path / "x.docx"
    out.write_bytes(b"previous export")
    with pytest.raises(CheckFailedError) as err:
        export_brief(demo_lib, brief.id, out, ExportOptions(today=TODAY))
    lines = str(err.value).splitlines()  # one finding per line, then what to do
    n = len(err.value.findings)
    assert (
        lines[0] == f"The brief has {n} check error{'s' if n != 1 else ''}, so it is not exported as final:"
    )
    assert lines[1:-1] == [f"  {f}" for f in err.value.findings] and n >= 1
    assert all(ln.startswith("  [") and " line " in ln for ln in lines[1:-1])
    assert lines[-1] == "Fix them, or export the brief as a draft with --force."
    assert out.read_bytes() == b"previous export"  # the existing file is untouched
    result = export_brief(demo_lib, brief.id, out, ExportOptions(force=True, today=TODAY))
    assert result.draft and result.check_errors >= 1
    assert any(t.startswith("DRAFT") and "check error" in t for t in _texts(docx.Document(str(out))))


@pytest.mark.sqlite_only("compares the library file's bytes")
def test_export_never_changes_the_library(demo_lib, tmp_path):
    demo_lib.close()
    path = Path(demo_lib.path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (
        main(["--library", str(path), "export", "1", "-o", str(tmp_path / "a.docx"), "--today", "2026-11-25"])
        == 0
    )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.sqlite_only("the library file as an export target")
def test_export_refuses_to_write_over_the_library_or_another_database(demo_lib, tmp_path, capsys):
    path = Path(demo_lib.path)
    claims = demo_lib.counts()["claims"]
    link = tmp_path / "alias.docx"
    link.symlink_to(path)
    other = tmp_path / "other.briefdesk"
    other.write_bytes(path.read_bytes())
    for target in (path, Path(f"{path}-wal"), link, other):
        with pytest.raises(ExportError, match="library|database") as exc:
            export_brief(demo_lib, 1, target, ExportOptions(today=TODAY))
        assert "Choose another file name" in str(exc.value)
    assert demo_lib.counts()["claims"] == claims  # the library is whole and still open
    assert other.read_bytes()[:16] == b"SQLite format 3\x00"
    demo_lib.close()
    code = main(["--library", str(path), "export", "1", "-o", str(path)])
    assert code == 1 and "would destroy the library" in capsys.readouterr().err
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_export_writes_through_a_link_and_refuses_a_pipe(demo_lib, tmp_path):
    import os

    target = tmp_path / "real.docx"
    target.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(target)
    export_brief(demo_lib, 1, link, ExportOptions(today=TODAY))
    assert link.is_symlink() and docx.Document(str(target)).paragraphs
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    with pytest.raises(ExportError, match="not a regular file"):
        export_brief(demo_lib, 1, pipe, ExportOptions(today=TODAY))
    assert not pipe.is_file()


def test_export_refuses_to_write_over_its_template(demo_lib, tmp_path):
    ref = tmp_path / "ref.docx"
    docx.Document().save(str(ref))
    before = ref.read_bytes()
    with pytest.raises(ExportError, match="is the template itself"):
        export_brief(demo_lib, 1, ref, ExportOptions(template=ref, today=TODAY))
    assert ref.read_bytes() == before


def test_footnotes_option_and_annexes_left_out(demo_lib, tmp_path):
    out = tmp_path / "fn.docx"
    export_brief(
        demo_lib, 1, out, ExportOptions(notes="footnotes", annexes=frozenset({"claims"}), today=TODAY)
    )
    assert "<w:footnote " in _part(out, "word/footnotes.xml")
    assert not _part(out, "word/endnotes.xml")
    texts = _texts(docx.Document(str(out)))
    annexes = [t for t in texts if "Annex " in t]
    assert len(annexes) == 1 and annexes[0].endswith("Annex A: Claims and denials")


def test_user_template_styles_and_header_are_used(demo_lib, tmp_path):
    template = docx.Document()
    template.styles["Normal"].font.name = "Georgia"
    template.sections[0].header.paragraphs[0].text = "Northwind Analysis Unit"
    template.add_paragraph("Template body text that must not appear")
    ref = tmp_path / "ref.docx"
    template.save(str(ref))
    out = tmp_path / "t.docx"
    export_brief(demo_lib, 1, out, ExportOptions(template=ref, today=TODAY))
    document = docx.Document(str(out))
    assert document.styles["Normal"].font.name == "Georgia"
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header[0] == "TLP:AMBER" and "Northwind Analysis Unit" in header
    assert not any("Template body text" in t for t in _texts(document))


def test_dotx_template_is_accepted_and_a_corrupt_one_gets_a_plain_message(demo_lib, tmp_path):
    ref = tmp_path / "ref.docx"
    docx.Document().save(str(ref))
    dotx = tmp_path / "house.dotx"
    with zipfile.ZipFile(ref) as src, zipfile.ZipFile(dotx, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(item, data)
    export_brief(demo_lib, 1, tmp_path / "d.docx", ExportOptions(template=dotx, today=TODAY))
    assert docx.Document(str(tmp_path / "d.docx")).paragraphs[0].text
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ExportError, match="is not a Word document"):
        export_brief(demo_lib, 1, tmp_path / "e.docx", ExportOptions(template=bad))
    assert not (tmp_path / "e.docx").exists()


def test_cancel_leaves_no_file_and_progress_is_reported(demo_lib, tmp_path):
    from app.errors import CancelledError

    out = tmp_path / "c.docx"
    with pytest.raises(CancelledError):
        export_brief(demo_lib, 1, out, ExportOptions(today=TODAY), cancel=lambda: True)
    assert not out.exists() and not list(tmp_path.glob(".c.docx.*"))


def test_markdown_and_html_formats(demo_lib, tmp_path):
    md = tmp_path / "b.md"
    html = tmp_path / "b.html"
    r1 = export_brief(demo_lib, 1, md, ExportOptions(format="md", today=TODAY))
    r2 = export_brief(demo_lib, 1, html, ExportOptions(format="html", today=TODAY))
    assert "[^1]:" in md.read_text(encoding="utf-8") and r1.notes == r2.notes > 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_export_json_and_errors(demo_lib, tmp_path, capsys):
    demo_lib.close()
    lib_arg = ["--library", str(demo_lib.path)]
    out = tmp_path / "cli.docx"
    assert main([*lib_arg, "export", "1", "-o", str(out), "--json", "--today", "2026-11-25"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["path"] == str(out) and payload["banner"] == "TLP:AMBER" and payload["notes"] > 0
    assert main([*lib_arg, "export", "99", "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "99" in err
    assert main([*lib_arg, "export", "1", "-o", str(tmp_path / "no" / "such" / "dir.docx")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main([*lib_arg, "export", "1", "-o", str(out), "--template", str(tmp_path / "missing.docx")]) == 1
    assert "template" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main([*lib_arg, "export", "1"])
    assert usage.value.code == 2


def test_export_of_a_long_brief_with_every_section_marked(lib, source, tmp_path):
    claim = lib.claims.create(
        source_id=source.id, quote="would reopen within a week", actor="Dana Reyes"
    ).after
    para = f"(S//NF) A secret portion citing [@c{claim.id}].\n\n(U) An unclassified portion.\n\nUnmarked.\n\n"
    brief = lib.briefs.create(
        title="Long", body="## Part\n\n" + para * 2000, marking_scheme="classification", default_marking="C"
    ).after
    out = tmp_path / "long.docx"
    result = export_brief(lib, brief.id, out, ExportOptions(force=True, today=TODAY))
    assert result.banner == "SECRET//NOFORN"
    document = docx.Document(io.BytesIO(out.read_bytes()))
    texts = _texts(document)
    assert texts.count("(C) Unmarked.") == 2000  # the brief's default mark on unmarked paragraphs
    assert document.sections[0].header.paragraphs[0].text == "SECRET//NOFORN"


def test_the_house_template_already_has_the_house_look():
    """An export of the house template does not apply the house fonts and spacing again: the template was
    written with them, so applying them changes nothing in its styles."""
    from lxml import etree

    from app.export.docx.styles import house_styles
    from app.export.docx.template import load_template

    document = load_template(None)
    before = etree.tostring(document.styles.element)
    house_styles(document)
    assert etree.tostring(document.styles.element) == before


def test_the_house_template_holds_every_briefdesk_style():
    from app.export.docx import STYLE_DEFS, house_template_path

    path = house_template_path()
    assert path is not None, "resources/templates/briefdesk.docx is missing: run scripts/make_template.py"
    document = docx.Document(str(path))
    names = {s.name for s in document.styles}
    missing = [d.name for d in STYLE_DEFS if d.name not in names]
    assert not missing, f"run scripts/make_template.py: the template lacks {missing}"
    assert document.styles["Normal"].font.name == "Calibri"
    assert (
        document.sections[0].page_width == docx.shared.Mm(210)
        or abs(document.sections[0].page_width.mm - 210) < 1
    )
    assert not document.paragraphs
    # only the parts and table styles a brief uses: the rest made every export parse and zip 0.8 MB of XML
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        size = sum(i.file_size for i in z.infolist())
    assert not {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/item1.xml"} & names
    assert size < 150_000
    tables = {s.name for s in document.styles if s.type == docx.enum.style.WD_STYLE_TYPE.TABLE}
    assert tables == {"Normal Table", "Table Grid", "Briefdesk Table"}


def test_links_in_a_template_with_links_of_its_own_get_their_own_ids(lib, source, tmp_path):
    template = docx.Document()
    for n in range(3):  # the template's own relationships, ids rId9..rId11 after python-docx's
        template.part.relate_to(
            f"https://template.example/{n}", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, True
        )
    ref = tmp_path / "ref.docx"
    template.save(str(ref))
    body = "\n\n".join(
        f"Item {n}: [page](https://example.org/{n % 40}) and [again](https://example.org/0)."
        for n in range(120)
    )
    brief = lib.briefs.create(title="Links", body=body).after
    out = tmp_path / "links.docx"
    export_brief(lib, brief.id, out, ExportOptions(template=ref, force=True, today=TODAY))
    document = docx.Document(str(out))
    rels = document.part.rels
    links = document.element.body.findall(f".//{W}hyperlink")
    assert len(links) == 240
    targets = [
        rels[h.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")].target_ref
        for h in links
    ]
    assert targets[:2] == ["https://example.org/0", "https://example.org/0"]
    assert targets[2:4] == ["https://example.org/1", "https://example.org/0"]
    assert (
        len(
            {
                r
                for r in rels.values()
                if r.is_external and "example.org" in r.target_ref and "template" not in r.target_ref
            }
        )
        == 40
    )
    assert sum(1 for r in rels.values() if "template.example" in str(r.target_ref)) == 3
    ids = re.findall(r'Id="(rId\d+)"', _part(out, "word/_rels/document.xml.rels"))
    assert len(ids) == len(set(ids)) == len(rels)  # every id once in the saved file


def _png(width: int, height: int) -> bytes:
    """A plain RGB PNG of the given size, written here (no image library needed)."""
    import struct
    import zlib

    raw = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.mark.sqlite_only("an image beside the library file (a team library has no folder of its own)")
def test_letter_paper_and_a_real_image_and_clipped_core_properties(lib, source, tmp_path):
    (tmp_path / "chart.png").write_bytes(_png(40, 20))
    title = "A very long title " * 20
    brief = lib.briefs.create(title=title, body="![a chart](chart.png)\n\nText.\n", author="A. Analyst").after
    out = tmp_path / "img.docx"
    result = export_brief(lib, brief.id, out, ExportOptions(paper="Letter", force=True))
    document = docx.Document(str(out))
    assert document.inline_shapes and len(document.inline_shapes) == 1
    assert not result.warnings
    assert abs(document.sections[0].page_width.inches - 8.5) < 0.01
    assert len(document.core_properties.title) <= 255 and document.core_properties.title.endswith("\u2026")
    assert document.core_properties.author == "A. Analyst"


@pytest.mark.sqlite_only("an image beside the library file (a team library has no folder of its own)")
def test_an_image_wider_than_the_page_is_shrunk_to_the_text_width_keeping_its_shape(lib, tmp_path):
    (tmp_path / "wide.png").write_bytes(_png(4000, 400))  # 55 inches wide at 72 dpi
    brief = lib.briefs.create(title="Wide", body="![a wide chart](wide.png)\n", author="A. Analyst").after
    out = tmp_path / "wide.docx"
    export_brief(lib, brief.id, out, ExportOptions(force=True))
    document = docx.Document(str(out))
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    (shape,) = document.inline_shapes
    assert shape.width == text_width and shape.height == text_width // 10  # 4000 x 400: one tenth as high
    # the picture's own size (pic:spPr/a:xfrm/a:ext) says the same, or Word stretches it back
    ext = shape._inline.graphic.graphicData.pic.spPr.xfrm.ext
    assert (int(ext.cx), int(ext.cy)) == (shape.width, shape.height)


def test_drafted_source_summary_counts_uncorroborated_claims(lib, source):
    from app.export.docx.annexes import draft_summary_statement

    a = lib.claims.create(source_id=source.id, quote="would reopen within a week", actor="Dana Reyes").after
    b = lib.claims.create(source_id=source.id, quote="the guards are back", actor="Dana Reyes").after
    c = lib.claims.create(source_id=source.id, quote="Nothing has been repaired", actor="a spokesman").after
    lib.links.create(from_claim_id=b.id, kind="corroborates", to_claim_id=a.id)
    claims = list(lib.claims.get_many([a.id, b.id, c.id]).values())
    text = draft_summary_statement(claims, [lib.sources.get(source.id)], contested=0)
    assert "1 source published on 2026-03-03: 1 news article." in text
    assert "1 graded B" in text and "1 of 1 are usually reliable or better" in text
    assert "It cites 3 claims from 1 of these sources; 2 rest on a single source" in text
    assert "0 are contested" in text


def test_what_stops_an_export_is_the_errors_the_checks_report_and_nothing_else(
    demo_lib, lib, source, tmp_path
):
    """An export runs only the rules that can give an error: a brief with warnings alone is exported as final,
    and a brief with errors is refused (or, forced, made a draft) for exactly the errors `check` reports."""
    from app.checks import CheckSettings, check_brief

    settings = CheckSettings(today=TODAY)
    demo = demo_lib.briefs.list().items[0]
    paragraphs = demo_lib.briefs.get(demo.id).body.split("\n\n")
    hidden = "Crews were seen at the bridge \u202eon Tuesday."  # a direction mark (bidi): a warning
    demo_lib.briefs.set_body(demo.id, "\n\n".join([*paragraphs[:3], hidden, *paragraphs[3:]]))
    report = check_brief(demo_lib, demo.id, settings=settings)
    assert report.warnings and not report.errors
    result = export_brief(demo_lib, demo.id, tmp_path / "demo.docx", ExportOptions(today=TODAY))
    assert not result.draft and result.check_errors == 0

    claim = lib.claims.create(
        source_id=source.id, quote="would reopen within a week", actor="Dana Reyes"
    ).after
    body = (
        "## Summary\n\n"
        f"Officials said the crossing would likely reopen within a week [@c{claim.id}].\n\n"
        "The ministry reported that repair crews worked through the night on the damaged northern span "
        "of the bridge and that traffic would resume once inspectors had signed off on the repairs.\n"
    )
    brief = lib.briefs.create(title="Crossing", body=body).after
    report = check_brief(lib, brief.id, settings=settings)
    # no Key Judgments section (T4, an error); warnings beside it (no source summary statement...)
    assert report.errors and report.warnings
    with pytest.raises(CheckFailedError) as refused:
        export_brief(lib, brief.id, tmp_path / "b.docx", ExportOptions(today=TODAY))
    assert refused.value.findings == [f"[{f.rule}] line {f.line}: {f.message}" for f in report.errors]
    assert not (tmp_path / "b.docx").exists()
    forced = export_brief(lib, brief.id, tmp_path / "b.docx", ExportOptions(today=TODAY, force=True))
    assert forced.draft and forced.check_errors == len(report.errors)
