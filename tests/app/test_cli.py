"""The briefdesk command line: output, JSON, exit codes, and bad input leaving the library unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture
def run(library_target, capsys):
    """The command line on the test's library: a SQLite file, then a team library on PostgreSQL."""
    library = library_target

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--library", str(library), *args])
        out, err = capsys.readouterr()
        return code, out, err

    _run.library = library
    return _run


@pytest.fixture
def demo(run, put_demo):
    put_demo(run.library)
    return run


def _dump(library: Path | str) -> str:
    """Everything stored: the SQLite file's SQL dump, or every row of every table of a team library."""
    if isinstance(library, str):
        return dump_database(library)
    import sqlite3

    conn = sqlite3.connect(library)
    lines = list(conn.iterdump())
    conn.close()
    return "\n".join(line for line in lines if "sqlite_sequence" not in line)


def dump_database(url: str) -> str:
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            lines = []
            for table in sorted(inspect(conn).get_table_names()):
                rows = conn.execute(text(f"SELECT * FROM {table}")).all()
                lines += [f"{table}: {row!r}" for row in sorted(rows, key=repr)]
            return "\n".join(lines)
    finally:
        engine.dispose()


def test_demo_then_contested_claims_and_claim_show(run):
    demo = run
    code, out, err = demo("demo")  # the command itself, on an empty library (other tests copy its result)
    assert code == 0, err
    code, out, _ = demo("claims", "--contested", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] >= 5
    contested = data["claims"][0]
    assert contested["contested"] is True and contested["denial_count"] >= 1
    assert set(contested) >= {"id", "ref", "grade", "statement", "quote", "said", "actor_name", "source_id"}
    code, out, _ = demo("claim", "show", str(contested["id"]), "--json")
    view = json.loads(out)
    assert view["claim"]["id"] == contested["id"]
    assert len(view["denials"]) == contested["denial_count"]
    denial = view["denials"][0]
    assert denial["link"]["kind"] == "denies" and denial["claim"]["grade"]
    code, out, _ = demo("claim", "show", str(contested["id"]))
    assert code == 0 and "Denied by" in out and "CONTESTED" in out


def test_demo_refuses_a_library_with_content_unless_forced(demo):
    code, _, err = demo("demo")
    assert code == 1 and "already has content" in err
    code, _, _ = demo("demo", "--force")
    assert code == 0


def test_import_add_link_set_search_and_where_cited(run, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(
        "Harbour to reopen\n\nThe port authority said the harbour will reopen on Friday.\n"
        "Dockworkers said it would not.\n",
        encoding="utf-8",
    )
    code, out, err = run("import", str(article), "--reliability", "B", "--kind", "news", "--json")
    assert code == 0, err
    code, out, err = run("sources", "--json")
    source = json.loads(out)["sources"][0]
    assert source["title"] == "Harbour to reopen" and source["reliability"] == "B"
    sid = str(source["id"])
    code, out, err = run(
        "claim",
        "add",
        "--source",
        sid,
        "--quote",
        "the harbour will reopen on Friday",
        "--actor",
        "Port authority",
        "--said",
        "2026-03-01",
        "--credibility",
        "2",
        "--json",
    )
    assert code == 0, err
    a = json.loads(out)["claim"]
    assert a["grade"] == "B2"
    code, out, err = run(
        "claim", "add", "--source", sid, "--quote", "it would not", "--actor", "Dockworkers", "--json"
    )
    b = json.loads(out)["claim"]
    code, out, err = run("claim", "link", str(a["id"]), "--denies", str(b["id"]))
    assert code == 0 and f"c{b['id']} denies claim c{a['id']}" in out
    code, out, _ = run("claim", "set", str(a["id"]), "--status", "disputed", "--json")
    assert json.loads(out)["claim"]["status"] == "disputed"
    code, out, _ = run("search", "harbour", "--json")
    assert {h["entity"] for h in json.loads(out)["hits"]} >= {"source", "claim"}
    body = tmp_path / "brief.md"
    body.write_text(f"## Outlook\n\nThe harbour reopens [@c{a['id']}; @c{b['id']}].\n", encoding="utf-8")
    code, out, err = run(
        "brief", "new", "Harbour outlook", "--body", str(body), "--marking", "tlp:amber", "--json"
    )
    assert code == 0, err
    brief = json.loads(out)["brief"]
    assert brief["default_marking"] == "TLP:AMBER"
    code, out, _ = run("where-cited", str(a["id"]), "--json")
    assert json.loads(out)["citations"][0]["section"] == "Outlook"
    code, out, _ = run("where-cited", str(a["id"]))
    assert "Harbour outlook" in out
    code, out, _ = run("brief", "show", str(brief["id"]))
    assert "Harbour outlook" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["claim", "show", "999"], "no claim with id 999"),
        (["source", "show", "999"], "no source with id 999"),
        (["source", "set", "1", "--reliability", "Z"], "reliability grade"),
        (["source", "set", "1", "--published", "yesterday"], "YYYY-MM-DD"),
        (["claim", "add", "--source", "1", "--quote", "words nobody wrote"], "does not occur"),
        (["claim", "add", "--source", "1", "--quote", "Iran", "--credibility", "9"], "credibility grade"),
        (["claim", "add", "--source", "1", "--quote", "Iran", "--said", "2026-02-30"], "YYYY-MM-DD"),
        (["claim", "link", "1", "--denies", "1"], "itself"),
        (["claim", "set", "1", "--credibility", "0"], "credibility grade"),
        (["brief", "new", "X", "--marking", "tlp:purple"], "not a valid tlp marking"),
        (["brief", "new", "X", "--body", "/nonexistent/file.md"], "no file"),
        (["where-cited", "424242"], "no claim"),
    ],
)
def test_bad_input_prints_one_line_exits_1_and_changes_nothing(demo, args, message):
    before = _dump(demo.library)
    code, out, err = demo(*args)
    assert code == 1
    assert message in err
    assert err.count("\n") == 1 and err.startswith("briefdesk: ")
    assert _dump(demo.library) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claim", "show", "99999999999999999999"], "is not an id"),
        (["claim", "show", "\u00b2"], "is not an id"),  # a superscript two is a digit to Python, not an id
        (["claim", "show", "\u0661\u0662"], "is not an id"),
        (["export", "99999999999999999999", "-o", "x.docx"], "is not an id"),
        (["check", "1", "--stale-days", "-3"], "is not a number"),
        (["claims", "--limit", "99999999999999999999"], "is not a number"),
        (["claims", "--offset", "-5"], "is not a number"),
    ],
)
def test_out_of_range_numbers_are_usage_errors_not_tracebacks(demo, args, message, capsys):
    before = _dump(demo.library)
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        demo(*args)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert _dump(demo.library) == before


def test_ids_may_carry_their_letter(demo):
    code, out, _ = demo("claim", "show", "c1")
    assert code == 0 and "c1" in out
    code, out, _ = demo("claim", "show", "9223372036854775807")
    assert code == 1


def test_duplicate_link_is_refused(demo):
    code, out, _ = demo("claims", "--contested", "--json")
    claim = json.loads(out)["claims"][0]
    view = json.loads(demo("claim", "show", str(claim["id"]), "--json")[1])
    denial = view["denials"][0]["claim"]["id"]
    before = _dump(demo.library)
    code, _, err = demo("claim", "link", str(claim["id"]), "--denies", str(denial))
    assert code == 1 and "already" in err
    assert _dump(demo.library) == before


def test_a_file_that_is_not_a_library_exits_1_and_is_untouched(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a library")
    code = main(["--library", str(notes), "claims"])
    _, err = capsys.readouterr()
    assert code == 1 and str(notes) in err and "not a Briefdesk library" in err
    assert notes.read_text() == "not a library"


def test_usage_errors_exit_2(run):
    with pytest.raises(SystemExit) as exc:
        run("claims", "--no-such-option")
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        run("claim", "link", "1", "2")
    assert exc.value.code == 2


def test_library_from_environment_variable(tmp_path, monkeypatch, capsys):
    library = tmp_path / "env.briefdesk"
    monkeypatch.setenv("BRIEFDESK_LIBRARY", str(library))
    assert main(["demo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["library"] == str(library)


def test_console_script_runs_as_a_process(tmp_path):
    library = tmp_path / "proc.briefdesk"
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--library", str(library), "demo", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["claims"] >= 25


def test_a_command_process_leaves_with_its_output_exit_code_and_library_closed(tmp_path):
    """The console script ends a command's process at once (os._exit, no interpreter teardown), after doing
    what an ordinary exit does: the atexit handlers run, every line of output is delivered, the exit code is
    the command's, and the library is closed (its write-ahead log checkpointed and removed)."""
    library = tmp_path / "leave.briefdesk"
    code = (
        "import atexit, sys\n"
        "from app.cli import console\n"
        "atexit.register(lambda: print('atexit ran', flush=True))\n"
        "console(sys.argv[1:])\n"
    )

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, "--library", str(library), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    made = command("demo", "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout.removesuffix("atexit ran\n"))["claims"] >= 25
    assert made.stdout.endswith("}\natexit ran\n")
    new = command("brief", "new", "Written before leaving")
    assert new.returncode == 0 and new.stdout.startswith("Brief ") and new.stdout.endswith("atexit ran\n")
    assert not Path(f"{library}-wal").exists() and not Path(f"{library}-journal").exists()
    listed = command("brief", "list", "--json")  # every byte of a long JSON document, piped
    briefs = json.loads(listed.stdout.removesuffix("atexit ran\n"))["briefs"]
    assert "Written before leaving" in [b["title"] for b in briefs]
    checked = command("check", "1")
    assert checked.returncode == 0 and checked.stdout.endswith("0 errors, 0 warnings.\natexit ran\n")
    missing = command("claim", "show", "999999")
    assert (
        missing.returncode == 1
        and missing.stderr.startswith("briefdesk: ")
        and missing.stdout == "atexit ran\n"
    )
    usage = command("claims", "--no-such-option")  # argparse's exit: the ordinary way, code 2
    assert usage.returncode == 2 and "usage:" in usage.stderr


def test_app_never_imports_qt_or_ui():
    code = (
        "import importlib, pkgutil, sys, app\n"
        "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
        "    if '.migrations.' in m.name or m.name.endswith('__main__'): continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.startswith(('PySide6', 'shiboken6', 'ui'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_help_and_version_start_without_loading_the_storage_layer():
    """`briefdesk --help` and `--version` answer at once: nothing that opens a library is imported for them."""
    import subprocess
    import sys

    code = (
        "import sys, contextlib, io\n"
        "from app.cli import main\n"
        "for argv in (['--help'], ['--version'], ['export', '--help'], ['check', '--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n"
        "            main(argv)\n"
        "        except SystemExit:\n"
        "            pass\n"
        "print(sorted(m for m in ('sqlalchemy', 'docx', 'markdown', 'app.library') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_reading_a_library_that_does_not_exist_says_so_and_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "typo" / "libary.briefdesk"
    for args in (["claims"], ["search", "drones"], ["claim", "show", "1"], ["export", "1", "-o", "x.docx"]):
        assert main(["--library", str(missing), *args]) == 1
        err = capsys.readouterr().err
        assert f"There is no library at {missing}" in err and "briefdesk demo" in err
    assert not (tmp_path / "typo").exists()
    assert main(["--library", str(missing), "brief", "new", "First brief"]) == 0  # adding content creates it
    assert missing.exists()


def test_an_oversized_brief_file_is_refused_before_it_is_read(demo, tmp_path):
    big = tmp_path / "big.md"
    with open(big, "wb") as fh:  # sparse: 300 MB on paper, nothing on disk
        fh.truncate(300_000_000)
    before = _dump(demo.library)
    code, _out, err = demo("brief", "set-body", "1", str(big))
    assert code == 1 and "too large for a brief" in err
    assert _dump(demo.library) == before


def test_json_output_is_strict_json():
    import math

    from app.cli.common import to_jsonable

    assert to_jsonable({"a": math.inf, "b": [math.nan, 1.5]}) == {"a": None, "b": [None, 1.5]}


def test_a_brief_body_from_a_pipe_is_refused_not_waited_on(demo, tmp_path):
    import os

    pipe = tmp_path / "body.md"
    os.mkfifo(pipe)
    code, _out, err = demo("brief", "set-body", "1", str(pipe))
    assert code == 1 and "not a regular file" in err


def test_help_lists_every_command_family():
    from app.cli import build_parser

    help_text = build_parser().format_help()
    for command in (
        "demo", "sources", "actors", "claims", "source", "claim", "search", "brief", "where-cited",
        "import", "extract", "export", "check",
    ):  # fmt: skip
        assert f"    {command} " in help_text or f"    {command}\n" in help_text, command


def test_a_command_module_that_fails_to_import_is_not_skipped(monkeypatch):
    import app.cli as cli

    monkeypatch.setattr(cli, "COMMAND_MODULES", {**cli.COMMAND_MODULES, "app.cli.no_such_cmds": ("nothing",)})
    with pytest.raises(ModuleNotFoundError, match="no_such_cmds"):
        cli.build_parser()


def test_each_command_loads_only_its_own_module_and_the_table_says_what_each_registers():
    """COMMAND_MODULES names the commands each module registers; a command's parser loads just those."""
    import argparse
    import importlib

    import app.cli as cli

    for module, names in cli.COMMAND_MODULES.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(module).register(sub)
        assert tuple(sub.choices) == names, module
    claims_only = cli.build_parser("claims").format_help()
    assert "    claims " in claims_only and "    export " not in claims_only
    both = cli.build_parser("library")._subparsers._group_actions[0].choices["library"].format_help()
    assert "export" in both and "copy" in both  # two modules add to 'library'
    assert cli.command_word(["--library", "x.briefdesk", "--json", "claims", "--limit", "3"]) == "claims"
    assert cli.command_word(["--help"]) is None and cli.command_word([]) is None
    everything = cli.build_parser("no-such-command").format_help()
    assert "    export " in everything and "    claims " in everything


def test_a_command_process_collects_garbage_again_once_its_library_is_open(tmp_path):
    """The console script starts without the cyclic garbage collector (cold start-up) but turns it back on,
    with start-up's objects frozen, as soon as the library is open: exporting many briefs in one process frees
    its garbage as it goes. A program calling app.cli.main keeps its own collector untouched."""
    import gc

    from app.library import Library

    library = tmp_path / "gc.briefdesk"
    with Library.open(library) as lib:
        for k in range(3):
            lib.briefs.create(title=f"Brief {k}", body="# Key judgments\n\nWe assess it is likely.\n")
    code = (
        "import gc, sys\n"
        "from ui.launcher import main\n"
        "import app.cli.common as common\n"
        "seen = []\n"
        "opened = common.Context.open_library\n"
        "def spy(self, **kw):\n"
        "    lib = opened(self, **kw)\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count() > 0))\n"
        "    return lib\n"
        "common.Context.open_library = spy\n"
        "code = main(['--library', sys.argv[1], 'export', '--all', '-o', sys.argv[2], '--force'])\n"
        "print(code, seen, gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(library), f"{tmp_path / 'out'}/"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.split("\n")[-2] == "0 [(True, True)] True", done.stdout + done.stderr
    assert len(list((tmp_path / "out").glob("*.docx"))) == 3
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    assert main(["--library", str(library), "claims"]) == 0  # in process: the caller's collector, untouched
    assert gc.isenabled() == enabled and gc.get_freeze_count() == frozen


def test_one_brief_exported_in_its_own_process_never_collects_and_the_collector_is_back_after(tmp_path):
    """Exporting one brief is bounded work: the console script keeps the collector paused through it (no
    young collections walking what the export imports), and main() never returns with it still off."""
    from app.library import Library

    library = tmp_path / "one.briefdesk"
    with Library.open(library) as lib:
        brief = lib.briefs.create(title="One", body="# Key judgments\n\nWe assess it is likely.\n").after
    code = (
        "import gc, sys\n"
        "from ui.launcher import main\n"
        "import app.export.service as service\n"
        "seen = []\n"
        "export = service.export_brief\n"
        "def spy(*a, **kw):\n"
        "    seen.append(gc.isenabled())\n"
        "    return export(*a, **kw)\n"
        "service.export_brief = spy\n"
        "code = main(['--library', sys.argv[1], 'export', sys.argv[2], '-o', sys.argv[3], '--force'])\n"
        "print(code, seen, gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(library), str(brief.id), str(tmp_path / "one.docx")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.split("\n")[-2] == "0 [False] True True", done.stdout + done.stderr
    assert (tmp_path / "one.docx").stat().st_size > 0


def test_brief_delete_removes_the_brief_and_says_so(demo):
    code, out, _ = demo("brief", "list", "--json")
    brief = json.loads(out)["briefs"][0]
    code, out, err = demo("brief", "delete", f"b{brief['id']}")
    assert code == 0, err
    assert f"Brief {brief['id']} deleted ({brief['title']})" in out and "revision" in out
    code, out, _ = demo("brief", "list", "--json")
    assert brief["id"] not in [b["id"] for b in json.loads(out)["briefs"]]
    before = _dump(demo.library)
    code, out, err = demo("brief", "delete", str(brief["id"]))
    assert code == 1 and out == ""
    assert err == f"briefdesk: There is no brief with id {brief['id']}.\n"
    assert err.count("\n") == 1
    assert _dump(demo.library) == before


def test_check_help_and_rules_name_every_rule(run, capsys):
    from app.check_rules import CHECK_RULES
    from app.checks import RULES

    with pytest.raises(SystemExit):
        main(["check", "--help"])
    help_text = capsys.readouterr().out
    code, out, _ = run("check", "--rules", "--json")
    listed = json.loads(out)["rules"]
    assert code == 0 and [r["id"] for r in listed] == [r.id for r in RULES]
    lines = help_text.splitlines()
    starts = set()
    for info, rule in zip(CHECK_RULES, RULES, strict=True):
        (line,) = [ln for ln in lines if ln.split()[:1] == [info.id] and info.description in ln]
        assert line.split()[1] == info.severity
        starts.add(line.index(info.description))
        assert rule.run.__module__ == f"app.checks.{info.module}" and rule.name == info.name
        assert rule.title == info.description and rule.severity.value == info.severity
    assert len(starts) == 1  # the descriptions stand in one column, whatever the length of the ids
    code, _, err = run("check")
    assert code == 1 and "--rules" in err


def test_export_to_a_file_type_briefdesk_cannot_write_is_refused_plainly(demo_lib, tmp_path, capsys):
    from app.cli import main

    notes = tmp_path / "notes.txt"
    notes.write_text("the analyst's own notes", encoding="utf-8")
    for target, said in ((tmp_path / "brief.pdf", "print it to PDF"), (notes, "cannot write '.txt' files")):
        code = main(["--library", str(demo_lib.path), "export", "1", "-o", str(target)])
        assert code == 1 and said in capsys.readouterr().err
    assert not (tmp_path / "brief.pdf").exists()
    assert notes.read_text(encoding="utf-8") == "the analyst's own notes"  # not overwritten with a .docx
    # the format said outright is written under any name
    assert (
        main(
            ["--library", str(demo_lib.path), "export", "1", "-o", str(tmp_path / "b.out"), "--format", "md"]
        )
        == 0
    )
    written = (tmp_path / "b.out").read_text(encoding="utf-8")
    assert not written.startswith("PK") and "The July 2022 warning" in written  # Markdown, not a .docx


def test_tidy_merges_the_search_index_and_search_finds_the_same(demo):
    """``briefdesk tidy`` merges the full-text index into one piece (a team library has nothing to tidy);
    searches find what they found before, and a second run has nothing to do."""
    import sqlite3

    def pieces() -> int:
        conn = sqlite3.connect(demo.library)
        try:
            return int(conn.execute("SELECT count(DISTINCT segid) FROM search_fts_idx").fetchone()[0])
        finally:
            conn.close()

    sqlite = isinstance(demo.library, Path)
    if sqlite:
        assert pieces() > 1  # the demo's rows were written in several transactions
    code, before, _ = demo("search", "ceasefire", "--json")
    assert code == 0
    code, out, err = demo("tidy", "--json")
    assert code == 0, err
    steps = json.loads(out)["steps"]
    if sqlite:
        assert steps >= 1 and pieces() == 1
    else:
        assert steps == 0
    assert json.loads(demo("search", "ceasefire", "--json")[1]) == json.loads(before)
    code, out, _ = demo("tidy")
    assert code == 0 and "nothing to do" in out


def test_control_characters_in_a_body_file_are_left_out_and_said(demo, tmp_path):
    """A script's stray control characters never reach the stored text (the editor would show them as
    boxes); the command says how many it left out, and tabs and line ends are kept."""
    f = tmp_path / "body.md"
    f.write_text("# Key judgments\n\nA\x07 line\twith\x00 a tab [@c1].\x1b\r\nNext.\n", encoding="utf-8")
    code, out, err = demo("brief", "set-body", "1", str(f))
    assert code == 0, err
    assert "body replaced. 3 control characters in the file left out" in out
    code, out, _err = demo("brief", "show", "1", "--json")
    body = json.loads(out)["brief"]["body"]
    assert body == "# Key judgments\n\nA line\twith a tab [@c1].\r\nNext.\n"
    code, out, _err = demo("brief", "new", "Second", "--body", str(f))
    assert code == 0 and "3 control characters in the file left out" in out
    clean = tmp_path / "clean.md"
    clean.write_text("Plain text.\n", encoding="utf-8")
    code, out, _err = demo("brief", "set-body", "1", str(clean))
    assert code == 0 and "left out" not in out


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG folders are Linux's")
def test_the_default_folders_are_the_platforms_own_for_briefdesk(monkeypatch, tmp_path):
    """Without --library the library, settings and logs live in the platform's folders for Briefdesk (the XDG
    folders on Linux), though platformdirs is only loaded when one of them is asked for."""
    from app import paths

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert paths.default_library_path() == tmp_path / "data" / "Briefdesk" / "library.briefdesk"
    assert paths.config_dir() == tmp_path / "config" / "Briefdesk"
    assert paths.log_dir().is_relative_to(tmp_path / "state" / "Briefdesk")
