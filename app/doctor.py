"""``briefdesk doctor``: what is wrong inside a library, and the repairs that are safe.

``diagnose(lib)`` reads, never writes: the database's own integrity (``PRAGMA quick_check``), rows pointing at
records that do not exist (``PRAGMA foreign_key_check``), the full-text index against the tables it indexes,
each claim's common-word bits against its text (app.storage.common_words), and every row holding a value the
schema allows but Briefdesk does not (an unknown source kind, a malformed date, binary data in a text field,
an unknown marking scheme...: the values ``app._rows`` turns into a ``problem`` when a record is read). Each finding names the record and says whether it can be repaired.

``repair(lib)`` first copies the library beside itself (``<name>.before-repair.<time>.briefdesk``; the
newest ``BACKUPS_KEPT`` are kept), then, in one transaction, applies only the safe repairs:

- a value Briefdesk cannot read is replaced by the neutral one it is already shown as (kind 'other', status
  'unverified', no date, binary text decoded when it is UTF-8), the old value written into the record's notes
  when it has notes, so nothing is lost; a brief's status becomes 'draft';
- a row pointing at a missing record gets what the schema's own ON DELETE rule would have done (a tag of a
  deleted claim is deleted; a claim of a deleted actor keeps no actor);
- the full-text index is rebuilt from the tables (it holds nothing else);
- a claim's common-word bits are computed again from its text.

Not repaired, only reported: damage to the database file itself (restore a backup), an unknown marking scheme
or marking (the right banner cannot be guessed), a claim whose source is missing, a link of unknown kind,
an actor's unreadable alias list, a quote position that is not a number. Tables other engineers' features
add are covered by the foreign-key and integrity checks, and by their own code.

SQLite only (a PostgreSQL library's typed columns cannot hold these values).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app._rows import shown
from app._text import counted
from app.domain import SOURCE_EDITABLE_FIELDS, BriefStatus, ClaimStatus, LinkKind, MarkingScheme, SourceKind
from app.errors import LibraryError, ValidationError
from app.storage import sqlite as sqlite_parts

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from app.library import Library

BACKUPS_KEPT = 3
DOCTOR = "briefdesk doctor"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong. ``area``: "integrity", "foreign key", "full-text index", "common words" or "value".
    ``repair``: what ``--repair`` does about it, or "" when it is left for the analyst (``advice`` says what
    to do)."""

    area: str
    ref: str
    message: str
    repair: str = ""
    advice: str = ""

    @property
    def repairable(self) -> bool:
        return bool(self.repair)


@dataclass(frozen=True, slots=True)
class DoctorReport:
    path: Path
    integrity: str  # "ok" or SQLite's first complaint
    foreign_keys: str  # a one-line summary
    full_text: str  # a one-line summary
    findings: tuple[Finding, ...] = ()

    @property
    def healthy(self) -> bool:
        return not self.findings

    @property
    def repairable(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.repairable)


@dataclass(frozen=True, slots=True)
class RepairReport:
    backup: Path | None
    repaired: tuple[Finding, ...] = ()
    left: tuple[Finding, ...] = ()
    after: DoctorReport | None = None


# --- the value rules ------------------------------------------------------------------------------------
# (table, ref prefix, column, check, label, fallback). check: "text", "date", "moment", an Enum class, a tuple
# of allowed strings, ("int", lo, hi) or "json-list". fallback: the repaired value (None: set NULL), or
# _LEAVE when no repair is safe. Tables with a notes column get the old value written there.
_LEAVE = object()
_NOW = object()
_TEXT = "text"


@dataclass(frozen=True, slots=True)
class _Rule:
    table: str
    prefix: str
    column: str
    check: Any
    label: str
    fallback: Any = _LEAVE
    advice: str = ""


def _rules() -> list[_Rule]:
    rules: list[_Rule] = []

    def texts(table: str, prefix: str, columns: dict[str, str]) -> None:
        for column, label in columns.items():
            rules.append(_Rule(table, prefix, column, _TEXT, label))

    def moments(table: str, prefix: str) -> None:
        rules.append(_Rule(table, prefix, "created", "moment", "creation time", _NOW))
        rules.append(_Rule(table, prefix, "updated", "moment", "time of the last change", _NOW))

    texts(
        "sources",
        "s",
        {
            "title": "title",
            "outlet": "outlet",
            "authors": "authors field",
            "url": "URL",
            "language": "language",
            "body": "text",
            "descriptor": "descriptor",
            "notes": "notes",
            "original_filename": "original file name",
        },
    )
    rules += [
        _Rule("sources", "s", "kind", SourceKind, "kind", SourceKind.OTHER.value),
        _Rule("sources", "s", "reliability", tuple("ABCDEF"), "reliability", "F"),
        _Rule("sources", "s", "published", "date", "date published", None),
        _Rule("sources", "s", "accessed", "date", "date accessed", None),
    ]
    moments("sources", "s")
    texts("claims", "c", {"statement": "statement", "quote": "quote", "notes": "notes"})
    rules += [
        _Rule("claims", "c", "status", ClaimStatus, "status", ClaimStatus.UNVERIFIED.value),
        _Rule("claims", "c", "said", "date", "date said", None),
        _Rule("claims", "c", "credibility", ("int", 1, 6), "credibility", 6),
        _Rule(
            "claims", "c", "span_start", ("int", 0, None), "quote position", advice="edit the claim's quote"
        ),
        _Rule("claims", "c", "span_end", ("int", 0, None), "quote end", advice="edit the claim's quote"),
    ]
    moments("claims", "c")
    texts("actors", "a", {"name": "name", "role": "role", "affiliation": "affiliation"})
    rules.append(
        _Rule("actors", "a", "aliases", "json-list", "alias list", advice="set the actor's aliases again")
    )
    moments("actors", "a")
    texts("claim_links", "link ", {"note": "note"})
    rules.append(
        _Rule(
            "claim_links",
            "link ",
            "kind",
            LinkKind,
            "kind",
            advice="unlink the two claims and link them again",
        )
    )
    texts(
        "briefs",
        "b",
        {
            "title": "title",
            "body": "text",
            "author": "author",
            "organisation": "organisation",
            "summary_statement": "summary statement",
            "default_marking": "marking",
        },
    )
    rules += [
        _Rule(
            "briefs",
            "b",
            "marking_scheme",
            MarkingScheme,
            "marking scheme",
            advice="set it with 'briefdesk brief set ID --marking SCHEME:LEVEL' (the banner cannot be guessed)",
        ),
        _Rule("briefs", "b", "status", BriefStatus, "status", BriefStatus.DRAFT.value),
    ]
    moments("briefs", "b")
    texts("brief_revisions", "revision ", {"body": "text"})
    rules += [
        _Rule("brief_revisions", "revision ", "reason", ("save", "autosave", "restore"), "reason", "save"),
        _Rule("brief_revisions", "revision ", "created", "moment", "time", _NOW),
    ]
    texts("claim_tags", "tag of c", {"tag": "tag"})
    texts("balance_waivers", "waiver ", {"reason": "reason"})
    return rules


_NOTES = {"sources": "notes", "claims": "notes"}
_ID = {"claim_tags": "claim_id"}  # the column naming the record in a ref (else "id")


def _allowed(check: Any) -> set[str]:
    """The values an enumerated column may hold: an Enum's values or a tuple of strings."""
    if isinstance(check, type) and issubclass(check, enum.Enum):
        return {str(m.value) for m in check}
    return {str(v) for v in check}


def _suspect_sql(rule: _Rule) -> str:
    """A WHERE clause finding candidate rows fast in SQL (each candidate is then judged in Python)."""
    c = f'"{rule.column}"'
    if rule.check == _TEXT:
        return f"typeof({c}) NOT IN ('text', 'null')"
    if rule.check == "date":
        return f"{c} IS NOT NULL AND (typeof({c}) != 'text' OR length({c}) != 10 OR date({c}) IS NOT {c})"
    if rule.check == "moment":
        return f"typeof({c}) != 'text' OR datetime({c}) IS NULL"
    if rule.check == "json-list":
        return f"typeof({c}) != 'text' OR json_valid({c}) = 0 OR json_type({c}) != 'array'"
    if isinstance(rule.check, tuple) and rule.check and rule.check[0] == "int":
        _, lo, hi = rule.check
        cond = f"typeof({c}) != 'integer'"
        if lo is not None:
            cond += f" OR {c} < {int(lo)}"
        if hi is not None:
            cond += f" OR {c} > {int(hi)}"
        return cond
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(_allowed(rule.check)))
    return f"typeof({c}) != 'text' OR {c} NOT IN ({quoted})"


def _bad(rule: _Rule, value: object) -> str | None:
    """The problem with a stored value under ``rule`` (the phrase app._rows uses), or None if it is fine."""
    if rule.check == _TEXT:
        if value is None or isinstance(value, str):
            return None
        if isinstance(value, bytes):
            return f"a {rule.label} stored as binary data, not text ({len(value)} bytes)"
        return f"a {rule.label} that is not text ({shown(value)})"
    if rule.check == "date":
        if value is None:
            return None
        if isinstance(value, str) and len(value) == 10:
            try:
                dt.date.fromisoformat(value)
                return None
            except ValueError:
                pass
        return f"a malformed {rule.label} '{shown(value)}'"
    if rule.check == "moment":
        if isinstance(value, str):
            try:
                dt.datetime.fromisoformat(value)
                return None
            except ValueError:
                pass
        return f"a malformed {rule.label} '{shown(value)}'"
    if rule.check == "json-list":
        try:
            loaded = json.loads(value) if isinstance(value, str) else None
        except (ValueError, RecursionError):
            loaded = None
        if isinstance(loaded, list) and all(isinstance(a, str) for a in loaded):
            return None
        return f"an alias list that is not a JSON list of names ('{shown(value)}')"
    if isinstance(rule.check, tuple) and rule.check and rule.check[0] == "int":
        _, lo, hi = rule.check
        if type(value) is int and (lo is None or value >= lo) and (hi is None or value <= hi):
            return None
        return f"an invalid {rule.label} '{shown(value)}'"
    if isinstance(value, str) and value in _allowed(rule.check):
        return None
    return f"an invalid {rule.label} '{shown(value)}'"


def _tables(conn: Connection) -> set[str]:
    return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _columns(conn: Connection, table: str) -> set[str]:
    return {r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')}


# --- diagnosis ------------------------------------------------------------------------------------------


def _value_findings(conn: Connection) -> list[Finding]:
    tables = _tables(conn)
    columns = {t: _columns(conn, t) for t in tables}
    out: list[Finding] = []
    for rule in _rules():
        if rule.table not in tables or rule.column not in columns[rule.table]:
            continue
        ident = _ID.get(rule.table, "id")
        sql = f'SELECT "{ident}", "{rule.column}" FROM "{rule.table}" WHERE {_suspect_sql(rule)} ORDER BY "{ident}"'
        for ident_value, value in conn.exec_driver_sql(sql):
            problem = _bad(rule, value)
            if problem is None:
                continue
            ref = f"{rule.prefix}{ident_value}"
            out.append(
                Finding(
                    "value",
                    ref,
                    f"{ref} has {problem}",
                    repair=_repair_text(rule, value),
                    advice="" if _repair_text(rule, value) else _advice(rule, ident_value),
                )
            )
    out += _marking_findings(conn, tables)
    return out


def _marking_findings(conn: Connection, tables: set[str]) -> list[Finding]:
    """A brief's marking must be one its scheme knows (checked in Python: the rules live in app.markings)."""
    if "briefs" not in tables:
        return []
    from app.markings import parse_default_marking

    out = []
    for ident, scheme, marking in conn.exec_driver_sql(
        "SELECT id, marking_scheme, default_marking FROM briefs ORDER BY id"
    ):
        try:
            parsed = MarkingScheme(scheme)
        except ValueError:
            continue  # reported by its own rule
        if not isinstance(marking, str):
            continue
        try:
            parse_default_marking(parsed, marking)
        except ValidationError:
            out.append(
                Finding(
                    "value",
                    f"b{ident}",
                    f"b{ident} has an invalid marking '{shown(marking)}' for its scheme {parsed.value}",
                    advice=f"set it with 'briefdesk brief set {ident} --marking {parsed.value}:LEVEL'",
                )
            )
    return out


def _advice(rule: _Rule, ident: object) -> str:
    if rule.advice:
        return rule.advice.replace("ID", str(ident))
    if rule.table == "sources" and rule.column in SOURCE_EDITABLE_FIELDS:
        return f"set it again with 'briefdesk source set {ident} --{rule.column} ...'"
    if rule.table == "briefs" and rule.column in ("title", "author", "organisation"):
        return f"set it again with 'briefdesk brief set {ident} --{rule.column} ...'"
    return "edit the record in Briefdesk, or restore it from a backup"


def _repair_text(rule: _Rule, value: object) -> str:
    if rule.check == _TEXT:
        if isinstance(value, bytes):
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                return ""
            return "decode it as text (it is valid UTF-8)"
        return ""
    if rule.fallback is _LEAVE:
        return ""
    kept = " (the old value kept in its notes)" if rule.table in _NOTES else ""
    if rule.fallback is _NOW:
        return "set it to the time of the repair"
    if rule.fallback is None:
        return f"clear it{kept}"
    return f"set it to '{rule.fallback}'{kept}"


def _foreign_key_findings(conn: Connection) -> list[Finding]:
    out = []
    actions = _on_delete_actions(conn)
    for table, rowid, parent, fkid in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
        column, action = actions.get((table, fkid), ("?", "NO ACTION"))
        ref = _row_ref(table, rowid)
        message = f"{ref} points at {_parent_word(parent)} that does not exist ({table}.{column})"
        repair, advice = "", ""
        if table == "claims" and parent == "sources":
            advice = "restore the source from a backup, or delete the claim"
        elif action == "CASCADE":
            repair = "delete it (as deleting its parent would have)"
        elif action == "SET NULL":
            repair = f"clear its {column} (as deleting its parent would have)"
        else:
            advice = "restore the missing record from a backup"
        out.append(Finding("foreign key", ref, message, repair=repair, advice=advice))
    return out


def _on_delete_actions(conn: Connection) -> dict[tuple[str, int], tuple[str, str]]:
    out = {}
    for table in _tables(conn):
        for row in conn.exec_driver_sql(f'PRAGMA foreign_key_list("{table}")'):
            fkid, _seq, _parent, column, _to, _on_update, on_delete = row[:7]
            out[(table, fkid)] = (column, on_delete)
    return out


_REF_PREFIX = {"sources": "s", "claims": "c", "actors": "a", "briefs": "b"}


def _row_ref(table: str, rowid: int) -> str:
    prefix = _REF_PREFIX.get(table)
    return f"{prefix}{rowid}" if prefix else f"row {rowid} of {table}"


def _parent_word(parent: str) -> str:
    return {"sources": "a source", "claims": "a claim", "actors": "an actor", "briefs": "a brief"}.get(
        parent, f"a row of {parent}"
    )


# The full-text index holds, per entity, these expressions of its table (the triggers in app.storage.sqlite).
_FTS_CONTENT = (
    ("sources", 1, "t.title", "t.body"),
    ("claims", 2, "t.statement", "t.quote"),
    ("actors", 3, "t.name", "t.role || ' ' || t.affiliation || ' ' || t.aliases"),
)
_FTS_TRIGGERS = {f"trg_{t}_fts_{op}" for t in ("sources", "claims", "actors") for op in ("ins", "del", "upd")}


def _full_text_findings(conn: Connection) -> tuple[str, list[Finding]]:
    tables = _tables(conn)
    if "search_fts" not in tables:
        return "missing", [
            Finding("full-text index", "search", "the full-text index is missing", repair="rebuild it")
        ]
    out: list[Finding] = []
    triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    if missing_triggers := sorted(_FTS_TRIGGERS - triggers):
        out.append(
            Finding(
                "full-text index",
                "search",
                f"{len(missing_triggers)} of the triggers keeping the full-text index current are missing",
                repair="create them and rebuild the index",
            )
        )
    try:
        conn.exec_driver_sql("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
    except Exception as exc:  # noqa: BLE001 - FTS5 reports a damaged index as an error
        if "readonly" not in str(exc).lower():  # FTS5's check is a write command: read-only skips it
            out.append(
                Finding(
                    "full-text index",
                    "search",
                    f"the full-text index is damaged ({exc.__class__.__name__})",
                    repair="rebuild it from the tables",
                )
            )
            return "damaged", out
    for table, code, title, body in _FTS_CONTENT:
        if table not in tables:
            continue
        missing = conn.exec_driver_sql(
            f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
            f"(SELECT 1 FROM search_fts f WHERE f.rowid = t.id * 4 + {code})"
        ).scalar_one()
        stale = conn.exec_driver_sql(
            f"SELECT count(*) FROM search_fts f WHERE f.rowid % 4 = {code} AND NOT EXISTS "
            f"(SELECT 1 FROM {table} t WHERE t.id = f.rowid / 4)"
        ).scalar_one()
        differ = conn.exec_driver_sql(
            f"SELECT count(*) FROM {table} t JOIN search_fts f ON f.rowid = t.id * 4 + {code} "
            f"WHERE f.title IS NOT {title} OR f.body IS NOT ({body})"
        ).scalar_one()
        one = table[:-1]
        parts = []
        if missing:
            parts.append(f"{counted(missing, one)} missing from it")
        if stale:
            parts.append(f"{counted(stale, one)} deleted but still in it")
        if differ:
            parts.append(f"{counted(differ, one)} indexed with old text")
        if parts:
            out.append(
                Finding(
                    "full-text index",
                    "search",
                    "the full-text index is out of date: " + "; ".join(parts),
                    repair="rebuild it from the tables",
                )
            )
    return ("ok" if not out else "out of date"), out


COMMON_WORDS = "common words"


def _common_word_findings(conn: Connection) -> list[Finding]:
    """Claims whose common-word bits (migration 0014, app.storage.common_words) are not those of their text:
    a claims list filtered by those words would miss them. Not computed yet (NULL) is no finding."""
    from app.storage import common_words

    wrong = common_words.disagreeing(conn) if "common_words" in _columns(conn, "claims") else []
    first = ", ".join(f"c{ident}" for ident, _stored, _bits in wrong[:5]) + (
        ", ..." if len(wrong) > 5 else ""
    )
    message = f"{counted(len(wrong), 'claim')} ({first}) record common words other than their text's"
    return [Finding(COMMON_WORDS, f"c{wrong[0][0]}", message, repair="compute them again")] if wrong else []


def diagnose(lib: Library, *, progress: Callable[[str], None] | None = None) -> DoctorReport:
    """Everything ``briefdesk doctor`` reports, read in one transaction; writes nothing."""

    if lib.engine.dialect.name != "sqlite":
        from app.errors import LibraryError

        raise LibraryError(
            "briefdesk doctor checks library files (SQLite); a server library's typed columns cannot hold the "
            "values it looks for, and its server has its own checks."
        )

    def step(text: str) -> None:
        if progress is not None:
            progress(text)

    with lib.engine.connect() as conn:
        step("checking the database file")
        lines = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check(100)").fetchall()]
        findings: list[Finding] = []
        # quick_check also reports rows breaking a table's CHECK or NOT NULL rule: values, not a damaged
        # file. Those of the tables the value rules cover are found (and named) there.
        covered = {r.table for r in _rules()}
        damage = []
        for line in lines:
            table = line.rsplit(" in ", 1)[-1].split(".")[0] if " in " in line else ""
            if line.startswith(("CHECK constraint failed in ", "NULL value in ")):
                if table not in covered:
                    findings.append(
                        Finding("value", table, f"rows of {table} break the table's own rules ({line})")
                    )
            elif line != "ok":
                damage.append(line)
        integrity = "ok" if not damage else "; ".join(damage[:3])
        if integrity != "ok":
            findings.append(
                Finding(
                    "integrity",
                    "file",
                    f"the database file is damaged: {integrity}",
                    advice="restore the newest backup, or rescue what is readable with sqlite3's .recover",
                )
            )
        step("checking links between records")
        fk = _foreign_key_findings(conn)
        step("checking the full-text index")
        fts_state, fts = _full_text_findings(conn)
        step("checking stored values")
        values = _value_findings(conn)
        step("checking the claims' common words")
        words = _common_word_findings(conn)
        conn.rollback()
    findings += fk + fts + values + words
    fk_text = (
        "ok" if not fk else f"{len(fk)} row{'s' if len(fk) != 1 else ''} point at records that do not exist"
    )
    return DoctorReport(Path(lib.path), integrity, fk_text, fts_state, tuple(findings))


# --- repair ---------------------------------------------------------------------------------------------


def backup_before_repair(path: Path) -> Path:
    """A consistent copy beside the library (SQLite's backup API), written under a temporary name and renamed,
    so a kill leaves no half backup; the newest BACKUPS_KEPT such copies are kept."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = path.suffix or ".briefdesk"
    dest = path.with_name(f"{path.stem}.before-repair.{stamp}{suffix}")
    n = 1
    while dest.exists():
        n += 1
        dest = path.with_name(f"{path.stem}.before-repair.{stamp}-{n}{suffix}")
    try:
        sqlite_parts.backup_with_room(
            path, dest, kind="before-repair", keep=BACKUPS_KEPT, purpose="back it up and repair it", factor=2
        )
    except (sqlite3.Error, OSError) as exc:
        raise LibraryError(
            f"Cannot back up {path} before repairing it ({exc}); nothing was changed."
        ) from None
    return dest


def repair(lib: Library, report: DoctorReport | None = None) -> RepairReport:
    """Back the library up, apply every safe repair in one transaction, then diagnose again."""
    report = report or diagnose(lib)
    todo = report.repairable
    if not todo:
        return RepairReport(None, (), report.findings, report)
    lib.require_writable()
    backup = backup_before_repair(Path(lib.path))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stamp = now.strftime("%Y-%m-%d")
    with lib.writing() as s:
        conn = s.connection()
        tables = _tables(conn)
        columns = {t: _columns(conn, t) for t in tables}
        rules = _rules()
        for rule in rules:
            if rule.table not in tables or rule.column not in columns[rule.table]:
                continue
            _repair_rule(conn, rule, columns[rule.table], now, stamp)
        _repair_foreign_keys(conn)
        if any(f.area == "full-text index" for f in todo):
            rebuild_full_text(conn)
        if "common_words" in columns.get("claims", set()):  # also for text the rules above repaired
            from app.storage.common_words import repair as repair_words

            repair_words(conn)
    after = diagnose(lib)
    fixed_keys = {(f.area, f.message) for f in after.findings}
    repaired = tuple(f for f in todo if (f.area, f.message) not in fixed_keys)
    return RepairReport(backup, repaired, after.findings, after)


def _repair_rule(conn: Connection, rule: _Rule, cols: set[str], now: dt.datetime, stamp: str) -> None:
    ident = _ID.get(rule.table, "id")
    rows = conn.exec_driver_sql(
        f'SELECT "{ident}", "{rule.column}" FROM "{rule.table}" WHERE {_suspect_sql(rule)}'
    ).fetchall()
    tracked = "version" in cols and "updated_by" in cols
    notes = _NOTES.get(rule.table)
    for ident_value, value in rows:
        if _bad(rule, value) is None or not _repair_text(rule, value):
            continue
        if rule.check == _TEXT:
            new: object = value.decode("utf-8") if isinstance(value, bytes) else value
        elif rule.fallback is _NOW:
            new = f"{now:%Y-%m-%d %H:%M:%S}.000000"
        else:
            new = rule.fallback
        sets = [f'"{rule.column}" = ?']
        params: list[object] = [new]
        if notes and rule.check != _TEXT and rule.fallback is not _NOW:
            sets.append(f'"{notes}" = trim("{notes}" || char(10) || ?)')
            params.append(
                f"{DOCTOR} ({stamp}): the {rule.label} was '{shown(value, 200)}', which Briefdesk could not "
                f"read; {'cleared' if new is None else f'set to {new!r}'}."
            )
        if tracked:
            sets.append("version = version + 1")
            sets.append("updated_by = ?")
            params.append(DOCTOR)
        where = f'"{ident}" = ?' + (f' AND "{rule.column}" IS ?' if rule.table == "claim_tags" else "")
        params.append(ident_value)
        if rule.table == "claim_tags":
            params.append(value)
        conn.exec_driver_sql(f'UPDATE "{rule.table}" SET {", ".join(sets)} WHERE {where}', tuple(params))


def _repair_foreign_keys(conn: Connection) -> None:
    actions = _on_delete_actions(conn)
    for table, rowid, parent, fkid in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
        column, action = actions.get((table, fkid), ("?", "NO ACTION"))
        if table == "claims" and parent == "sources":
            continue
        if action == "CASCADE":
            conn.exec_driver_sql(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
        elif action == "SET NULL":
            conn.exec_driver_sql(f'UPDATE "{table}" SET "{column}" = NULL WHERE rowid = ?', (rowid,))


def rebuild_full_text(conn: Connection) -> None:
    """Recreate the full-text index and its triggers and fill it from the tables (it holds nothing else)."""
    for statement in sqlite_parts.FTS_DROP:
        conn.exec_driver_sql(statement)
    for statement in sqlite_parts.FTS_DDL:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(
        "INSERT INTO search_fts(rowid, title, body) SELECT id * 4 + 1, title, body FROM sources"
    )
    conn.exec_driver_sql(
        "INSERT INTO search_fts(rowid, title, body) SELECT id * 4 + 2, statement, quote FROM claims"
    )
    conn.exec_driver_sql(
        "INSERT INTO search_fts(rowid, title, body) "
        "SELECT id * 4 + 3, name, role || ' ' || affiliation || ' ' || aliases FROM actors"
    )
