"""What else a claim's delete removes and its undo puts back, given to ``ClaimService`` by the Library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ClaimDependent:
    """Rows kept elsewhere about a claim (its rows and ratings in ACH matrices) that its delete removes:
    ``snapshot`` reads them in the delete's transaction, before the cascade, into ``Change.extra[key]``
    (nothing is kept when it returns a falsy value); ``restore`` puts them back when the delete is undone.
    Given to ClaimService by the Library, so that claims need not import the modules built on them."""

    key: str
    snapshot: Callable[[Session, int], Any]
    restore: Callable[[Session, Any, str], None]  # session, snapshot, who restores
