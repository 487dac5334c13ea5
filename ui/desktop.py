"""What the desktop around Briefdesk uses: the application that opens .docx files.

Asked of ``xdg-mime`` (freedesktop.org; Linux and the BSDs), off the GUI thread: the export dialog warns when
LibreOffice opens .docx files, because LibreOffice before 24.8 shows a document's endnotes page without
its header and footer, so the endnotes page lacks the classification or TLP banner.
"""

from __future__ import annotations

import shutil
import subprocess

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def default_docx_application(timeout: float = 3.0) -> str:
    """The desktop file of the default .docx application ("libreoffice-writer.desktop"), or "" when there is
    none or the desktop cannot say (no xdg-mime: Windows, macOS)."""
    tool = shutil.which("xdg-mime")
    if tool is None:
        return ""
    try:
        done = subprocess.run(
            [tool, "query", "default", DOCX_MIME],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip().splitlines()[0].strip() if done.returncode == 0 and done.stdout.strip() else ""


def is_libreoffice(desktop_file: str) -> bool:
    """libreoffice-writer.desktop, org.libreoffice.LibreOffice.writer.desktop (Flatpak), ..."""
    name = desktop_file.lower()
    return "libreoffice" in name or "openoffice" in name or name.startswith("soffice")
