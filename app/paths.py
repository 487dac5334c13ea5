"""Where things live on disk (platformdirs), and resources loaded via importlib.resources."""

from __future__ import annotations

import os
import re
import stat
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

APP_DIR_NAME = "Briefdesk"
LIBRARY_FILENAME = "library.briefdesk"


def data_dir() -> Path:
    import platformdirs  # only where the default folders are asked for: a command given --library never is

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def default_library_path() -> Path:
    return data_dir() / LIBRARY_FILENAME


def resource(*parts: str) -> Traversable:
    """A Traversable for a file under the ``resources`` package (works frozen too)."""
    node = resources.files("resources")
    for p in parts:
        node = node.joinpath(p)
    return node


# --- paths given by the user ----------------------------------------------------------------------------
# What a file system accepts: a name (one path component) of at most 255 bytes, a path of at most 4096
# (Linux, macOS and NTFS through Python agree closely enough). Checked before the path is used, so an
# over-long name is one plain sentence, not an OSError deep in a library.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096
# Kernel interfaces that look like files: reading them can leak the environment or memory (/proc/self/environ,
# /proc/self/mem), block, or never end (/proc/kcore reports 128 TB). Never a document or a library.
SYSTEM_FOLDERS = ("/proc", "/sys")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:40] + "\u2026" + text[-30:]


def check_path(path: str | os.PathLike[str], what: str) -> Path:
    """A path the user gave, refused in plain words (ValidationError) before anything is opened when it is
    empty, holds a NUL, is longer than file systems allow, or lies under /proc or /sys."""
    from app.errors import ValidationError

    text = os.fspath(path)
    if not text.strip():
        raise ValidationError(f"The {what} is empty: give a file name.")
    if "\x00" in text:
        raise ValidationError(f"The {what} contains a NUL character, which no file name can hold.")
    encoded = os.fsencode(text)
    if len(encoded) > MAX_PATH_BYTES or any(len(part) > MAX_NAME_BYTES for part in encoded.split(b"/")):
        raise ValidationError(
            f"The {what} {_short(text)} is too long: a file name may have at most {MAX_NAME_BYTES} bytes and a "
            f"path {MAX_PATH_BYTES}."
        )
    p = Path(text).expanduser()
    if os.name == "posix":
        # both as written (/proc/self/fd/1 resolves to a terminal or a pipe) and resolved (a link into /proc)
        candidates = (os.path.abspath(p), os.path.realpath(p))
        for root in SYSTEM_FOLDERS:
            if any(c == root or c.startswith(root + "/") for c in candidates):
                raise ValidationError(
                    f"{_short(text)} is a system file (under {root}), not a document or a library; nothing "
                    "was read or written."
                )
    return p


_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]+):/")  # two letters at least: C:/ is a Windows drive
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def library_argument_problem(text: str, given_as: str) -> str:
    """Why ``text`` (the ``--library`` argument or ``$BRIEFDESK_LIBRARY``, named by ``given_as``) cannot name a
    library, in plain words; '' when it can. Caught before anything is opened or created, so a slip in a
    script (an unset variable, a stray line break, an address of the wrong kind) never makes a new library
    somewhere unexpected: empty or blank; a line break, tab or other control character; an address other
    than a team library's postgresql:// one (``sqlite:///x`` would otherwise make a folder named ``sqlite:``)."""
    from app.storage.address import SCHEMES

    if not text.strip() and given_as.startswith("$"):
        return (
            f"{given_as} holds only blanks; set it to a library file, or unset it to use the default library"
        )
    if not text.strip():
        return (
            f"{given_as} was given an empty path (an unset shell variable?); name a library file, or leave "
            "--library out to use $BRIEFDESK_LIBRARY or the default library"
        )
    bad = _CONTROL.search(text)
    if bad:
        return (
            f"{given_as} holds a control character ({bad.group()!r}) in {text!r}: a line break or tab in a "
            "library's name is almost always a quoting slip; name the library file without it"
        )
    scheme = _SCHEME.match(text)
    if scheme and scheme.group(1).lower() not in SCHEMES:
        return (
            f"{given_as} {text!r} is a {scheme.group(1)}: address; a library is a file path, or a team "
            "library's address postgresql://user@host:port/dbname"
        )
    return ""


def check_input_file(path: str | os.PathLike[str], what: str, *, max_bytes: int, purpose: str = "") -> Path:
    """check_path, then: it exists, is a regular file (not a folder, pipe or device) and is at most
    ``max_bytes`` long, all from its metadata: not a byte of it is read here."""
    from app.errors import ValidationError

    p = check_path(path, what)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise ValidationError(f"There is no {what} {p}.") from None
    except OSError as exc:
        raise ValidationError(f"The {what} {p} cannot be read: {exc.strerror or exc}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise ValidationError(f"The {what} {p} is a folder, not a file.")
    if not stat.S_ISREG(st.st_mode):
        raise ValidationError(f"The {what} {p} is not a regular file (a pipe, device or socket).")
    if st.st_size > max_bytes:
        raise ValidationError(
            f"The {what} {p} is too large{' ' + purpose if purpose else ''} ({st.st_size / 1e6:,.0f} MB; at most "
            f"{max_bytes / 1e6:,.0f} MB); "
            "nothing was read."
        )
    return p
