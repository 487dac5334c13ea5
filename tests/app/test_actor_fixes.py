"""Actors that drafting got wrong can be fixed: merged, corrected, deleted (refused while they have claims),
and every one of those undone; a claim's actor can be changed from the command line."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.domain_lists import ClaimFilter
from app.errors import ConflictError, ValidationError


@pytest.fixture
def two_spellings(lib, source):
    """One person drafted twice: 'Dana Reyes' (two claims) and 'Reyes' (one claim, with an external id)."""
    a = lib.actors.create(name="Dana Reyes", role="Interior minister", aliases=["D. Reyes"]).after
    b = lib.actors.create(name="Reyes", role="", affiliation="", aliases=["Minister Reyes"]).after
    c1 = lib.claims.create(source_id=source.id, quote="would reopen within a week", actor_id=a.id).after
    c2 = lib.claims.create(source_id=source.id, quote="the guards are back", actor_id=a.id).after
    c3 = lib.claims.create(source_id=source.id, quote="We have repaired the bridge", actor_id=b.id).after
    lib.external_ids.add("stix", f"identity--{b.uuid}", "actor", b.id)
    return a, b, (c1, c2, c3)


def test_merge_moves_claims_and_keeps_the_other_names_as_aliases(lib, two_spellings):
    a, b, (c1, c2, c3) = two_spellings
    change = lib.actors.merge(b.id, into=a.id)
    kept = lib.actors.get(a.id)
    assert kept.claim_count == 3
    assert set(kept.aliases) == {"D. Reyes", "Reyes", "Minister Reyes"}
    assert lib.claims.get(c3.id).actor_id == a.id and lib.claims.get(c3.id).version == c3.version + 1
    assert lib.actors.find("Reyes").id == a.id  # the old spelling now finds the kept actor
    assert lib.actors.find("Minister Reyes").id == a.id
    with pytest.raises(Exception, match="no actor"):
        lib.actors.get(b.id)
    assert lib.external_ids.find("stix", f"identity--{b.uuid}") == ("actor", a.id)
    assert change.action == "merged" and change.extra["claim_ids"] == [c3.id]
    assert ("claim", c3.id) in change.affected and ("actor", b.id) in change.affected
    assert lib.claims.count(ClaimFilter(actor_id=a.id)) == 3


def test_unmerge_puts_everything_back_with_the_same_ids(lib, two_spellings):
    a, b, (c1, c2, c3) = two_spellings
    change = lib.actors.merge(b.id, into=a.id)
    back = lib.actors.unmerge(change)
    assert back.action == "unmerged"
    restored = lib.actors.get(b.id)
    assert (restored.name, restored.uuid, restored.aliases) == ("Reyes", b.uuid, ("Minister Reyes",))
    assert restored.claim_count == 1 and lib.claims.get(c3.id).actor_id == b.id
    assert lib.actors.get(a.id).aliases == ("D. Reyes",)
    assert lib.actors.get(a.id).claim_count == 2
    assert lib.external_ids.find("stix", f"identity--{b.uuid}") == ("actor", b.id)
    # redo: the same merge again
    again = lib.actors.merge(b.id, into=a.id)
    assert again.extra["claim_ids"] == [c3.id] and lib.actors.get(a.id).claim_count == 3


def test_merge_is_one_transaction(lib, two_spellings, monkeypatch):
    a, b, (c1, c2, c3) = two_spellings
    calls = {"n": 0}
    original = lib.log_change

    def failing(s, entity, ident, action):
        calls["n"] += 1
        if action == "merged":
            raise RuntimeError("disk full")
        return original(s, entity, ident, action)

    monkeypatch.setattr(lib, "log_change", failing)
    with pytest.raises(RuntimeError):
        lib.actors.merge(b.id, into=a.id)
    monkeypatch.undo()
    assert lib.actors.get(b.id).claim_count == 1  # nothing moved
    assert lib.claims.get(c3.id).actor_id == b.id
    assert lib.actors.get(a.id).aliases == ("D. Reyes",)


def test_merge_refuses_the_same_actor_and_unknown_ids(lib, two_spellings):
    a, b, _ = two_spellings
    with pytest.raises(ValidationError, match="themselves"):
        lib.actors.merge(a.id, into=a.id)
    with pytest.raises(Exception, match="no actor with id 999"):
        lib.actors.merge(999, into=a.id)


def test_delete_is_refused_in_plain_words_while_the_actor_has_claims(lib, two_spellings):
    a, b, _ = two_spellings
    with pytest.raises(ConflictError) as err:
        lib.actors.delete(a.id)
    message = str(err.value)
    assert "Dana Reyes (a1) cannot be deleted: 2 claims are attributed to them" in message
    assert "merge" in message
    assert lib.actors.get(a.id).claim_count == 2


def test_delete_of_an_actor_without_claims_and_its_undo(lib, two_spellings):
    a, b, (c1, c2, c3) = two_spellings
    lib.claims.update(c3.id, actor_id=a.id)
    change = lib.actors.delete(b.id)
    assert lib.actors.find("Reyes") is None
    assert lib.external_ids.find("stix", f"identity--{b.uuid}") is None  # cascaded
    back = lib.actors.restore(change)
    assert back.after.id == b.id and back.after.uuid == b.uuid and back.after.aliases == ("Minister Reyes",)
    assert lib.external_ids.find("stix", f"identity--{b.uuid}") == ("actor", b.id)  # back with the actor


def test_cli_actor_show_set_merge_delete(tmp_path, capsys):
    library = str(tmp_path / "cli.briefdesk")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--library", library, *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo")[0] == 0
    code, out, _ = run("actors", "--json")
    actors = json.loads(out)["actors"]
    speaker = max(actors, key=lambda a: a["claim_count"])
    other = next(a for a in actors if a["id"] != speaker["id"] and a["claim_count"])

    code, out, _ = run("actor", "show", f"a{speaker['id']}")
    assert code == 0 and out.startswith(f"a{speaker['id']} {speaker['name']}")
    assert f"claims: {speaker['claim_count']}" in out and "Latest claims" in out
    code, out, _ = run("actor", "show", speaker["name"], "--json")
    assert json.loads(out)["actor"]["id"] == speaker["id"]

    code, out, err = run("actor", "delete", str(other["id"]))
    assert code == 1 and "cannot be deleted" in err and f"{other['claim_count']} claim" in err

    code, out, err = run(
        "actor", "set", f"a{other['id']}", "--role", "Spokesperson", "--add-alias", "The Voice"
    )
    assert code == 0, err
    assert "role=Spokesperson" in out
    code, out, _ = run("actor", "show", f"a{other['id']}", "--json")
    shown = json.loads(out)["actor"]
    assert shown["role"] == "Spokesperson" and "The Voice" in shown["aliases"]

    code, out, err = run("actor", "merge", f"a{other['id']}", "--into", f"a{speaker['id']}")
    assert code == 0, err
    assert f"{other['claim_count']} claim" in out and other["name"] in out
    code, out, _ = run("actor", "show", f"a{speaker['id']}", "--json")
    merged = json.loads(out)["actor"]
    assert merged["claim_count"] == speaker["claim_count"] + other["claim_count"]
    assert other["name"] in merged["aliases"] and "The Voice" in merged["aliases"]
    code, _, err = run("actor", "show", f"a{other['id']}")
    assert code == 1 and f"no actor with id {other['id']}" in err

    code, out, err = run("actor", "show", "Nobody In Particular")
    assert code == 1 and "There is no actor named 'Nobody In Particular'" in err
    code, out, err = run("actor", "merge", "a1", "--into", "a1")
    assert code == 1 and "themselves" in err


def test_cli_claim_set_actor_by_id_name_or_none(tmp_path, capsys):
    library = str(tmp_path / "cli.briefdesk")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--library", library, *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo")[0] == 0
    claim = json.loads(run("claims", "--json", "--limit", "1")[1])["claims"][0]
    actors = json.loads(run("actors", "--json")[1])["actors"]
    target = next(a for a in actors if a["id"] != claim["actor_id"])

    code, out, err = run("claim", "set", f"c{claim['id']}", "--actor", f"a{target['id']}")
    assert code == 0, err
    assert f"actor=a{target['id']} {target['name']}" in out
    assert (
        json.loads(run("claim", "show", str(claim["id"]), "--json")[1])["claim"]["actor_id"] == target["id"]
    )

    code, out, err = run("claim", "set", str(claim["id"]), "--actor", target["name"].upper())
    assert code == 0 and f"a{target['id']}" in out  # found by name, any case: no second actor

    code, out, err = run("claim", "set", str(claim["id"]), "--actor", "Lena-Marie Osk")
    assert code == 0
    data = json.loads(run("claim", "show", str(claim["id"]), "--json")[1])["claim"]
    assert data["actor_name"] == "Lena-Marie Osk"

    code, out, err = run("claim", "set", str(claim["id"]), "--actor", "")
    assert code == 0 and "(no actor)" in out
    assert json.loads(run("claim", "show", str(claim["id"]), "--json")[1])["claim"]["actor_id"] is None

    code, out, err = run("claim", "set", str(claim["id"]), "--actor", "a99999")
    assert code == 1 and "no actor with id 99999" in err


def test_grades_are_described_as_the_admiralty_code_has_them(tmp_path, capsys):
    from app.domain import credibility_text, grade_text

    assert credibility_text(6) == "6 (truth cannot be judged)" and credibility_text(5) == "5 (improbable)"
    assert grade_text("B", 6) == "B6: source usually reliable; truth cannot be judged"
    assert grade_text("F", 4) == "F4: source reliability cannot be judged; information doubtful"
    library = str(tmp_path / "cli.briefdesk")
    assert main(["--library", library, "demo"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--library", library, "claim", "add", "--help"])
    helptext = " ".join(capsys.readouterr().out.split())
    assert "5 improbable; 6 truth cannot be judged" in helptext
    assert main(["--library", library, "claim", "set", "1", "--credibility", "6"]) == 0
    capsys.readouterr()
    assert main(["--library", library, "claim", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "  grade: " in out and "6: source " in out and "; truth cannot be judged" in out


def test_cli_brief_new_starts_from_the_house_shape_unless_given_a_body(tmp_path, capsys):
    from app.brief_model import parse_brief

    library = str(tmp_path / "cli.briefdesk")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--library", library, *args])
        out, err = capsys.readouterr()
        return code, out, err

    def body(brief_id: int) -> str:
        return json.loads(run("brief", "show", str(brief_id), "--json")[1])["brief"]["body"]

    code, out, err = run("brief", "new", "Harbour outlook", "--marking", "tlp:amber", "--json")
    assert code == 0, err
    first = json.loads(out)["brief"]["id"]
    text = body(first)
    titles = [h.title for h in parse_brief(text).headings]
    assert titles == ["Bottom line up front", "Key judgments", "Discussion", "Source summary"]
    assert all(line.startswith("## (TLP:AMBER) ") for line in text.splitlines() if line.startswith("##"))
    code, out, _ = run("brief", "new", "Plain", "--json")
    assert body(json.loads(out)["brief"]["id"]).startswith("## Bottom line up front\n")
    code, out, _ = run("brief", "new", "Scratch", "--empty", "--json")
    assert body(json.loads(out)["brief"]["id"]) == ""
    md = tmp_path / "b.md"
    md.write_text("## Assessment\n\nOwn text.\n", encoding="utf-8")
    code, out, _ = run("brief", "new", "Own", "--body", str(md), "--json")
    assert body(json.loads(out)["brief"]["id"]) == "## Assessment\n\nOwn text.\n"
    code, out, _ = run("brief", "new", "Week 2", "--from", f"b{first}", "--json")
    copied = json.loads(out)["brief"]
    assert body(copied["id"]) == text and copied["default_marking"] == "TLP:AMBER"
    code, _, err = run("brief", "new", "X", "--from", "999")
    assert code == 1 and "no brief with id 999" in err
    with pytest.raises(SystemExit) as usage:  # a usage error: exit code 2, one line
        run("brief", "new", "X", "--empty", "--body", str(md))
    assert usage.value.code == 2 and "not allowed with" in capsys.readouterr().err
