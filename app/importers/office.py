"""Old and other word-processor files (.doc, .rtf, .odt) read through LibreOffice, when it is installed.

Briefdesk reads .docx itself. For Word 97-2003, RTF and OpenDocument text it asks LibreOffice, run headless with a
profile of its own (so an open LibreOffice window is neither used nor disturbed), to save a .docx copy, then
reads that copy as any .docx: the same checks, the same tracked changes and notes. The source keeps the file
as it was given. Without LibreOffice the refusal says what to do instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from app.importers.errors import ImportFormatError

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97-2003 files
_ENCRYPTED_DOC = "EncryptionInfo".encode("utf-16-le")
# a 300-page .doc converts in ~10 s; a file that takes longer is stuck (a dialog, a loop) or hostile (100,000
# RTF table rows ran for minutes). On the limit LibreOffice is killed with every process it started: killing
# the `soffice` script alone left soffice.bin converting on after the refusal.
CONVERT_SECONDS = 60

_KNOWN_PLACES = {
    "win32": [
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ],
    "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
}
NAMES = {
    ".doc": "Word 97-2003 document (.doc)",
    ".rtf": "Rich Text file (.rtf)",
    ".odt": "OpenDocument text (.odt)",
}


def libreoffice() -> str | None:
    """The LibreOffice program to convert with: $BRIEFDESK_SOFFICE, else on the PATH, else its usual place."""
    chosen = os.environ.get("BRIEFDESK_SOFFICE")
    if chosen is not None:
        return chosen or None  # set empty: do not use LibreOffice
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in _KNOWN_PLACES.get(sys.platform, []) if Path(p).is_file()), None)


def _checked(data: bytes, *, filename: str, ext: str) -> None:
    """Refuse what is not the kind of file its name says: LibreOffice reads anything it cannot parse as text,
    so a damaged .doc would come back as a page of noise."""
    if ext == ".doc":
        if not data.startswith(_OLE2):
            raise ImportFormatError(f"{filename}: this is not a Word document, or it is damaged")
        if "EncryptedPackage".encode("utf-16-le") in data[:1_000_000] or _ENCRYPTED_DOC in data[:1_000_000]:
            raise ImportFormatError(
                f"{filename}: the Word document is password-protected; open it in Word or LibreOffice, save "
                "it as .docx without a password, and import that"
            )
        if "WordDocument".encode("utf-16-le") not in data:
            raise ImportFormatError(f"{filename}: this is not a Word document, or it is damaged")
    elif ext == ".rtf" and data.lstrip()[:5] != b"{\\rtf":
        raise ImportFormatError(f"{filename}: this is not a Rich Text file (.rtf)")
    elif ext == ".odt" and not (data.startswith(b"PK\x03\x04") and b"opendocument.text" in data[:200]):
        raise ImportFormatError(f"{filename}: this is not an OpenDocument text file (.odt)")


def as_docx(data: bytes, *, filename: str, ext: str) -> bytes:
    """The file saved as .docx by LibreOffice; ImportFormatError in plain words when that cannot be done."""
    kind = NAMES.get(ext, f"'{ext}' file")
    _checked(data, filename=filename, ext=ext)
    program = libreoffice()
    if program is None:
        raise ImportFormatError(
            f"{filename}: this is a {kind}; Briefdesk reads it through LibreOffice, which is not installed. "
            "Install LibreOffice, or open the file in Word or LibreOffice, save it as .docx and import that"
        )
    with tempfile.TemporaryDirectory(prefix="briefdesk-convert-") as tmp:
        folder = Path(tmp)
        given = folder / f"document{ext}"
        given.write_bytes(data)
        out = folder / "out"
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(given),
        ]
        try:
            _run(command, CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            raise ImportFormatError(
                f"{filename}: LibreOffice did not finish converting this {kind} in {CONVERT_SECONDS} s and was "
                "stopped; save it as .docx in Word or LibreOffice and import that"
            ) from None
        except OSError as exc:
            raise ImportFormatError(
                f"{filename}: LibreOffice could not be started to read this {kind} ({exc.strerror or exc})"
            ) from None
        converted = out / "document.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise ImportFormatError(
                f"{filename}: LibreOffice could not read this {kind} (password-protected or damaged?); open it "
                "in Word or LibreOffice, save it as .docx without a password, and import that"
            )
        return converted.read_bytes()


def _run(command: list[str], seconds: float) -> None:
    """Run LibreOffice and wait at most ``seconds``; on the limit kill it and everything it started (it runs in
    a process group, or on Windows a process tree, of its own), then raise TimeoutExpired."""
    posix = os.name == "posix"
    child = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=posix,
        creationflags=0 if posix else getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),
    )
    try:
        child.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        if posix:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(child.pid)], capture_output=True, check=False)
            child.kill()
        child.wait()
        raise
