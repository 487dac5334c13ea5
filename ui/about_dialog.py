"""The About box: what Briefdesk is, and what it is not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

ABOUT_HTML = """
<h2>Briefdesk {version}</h2>
<p>An offline desktop editor for intelligence-style briefs, written from a local library of sourced,
graded claims: who said what, when, quoted verbatim from the source, with Admiralty grades (source
reliability A&ndash;F, claim credibility 1&ndash;6), linked as denials and corroborations and shown side by
side, so a judgment can be traced back to its sources.</p>
<p><b>What it is not.</b> Briefdesk is not an accredited system for classified material. Portion marks and
banners (classification levels, TLP) are text it helps you write consistently; they protect nothing. Do not
store or process classified information with it. It does not verify sources or claims: the grades are your
judgment.</p>
<p>Your library is one file on this computer; nothing is sent anywhere.<br>
Library: <code>{library}</code><br>
Log file: <code>{log}</code></p>
<p>Built with Python, Qt (PySide6), SQLite and SQLAlchemy. Licensed under the MIT licence.</p>
"""


def app_version() -> str:
    from app import __version__

    return __version__


class AboutDialog(QDialog):
    def __init__(self, *, library: str = "", log_file: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Briefdesk")
        self.text = QLabel(
            ABOUT_HTML.format(version=app_version(), library=library or "(none)", log=log_file), self
        )
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setMinimumWidth(520)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
