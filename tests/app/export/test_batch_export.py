"""``briefdesk export`` of many briefs in one run: ``ID ID -o DIR/``, ``--all``, ``--status final``.

Each brief becomes its own file in the folder, read back here with python-docx; a brief that cannot be
exported is named on stderr while the others are still written, and the exit code says so.
"""

from __future__ import annotations

import json

import docx
import pytest

from app.cli import main
from app.cli.export_cmds import file_name

TODAY = ["--today", "2026-11-25"]


@pytest.fixture
def briefs(demo_lib):
    """The demo brief (1, a draft), a final brief and a draft citing a claim the library does not hold."""
    lib = demo_lib
    claim = lib.claims.list(limit=1).items[0]
    final = lib.briefs.create(
        title="Kessel crossing: week 12 / Überblick",
        body=(
            "# Key Judgments\n\n- We assess with moderate confidence that the crossing probably reopened on Monday "
            f"[@c{claim.id}].\n\n# Discussion\n\nThe minister said so [@c{claim.id}].\n"
        ),
        status="final",
    ).id
    broken = lib.briefs.create(title="Draft with a gap", body="# Gap\n\nA claim that is gone [@c99999].\n").id
    lib.close()
    return lib.path, final, broken


def _titles_in(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_several_briefs_go_to_one_folder_one_file_each(briefs, tmp_path, capsys):
    library, final, _ = briefs
    out = tmp_path / "out"
    code = main(["--library", str(library), "export", "1", f"b{final}", "-o", f"{out}/", "--force", *TODAY])
    stdout, err = capsys.readouterr()
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [file_name(1, _demo_title(library), "docx"), f"b{final}-kessel-crossing-week-12-überblick.docx"]
    )
    assert "Kessel crossing: week 12" in _titles_in(out / f"b{final}-kessel-crossing-week-12-überblick.docx")
    assert f"Exported brief {final} to {out}" in stdout and "Exported 2 of 2 briefs" in stdout


def _demo_title(library) -> str:
    from app.library import Library

    lib = Library.open(library)
    try:
        return lib.briefs.get(1).title
    finally:
        lib.close()


def test_status_final_exports_only_the_final_briefs(briefs, tmp_path, capsys):
    library, final, _ = briefs
    out = tmp_path / "final"
    code = main(["--library", str(library), "export", "--status", "final", "-o", str(out), "--json", *TODAY])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0, payload["failed"]
    assert [e["brief"] for e in payload["exported"]] == [final] and payload["failed"] == []
    assert [p.name for p in out.iterdir()] == [f"b{final}-kessel-crossing-week-12-überblick.docx"]


def test_all_writes_what_it_can_and_names_the_brief_it_could_not(briefs, tmp_path, capsys):
    library, final, broken = briefs
    out = tmp_path / "all"
    code = main(["--library", str(library), "export", "--all", "-o", str(out), "--force", *TODAY])
    stdout, err = capsys.readouterr()
    assert code == 1
    assert f"brief {broken} not exported" in err and "c99999" in err
    written = {p.name.split("-")[0] for p in out.iterdir()}
    assert written == {"b1", f"b{final}"}  # the others are written
    assert "Exported 2 of 3 briefs" in stdout and "1 not exported" in stdout
    for p in out.iterdir():
        assert _titles_in(p).strip()  # a real document each


def test_batch_refusals_are_plain_and_write_nothing(briefs, tmp_path, capsys):
    library, final, _ = briefs
    lib_arg = ["--library", str(library)]
    a_file = tmp_path / "one.docx"
    a_file.write_bytes(b"kept")
    assert main([*lib_arg, "export", "1", str(final), "-o", str(a_file)]) == 1
    assert "is a file" in capsys.readouterr().err and a_file.read_bytes() == b"kept"
    assert main([*lib_arg, "export", "1", "--all", "-o", str(tmp_path / "x")]) == 1
    assert "not both" in capsys.readouterr().err
    assert main([*lib_arg, "export", "-o", str(tmp_path / "x")]) == 1
    assert "Say which brief" in capsys.readouterr().err
    assert (
        main([*lib_arg, "export", "1", "99", "-o", str(tmp_path / "x")]) == 1
    )  # unknown id: nothing written
    assert "99" in capsys.readouterr().err and not (tmp_path / "x").exists()
    assert main([*lib_arg, "export", "1", str(final), "-o", str(tmp_path / "no" / "such")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main([*lib_arg, "export", "1", "--status", "final", "-o", str(tmp_path / "y")]) == 1
    assert "No brief of those named is final" in capsys.readouterr().err


def test_one_brief_into_an_existing_folder_takes_its_name(briefs, tmp_path, capsys):
    library, final, _ = briefs
    code = main(["--library", str(library), "export", str(final), "-o", str(tmp_path), "--force", *TODAY])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / f"b{final}-kessel-crossing-week-12-überblick.docx").is_file()


def test_file_names_are_readable_and_safe():
    assert file_name(12, "Border crossings in May", "docx") == "b12-border-crossings-in-may.docx"
    assert file_name(3, "../../etc/passwd", "md") == "b3-etc-passwd.md"
    assert file_name(4, "  ***  ", "html") == "b4.html"
    assert file_name(5, "Ｆｕｌｌ\u200bwidth\u202etitle", "stix") == "b5-full-width-title.json"
    long = file_name(6, "word " * 80, "docx")
    assert len(long) <= len("b6-") + 60 + len(".docx") and not long.endswith("-.docx")
