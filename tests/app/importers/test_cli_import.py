import argparse

from app.cli.import_cmds import cmd_import, register


class _Ctx:
    def __init__(self, lib):
        self.lib, self.out = lib, None

    def open_library(self, **kw):
        return self.lib

    def output(self, payload, text):
        self.out = (payload, text)


def test_cli_import_exit_1_on_failure_but_imports_rest(lib, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_text("Title\nBody text.")
    (d / "bad.exe").write_bytes(b"MZ")
    p = argparse.ArgumentParser()
    register(p.add_subparsers())
    ctx = _Ctx(lib)
    assert cmd_import(p.parse_args(["import", str(d)]), ctx) == 1
    assert "imported: 1" in ctx.out[1] and "bad.exe" in ctx.out[1]
