"""briefdesk hypothesis / ach / assumption / timeline: output, JSON, exit codes, bad input changing nothing."""

from __future__ import annotations

import json

import pytest

from app.cli import main


@pytest.fixture
def run(tmp_path, capsys, put_demo):
    library = tmp_path / "cli.briefdesk"

    def _run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--library", str(library), *args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code)
        out, err = capsys.readouterr()
        return code, out, err

    put_demo(library)
    # brief 2: the demo brief's text without its analysis (brief 1 carries the demo's worked ACH)
    _, out, _ = _run("brief", "show", "1", "--json")
    body = tmp_path / "body.md"
    body.write_text(json.loads(out)["brief"]["body"], encoding="utf-8")
    code, _, err = _run("brief", "new", "Scratch", "--body", str(body))
    assert code == 0, err
    _run.library = library
    return _run


def _claim_ids(run) -> dict[str, int]:
    """Demo claims by a word of their statement."""
    _, out, _ = run("claims", "--limit", "100", "--json")
    return {c["statement"]: c["id"] for c in json.loads(out)["claims"]}


def _find(claims: dict[str, int], words: str) -> int:
    (cid,) = [i for s, i in claims.items() if words in s]
    return cid


def test_hypotheses_from_the_command_line(run):
    code, out, err = run("hypothesis", "add", "b2", "Iran supplied drones at scale", "--json")
    assert code == 0, err
    h1 = json.loads(out)["hypothesis"]
    assert h1["brief_id"] == 2 and h1["position"] == 1 and h1["ref"] == f"h{h1['id']}"
    run("hypothesis", "add", "2", "Russia built them")
    code, out, _ = run("hypothesis", "add", "2", "Only a few went before the war", "--position", "1")
    assert code == 0 and "as H1" in out
    code, out, _ = run("hypothesis", "list", "2")
    assert code == 0
    lines = [line.split()[0] for line in out.splitlines()[2:]]
    assert lines == ["H1", "H2", "H3"] and "Only a few went" in out.splitlines()[2]
    code, out, _ = run(
        "hypothesis", "set", f"h{h1['id']}", "--text", "Iran supplied drones at scale after 2022"
    )
    assert code == 0 and "after 2022" in out
    code, out, _ = run("hypothesis", "set", f"h{h1['id']}", "--judgment", "2")
    assert code == 0
    code, out, _ = run("hypothesis", "list", "2")
    assert "key judgment 2" in out
    code, out, _ = run("ach", "2", "--json")
    assert [h["judgment"] for h in json.loads(out)["hypotheses"] if h["hypothesis_id"] == h1["id"]] == [2]
    code, out, _ = run("hypothesis", "set", str(h1["id"]), "--judgment", "none", "--json")
    assert json.loads(out)["hypothesis"]["judgment"] is None
    code, out, err = run("hypothesis", "add", "2", "Tied at birth", "--judgment", "1")
    assert code == 0 and "(stated by key judgment 1)" in out
    code, out, _ = run("hypothesis", "delete", str(h1["id"]), "--json")
    assert json.loads(out)["ratings_removed"] == 0
    code, out, _ = run("hypothesis", "list", "2", "--json")
    assert [h["text"] for h in json.loads(out)["hypotheses"]] == [
        "Only a few went before the war",
        "Russia built them",
        "Tied at birth",
    ]


def test_the_matrix_from_the_command_line_json_in_rank_order(run):
    claims = _claim_ids(run)
    dates = _find(claims, "date codes")  # B2
    admission = _find(claims, "small number of drones")  # C4, denied by B3 and B2
    for text in ("Iran supplied drones after the invasion", "Iran sent a few drones before the war"):
        assert run("hypothesis", "add", "2", text)[0] == 0
    _, out, _ = run("hypothesis", "list", "2", "--json")
    h1, h2 = (h["id"] for h in json.loads(out)["hypotheses"])
    for h, c, r in ((h1, dates, "CC"), (h2, dates, "II"), (h1, admission, "I"), (h2, admission, "CC")):
        code, out, err = run("ach", "rate", f"h{h}", f"c{c}", r)
        assert code == 0, err
    code, out, _ = run("ach", "2", "--json")
    data = json.loads(out)
    # H1 = 0.24*0.24/(0.24+0.48+0.64) = 0.042353; H2 = 2 * 0.64 = 1.28
    assert [(h["hypothesis_id"], h["rank"]) for h in data["hypotheses"]] == [(h1, 1), (h2, 2)]
    assert data["hypotheses"][0]["score"] == pytest.approx(0.0576 / 1.36, abs=1e-6)
    assert data["hypotheses"][1]["score"] == pytest.approx(1.28)
    rows = {c["claim_id"]: c for c in data["claims"]}
    assert rows[dates]["grade"] == "B2" and rows[dates]["diagnostic"] is True
    assert rows[admission]["grade"] == "C4" and sorted(rows[admission]["denial_grades"]) == ["B2", "B3"]
    assert data["sensitivity"]["claim_id"] == dates
    # denials of the admission that are rows get suggestions (the date codes are rated already: no
    # suggestion for them since they point the opposite way)
    assert all(s["claim_id"] != dates for s in data["suggestions"])
    code, text, _ = run("ach", "2")
    assert code == 0 and "Ranking, least inconsistent first" in text and "Sensitivity:" in text
    assert "CC" in text and "Cited in the brief but not in the matrix" in text
    # add the cited claims and then some are suggested from denials
    code, out, _ = run("ach", "add", "2", "--cited", "--json")
    assert code == 0 and len(json.loads(out)["added"]) > 5
    code, out, _ = run("ach", "2", "--json")
    data = json.loads(out)
    assert data["cited_not_in_matrix"] == []
    assert any(s["because_claim_id"] == admission for s in data["suggestions"])
    non_diagnostic = [c for c in data["claims"] if not c["ratings"]]
    assert non_diagnostic and all(c["diagnostic"] is False for c in non_diagnostic)


def test_the_demo_brief_carries_a_worked_ach(run):
    code, out, _ = run("ach", "1", "--json")
    data = json.loads(out)
    assert data["complete"] and len(data["claims"]) == 13
    # by hand: H1 0.0802, H3 3.6655, H2 5.0095 (tests/app/analysis/test_scoring.py shows the arithmetic)
    assert [h["label"] for h in data["hypotheses"]] == ["H1", "H3", "H2"]
    assert [round(h["score"], 2) for h in data["hypotheses"]] == [0.08, 3.67, 5.01]
    assert data["sensitivity"]["changed"] is False
    code, out, _ = run("assumption", "list", "1", "--json")
    assert [a["rating"] for a in json.loads(out)["assumptions"]] == [
        "caveated",
        "solid",
        "caveated",
        "unsupported",
    ]


def test_ach_rate_clear_remove_and_move(run):
    claims = _claim_ids(run)
    c = _find(claims, "date codes")
    run("hypothesis", "add", "2", "One")
    _, out, _ = run("hypothesis", "list", "2", "--json")
    h = json.loads(out)["hypotheses"][0]["id"]
    code, out, _ = run("ach", "rate", str(h), str(c), "very inconsistent", "--note", "dates postdate")
    assert code == 0 and "rated II" in out and "now a row" in out
    code, out, _ = run("ach", "rate", str(h), str(c), "clear")
    assert code == 0 and "cleared" in out
    other = _find(claims, "not a count of deliveries")
    run("ach", "add", "2", str(other))
    code, out, _ = run("ach", "move", "2", str(other), "1")
    assert code == 0 and "row 1" in out
    code, out, _ = run("ach", "remove", "2", str(c), str(other), "--json")
    assert code == 0 and len(json.loads(out)["removed"]) == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("ach", "rate", "h1"), 2, "rate takes HYPOTHESIS_ID CLAIM_ID RATING"),
        (("ach", "rate", "hx", "c1", "C"), 2, "is not an id"),
        (("ach", "rate", "1", "1", "maybe"), 1, "not a rating"),
        (("ach", "rate", "99", "1", "C"), 1, "There is no hypothesis with id 99"),
        (("ach", "99"), 1, "There is no brief with id 99"),
        (("ach", "add", "1"), 2, "add takes CLAIM_IDs or --cited"),
        (("ach", "remove", "1", "2"), 1, "not in the matrix"),
        (("ach", "1", "2"), 2, "give one BRIEF_ID"),
        (("hypothesis", "add", "1", "  "), 1, "cannot be empty"),
        (("hypothesis", "add", "1", "X", "--position", "0"), 2, "not a position"),
        (("hypothesis", "set", "1"), 1, "Nothing to change"),
        (("assumption", "add", "1", "A thing", "--rating", "maybe"), 2, "invalid choice"),
        (
            ("assumption", "add", "1", "A thing", "--rating", "solid", "--judgment", "x"),
            1,
            "key judgment number",
        ),
        (("timeline", "--actor", "nobody at all"), 1, "No actor's name contains"),
        (("timeline", "--from", "2022-02-30"), 1, "not a valid"),
    ],
)
def test_bad_input_is_refused_plainly_and_changes_nothing(run, args, code, message):
    import sqlite3

    def dump() -> list[str]:
        conn = sqlite3.connect(run.library)
        rows = list(conn.iterdump())
        conn.close()
        return rows

    before = dump()
    got, out, err = run(*args)
    assert got == code
    assert message in err
    assert "Traceback" not in err
    assert dump() == before


def test_assumptions_from_the_command_line(run):
    code, out, err = run(
        "assumption",
        "add",
        "2",
        "Debris recovered in Ukraine reflects what Russia launched",
        "--rating",
        "caveated",
        "--why",
        "Access was uneven",
        "--judgment",
        "1",
        "--json",
    )
    assert code == 0, err
    a = json.loads(out)["assumption"]
    assert a["rating"] == "caveated" and a["judgment"] == 1
    run("assumption", "add", "2", "Iran's government controls its drone exports", "--rating", "solid")
    code, out, _ = run("assumption", "list", "2")
    assert "key judgment 1" in out and "the whole brief" in out and "caveated" in out
    code, out, _ = run("assumption", "set", str(a["id"]), "--rating", "unsupported", "--judgment", "none")
    assert code == 0 and "unsupported, the whole brief" in out
    code, out, _ = run("assumption", "delete", str(a["id"]))
    assert code == 0
    code, out, _ = run("assumption", "list", "2", "--json")
    assert len(json.loads(out)["assumptions"]) == 1


def test_timeline_from_the_command_line(run):
    code, out, err = run("timeline", "--actor", "Amir-Abdollahian")
    assert code == 0, err
    assert "POSITION CHANGED LATER" in out and "changes position" in out and "denied by" in out
    code, out, _ = run("timeline", "--actor", "Amir-Abdollahian", "--json")
    data = json.loads(out)
    dates = [e["date"] for e in data["entries"]]
    assert dates == sorted(dates)
    changed = [e for e in data["entries"] if e["position_changed"]]
    assert len(changed) == 1 and changed[0]["revised_by"][0]["kind"] == "qualifies"
    code, out, _ = run("timeline", "--tag", "denial", "--from", "2022-07-01", "--to", "2022-08-01", "--json")
    data = json.loads(out)
    assert data["total"] == 2 and all("2022-07" in e["date"] for e in data["entries"])
    code, out, _ = run("timeline", "--limit", "2")
    assert "1-2 of" in out
    # a claim whose date said is unknown is placed and marked by its source's date of publication
    code, out, err = run(
        "claim", "add", "--source", "1", "--quote", "Iran", "--actor", "Later Reader", "--json"
    )
    assert code == 0, err
    code, out, _ = run("timeline", "--actor", "Later Reader")
    assert "2022-07-11 (published)" in out and "date said is unknown" in out
    code, out, _ = run("timeline", "--actor", "Later Reader", "--json")
    entry = json.loads(out)["entries"][0]
    assert entry["date_kind"] == "published" and entry["said"] is None and entry["date"] == "2022-07-11"
