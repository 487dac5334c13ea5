"""Paths and arguments an adversary (or an unset shell variable) would give: each refused in plain words,
with exit code 1 (2 for a usage error), no traceback, and nothing read that need not be."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from tests.adversarial import hostile

ROOT = Path(__file__).resolve().parents[2]
LONG = "a" * 300  # one name longer than any file system allows (255 bytes)


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "lib.briefdesk"
    assert main(["--library", str(path), "brief", "new", "Plain brief", "--empty"]) == 0
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return rc, out, err


def test_an_empty_library_path_is_a_usage_error_not_the_default_library(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BRIEFDESK_LIBRARY", str(tmp_path / "from-env.briefdesk"))
    with pytest.raises(SystemExit) as exc:
        main(["--library", "", "brief", "new", "Where does this go?"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--library was given an empty path" in err
    assert not list(tmp_path.iterdir())  # nothing created anywhere


@pytest.mark.parametrize(
    "value,says",
    [
        (" ", "--library was given an empty path"),
        ("lib\n.briefdesk", "holds a control character ('\\n')"),
        ("lib.briefdesk\t", "holds a control character ('\\t')"),
        ("sqlite:///lib.briefdesk", "is a sqlite: address; a library is a file path"),
        ("file:///tmp/lib.briefdesk", "is a file: address"),
        ("https://example.org/lib.briefdesk", "is a https: address"),
    ],
)
@pytest.mark.parametrize("given_as", ["--library", "$BRIEFDESK_LIBRARY"])
def test_odd_library_arguments_are_usage_errors_and_create_nothing(
    tmp_path, capsys, monkeypatch, value, says, given_as
):
    """A library argument that cannot be meant (a blank, a stray line break or tab, an address of the wrong
    kind) is refused before anything is opened; before, each made a new library (`sqlite:///x` a folder named
    `sqlite:`) and wrote into it."""
    monkeypatch.chdir(tmp_path)
    if given_as == "--library":
        argv = ["--library", value, "import", str(ROOT / "README.md")]
    else:
        monkeypatch.setenv("BRIEFDESK_LIBRARY", value)
        argv = ["import", str(ROOT / "README.md")]
        says = "holds only blanks" if not value.strip() else says
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"briefdesk: {given_as}" in err and says in err, err
    assert "Traceback" not in err
    assert not list(tmp_path.iterdir())  # nothing created


def test_an_empty_environment_variable_means_unset(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BRIEFDESK_LIBRARY", "")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    from app.paths import default_library_path

    monkeypatch.setattr("app.cli.common.default_library_path", lambda: tmp_path / "default.briefdesk")
    assert main(["brief", "new", "Goes to the default library"]) == 0
    assert (tmp_path / "default.briefdesk").exists()
    assert default_library_path() != tmp_path / "default.briefdesk"


def test_a_library_under_a_file_says_which_is_the_file(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not a folder")
    rc, _, err = run(capsys, "--library", str(tmp_path / "notes.txt" / "lib.briefdesk"), "brief", "new", "X")
    assert rc == 1
    assert f"{tmp_path / 'notes.txt'} is a file, not a folder" in err


@pytest.mark.parametrize("value", ["sqlite:///lib.briefdesk", "lib\n.briefdesk", " ", "/proc/lib.briefdesk"])
def test_the_desktop_app_refuses_odd_library_arguments_in_a_message(qtbot, tmp_path, monkeypatch, value):
    """The same slips given to the desktop app: a plain message box, exit code 1, nothing created (before, a
    new library filled with the demo content was made under the odd name)."""
    from PySide6.QtWidgets import QMessageBox

    from ui import main as ui_main

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.chdir(tmp_path)
    assert ui_main.run(value) == 1
    assert shown and "Traceback" not in shown[0]
    assert any(w in shown[0] for w in ("control character", "address", "empty path", "system file")), shown
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "args",
    [
        ["--library", f"/tmp/{LONG}.briefdesk", "sources"],
        ["import", f"/tmp/{LONG}.txt"],
        ["export", "1", "-o", f"/tmp/{LONG}.docx"],
        ["export", "1", "-o", "out.docx", "--template", f"/tmp/{LONG}.docx"],
        ["brief", "set-body", "1", f"/tmp/{LONG}.md"],
    ],
)
def test_over_long_file_names_are_refused_plainly(library, capsys, args):
    full = args if args[0] == "--library" else ["--library", str(library), *args]
    rc, _out, err = run(capsys, *full)
    assert rc == 1
    assert "is too long: a file name may have at most 255 bytes" in err


@pytest.mark.parametrize(
    "args",
    [
        ["import", "/proc/self/environ"],
        ["brief", "set-body", "1", "/proc/self/environ"],
        ["brief", "set", "1", "--summary", "/proc/self/status"],
        ["export", "1", "-o", "out.docx", "--template", "/proc/self/environ"],
        ["export", "1", "-o", "/proc/self/fd/1"],
        ["--library", "/proc/self/environ", "sources"],
    ],
)
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_paths_under_proc_are_refused_before_reading(library, capsys, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    full = args if args[0] == "--library" else ["--library", str(library), *args]
    rc, _out, err = run(capsys, *full)
    assert rc == 1
    assert "is a system file (under /proc)" in err
    with __import__("app.library", fromlist=["Library"]).Library.open(library) as lib:
        assert lib.briefs.get(1).body == ""  # the environment did not become a brief
        assert lib.counts()["sources"] == 0


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc (Linux)")
def test_a_3_gb_template_is_refused_from_its_size_without_reading_it(library, tmp_path):
    big = hostile.sparse_file(tmp_path / "huge.dotx")
    rc, _out, err, peak_mb = hostile.run_cli_in_child(
        "--library",
        str(library),
        "export",
        "1",
        "-o",
        str(tmp_path / "out.docx"),
        "--template",
        str(big),
        cwd=ROOT,
    )
    assert rc == 1
    assert "The template" in err and "is too large (3,221 MB; at most 50 MB); nothing was read." in err
    assert peak_mb < 300, f"peak {peak_mb} MB: the template was read"
    assert not (tmp_path / "out.docx").exists()


def test_a_template_whose_zip_directory_lies_is_refused(library, tmp_path, capsys):
    bomb = hostile.write(tmp_path / "bomb.docx", hostile.understated_docx(real_bytes=64 * 1024 * 1024))
    rc, _out, err = run(
        capsys,
        "--library",
        str(library),
        "export",
        "1",
        "-o",
        str(tmp_path / "o.docx"),
        "--template",
        str(bomb),
        "--force",
    )
    assert rc == 1 and "cannot be used: refused, a part expands to more than its declared size" in err


@pytest.mark.parametrize(
    "args,what",
    [
        (
            ["actors", "--text", "x" * 131_072],
            "The text to look for is too long (131,072 characters; at most 1,000)",
        ),
        (["sources", "--text", "x" * 131_072], "The text to look for is too long"),
        (["claims", "--text", "x " * 60_000], "The text to look for is too long"),
        (["claims", "--actor", "x" * 131_072], "The actor name to look for is too long"),
        (["search", "x " * 60_000], "The search is too long"),
    ],
)
def test_over_long_text_filters_say_what_was_wrong(library, capsys, args, what):
    rc, _out, err = run(capsys, "--library", str(library), *args)
    assert rc == 1
    assert what in err
    assert "could not be used" not in err and "LIKE" not in err
