"""Typed errors whose messages a user can read.

Every error raised by ``app`` for a reason the user can act on is a :class:`BriefdeskError`. Its ``str()`` is one
plain sentence suitable for a dialog or a CLI's stderr line. Anything else escaping ``app`` is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence


class BriefdeskError(Exception):
    """Base of all user-facing errors."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFoundError(BriefdeskError):
    """A source, actor, claim, brief, link or revision with that id does not exist."""

    def __init__(self, entity: str, ident: object) -> None:
        super().__init__(f"There is no {entity} with id {ident}.")
        self.entity = entity
        self.ident = ident


class ValidationError(BriefdeskError):
    """A value given by the user is not acceptable (bad grade, bad date, quote not in source, ...)."""


class ConflictError(BriefdeskError):
    """The change would break a rule of the library (duplicate link, self-link, duplicate actor, ...)."""


class StaleEditError(ConflictError):
    """An edit was made from an older version of a record than the one stored: someone else changed it
    in between. Nothing was saved; the message names who changed it and when."""

    def __init__(
        self,
        entity: str,
        ident: int,
        *,
        expected: int,
        current: int,
        changed_by: str,
        changed_at: object,
    ) -> None:
        who = changed_by or "someone"
        when = _when(changed_at)
        super().__init__(
            f"The {entity} {_REF.get(entity, '')}{ident} was changed by {who} at {when} (it is now version "
            f"{current}; your change was made to version {expected}). Nothing was saved: reload it to see "
            "their change, then make yours again."
        )
        self.entity = entity
        self.ident = ident
        self.expected = expected
        self.current = current
        self.changed_by = changed_by
        self.changed_at = changed_at


class BriefLockedError(ConflictError):
    """Another analyst (or another window) is editing the brief's text: one editor at a time."""

    def __init__(self, brief_id: int, *, holder: str, since: object, yours: bool = False) -> None:
        if yours:  # the same analyst: another Briefdesk window (or command) of theirs holds it
            text = (
                f"Brief b{brief_id} is open for editing in another Briefdesk window of yours ({holder}, since "
                f"{_when(since)}); change its text there, or close it there first. Nothing was saved."
            )
        else:
            text = (
                f"Brief b{brief_id} is being edited by {holder or 'someone'} (since {_when(since)}); "
                "its text can be changed only by them until they close it. Nothing was saved."
            )
        super().__init__(text)
        self.brief_id = brief_id
        self.holder = holder
        self.since = since
        self.yours = yours


_REF = {"source": "s", "claim": "c", "actor": "a", "brief": "b", "link": "", "revision": ""}


def _when(value: object) -> str:
    """A stored UTC time as a reader sees it, in the local time zone: '2026-12-04 17:40'."""
    from app._time import local_text

    return local_text(value) or "an unknown time"


class LibraryError(BriefdeskError):
    """The library file cannot be opened or used (not a library, corrupt, newer, locked)."""


class NotALibraryError(LibraryError):
    pass


class LibraryTooNewError(LibraryError):
    pass


class LibraryBusyError(LibraryError):
    pass


class ReadOnlyLibraryError(LibraryError):
    """The library was opened read-only (its folder or file cannot be written): edits are disabled."""


class LibraryUnavailableError(LibraryError):
    """A team library's server cannot be reached (down, network gone, wrong address) or refused the login.
    Nothing was changed; what is being edited stays in the app."""


class ExportError(BriefdeskError):
    """A brief could not be exported; the message says why."""


class UnknownCitationError(ExportError):
    """The brief cites keys that are not in the library."""

    def __init__(self, missing: list[tuple[str, int]]) -> None:
        listing = ", ".join(f"{key} (line {line})" for key, line in missing)
        super().__init__(
            f"The brief cites {len(missing)} unknown key{'' if len(missing) == 1 else 's'}: {listing}."
        )
        self.missing = missing


class CheckFailedError(ExportError):
    """Export refused because the brief has check errors (use --force for a draft).

    The message lists the findings one per line; ``headline`` and ``findings`` hold its parts for a window
    that says how to export a draft in its own words."""

    MAX_LISTED = 20

    def __init__(self, findings: Sequence[str]) -> None:
        self.findings = list(findings)
        n = len(self.findings)
        self.headline = (
            f"The brief has {n} check error{'s' if n != 1 else ''}, so it is not exported as final:"
        )
        listed = [f"  {line}" for line in self.findings[: self.MAX_LISTED]]
        if n > self.MAX_LISTED:
            listed.append(f"  ... and {n - self.MAX_LISTED} more ('briefdesk check' lists them all)")
        super().__init__(
            "\n".join([self.headline, *listed, "Fix them, or export the brief as a draft with --force."])
        )


class CancelledError(BriefdeskError):
    """The user cancelled a long operation; nothing partial was stored."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)
