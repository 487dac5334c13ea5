from app.importers.batch import import_paths


def test_batch_continues_after_failure_and_dedupes(lib, tmp_path):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text("Alpha\nOfficials said so.")
    (tmp_path / "b.pdf").write_bytes(b"not a pdf")
    (tmp_path / "c.txt").write_text("Alpha\nOfficials said so.")
    rep = import_paths(lib, [tmp_path])
    st = {r.path.rsplit("/", 1)[1]: r.status for r in rep.results}
    assert st == {"a.txt": "imported", "b.pdf": "failed", "c.txt": "existing"}


def test_cancel_stops_before_next_file(lib, tmp_path):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"T{n}\nbody {n}")
    calls = []
    rep = import_paths(
        lib, [tmp_path], progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) >= 1
    )
    assert rep.cancelled and [r.status for r in rep.results] == ["imported"]
